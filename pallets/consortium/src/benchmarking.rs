//! Benchmark of the call, in the FRAME v2 syntax: the overhead of dispatching as root (the
//! dispatched call's own weight is added to it).

use super::*;
use alloc::{boxed::Box, vec};
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

#[benchmarks(where <T as Config>::RuntimeCall: From<frame_system::Call<T>>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn dispatch_as_root() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call: <T as Config>::RuntimeCall = frame_system::Call::remark { remark: vec![] }.into();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
