// PROVISIONAL: replaced by `scripts/benchmark.sh health-tokens` output before this pallet ships.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::weights::Weight;
pub trait WeightInfo {
	fn issue_record() -> Weight;
	fn issue_certificate() -> Weight;
	fn issue_licence() -> Weight;
	fn update() -> Weight;
	fn revoke() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn archive() -> Weight;
	fn transfer() -> Weight;
	fn open_session() -> Weight;
	fn accept_session() -> Weight;
	fn close_session() -> Weight;
	fn cancel_session() -> Weight;
}
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn issue_record() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn issue_certificate() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn issue_licence() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn update() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn suspend() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn archive() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn transfer() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn open_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn accept_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn close_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn cancel_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
impl WeightInfo for () {
	fn issue_record() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn issue_certificate() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn issue_licence() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn update() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn suspend() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn archive() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn transfer() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn open_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn accept_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn close_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn cancel_session() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
