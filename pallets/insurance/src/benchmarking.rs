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

	impl_benchmark_test_suite!(
		Insurance,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
