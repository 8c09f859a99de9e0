// This file is part of healthchain.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_trial_anchoring`.
//!
//! PLACEHOLDER until `scripts/benchmark.sh trial-anchoring` generates this file from an
//! optimised build: every call weighs a conservative guess. The pallet is not in the runtime
//! until it is generated.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_trial_anchoring`.
pub trait WeightInfo {
	fn register_trial() -> Weight;
	fn anchor_document() -> Weight;
	fn anchor_milestone() -> Weight;
	fn anchor_checkpoint(p: u32, ) -> Weight;
	fn force_transfer_trial() -> Weight;
	fn force_rewind_log() -> Weight;
}

/// Weights for `pallet_trial_anchoring` using the healthchain node and ParityDB.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_trial() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn anchor_document() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn anchor_milestone() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn anchor_checkpoint(p: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(Weight::from_parts(10_000_000, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn force_transfer_trial() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn force_rewind_log() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn register_trial() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn anchor_document() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn anchor_milestone() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn anchor_checkpoint(p: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(Weight::from_parts(10_000_000, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn force_transfer_trial() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn force_rewind_log() -> Weight {
		Weight::from_parts(200_000_000, 4000)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
