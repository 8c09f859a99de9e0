// This file is part of healthchain.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_sponsorship`: PROVISIONAL, to be replaced by `scripts/benchmark.sh
//! sponsorship` (reads and writes counted by hand, 25 µs of execution each).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_sponsorship`.
pub trait WeightInfo {
	fn sponsor() -> Weight;
	fn set_budget() -> Weight;
	fn end_sponsorship() -> Weight;
	fn fund() -> Weight;
	fn withdraw() -> Weight;
	fn charge_sponsored() -> Weight;
}

/// Weights for `pallet_sponsorship` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn sponsor() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn set_budget() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn end_sponsorship() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn fund() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn charge_sponsored() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn sponsor() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn set_budget() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn end_sponsorship() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn fund() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn charge_sponsored() -> Weight {
		Weight::from_parts(25_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
