//! [`ChargeSponsored`](crate::ChargeSponsored) run as a block would run it: who pays a fee,
//! the budget per period, tips, and a sponsor out of good standing.

use super::*;

#[test]
fn a_sponsored_patient_who_holds_nothing_acts_and_the_sponsor_pays_the_fee() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let before = Balances::balance(&pot(HOSPITAL_ORG));
		let fee = remark_fee();
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		assert_eq!(Balances::balance(&pot(HOSPITAL_ORG)), before - fee);
		assert_eq!(Balances::total_balance(&PATIENT), 0);
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().spent, fee);
		assert_eq!(System::account_nonce(PATIENT), 1);
		System::assert_has_event(
			pallet_transaction_payment::Event::TransactionFeePaid {
				who: pot(HOSPITAL_ORG),
				actual_fee: fee,
				tip: 0,
			}
			.into(),
		);
		// Replayed: the nonce was used.
		assert_eq!(
			submit(PATIENT, 0, 0, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Stale)
		);
	});
}

#[test]
fn an_account_nobody_sponsors_and_that_holds_nothing_can_do_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// Not even sign: it does not exist.
		assert_eq!(
			submit(PATIENT, 0, 0, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Payment)
		);
		// Kept in existence after a sponsorship in which it signed, it still cannot pay.
		sponsor(PATIENT, 1_000);
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		assert_ok!(Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), PATIENT));
		assert_eq!(
			submit(PATIENT, 1, 0, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Payment)
		);
	});
}

#[test]
fn a_sponsor_pays_only_for_the_patients_own_calls_and_never_a_tip() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: RICH,
			value: 1,
		});
		assert_eq!(
			submit(PATIENT, 0, 0, transfer).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Payment)
		);
		assert_eq!(
			submit(PATIENT, 0, 1, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(TIP_NOT_SPONSORED))
		);
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().spent, 0);
	});
}

#[test]
fn a_patient_with_funds_who_is_not_sponsored_pays_for_themself() {
	ExtBuilder::default().build_and_execute(|| {
		Balances::set_balance(&PATIENT, 1_000);
		let fee = remark_fee();
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		assert_eq!(Balances::balance(&PATIENT), 1_000 - fee);
	});
}

/// A call charged afterwards for less than it was weighed for (a patient's own consent grant,
/// charged for its case) spends of the budget only what the sponsor's account paid: the
/// budget and the account agree.
#[test]
fn a_fee_refunded_after_the_call_goes_back_to_the_budget() {
	use sp_runtime::traits::DispatchTransaction;
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let before = Balances::balance(&pot(HOSPITAL_ORG));
		let call = remark();
		// Weighed for 100 ms more than the call turns out to use (a fee of 100 more).
		let mut info = call.get_dispatch_info();
		let used = info.call_weight;
		let more = frame_support::weights::Weight::from_parts(100_000_000_000, 0);
		info.call_weight = used.saturating_add(more);
		let counted = pallet_transaction_payment::Pallet::<Test>::compute_fee(100, &info, 0);
		let post = frame_support::dispatch::PostDispatchInfo {
			actual_weight: Some(used),
			pays_fee: frame_support::dispatch::Pays::Yes,
		};
		let actual =
			pallet_transaction_payment::Pallet::<Test>::compute_actual_fee(100, &info, &post, 0);
		assert_eq!(actual + 100, counted);
		assert_ok!(ChargeSponsored::<Test>::from(0)
			.test_run(RuntimeOrigin::signed(PATIENT), &call, &info, 100, 0, |_| Ok(post))
			.unwrap());
		assert_eq!(Balances::balance(&pot(HOSPITAL_ORG)), before - actual);
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().spent, actual);
	});
}

#[test]
fn a_sponsored_patient_cannot_spend_more_than_the_budget_per_period() {
	ExtBuilder::default().build_and_execute(|| {
		let fee = remark_fee();
		sponsor(PATIENT, 2 * fee);
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		assert_ok!(submit(PATIENT, 1, 0, remark()).unwrap());
		let before = Balances::balance(&pot(HOSPITAL_ORG));
		assert_eq!(
			submit(PATIENT, 2, 0, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(OVER_BUDGET))
		);
		assert_eq!(Balances::balance(&pot(HOSPITAL_ORG)), before);
		// A deposit is refused too.
		assert_eq!(deposit_payer(PATIENT, 1), Err(SponsorshipError::OverBudget));
		// The next period begins PERIOD blocks after this one did.
		System::set_block_number(1 + PERIOD);
		assert_ok!(submit(PATIENT, 2, 0, remark()).unwrap());
		let sponsorship = Sponsorships::<Test>::get(PATIENT).unwrap();
		assert_eq!((sponsorship.period_start, sponsorship.spent), (1 + PERIOD, fee));
		// The sponsor raises the budget.
		assert_ok!(Sponsorship::set_budget(RuntimeOrigin::signed(HOSPITAL), PATIENT, 3 * fee));
		System::assert_last_event(
			Event::BudgetSet {
				patient: PATIENT,
				sponsor: HOSPITAL_ORG,
				by: HOSPITAL,
				budget: 3 * fee,
			}
			.into(),
		);
		assert_ok!(submit(PATIENT, 3, 0, remark()).unwrap());
		assert_ok!(submit(PATIENT, 4, 0, remark()).unwrap());
	});
}

#[test]
fn a_sponsor_out_of_good_standing_pays_nothing_until_it_is_back() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(
			submit(PATIENT, 0, 0, remark()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Payment)
		);
		// Deposits fall back on the patient, who holds nothing.
		assert_eq!(deposit_payer(PATIENT, 1), Ok(PATIENT));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
	});
}

/// Past the budget (or with a tip), a patient who has funds pays for themself, fee and
/// deposit: a sponsor's limit never stops a patient who can pay.
#[test]
fn past_the_budget_a_patient_with_funds_pays_for_themself() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 0);
		Balances::set_balance(&PATIENT, 1_000);
		let fee = remark_fee();
		let pot_before = Balances::balance(&pot(HOSPITAL_ORG));
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		assert_eq!(Balances::balance(&PATIENT), 1_000 - fee);
		assert_eq!(Balances::balance(&pot(HOSPITAL_ORG)), pot_before);
		assert_eq!(deposit_payer(PATIENT, 10), Ok(PATIENT));
		// A tip too.
		assert_ok!(submit(PATIENT, 1, 3, remark()).unwrap());
		assert_eq!(Balances::balance(&PATIENT), 1_000 - 2 * fee - 3);
	});
}
