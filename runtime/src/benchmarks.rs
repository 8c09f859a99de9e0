//! The pallets benchmarked by `scripts/benchmark.sh` (`healthchain-bencher pallet` over this
//! runtime's wasm): healthchain's own, and `pallet_balances`, whose `transfer_keep_alive` is the
//! yardstick every call's weight is compared with.

frame_benchmarking::define_benchmarks!(
	[pallet_balances, Balances]
	[pallet_registry, Registry]
	[pallet_health_tokens, HealthTokens]
	[pallet_consent, Consent]
);
