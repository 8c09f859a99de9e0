//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case: a full
//! set to scan.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};

fn consortium<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// `n` validators with session keys, founding ones (no organisation) but the last `bound`
/// ones, each the node of its own organisation in good standing (the most expensive to
/// check).
fn fill<T: Config>(n: u32, bound: u32) -> Vec<T::AccountId> {
	let mut set = Vec::new();
	for i in 0..n {
		let who: T::AccountId = account("validator", i, 0);
		T::BenchmarkHelper::set_session_keys(&who);
		if i >= n.saturating_sub(bound) {
			let organisation = T::Accreditation::make_in_good_standing_at_most_cost(&who);
			Operators::<T>::insert(&who, organisation);
		}
		set.push(who);
	}
	let bounded: BoundedVec<_, T::MaxValidators> = set.clone().try_into().unwrap_or_default();
	Validators::<T>::put(bounded);
	set
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		fill::<T>(T::MaxValidators::get().saturating_sub(1), 0);
		let who: T::AccountId = account("new", 0, 0);
		let organisation = T::Accreditation::make_in_good_standing_at_most_cost(&who);
		T::BenchmarkHelper::set_session_keys(&who);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), organisation);
		assert_eq!(Operators::<T>::get(&who), Some(organisation));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let set = fill::<T>(T::MaxValidators::get(), 1);
		let last = set.last().cloned().ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, last.clone());
		assert!(!Validators::<T>::get().contains(&last));
		Ok(())
	}

	/// Removing `r` validators from a full set, the last ones (each bound to an
	/// organisation, the operator entry removed).
	#[benchmark]
	fn recover_finality(
		r: Linear<0, { T::MaxValidators::get().saturating_sub(T::MinValidators::get()) }>,
	) -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let max = T::MaxValidators::get();
		let set = fill::<T>(max, r);
		let remove: BoundedVec<_, T::MaxValidators> = set[(max - r) as usize..]
			.to_vec()
			.try_into()
			.map_err(|_| BenchmarkError::Weightless)?;
		let now = frame_system::Pallet::<T>::block_number();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, remove, now, T::MaxRecoveryDelay::get());
		assert_eq!(Validators::<T>::get().len() as u32, max - r);
		assert!(PendingRecovery::<T>::exists());
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
