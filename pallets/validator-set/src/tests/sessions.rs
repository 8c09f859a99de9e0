//! The set each session gets: a change reaches the session after next, a validator is left out
//! as soon as it stops being eligible, and when too few are eligible the set stays as it is.

use super::*;

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
			reason: LeftOut::Standing(StandingError::OrganisationSuspended),
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
			reason: LeftOut::Standing(StandingError::NotAnAgent),
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

#[test]
fn a_validator_is_left_out_once_its_organisations_accreditation_runs_out_without_a_transaction() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(add(HOSPITAL_NODE, HOSPITAL_ORG));
		assert_eq!(ValidatorSet::left_out(&HOSPITAL_NODE), None);
		// The hospital's only accreditation runs out: nobody acts, the reason is precise.
		Now::set(START + 401 * DAY);
		assert_eq!(
			ValidatorSet::left_out(&HOSPITAL_NODE),
			Some(LeftOut::Standing(StandingError::NoAccreditationInForce))
		);
		// A founding validator without an organisation stays.
		assert_eq!(ValidatorSet::left_out(&1), None);
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
			reason: LeftOut::Standing(StandingError::OrganisationSuspended),
			session: 2,
		}));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(ValidatorSet::new_session(3), Some(vec![1, 2, 3]));

		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(1), HOSPITAL_ORG));
		System::reset_events();
		assert_eq!(ValidatorSet::new_session(4), Some(vec![2, 3]));
		assert!(events().contains(&Event::ValidatorLeftOut {
			validator: 1,
			reason: LeftOut::Standing(StandingError::NotAnAgent),
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
