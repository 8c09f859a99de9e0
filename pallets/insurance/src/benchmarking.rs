//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case.

use super::*;
use crate::Pallet as Insurance;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

/// A funded agent of a fresh organisation accredited as insurer.
fn insurer_agent<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("insurer", 0, 0);
	T::Accreditation::make_accredited(&who, Role::Insurer);
	T::Currency::set_balance(&who, T::AttestationDeposit::get().saturating_mul(1_000u32.into()));
	who
}

fn patient<T: Config>() -> T::AccountId {
	account("patient", 0, 0)
}

/// A year from the current block's time.
fn period<T: Config>() -> (Moment, Moment) {
	let now = Insurance::<T>::now();
	(now, now.saturating_add(365 * 24 * 3_600_000))
}

/// The benchmarks' patient, funded for a refusal's deposit.
fn funded_patient<T: Config>() -> T::AccountId {
	use frame_support::traits::fungible::Inspect;
	let patient = patient::<T>();
	let amount = T::RefusalDeposit::get()
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(10u32.into());
	T::Currency::set_balance(&patient, amount);
	patient
}

/// `who` attests a coverage for the benchmarks' patient; its id.
fn attested<T: Config>(who: &T::AccountId) -> Result<AttestationId, BenchmarkError> {
	let id = NextAttestationId::<T>::get();
	let (starts, ends) = period::<T>();
	Insurance::<T>::attest(
		RawOrigin::Signed(who.clone()).into(),
		patient::<T>(),
		[1; 32],
		starts,
		ends,
	)?;
	Ok(id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn attest() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let (starts, ends) = period::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), patient::<T>(), [1; 32], starts, ends);
		assert!(Attestations::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let id = attested::<T>(&who)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert_eq!(Attestations::<T>::get(id).map(|a| a.status), Some(Status::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let id = attested::<T>(&who)?;
		Insurance::<T>::suspend(RawOrigin::Signed(who.clone()).into(), id)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert_eq!(Attestations::<T>::get(id).map(|a| a.status), Some(Status::Active));
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let id = attested::<T>(&who)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert_eq!(Attestations::<T>::get(id).map(|a| a.status), Some(Status::Revoked));
		Ok(())
	}

	/// A suspended attestation renewed: the old one read and rewritten, a new one stored.
	#[benchmark]
	fn renew() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let id = attested::<T>(&who)?;
		Insurance::<T>::suspend(RawOrigin::Signed(who.clone()).into(), id)?;
		let (starts, ends) = period::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, [2; 32], starts, ends);
		let new = id.saturating_add(1);
		assert_eq!(
			Attestations::<T>::get(id).map(|a| a.status),
			Some(Status::Superseded { by: new })
		);
		Ok(())
	}

	/// Removal by an agent of the insurer, once revoked: the path that reads the most (the
	/// caller's organisation, the insurer's registration and the time) before releasing the
	/// deposit; the patient's reads none of them.
	#[benchmark]
	fn remove_attestation() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let id = attested::<T>(&who)?;
		Insurance::<T>::revoke(RawOrigin::Signed(who.clone()).into(), id)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);
		assert!(!Attestations::<T>::contains_key(id));
		Ok(())
	}

	/// A patient refuses an insurer: the organisation checked, the deposit held.
	#[benchmark]
	fn refuse_insurer() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let insurer =
			T::Accreditation::organisation_of(&who).ok_or(BenchmarkError::Stop("no insurer"))?;
		let patient = funded_patient::<T>();
		// The worst case: a sponsor pays the deposit (its standing read, the budget written).
		T::DepositPayer::make_sponsored(&patient);
		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), insurer);
		assert!(RefusedInsurers::<T>::contains_key(&patient, insurer));
		Ok(())
	}

	/// The patient allows the insurer again: the deposit released.
	#[benchmark]
	fn allow_insurer() -> Result<(), BenchmarkError> {
		let who = insurer_agent::<T>();
		let insurer =
			T::Accreditation::organisation_of(&who).ok_or(BenchmarkError::Stop("no insurer"))?;
		let patient = funded_patient::<T>();
		Insurance::<T>::refuse_insurer(RawOrigin::Signed(patient.clone()).into(), insurer)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), insurer);
		assert!(!RefusedInsurers::<T>::contains_key(&patient, insurer));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Insurance,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
