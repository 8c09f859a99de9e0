//! [`DepositPayer`](crate::DepositPayer): the sponsor pays the deposits of a transaction it
//! pays for, within the budget; otherwise the account pays its own.

use super::*;

#[test]
fn deposits_are_paid_by_the_sponsor_within_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 100);
		assert_eq!(deposit_payer(PATIENT, 60), Ok(pot(HOSPITAL_ORG)));
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().spent, 60);
		assert_eq!(deposit_payer(PATIENT, 41), Err(SponsorshipError::OverBudget));
		// Two deposits in one transaction count together.
		in_transaction_of(PATIENT, || {
			assert_eq!(
				<Pallet as DepositPayer<u64, u64>>::payer(&PATIENT, 30),
				Ok(pot(HOSPITAL_ORG))
			);
			assert_eq!(
				<Pallet as DepositPayer<u64, u64>>::payer(&PATIENT, 30),
				Err(SponsorshipError::OverBudget)
			);
		});
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().spent, 90);
		// An account nobody sponsors pays its own.
		assert_eq!(deposit_payer(RICH, 41), Ok(RICH));
		// Outside a transaction its sponsor pays for (its fee paid by itself, a tip, say), a
		// sponsored patient pays its own deposits too: one payer per transaction.
		assert_eq!(<Pallet as DepositPayer<u64, u64>>::payer(&PATIENT, 1), Ok(PATIENT));
		// Inside another account's sponsored transaction, too.
		in_transaction_of(PATIENT, || {
			assert_eq!(<Pallet as DepositPayer<u64, u64>>::payer(&RICH, 1), Ok(RICH));
		});
	});
}
