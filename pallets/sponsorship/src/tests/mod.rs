//! Unit tests of the sponsorship pallet, one file per area: every call, every refusal, and the
//! fee extension run as a block would run it (the signer's nonce checked first); the attacks
//! the threat model names (`attacks.rs`): a sponsor lowering the budget to keep a patient in, a
//! sponsored account joining an organisation, an agreement used again.

mod attacks;
mod deposits;
mod fees;
mod funds;
mod queries;
mod sponsorships;

pub(crate) use crate::{
	mock::*, sponsorship_message, ChargeSponsored, DepositPayer, Error, Event, HoldReason,
	KeptAlive, SponsoredBy, SponsorshipError, Sponsorships, OVER_BUDGET, TIP_NOT_SPONSORED,
};
pub(crate) use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchInfo, GetDispatchInfo},
	traits::fungible::{Inspect, InspectHold, Mutate},
};
pub(crate) use sp_runtime::{
	testing::TestSignature,
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

pub(crate) type Pallet = crate::Pallet<Test>;

pub(crate) fn pot(org: u32) -> u64 {
	Pallet::sponsor_account(org)
}

pub(crate) fn agreement(org: u32, patient: u64, valid_until: u64) -> TestSignature {
	let genesis = System::block_hash(0);
	let nonce = System::account_nonce(patient);
	TestSignature(patient, sponsorship_message(&genesis, &org, &patient, &nonce, &valid_until))
}

/// The hospital's agent sponsors `patient` with `budget` per period.
pub(crate) fn sponsor(patient: u64, budget: u64) {
	assert_ok!(Sponsorship::sponsor(
		RuntimeOrigin::signed(AGENT),
		patient,
		budget,
		5,
		agreement(HOSPITAL_ORG, patient, 5)
	));
}

pub(crate) fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 10] })
}

/// Run `call` signed by `who` at nonce `nonce` through the nonce check and the fee extension,
/// with tip `tip`, as a block would.
pub(crate) fn submit(
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
pub(crate) fn remark_fee() -> u64 {
	let info = remark().get_dispatch_info();
	pallet_transaction_payment::Pallet::<Test>::compute_fee(100, &info, 0)
}

/// `body` as if inside a transaction of `patient` that [`ChargeSponsored`] charged to its
/// sponsor (a fee of 0), when a sponsor pays for it: deposits come from the same sponsorship,
/// written back at the end, as the extension's post-dispatch does.
pub(crate) fn in_transaction_of<R>(patient: u64, body: impl FnOnce() -> R) -> R {
	if let Some(sponsorship) = Pallet::paying_sponsorship(&patient) {
		Pallet::begin_paying(&patient, sponsorship, 0);
	}
	let result = body();
	Pallet::finish_paying(|| 0);
	result
}

/// [`DepositPayer::payer`] for `who` and `amount`, inside a transaction of `who`.
pub(crate) fn deposit_payer(who: u64, amount: u64) -> Result<u64, SponsorshipError> {
	in_transaction_of(who, || <Pallet as DepositPayer<u64, u64>>::payer(&who, amount))
}

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	ExtBuilder::default().build_and_execute(|| {
		<Sponsorship as Hooks<u64>>::integrity_test();
	});
}
