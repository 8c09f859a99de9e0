//! Sponsorship in the real runtime: the runtime's transaction extensions (`TxExtension`, with
//! `ChargeSponsored` in the place of `ChargeTransactionPayment`), its list of patient calls
//! and the deposit wiring of consent and insurance. A patient who holds nothing grants,
//! revokes and removes a consent, refuses and allows an insurer; the sponsor account pays
//! every fee and deposit and gets the deposits back; the patient's other calls are refused.

use crate::{
	AccountId, Balances, Registry, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin,
	Sponsorship, TxExtension, UNIT,
};
use frame_support::{
	assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use healthchain_primitives::{OrganisationKind, Role};
use pallet_consent::{
	Action, Actions, Decision, Grantee, Period, Provision, Purpose, Purposes, Scope,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	BuildStorage,
};

const START: u64 = 1_700_000_000_000;
const DAY: u64 = 86_400_000;
const HOSPITAL: u32 = 0;

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

/// A pseudonym of Eve's that holds nothing.
fn patient() -> sp_core::sr25519::Pair {
	use sp_core::Pair;
	sp_core::sr25519::Pair::from_string("//Eve//healthchain//org//0", None).unwrap()
}

fn patient_account() -> AccountId {
	use sp_core::Pair;
	sp_runtime::MultiSigner::from(patient().public()).into_account()
}

use sp_runtime::traits::IdentifyAccount;

/// Charlie's hospital (organisation 0, a provider) sponsors the patient with `budget` a day,
/// its sponsor account funded with 10 HCT.
fn ext(budget: u128) -> sp_io::TestExternalities {
	let endowed = Sr25519Keyring::iter().map(|who| (who.to_account_id(), 1_000 * UNIT)).collect();
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: endowed, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(START);
		let charlie = RuntimeOrigin::signed(account(Sr25519Keyring::Charlie));
		assert_ok!(Registry::register_organisation(
			charlie.clone(),
			OrganisationKind::Hospital,
			Default::default()
		));
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL,
			Role::Provider,
			START + 365 * DAY
		));
		assert_ok!(Sponsorship::fund(charlie.clone(), HOSPITAL, 10 * UNIT));
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		let message = pallet_sponsorship::sponsorship_message(
			&genesis,
			&HOSPITAL,
			&patient_account(),
			&0u32,
			&1u32,
		);
		use sp_core::Pair;
		let signature = sp_runtime::MultiSignature::Sr25519(patient().sign(&message));
		assert_ok!(Sponsorship::sponsor(charlie, patient_account(), budget, 1, signature));
	});
	ext
}

fn pot() -> AccountId {
	Sponsorship::sponsor_account(HOSPITAL)
}

/// The runtime's transaction extensions as a wallet signs them, at `nonce`.
fn extensions(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(sp_runtime::generic::Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_sponsorship::ChargeSponsored::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// `call` with the weight of its transaction extensions, as the runtime charges it, and its
/// length as a signed transaction.
fn info_and_len(call: &RuntimeCall) -> (frame_support::dispatch::DispatchInfo, usize) {
	use sp_runtime::traits::TransactionExtension;
	let mut info = call.get_dispatch_info();
	info.extension_weight = extensions(0).weight(call);
	(info, codec::Encode::encoded_size(call) + 120)
}

/// `call` signed by the patient at `nonce`, through every extension, as a block applies it:
/// refused before dispatch, or dispatched (successfully or not).
fn apply(
	nonce: u32,
	call: RuntimeCall,
) -> Result<
	sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>,
	TransactionValidityError,
> {
	let (info, len) = info_and_len(&call);
	extensions(nonce).dispatch_transaction(
		RuntimeOrigin::signed(patient_account()),
		call,
		&info,
		len,
		0,
	)
}

/// [`apply`], which must succeed.
fn submit(nonce: u32, call: RuntimeCall) -> Result<(), TransactionValidityError> {
	assert_ok!(apply(nonce, call)?);
	Ok(())
}

fn grant() -> RuntimeCall {
	let provision = Provision {
		decision: Decision::Permit,
		scope: Scope::All,
		actions: Actions::only(Action::Read),
		purposes: Purposes::only(Purpose::Treatment),
		data_period: None,
	};
	RuntimeCall::Consent(pallet_consent::Call::grant {
		patient: patient_account(),
		grantee: Grantee::Organisation(HOSPITAL),
		provisions: BoundedVec::truncate_from(vec![provision]),
		period: Period { start: START, end: None },
	})
}

#[test]
fn a_patient_who_holds_nothing_acts_through_the_real_extensions_and_the_sponsor_pays() {
	ext(UNIT).execute_with(|| {
		let before = Balances::balance(&pot());
		assert_eq!(Balances::total_balance(&patient_account()), 0);
		submit(0, grant()).unwrap();
		let consent = pallet_consent::NextConsentId::<Runtime>::get() - 1;
		let stored = pallet_consent::Consents::<Runtime>::get(consent).unwrap();
		assert_eq!(stored.depositor, pot());
		assert_eq!(
			Balances::balance_on_hold(&pallet_consent::HoldReason::ConsentDeposit.into(), &pot()),
			stored.deposit
		);
		assert!(Balances::balance(&pot()) < before - stored.deposit, "a fee was paid too");
		submit(1, RuntimeCall::Consent(pallet_consent::Call::revoke { consent })).unwrap();
		submit(2, RuntimeCall::Consent(pallet_consent::Call::remove { consent })).unwrap();
		assert_eq!(
			Balances::balance_on_hold(&pallet_consent::HoldReason::ConsentDeposit.into(), &pot()),
			0
		);
		submit(
			3,
			RuntimeCall::Insurance(pallet_insurance::Call::refuse_insurer { insurer: HOSPITAL }),
		)
		.unwrap();
		let refusal =
			pallet_insurance::RefusedInsurers::<Runtime>::get(patient_account(), HOSPITAL).unwrap();
		assert_eq!(refusal.depositor, pot());
		submit(
			4,
			RuntimeCall::Insurance(pallet_insurance::Call::allow_insurer { insurer: HOSPITAL }),
		)
		.unwrap();
		assert_eq!(Balances::total_balance(&patient_account()), 0);
		assert_eq!(frame_system::Pallet::<Runtime>::account_nonce(patient_account()), 5);

		// A call that is not the patient's own is not paid for.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(account(Sr25519Keyring::Dave)),
			value: 1,
		});
		assert_eq!(
			submit(5, transfer),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}

#[test]
fn a_budget_below_the_fee_refuses_the_transaction_before_anything_is_paid() {
	ext(1).execute_with(|| {
		let before = Balances::balance(&pot());
		assert_eq!(
			apply(0, grant()).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Custom(
				pallet_sponsorship::OVER_BUDGET
			))
		);
		assert_eq!(Balances::balance(&pot()), before);
		assert_eq!(frame_system::Pallet::<Runtime>::account_nonce(patient_account()), 0);
	});
}

#[test]
fn a_budget_that_covers_the_fee_but_not_the_deposit_stores_nothing() {
	let (info, len) = ext(UNIT).execute_with(|| info_and_len(&grant()));
	let fee = ext(UNIT).execute_with(|| {
		pallet_transaction_payment::Pallet::<Runtime>::compute_fee(len as u32, &info, 0)
	});
	ext(fee + 1).execute_with(|| {
		let result = apply(0, grant()).expect("the fee is within the budget");
		let error = result.unwrap_err().error;
		assert_eq!(
			error,
			pallet_consent::Error::<Runtime>::Sponsorship(
				healthchain_primitives::SponsorshipError::OverBudget
			)
			.into()
		);
		assert!(pallet_consent::Consents::<Runtime>::iter().next().is_none());
		assert_eq!(
			Balances::balance_on_hold(&pallet_consent::HoldReason::ConsentDeposit.into(), &pot()),
			0
		);
	});
}

/// The calls a sponsor pays for are exactly the patient's own: every patient action the
/// issue lists, and none of an organisation's, nor a transfer or a batch.
#[test]
fn a_sponsor_pays_for_the_patients_own_calls_only() {
	use frame_support::traits::Contains;
	use pallet_consent::Call as Consent;
	use pallet_health_tokens::Call as Tokens;
	use pallet_insurance::Call as Insurance;
	use pallet_sponsorship::Call as Sponsorship;
	let someone = || account(Sr25519Keyring::Ferdie);
	let patient_calls = [
		grant(),
		RuntimeCall::Consent(Consent::revoke { consent: 0 }),
		RuntimeCall::Consent(Consent::remove { consent: 0 }),
		RuntimeCall::Consent(Consent::appoint_representative {
			representative: someone(),
			capacity: pallet_consent::Capacity::Guardian,
			valid_until: None,
			may_revoke_patient_consents: false,
		}),
		RuntimeCall::Consent(Consent::remove_representative {
			patient: patient_account(),
			representative: someone(),
		}),
		RuntimeCall::Consent(Consent::close_emergency_access {
			patient: patient_account(),
			practitioner: someone(),
		}),
		RuntimeCall::HealthTokens(Tokens::accept_session { token: 0 }),
		RuntimeCall::HealthTokens(Tokens::cancel_session { token: 0 }),
		RuntimeCall::HealthTokens(Tokens::refuse { token: 0 }),
		RuntimeCall::HealthTokens(Tokens::archive { token: 0 }),
		RuntimeCall::Insurance(Insurance::remove_attestation { attestation: 0 }),
		RuntimeCall::Insurance(Insurance::refuse_insurer { insurer: 0 }),
		RuntimeCall::Insurance(Insurance::allow_insurer { insurer: 0 }),
		RuntimeCall::Sponsorship(Sponsorship::end_sponsorship { patient: patient_account() }),
	];
	for call in &patient_calls {
		assert!(crate::configs::PatientCalls::contains(call), "{call:?}");
	}
	let others = [
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(someone()),
			value: 1,
		}),
		RuntimeCall::Consent(Consent::record_access {
			patient: patient_account(),
			accessor: someone(),
			commitment: Default::default(),
		}),
		RuntimeCall::HealthTokens(Tokens::suspend { token: 0 }),
		RuntimeCall::Insurance(Insurance::revoke { attestation: 0 }),
		RuntimeCall::Sponsorship(Sponsorship::fund { organisation: 0, amount: 1 }),
		RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![grant()] }),
		RuntimeCall::System(frame_system::Call::remark { remark: vec![] }),
	];
	for call in &others {
		assert!(!crate::configs::PatientCalls::contains(call), "{call:?}");
	}
}

/// What a sponsor adds to a consent grant, in weight: the whole transaction (the base
/// extrinsic weight, every transaction extension, the call) of a sponsored grant, against the
/// same transaction without `charge_sponsored` (a grant as a patient paid for it with
/// `ChargeTransactionPayment`), for one provision and for the most: at most 1.2 ×. The call's
/// weight is its benchmarked worst case, the sponsor paying the deposit, which the sponsorship
/// found by the extension makes as cheap as the patient paying it (`Paying`).
#[test]
fn a_sponsored_grant_weighs_at_most_1_2_times_one_the_patient_pays_for() {
	use frame_support::{dispatch::GetDispatchInfo, traits::Get};
	use pallet_sponsorship::WeightInfo as _;
	use sp_runtime::traits::TransactionExtension;
	let base = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(frame_support::dispatch::DispatchClass::Normal)
		.base_extrinsic;
	let sponsoring = <Runtime as pallet_sponsorship::Config>::WeightInfo::charge_sponsored();
	let max = <<Runtime as pallet_consent::Config>::MaxProvisions as Get<u32>>::get();
	for n in [1, max] {
		let RuntimeCall::Consent(pallet_consent::Call::grant {
			patient,
			grantee,
			mut provisions,
			period,
		}) = grant()
		else {
			unreachable!()
		};
		let one = provisions[0];
		while (provisions.len() as u32) < n {
			provisions.try_push(one).expect("within MaxProvisions");
		}
		let call = RuntimeCall::Consent(pallet_consent::Call::grant {
			patient,
			grantee,
			provisions,
			period,
		});
		let sponsored = base + extensions(0).weight(&call) + call.get_dispatch_info().call_weight;
		let direct = sponsored - sponsoring;
		let ratio = sponsored.ref_time() as f64 / direct.ref_time() as f64;
		println!(
			"a consent grant of {n} provision(s): sponsored {:.1} µs, paid by the patient {:.1} µs, \
			 {ratio:.3} ×",
			sponsored.ref_time() as f64 / 1e6,
			direct.ref_time() as f64 / 1e6
		);
		assert!(ratio <= 1.2, "{n} provision(s): {ratio:.3} ×");
	}
}
