//! Unit tests of the sponsorship pallet: every call, every refusal, and the fee extension run
//! as a block would run it (the signer's nonce checked first).

use crate::{
	mock::*, sponsorship_message, ChargeSponsored, DepositPayer, Error, Event, HoldReason,
	KeptAlive, SponsoredBy, SponsorshipError, Sponsorships, OVER_BUDGET, TIP_NOT_SPONSORED,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchInfo, GetDispatchInfo},
	traits::fungible::{Inspect, InspectHold, Mutate},
};
use sp_runtime::{
	testing::TestSignature,
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

type Pallet = crate::Pallet<Test>;

fn pot(org: u32) -> u64 {
	Pallet::sponsor_account(org)
}

fn agreement(org: u32, patient: u64, valid_until: u64) -> TestSignature {
	let genesis = System::block_hash(0);
	let nonce = System::account_nonce(patient);
	TestSignature(patient, sponsorship_message(&genesis, &org, &patient, &nonce, &valid_until))
}

/// The hospital's agent sponsors `patient` with `budget` per period.
fn sponsor(patient: u64, budget: u64) {
	assert_ok!(Sponsorship::sponsor(
		RuntimeOrigin::signed(AGENT),
		patient,
		budget,
		5,
		agreement(HOSPITAL_ORG, patient, 5)
	));
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 10] })
}

/// Run `call` signed by `who` at nonce `nonce` through the nonce check and the fee extension,
/// with tip `tip`, as a block would.
fn submit(
	who: u64,
	nonce: u32,
	tip: u64,
	call: RuntimeCall,
) -> Result<
	sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>,
	TransactionValidityError,
> {
	let info: DispatchInfo = call.get_dispatch_info();
	(frame_system::CheckNonce::<Test>::from(nonce), ChargeSponsored::<Test>::from(tip))
		.dispatch_transaction(RuntimeOrigin::signed(who), call, &info, 100, 0)
}

/// What one remark costs: weight fee plus length fee (both the identity).
fn remark_fee() -> u64 {
	let info = remark().get_dispatch_info();
	pallet_transaction_payment::Pallet::<Test>::compute_fee(100, &info, 0)
}

/// `body` as if inside a transaction of `patient` that [`ChargeSponsored`] charged to its
/// sponsor (a fee of 0), when a sponsor pays for it: deposits come from the same sponsorship,
/// written back at the end, as the extension's post-dispatch does.
fn in_transaction_of<R>(patient: u64, body: impl FnOnce() -> R) -> R {
	if let Some(sponsorship) = Pallet::paying_sponsorship(&patient) {
		Pallet::begin_paying(&patient, sponsorship, 0);
	}
	let result = body();
	Pallet::finish_paying(|| 0);
	result
}

/// [`DepositPayer::payer`] for `who` and `amount`, inside a transaction of `who`.
fn deposit_payer(who: u64, amount: u64) -> Result<u64, SponsorshipError> {
	in_transaction_of(who, || <Pallet as DepositPayer<u64, u64>>::payer(&who, amount))
}

#[test]
fn an_agent_sponsors_a_patient_who_agreed() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let sponsorship = Sponsorships::<Test>::get(PATIENT).unwrap();
		assert_eq!(sponsorship.sponsor, HOSPITAL_ORG);
		assert_eq!(sponsorship.budget, 1_000);
		assert!(SponsoredBy::<Test>::contains_key(HOSPITAL_ORG, PATIENT));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::SponsorshipDeposit.into(), &pot(HOSPITAL_ORG)),
			DEPOSIT
		);
		// The patient holds nothing and yet exists, so that it can sign.
		assert_eq!(Balances::total_balance(&PATIENT), 0);
		assert_eq!(System::sufficients(&PATIENT), 1);
		System::assert_last_event(
			Event::Sponsored { patient: PATIENT, sponsor: HOSPITAL_ORG, by: AGENT, budget: 1_000 }
				.into(),
		);
	});
}

#[test]
fn sponsoring_is_refused_without_the_patients_fresh_agreement() {
	ExtBuilder::default().build_and_execute(|| {
		let sponsor_with = |who, patient, until, signature| {
			Sponsorship::sponsor(RuntimeOrigin::signed(who), patient, 1_000, until, signature)
		};
		// Signed for another organisation, or by another account.
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 5, agreement(OTHER_ORG, PATIENT, 5)),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 5, agreement(HOSPITAL_ORG, OTHER_PATIENT, 5)),
			Error::<Test>::BadSignature
		);
		// Signed for another validity than the one given.
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 6, agreement(HOSPITAL_ORG, PATIENT, 5)),
			Error::<Test>::BadSignature
		);
		// Expired, or valid for too long.
		System::set_block_number(6);
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 5, agreement(HOSPITAL_ORG, PATIENT, 5)),
			Error::<Test>::AgreementExpired
		);
		let too_far = 6 + AGREEMENT_LIFE + 1;
		assert_noop!(
			sponsor_with(AGENT, PATIENT, too_far, agreement(HOSPITAL_ORG, PATIENT, too_far)),
			Error::<Test>::AgreementTooLong
		);
	});
}

#[test]
fn only_an_agent_of_an_organisation_in_good_standing_sponsors_and_never_its_own() {
	ExtBuilder::default().build_and_execute(|| {
		let try_sponsor = |who: u64, org: u32, patient: u64| {
			Sponsorship::sponsor(
				RuntimeOrigin::signed(who),
				patient,
				1_000,
				5,
				agreement(org, patient, 5),
			)
		};
		assert_noop!(try_sponsor(RICH, HOSPITAL_ORG, PATIENT), Error::<Test>::NotAnAgent);
		assert_noop!(
			try_sponsor(UNACCREDITED, UNACCREDITED_ORG, PATIENT),
			Error::<Test>::NotInGoodStanding
		);
		assert_noop!(try_sponsor(AGENT, HOSPITAL_ORG, HOSPITAL), Error::<Test>::OwnAgent);
		// The other hospital's sponsor account is empty.
		assert_noop!(try_sponsor(OTHER, OTHER_ORG, PATIENT), Error::<Test>::InsufficientFunds);
		// One sponsor per account.
		sponsor(PATIENT, 1_000);
		Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 1_000).unwrap();
		assert_noop!(try_sponsor(OTHER, OTHER_ORG, PATIENT), Error::<Test>::AlreadySponsored);
	});
}

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

#[test]
fn the_patient_or_the_sponsor_ends_a_sponsorship_and_nothing_else_goes() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		sponsor(OTHER_PATIENT, 1_000);
		assert_noop!(
			Sponsorship::end_sponsorship(RuntimeOrigin::signed(OTHER), PATIENT),
			Error::<Test>::NotTheSponsor
		);
		assert_noop!(
			Sponsorship::end_sponsorship(RuntimeOrigin::signed(OTHER_PATIENT), PATIENT),
			Error::<Test>::NotTheSponsor
		);
		assert_noop!(
			Sponsorship::set_budget(RuntimeOrigin::signed(OTHER), PATIENT, 1),
			Error::<Test>::NotTheSponsor
		);
		// The patient leaves, in a transaction the sponsor pays for.
		assert_ok!(submit(
			PATIENT,
			0,
			0,
			RuntimeCall::Sponsorship(crate::Call::end_sponsorship { patient: PATIENT })
		)
		.unwrap());
		System::assert_has_event(
			Event::SponsorshipEnded { patient: PATIENT, sponsor: HOSPITAL_ORG, by: PATIENT }.into(),
		);
		// It signed once, so it is kept (its nonce never goes back to zero).
		assert!(KeptAlive::<Test>::contains_key(PATIENT));
		assert_eq!(System::account_nonce(PATIENT), 1);
		// The agent ends the other one, which never signed: let go.
		assert_ok!(Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), OTHER_PATIENT));
		assert!(!KeptAlive::<Test>::contains_key(OTHER_PATIENT));
		assert!(!frame_system::Account::<Test>::contains_key(OTHER_PATIENT));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::SponsorshipDeposit.into(), &pot(HOSPITAL_ORG)),
			0
		);
		assert_noop!(
			Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), PATIENT),
			Error::<Test>::NotSponsored
		);
		// Sponsored again while the agreement holds; not after it.
		sponsor(PATIENT, 1_000);
		assert_eq!(System::sufficients(&PATIENT), 1);
		assert_ok!(Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), PATIENT));
		System::set_block_number(6);
		assert_noop!(
			Sponsorship::sponsor(
				RuntimeOrigin::signed(AGENT),
				PATIENT,
				1_000,
				5,
				agreement(HOSPITAL_ORG, PATIENT, 5)
			),
			Error::<Test>::AgreementExpired
		);
	});
}

#[test]
fn anyone_funds_a_sponsor_account_and_only_its_admin_takes_from_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Sponsorship::fund(RuntimeOrigin::signed(RICH), 99, 10),
			Error::<Test>::OrganisationNotFound
		);
		assert_noop!(
			Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 500));
		System::assert_last_event(
			Event::Funded { organisation: OTHER_ORG, by: RICH, amount: 500 }.into(),
		);
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(AGENT), 10),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(RICH), 10),
			Error::<Test>::NotAnAgent
		);
		// The account keeps its existential deposit.
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(OTHER), 500),
			Error::<Test>::InsufficientFunds
		);
		let before = Balances::balance(&OTHER);
		assert_ok!(Sponsorship::withdraw(RuntimeOrigin::signed(OTHER), 400));
		assert_eq!(Balances::balance(&OTHER), before + 400);
		System::assert_last_event(
			Event::Withdrawn { organisation: OTHER_ORG, by: OTHER, amount: 400 }.into(),
		);
	});
}

#[test]
fn a_withdrawal_never_takes_what_is_held_as_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let free = Balances::balance(&pot(HOSPITAL_ORG));
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(HOSPITAL), free),
			Error::<Test>::InsufficientFunds
		);
		let view = Pallet::sponsor_account_of(HOSPITAL_ORG);
		assert_eq!(view.held, DEPOSIT);
		assert_ok!(Sponsorship::withdraw(RuntimeOrigin::signed(HOSPITAL), view.spendable));
		assert_eq!(Pallet::sponsor_account_of(HOSPITAL_ORG).held, DEPOSIT);
	});
}

#[test]
fn the_runtime_api_reports_the_budget_left_in_the_current_period() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		sponsor(OTHER_PATIENT, 1_000);
		let fee = remark_fee();
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		let view = Pallet::sponsorship_of(&PATIENT).unwrap();
		assert_eq!((view.spent, view.remaining, view.paying), (fee, 1_000 - fee, true));
		assert_eq!(view.sponsor_account, pot(HOSPITAL_ORG));
		System::set_block_number(1 + PERIOD);
		let view = Pallet::sponsorship_of(&PATIENT).unwrap();
		assert_eq!((view.spent, view.remaining), (0, 1_000));
		assert!(Pallet::sponsorship_of(&RICH).is_none());
		let page = Pallet::sponsored_by(HOSPITAL_ORG, None, 1);
		assert_eq!(page.items.len(), 1);
		let rest = Pallet::sponsored_by(HOSPITAL_ORG, page.next, 10);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
		let mut all = [page.items[0], rest.items[0]];
		all.sort();
		assert_eq!(all, [PATIENT, OTHER_PATIENT]);
	});
}

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

/// A sponsor that lost its good standing pays nothing, and its patient, who may hold nothing,
/// cannot pay to leave: another organisation sponsors them in its place.
#[test]
fn another_organisation_replaces_a_sponsor_out_of_good_standing() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 1_000).unwrap();
		let by_other = || {
			Sponsorship::sponsor(
				RuntimeOrigin::signed(OTHER),
				PATIENT,
				1_000,
				5,
				agreement(OTHER_ORG, PATIENT, 5),
			)
		};
		assert_noop!(by_other(), Error::<Test>::AlreadySponsored);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_ok!(by_other());
		System::assert_has_event(
			Event::SponsorshipEnded { patient: PATIENT, sponsor: HOSPITAL_ORG, by: OTHER }.into(),
		);
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().sponsor, OTHER_ORG);
		assert!(!SponsoredBy::<Test>::contains_key(HOSPITAL_ORG, PATIENT));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::SponsorshipDeposit.into(), &pot(HOSPITAL_ORG)),
			0
		);
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
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
