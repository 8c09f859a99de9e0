// PROVISIONAL: replaced by `scripts/benchmark.sh consent` output before this pallet ships.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn appoint_representative() -> Weight;
	fn record_representative() -> Weight;
	fn remove_representative() -> Weight;
	fn grant() -> Weight;
	fn revoke() -> Weight;
	fn remove() -> Weight;
	fn open_emergency_access() -> Weight;
	fn close_emergency_access() -> Weight;
	fn record_access() -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn appoint_representative() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn record_representative() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove_representative() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn grant() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn open_emergency_access() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn close_emergency_access() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn record_access() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
impl WeightInfo for () {
	fn appoint_representative() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn record_representative() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove_representative() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn grant() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn open_emergency_access() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn close_emergency_access() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn record_access() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
