//! Benchmarks of every call and of the fee extension's own work, in the FRAME v2 syntax, each
//! in its most expensive case.

use super::*;
use crate::Pallet as Sponsorship;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Saturating, Zero};

/// A funded agent (the admin) of a fresh organisation accredited in the last role of
/// `Role::ALL` only (`sponsor` tries every role before it), its sponsor account funded.
fn sponsor_agent<T: Config>() -> (T::AccountId, OrganisationId) {
	let who: T::AccountId = account("agent", 0, 0);
	let role = *Role::ALL.last().expect("roles exist");
	let organisation = T::Accreditation::make_accredited(&who, role);
	let plenty = T::SponsorshipDeposit::get()
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, plenty);
	T::Currency::set_balance(&Sponsorship::<T>::sponsor_account(organisation), plenty);
	(who, organisation)
}

/// A fresh patient account that agreed to be sponsored by `organisation` until `valid_until`.
fn agreeing_patient<T: Config>(
	organisation: OrganisationId,
	valid_until: BlockNumberFor<T>,
) -> (T::AccountId, T::Signature) {
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	T::BenchmarkHelper::sign_as_new_account(|patient| {
		let nonce = frame_system::Pallet::<T>::account_nonce(patient);
		sponsorship_message(&genesis, &organisation, patient, &nonce, &valid_until)
	})
}

/// A patient sponsored by a fresh organisation; the organisation's agent and id.
fn sponsored<T: Config>() -> Result<(T::AccountId, T::AccountId, OrganisationId), BenchmarkError> {
	let (agent, organisation) = sponsor_agent::<T>();
	let valid_until = frame_system::Pallet::<T>::block_number();
	let (patient, signature) = agreeing_patient::<T>(organisation, valid_until);
	Sponsorship::<T>::sponsor(
		RawOrigin::Signed(agent.clone()).into(),
		patient.clone(),
		T::SponsorshipDeposit::get().saturating_mul(100u32.into()),
		valid_until,
		signature,
	)?;
	Ok((patient, agent, organisation))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The worst case: the patient's account is new (kept alive from here).
	#[benchmark]
	fn sponsor() -> Result<(), BenchmarkError> {
		let (agent, organisation) = sponsor_agent::<T>();
		// Valid in the next block too: the benchmark's call may run in a later block than its
		// setup.
		let valid_until = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
		let (patient, signature) = agreeing_patient::<T>(organisation, valid_until);
		let budget = T::SponsorshipDeposit::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(agent), patient.clone(), budget, valid_until, signature);

		assert!(Sponsorships::<T>::contains_key(&patient));
		assert!(KeptAlive::<T>::contains_key(&patient));
		Ok(())
	}

	#[benchmark]
	fn set_budget() -> Result<(), BenchmarkError> {
		let (patient, agent, _) = sponsored::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(agent), patient.clone(), Zero::zero());

		assert!(Sponsorships::<T>::get(&patient).is_some_and(|s| s.budget.is_zero()));
		Ok(())
	}

	/// The worst case: the account never signed, so it is let go too.
	#[benchmark]
	fn end_sponsorship() -> Result<(), BenchmarkError> {
		let (patient, agent, _) = sponsored::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(agent), patient.clone());

		assert!(!Sponsorships::<T>::contains_key(&patient));
		assert!(!KeptAlive::<T>::contains_key(&patient));
		Ok(())
	}

	/// The worst case: the sponsor account is created by it.
	#[benchmark]
	fn fund() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("funder", 0, 0);
		let (_, organisation) = sponsor_agent::<T>();
		let account = Sponsorship::<T>::sponsor_account(organisation);
		T::Currency::set_balance(&account, Zero::zero());
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());
		T::Currency::set_balance(&who, amount.saturating_mul(2u32.into()));

		#[extrinsic_call]
		_(RawOrigin::Signed(who), organisation, amount);

		assert_eq!(T::Currency::balance(&account), amount);
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let (_, organisation) = sponsor_agent::<T>();
		let admin = T::Accreditation::admin_of(organisation).ok_or(BenchmarkError::Weightless)?;
		let amount = T::Currency::minimum_balance();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), amount);

		Ok(())
	}

	/// What [`ChargeSponsored`] adds to a transaction's fee payment: finding the signer's
	/// sponsorship, that the sponsor is accredited in its role and the signer acts for no
	/// organisation, and counting the fee (and the call's deposits) against the budget, written
	/// once after dispatch.
	#[benchmark]
	fn charge_sponsored() -> Result<(), BenchmarkError> {
		let (patient, _, _) = sponsored::<T>()?;
		let amount = T::Currency::minimum_balance();

		#[block]
		{
			let sponsorship = Sponsorship::<T>::paying_sponsorship(&patient);
			assert!(sponsorship.is_some());
			if let Some(sponsorship) = sponsorship {
				Sponsorship::<T>::begin_paying(&patient, sponsorship, amount);
			}
			Sponsorship::<T>::finish_paying(Zero::zero);
		}

		Ok(())
	}

	impl_benchmark_test_suite!(
		Sponsorship,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
