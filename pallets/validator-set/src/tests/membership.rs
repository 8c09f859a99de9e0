//! Who is a validator: only the consortium adds and removes one; a validator must be an account
//! acting for an organisation in good standing, with session keys; the set never shrinks below
//! its minimum.

use super::*;

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
		assert_noop!(
			add(STRANGER, HOSPITAL_ORG),
			Error::<Test>::Standing(StandingError::NotAnAgent)
		);
		assert_noop!(
			add(INSURER_NODE, HOSPITAL_ORG),
			Error::<Test>::Standing(StandingError::NotAnAgent)
		);
		assert_noop!(add(HOSPITAL_NODE, 7), Error::<Test>::Standing(StandingError::NotAnAgent));
		// No session keys yet.
		set_keys(HOSPITAL_NODE, false);
		assert_noop!(add(HOSPITAL_NODE, HOSPITAL_ORG), Error::<Test>::NoSessionKeys);
		set_keys(HOSPITAL_NODE, true);
		// A suspended organisation.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_noop!(
			add(HOSPITAL_NODE, HOSPITAL_ORG),
			Error::<Test>::Standing(StandingError::OrganisationSuspended)
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
