//! The pallets benchmarked by `healthchain-node benchmark pallet` (see `scripts/benchmark.sh`).

frame_benchmarking::define_benchmarks!(
	[pallet_registry, Registry]
	[pallet_health_tokens, HealthTokens]
	[pallet_consent, Consent]
);
