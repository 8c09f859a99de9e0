//! The attacks the threat model names: a sponsor lowering the budget to keep a patient in, a
//! sponsored account joining an organisation, an agreement used again after the patient
//! signed.

use super::*;

/// A rogue agent sets a patient's budget to nothing: the patient still leaves, paid for by
/// the sponsor past the budget, and can be sponsored by someone else.
#[test]
fn attack_a_sponsor_cannot_keep_a_patient_in_by_lowering_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		assert_ok!(Sponsorship::set_budget(RuntimeOrigin::signed(AGENT), PATIENT, 0));
		assert_eq!(
			submit(PATIENT, 0, 0, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(OVER_BUDGET))
		);
		let leave = RuntimeCall::Sponsorship(crate::Call::end_sponsorship { patient: PATIENT });
		assert_ok!(submit(PATIENT, 0, 0, leave).unwrap());
		assert!(Sponsorships::<Test>::get(PATIENT).is_none());
		// Leaving for someone else is not paid past the budget.
		sponsor(OTHER_PATIENT, 1_000);
		assert_ok!(Sponsorship::set_budget(RuntimeOrigin::signed(AGENT), OTHER_PATIENT, 0));
		sponsor(PATIENT, 0);
		let for_other =
			RuntimeCall::Sponsorship(crate::Call::end_sponsorship { patient: OTHER_PATIENT });
		assert_eq!(
			submit(PATIENT, 1, 0, for_other).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(OVER_BUDGET))
		);
	});
}

/// A sponsored account that becomes an agent of an organisation is no longer paid for: a
/// sponsor pays for patients, checked at each use.
#[test]
fn attack_a_sponsored_account_that_joins_an_organisation_is_not_paid_for() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		Registry::add_agent(RuntimeOrigin::signed(OTHER), OTHER_ORG, PATIENT).unwrap();
		// Joining costs the agent deposit, which the account pays itself.
		Balances::set_balance(&PATIENT, 1_000);
		Registry::accept_invitation(RuntimeOrigin::signed(PATIENT), OTHER_ORG).unwrap();
		let (own, pot_before) =
			(Balances::balance(&PATIENT), Balances::balance(&pot(HOSPITAL_ORG)));
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		assert_eq!(Balances::balance(&pot(HOSPITAL_ORG)), pot_before);
		assert_eq!(Balances::balance(&PATIENT), own - remark_fee());
		assert_eq!(deposit_payer(PATIENT, 1), Ok(PATIENT));
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().spent, 0);
	});
}

/// The agreement commits to the patient's nonce: once the patient has signed a transaction
/// (leaving, say), the organisation cannot use it again.
#[test]
fn attack_an_agreement_is_spent_once_the_patient_signs() {
	ExtBuilder::default().build_and_execute(|| {
		let signature = agreement(HOSPITAL_ORG, PATIENT, 5);
		assert_ok!(Sponsorship::sponsor(
			RuntimeOrigin::signed(AGENT),
			PATIENT,
			1_000,
			5,
			signature.clone()
		));
		let leave = RuntimeCall::Sponsorship(crate::Call::end_sponsorship { patient: PATIENT });
		assert_ok!(submit(PATIENT, 0, 0, leave).unwrap());
		assert_noop!(
			Sponsorship::sponsor(RuntimeOrigin::signed(AGENT), PATIENT, 1_000, 5, signature),
			Error::<Test>::BadSignature
		);
	});
}
