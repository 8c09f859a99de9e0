//! Finality recovery: GRANDPA is forced exactly when the set without the dead validators takes
//! effect, and not while it cannot be.

use super::*;

#[test]
fn a_finality_recovery_forces_grandpa_when_the_set_without_the_dead_takes_effect() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3, HOSPITAL_NODE]));
		let recover = |remove: Vec<u64>, best: u64| {
			ValidatorSet::recover_finality(RuntimeOrigin::root(), bounded(remove), best, 3)
		};
		// Refusals change nothing.
		assert_noop!(recover(vec![1], 11), Error::<Test>::FinalizedInFuture);
		assert_noop!(recover(vec![1, STRANGER], 5), Error::<Test>::NotValidator);
		assert_noop!(recover(vec![1, 1], 5), Error::<Test>::DuplicateValidator);
		assert_noop!(recover(vec![1, 2, 3], 5), Error::<Test>::TooFewValidators);
		assert_noop!(
			ValidatorSet::recover_finality(RuntimeOrigin::root(), bounded(vec![1]), 7, 6),
			Error::<Test>::DelayTooLong
		);

		// Two of four are dead for good: the consortium removes them and orders the recovery.
		assert_ok!(recover(vec![1, HOSPITAL_NODE], 7));
		assert_eq!(validators(), vec![2, 3]);
		assert_eq!(Operators::<Test>::get(HOSPITAL_NODE), None);
		assert_eq!(
			events().last(),
			Some(&Event::FinalityRecoveryOrdered {
				removed: vec![1, HOSPITAL_NODE],
				best_finalized: 7,
				delay: 3
			})
		);
		assert_noop!(recover(vec![2], 7), Error::<Test>::RecoveryPending);

		// Session 1 ends: `pallet-session` starts session 2 (planned before the order), then
		// plans session 3 with the set without the dead. GRANDPA is not forced yet: session 2
		// still has the dead validators.
		ValidatorSet::end_session(1);
		ValidatorSet::start_session(2);
		assert_eq!(ValidatorSet::new_session(3), Some(vec![2, 3]));
		assert!(stalled().is_empty());
		assert_eq!(PendingRecovery::<Test>::get().and_then(|r| r.session), Some(3));
		// Session 3 starts with that set: GRANDPA is forced to it, once.
		ValidatorSet::end_session(2);
		ValidatorSet::start_session(3);
		assert_eq!(stalled(), vec![(3, 7)]);
		assert_eq!(events().last(), Some(&Event::FinalityRecoveryStarted { session: 3 }));
		assert!(PendingRecovery::<Test>::get().is_none());
		assert_eq!(ValidatorSet::new_session(4), None);
		ValidatorSet::start_session(4);
		assert_eq!(stalled(), vec![(3, 7)]);
	});
}

#[test]
fn a_recovery_that_removes_nobody_forces_grandpa_to_the_same_set() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::recover_finality(RuntimeOrigin::root(), bounded(vec![]), 9, 0));
		assert_eq!(ValidatorSet::new_session(2), None);
		ValidatorSet::start_session(2);
		assert_eq!(stalled(), vec![(0, 9)]);
	});
}

/// Item 15 of the second review: a recovery whose target session has too few eligible
/// validators kept the old set and forced GRANDPA back onto it, announcing that the recovery
/// started. Now the recovery is deferred (and says so) until a session gets the eligible set,
/// and only then handed to GRANDPA.
#[test]
fn a_recovery_waits_for_a_session_with_enough_eligible_validators() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3, HOSPITAL_NODE]));
		assert_ok!(ValidatorSet::recover_finality(
			RuntimeOrigin::root(),
			bounded(vec![1, 2]),
			7,
			3
		));
		// One of the two left has lost its session keys: one eligible, below the minimum.
		set_keys(3, false);
		ValidatorSet::start_session(2);
		assert_eq!(ValidatorSet::new_session(3), None);
		assert!(events().contains(&Event::FinalityRecoveryDeferred {
			session: 3,
			reason: RecoveryDeferred::TooFewEligible { eligible: 1 },
		}));
		ValidatorSet::start_session(3);
		assert!(stalled().is_empty(), "GRANDPA forced onto the kept, stalled set");
		assert!(!events().iter().any(|e| matches!(e, Event::FinalityRecoveryStarted { .. })));
		// The keys are back: the next session gets the eligible set, and the recovery with it.
		set_keys(3, true);
		assert_eq!(ValidatorSet::new_session(4), Some(vec![3, HOSPITAL_NODE]));
		ValidatorSet::start_session(4);
		assert_eq!(stalled(), vec![(3, 7)]);
		assert_eq!(events().last(), Some(&Event::FinalityRecoveryStarted { session: 4 }));
		assert!(PendingRecovery::<Test>::get().is_none());
	});
}

/// And when GRANDPA would refuse the forced change (another change pending, or too soon after
/// the last forced one), the recovery is not announced as started: it is deferred to the next
/// session change, and tried again there.
#[test]
fn a_recovery_grandpa_refuses_is_deferred_and_tried_again() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::recover_finality(RuntimeOrigin::root(), bounded(vec![]), 9, 0));
		assert_eq!(ValidatorSet::new_session(2), None);
		grandpa_refuses(RecoveryDeferred::TooSoon);
		ValidatorSet::start_session(2);
		assert!(stalled().is_empty());
		assert_eq!(
			events().last(),
			Some(&Event::FinalityRecoveryDeferred {
				session: 2,
				reason: RecoveryDeferred::TooSoon
			})
		);
		assert!(PendingRecovery::<Test>::get().is_some_and(|r| r.session.is_none()));
		assert_eq!(ValidatorSet::new_session(3), None);
		ValidatorSet::start_session(3);
		assert_eq!(stalled(), vec![(0, 9)]);
		assert_eq!(events().last(), Some(&Event::FinalityRecoveryStarted { session: 3 }));
	});
}
