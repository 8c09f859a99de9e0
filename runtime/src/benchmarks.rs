//! What `scripts/benchmark.sh` benchmarks (`healthchain-bencher pallet` over this runtime's
//! wasm): healthchain's own pallets; `pallet_balances`, whose `transfer_keep_alive` is the
//! yardstick every call is compared with; and the transaction extensions every transaction
//! pays for (`frame_system`'s and `pallet_transaction_payment`'s), measured here rather than
//! taken from upstream's reference weights, which assume RocksDB.

/// `frame_system`'s transaction extensions, benchmarked by `frame-system-benchmarking`.
pub type SystemExtensionsBench<T> = frame_system_benchmarking::extensions::Pallet<T>;

/// Fees go nowhere on healthchain (`FungibleAdapter<Balances, ()>`): nothing to set up.
impl pallet_transaction_payment::BenchmarkConfig for crate::Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_balances, Balances]
	[pallet_registry, Registry]
	[pallet_health_tokens, HealthTokens]
	[pallet_consent, Consent]
	[pallet_trial_anchoring, TrialAnchoring]
	[pallet_insurance, Insurance]
	[pallet_sponsorship, Sponsorship]
	[pallet_validator_set, ValidatorSet]
	[pallet_consortium, Consortium]
	[pallet_node_authorisation, NodeAuthorisation]
);
