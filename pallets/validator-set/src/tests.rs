//! The validator set's rules, and the attacks on them: only the consortium changes the set; a
//! validator must be an account acting for an organisation in good standing, with session keys,
//! and is left out of the next session's set as soon as that stops being true; the set never
//! shrinks below its minimum or empties; a finality recovery forces GRANDPA exactly when the
//! set without the dead validators takes effect.

use crate::{
	mock::*, Error, Event, LeftOut, Operators, PendingRecovery, RecoveryDeferred, SessionManager,
};
use frame_support::{assert_noop, assert_ok, BoundedVec};

fn validators() -> Vec<u64> {
	crate::Validators::<Test>::get().into_inner()
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn add(who: u64, org: u32) -> sp_runtime::DispatchResult {
	ValidatorSet::add_validator(RuntimeOrigin::root(), who, org)
}

fn bounded(v: Vec<u64>) -> BoundedVec<u64, frame_support::traits::ConstU32<MAX>> {
	v.try_into().unwrap()
}

#[test]
fn only_the_consortium_changes_the_set() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [HOSPITAL, HOSPITAL_NODE, FOUNDERS[0]] {
			assert_noop!(
				ValidatorSet::add_validator(
					RuntimeOrigin::signed(who),
					HOSPITAL_NODE,
					HOSPITAL_ORG
				),
				Error::<Test>::NotConsortium
			);
			assert_noop!(
				ValidatorSet::remove_validator(RuntimeOrigin::signed(who), FOUNDERS[0]),
				Error::<Test>::NotConsortium
			);
			assert_noop!(
				ValidatorSet::recover_finality(
					RuntimeOrigin::signed(who),
					bounded(vec![FOUNDERS[0]]),
					5,
					0
				),
				Error::<Test>::NotConsortium
			);
		}
	});
}

#[test]
fn a_validator_is_an_agent_of_an_organisation_in_good_standing_with_session_keys() {
	ExtBuilder::default().build_and_execute(|| {
		// An account acting for nobody, or for another organisation than the one named.
		assert_noop!(add(STRANGER, HOSPITAL_ORG), Error::<Test>::NotAnAgentOfOrganisation);
		assert_noop!(add(INSURER_NODE, HOSPITAL_ORG), Error::<Test>::NotAnAgentOfOrganisation);
		assert_noop!(add(HOSPITAL_NODE, 7), Error::<Test>::NotAnAgentOfOrganisation);
		// No session keys yet.
		set_keys(HOSPITAL_NODE, false);
		assert_noop!(add(HOSPITAL_NODE, HOSPITAL_ORG), Error::<Test>::NoSessionKeys);
		set_keys(HOSPITAL_NODE, true);
		// A suspended organisation.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_noop!(
			add(HOSPITAL_NODE, HOSPITAL_ORG),
			Error::<Test>::OrganisationNotInGoodStanding
		);
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));

		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_eq!(validators(), vec![1, 2, 3, HOSPITAL_NODE]);
		assert_eq!(Operators::<Test>::get(HOSPITAL_NODE), Some(HOSPITAL_ORG));
		assert_eq!(
			events(),
			vec![Event::ValidatorAdded { validator: HOSPITAL_NODE, organisation: HOSPITAL_ORG }]
		);
		assert_noop!(add(HOSPITAL_NODE, HOSPITAL_ORG), Error::<Test>::AlreadyValidator);
		// The admin of an organisation may run its node too.
		set_keys(INSURER, true);
		assert_ok!(add(INSURER, INSURER_ORG));
		assert_ok!(add(INSURER_NODE, INSURER_ORG));
		// Six is the most.
		assert_eq!(validators().len(), MAX as usize);
		set_keys(HOSPITAL, true);
		assert_noop!(add(HOSPITAL, HOSPITAL_ORG), Error::<Test>::TooManyValidators);
	});
}

#[test]
fn removal_keeps_the_minimum() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), STRANGER),
			Error::<Test>::NotValidator
		);
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), HOSPITAL_NODE));
		assert_eq!(Operators::<Test>::get(HOSPITAL_NODE), None);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), FOUNDERS[0]));
		assert_eq!(validators(), vec![2, 3]);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), FOUNDERS[1]),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(events().last(), Some(&Event::ValidatorRemoved { validator: FOUNDERS[0] }));
	});
}

#[test]
fn a_change_reaches_the_session_after_next_and_an_unchanged_set_is_not_handed_again() {
	ExtBuilder::default().build_and_execute(|| {
		// Nothing changed since genesis: the session keeps its set.
		assert_eq!(ValidatorSet::new_session(2), None);
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(3), Some(vec![1, 2, 3, HOSPITAL_NODE]));
		assert_eq!(
			events().last(),
			Some(&Event::ValidatorSetQueued {
				session: 3,
				validators: vec![1, 2, 3, HOSPITAL_NODE]
			})
		);
		assert_eq!(ValidatorSet::new_session(4), None);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(ValidatorSet::new_session(5), Some(vec![1, 3, HOSPITAL_NODE]));
	});
}

#[test]
fn a_validator_leaves_the_next_set_when_its_organisation_or_its_agency_or_its_keys_end() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_ok!(add(INSURER_NODE, INSURER_ORG));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3, HOSPITAL_NODE, INSURER_NODE]));

		// The consortium suspends the hospital: its node is left out of the next set, checked
		// when the set is made, without anyone removing it.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(3), Some(vec![1, 2, 3, INSURER_NODE]));
		assert!(events().contains(&Event::ValidatorLeftOut {
			validator: HOSPITAL_NODE,
			reason: LeftOut::OrganisationNotInGoodStanding,
			session: 3,
		}));
		// Reinstated: back in.
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(4), Some(vec![1, 2, 3, HOSPITAL_NODE, INSURER_NODE]));

		// The insurer's node account stops acting for the insurer (it leaves).
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(INSURER_NODE), INSURER_ORG));
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(5), Some(vec![1, 2, 3, HOSPITAL_NODE]));
		assert!(events().contains(&Event::ValidatorLeftOut {
			validator: INSURER_NODE,
			reason: LeftOut::NoLongerAnAgent,
			session: 5,
		}));
		// …and joining another organisation does not bring it back.
		assert_ok!(Registry::add_agent(
			RuntimeOrigin::signed(HOSPITAL),
			HOSPITAL_ORG,
			INSURER_NODE
		));
		assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(INSURER_NODE), HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(6), None);

		// Keys purged: left out.
		set_keys(HOSPITAL_NODE, false);
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(7), Some(vec![1, 2, 3]));
		assert!(events().contains(&Event::ValidatorLeftOut {
			validator: HOSPITAL_NODE,
			reason: LeftOut::NoSessionKeys,
			session: 7,
		}));
	});
}

/// Item 14 of the second review: a founding validator named with its organisation in genesis
/// (as a members file names it) is left out when that organisation's standing or its agency
/// ends, like any validator the consortium added; one with no organisation stays.
#[test]
fn a_founding_validator_with_an_organisation_leaves_when_it_ends() {
	ExtBuilder::default().founder_runs_for_the_hospital().build_and_execute(|| {
		assert_eq!(Operators::<Test>::get(1), Some(HOSPITAL_ORG));
		assert_eq!(Operators::<Test>::get(2), None);
		assert_eq!(ValidatorSet::new_session(1), None);

		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(2), Some(vec![2, 3]));
		assert!(events().contains(&Event::ValidatorLeftOut {
			validator: 1,
			reason: LeftOut::OrganisationNotInGoodStanding,
			session: 2,
		}));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(3), Some(vec![1, 2, 3]));

		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(1), HOSPITAL_ORG));
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(4), Some(vec![2, 3]));
		assert!(events().contains(&Event::ValidatorLeftOut {
			validator: 1,
			reason: LeftOut::NoLongerAnAgent,
			session: 4,
		}));
	});
}

#[test]
fn when_too_few_are_eligible_the_set_stays_and_never_readmits_nor_empties() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_ok!(add(INSURER_NODE, INSURER_ORG));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![3, HOSPITAL_NODE, INSURER_NODE]));
		// The hospital is suspended: its node leaves (two eligible remain, the minimum).
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(3), Some(vec![3, INSURER_NODE]));
		// The insurer's node purges its keys: one eligible, below the minimum. The set stays
		// as it is — and the suspended hospital's node is not brought back.
		set_keys(INSURER_NODE, false);
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(4), None);
		assert_eq!(events(), vec![Event::ValidatorSetKept { session: 4, eligible: 1 }]);
		assert_eq!(crate::Queued::<Test>::get().into_inner(), vec![3, INSURER_NODE]);
		// Nobody has keys: still kept, never empty.
		set_keys(3, false);
		assert_eq!(ValidatorSet::new_session(5), None);
		assert_eq!(crate::Queued::<Test>::get().into_inner(), vec![3, INSURER_NODE]);
		// Enough eligible again: the set follows.
		set_keys(3, true);
		set_keys(INSURER_NODE, true);
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(6), Some(vec![3, HOSPITAL_NODE, INSURER_NODE]));
	});
}

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

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	sp_io::TestExternalities::default().execute_with(|| {
		<ValidatorSet as Hooks<u64>>::integrity_test();
	});
}
