//! PLACEHOLDER until `scripts/benchmark.sh` regenerates this file from a real run.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn register_organisation() -> Weight;
	fn update_profile() -> Weight;
	fn add_agent() -> Weight;
	fn remove_agent() -> Weight;
	fn deregister_organisation() -> Weight;
	fn grant_accreditation() -> Weight;
	fn renew_accreditation() -> Weight;
	fn suspend_accreditation() -> Weight;
	fn reinstate_accreditation() -> Weight;
	fn revoke_accreditation() -> Weight;
	fn suspend_organisation() -> Weight;
	fn reinstate_organisation() -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn update_profile() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn add_agent() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove_agent() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn deregister_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn grant_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn renew_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn suspend_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn reinstate_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn revoke_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn suspend_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn reinstate_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
impl WeightInfo for () {
	fn register_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn update_profile() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn add_agent() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove_agent() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn deregister_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn grant_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn renew_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn suspend_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn reinstate_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn revoke_accreditation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn suspend_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn reinstate_organisation() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
