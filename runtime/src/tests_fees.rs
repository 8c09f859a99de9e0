//! Fees: filling blocks costs something real, and weight fees rise while blocks are full.
//!
//! `cargo test -p healthchain-runtime fees -- --nocapture` prints the figures.

use crate::{
	configs::{FeeMultiplierUpdate, RuntimeBlockLength, RuntimeBlockWeights, TransactionByteFee},
	Balance, Runtime, RuntimeCall, RuntimeGenesisConfig, TransactionPayment, UNIT,
};
use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::{IdentityFee, Weight, WeightToFee},
};
use pallet_transaction_payment::Multiplier;
use sp_runtime::{
	traits::{Convert, One, Saturating},
	BuildStorage, FixedPointNumber,
};

/// The bytes a signed transaction adds to its call: the address (33), the signature (65), the
/// transaction extensions (era, nonce, tip, metadata-hash mode: under 16) and the length prefix.
const SIGNED_OVERHEAD: usize = 33 + 65 + 16 + 4;

/// A remark of `size` bytes: (its encoded length as a signed transaction, its weight).
fn remark(size: usize) -> (u32, Weight) {
	let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![0u8; size] });
	let len = call.encoded_size() + SIGNED_OVERHEAD;
	(len as u32, call.get_dispatch_info().call_weight)
}

/// How many remarks of `size` bytes fit in the normal-class space of one block, by length and
/// by weight.
fn per_block(size: usize) -> u32 {
	let (len, weight) = remark(size);
	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let max_weight = normal.max_total.unwrap_or(weights.max_block);
	let per_tx = weight.saturating_add(normal.base_extrinsic);
	let by_weight = max_weight.ref_time() / per_tx.ref_time().max(1);
	let max_len = *RuntimeBlockLength::get().max.get(DispatchClass::Normal);
	(max_len / len).min(by_weight as u32)
}

/// The fee the configuration before issue 9 charged: one planck per picosecond of weight and
/// one planck per byte, with a constant multiplier of 1.
fn fee_before(len: u32, weight: Weight) -> Balance {
	let base = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
	IdentityFee::<Balance>::weight_to_fee(&base.saturating_add(weight)) + Balance::from(len)
}

fn ext() -> sp_io::TestExternalities {
	RuntimeGenesisConfig::default().build_storage().unwrap().into()
}

/// Mark the current block as `fullness` full of normal-class weight and move the multiplier as
/// the runtime does at the end of each block; the new multiplier.
fn next_block(fullness: sp_runtime::Perbill) -> Multiplier {
	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.unwrap_or(weights.max_block);
	frame_system::Pallet::<Runtime>::set_block_consumed_resources(fullness * normal, 0);
	let next = FeeMultiplierUpdate::convert(
		pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get(),
	);
	pallet_transaction_payment::NextFeeMultiplier::<Runtime>::put(next);
	next
}

#[test]
fn fees_a_full_block_of_remarks_costs_something_real() {
	ext().execute_with(|| {
		let size = 64 * 1024;
		let (len, weight) = remark(size);
		let count = per_block(size);
		let info = RuntimeCall::System(frame_system::Call::remark { remark: vec![0u8; size] })
			.get_dispatch_info();
		let after = TransactionPayment::compute_fee(len, &info, 0);
		let before = fee_before(len, weight);
		let block_before = before * Balance::from(count);
		let block_after = after * Balance::from(count);
		println!(
			"{count} remarks of {size} bytes fill a block's normal space; each paid {before} planck \
			 before, {after} after; the block: {} HCT before, {} HCT after",
			block_before as f64 / UNIT as f64,
			block_after as f64 / UNIT as f64,
		);
		assert!(count > 0);
		// The length fee alone: 10 µHCT a byte.
		assert!(after >= TransactionByteFee::get() * Balance::from(len));
		// Filling one block now costs tens of HCT, hundreds of times what it did.
		assert!(block_after >= 30 * UNIT, "a full block costs {block_after}");
		assert!(block_after >= 100 * block_before, "before {block_before}, after {block_after}");
	});
}

#[test]
fn fees_rise_while_blocks_are_full_and_fall_back_to_the_floor() {
	ext().execute_with(|| {
		use sp_runtime::Perbill;
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(crate::AccountId::new([1; 32])),
			value: UNIT,
		});
		let info = transfer.get_dispatch_info();
		let len = (transfer.encoded_size() + SIGNED_OVERHEAD) as u32;
		let quiet = TransactionPayment::compute_fee(len, &info, 0);

		let mut multiplier = Multiplier::one();
		for _ in 0..100 {
			multiplier = next_block(Perbill::one());
		}
		let after_ten_minutes = TransactionPayment::compute_fee(len, &info, 0);
		for _ in 100..600 {
			multiplier = next_block(Perbill::one());
		}
		let after_an_hour = TransactionPayment::compute_fee(len, &info, 0);
		println!(
			"a transfer: {quiet} planck when blocks are quiet, {after_ten_minutes} after 100 full \
			 blocks, {after_an_hour} after 600 (multiplier {multiplier})"
		);
		assert!(multiplier > Multiplier::saturating_from_rational(3, 1), "{multiplier}");
		assert!(after_ten_minutes > quiet && after_an_hour > after_ten_minutes);

		// A quarter full holds it; emptier blocks bring it down, never below the floor.
		let held = next_block(Perbill::from_percent(25));
		assert!(held >= multiplier.saturating_sub(Multiplier::saturating_from_rational(1, 1_000)));
		for _ in 0..20_000 {
			multiplier = next_block(Perbill::zero());
		}
		assert_eq!(multiplier, Multiplier::one());
		assert_eq!(TransactionPayment::compute_fee(len, &info, 0), quiet);
	});
}

#[test]
fn fees_stop_at_the_maximum_multiplier() {
	ext().execute_with(|| {
		let mut multiplier = Multiplier::one();
		for _ in 0..20_000 {
			multiplier = next_block(sp_runtime::Perbill::one());
		}
		assert_eq!(multiplier, Multiplier::saturating_from_integer(1_000));
	});
}
