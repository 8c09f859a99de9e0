// This file is part of healthchain.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_validator_set`: a placeholder until `scripts/benchmark.sh validator-set`
//! regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
	fn recover_finality(r: u32, ) -> Weight;
}

/// Weights for `pallet_validator_set` using the healthchain node and ParityDB.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn recover_finality(_r: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
	fn recover_finality(_r: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 10_000)
	}
}
