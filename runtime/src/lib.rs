//! The healthchain runtime.
//!
//! Pallets and their stable indices (never reused):
//!
//! | index | pallet | what for |
//! |-------|--------|----------|
//! | 0 | System | accounts, blocks, events |
//! | 1 | Timestamp | block time (Unix ms), against which expiries are checked |
//! | 2 | Aura | block production by the consortium's validators |
//! | 3 | Grandpa | finality |
//! | 4 | Balances | the HCT token: fees and storage deposits (holds) |
//! | 5 | TransactionPayment | fees |
//! | 6 | Utility | batches |
//! | 7 | Sudo | bootstrap key of development and test networks |
//! | 8 | Council | the consortium council; its 2/3 majority is the consortium origin |
//! | 20 | Registry | organisations, agents, accreditations |
//! | 21 | HealthTokens | medical records, certificates, licences, telemedicine sessions |
//! | 22 | Consent | patients' consents, representatives, break-glass, audit trail |
//! | 23 | TrialAnchoring | clinical trials: document lineage, milestones, consistent data logs |
//! | 24 | Insurance | insurers' attestations of patients' coverage, as salted claim trees |
#![cfg_attr(not(any(feature = "std", feature = "native")), no_std)]
// `#[frame_support::runtime]` and `impl_runtime_apis!` expand to items without docs.
#![allow(missing_docs)]
// `construct_runtime` requires a large recursion limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
/// The runtime's wasm: not built by the checks build (feature `native` without `std`).
#[cfg(all(feature = "native", not(feature = "std")))]
pub const WASM_BINARY: Option<&[u8]> = None;

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
#[cfg(feature = "runtime-benchmarks")]
use benchmarks::SystemExtensionsBench;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use configs::ConsortiumOrigin;
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", feature = "native", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node needs to know of blocks without knowing the runtime.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: Aura (block production) and GRANDPA (finality).
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime version: wallets and nodes check `spec_version` and `transaction_version`.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("healthchain"),
	impl_name: alloc::borrow::Cow::Borrowed("healthchain"),
	authoring_version: 1,
	spec_version: 114,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The test runtime's version (feature `upgrade-test`, built only by
/// `healthchain-runtime-upgrade-test`, for the end-to-end upgrade test): `spec_version` one
/// higher, nothing else. (`runtime_version` reads literals only: hence a second constant.)
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("healthchain"),
	impl_name: alloc::borrow::Cow::Borrowed("healthchain"),
	authoring_version: 1,
	spec_version: 115,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The target block time. Blocks come at most this often.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration. It cannot be changed once the chain runs.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Decimals of the HCT token.
pub const TOKEN_DECIMALS: u8 = 12;
/// The token's symbol, as wallets show it.
pub const TOKEN_SYMBOL: &str = "HCT";
/// The SS58 address prefix (42: the generic Substrate prefix every wallet understands).
pub const SS58_PREFIX: u16 = 42;
/// One HCT in its smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of an HCT.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of an HCT.
pub const MICRO_UNIT: Balance = 1_000_000;
/// The minimum balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// A signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of HCT.
pub type Balance = u128;
/// A transaction counter.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// The address format of calls.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block by hash or number.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions a wallet signs (in this order).
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// `ChargeTransactionPayment`'s identifier and data; a sponsor pays a sponsored patient's
	// fee (pallet-sponsorship's README).
	pallet_sponsorship::ChargeSponsored<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// A signed or unsigned extrinsic.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a wallet signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade, each versioned: it runs only when the
/// pallet's stored version is the one it migrates from.
type Migrations = (
	pallet_registry::migrations::MigrateV0ToV1<Runtime>,
	pallet_health_tokens::migrations::MigrateV0ToV1<Runtime>,
	pallet_consent::migrations::MigrateV0ToV1<Runtime>,
	pallet_health_tokens::migrations::MigrateV1ToV2<Runtime>,
	pallet_consent::migrations::MigrateV1ToV2<Runtime>,
	pallet_trial_anchoring::migrations::MigrateV0ToV1<Runtime>,
	pallet_health_tokens::migrations::MigrateV2ToV3<Runtime>,
	pallet_consent::migrations::MigrateV2ToV3<Runtime>,
	pallet_consent::migrations::MigrateV3ToV4<Runtime>,
	pallet_insurance::migrations::MigrateV0ToV1<Runtime>,
);

/// Dispatches to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(8)]
	pub type Council = pallet_collective<Instance1>;

	// Before `Session`: its genesis hands the founding validators to the session's.
	#[runtime::pallet_index(9)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(10)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(11)]
	pub type Consortium = pallet_consortium;

	#[runtime::pallet_index(12)]
	pub type NodeAuthorisation = pallet_node_authorisation;

	#[runtime::pallet_index(20)]
	pub type Registry = pallet_registry;

	#[runtime::pallet_index(21)]
	pub type HealthTokens = pallet_health_tokens;

	#[runtime::pallet_index(22)]
	pub type Consent = pallet_consent;

	#[runtime::pallet_index(23)]
	pub type TrialAnchoring = pallet_trial_anchoring;

	#[runtime::pallet_index(24)]
	pub type Insurance = pallet_insurance;

	#[runtime::pallet_index(25)]
	pub type Sponsorship = pallet_sponsorship;
}

#[cfg(test)]
mod tests_consent;
#[cfg(test)]
mod tests_fees;
#[cfg(test)]
mod tests_metadata;
#[cfg(test)]
mod tests_origins;
#[cfg(test)]
mod tests_sponsorship;
#[cfg(all(test, feature = "try-runtime"))]
mod tests_try_state;
#[cfg(test)]
mod tests_weights;

/// Transactions and queries that must keep their encoding: checked by the tests below.
#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn pallet_indices_are_stable() {
		use frame_support::traits::PalletInfoAccess;
		assert_eq!(System::index(), 0);
		assert_eq!(Timestamp::index(), 1);
		assert_eq!(Aura::index(), 2);
		assert_eq!(Grandpa::index(), 3);
		assert_eq!(Balances::index(), 4);
		assert_eq!(TransactionPayment::index(), 5);
		assert_eq!(Utility::index(), 6);
		assert_eq!(Sudo::index(), 7);
		assert_eq!(Council::index(), 8);
		assert_eq!(ValidatorSet::index(), 9);
		assert_eq!(Session::index(), 10);
		assert_eq!(Consortium::index(), 11);
		assert_eq!(NodeAuthorisation::index(), 12);
		assert_eq!(Registry::index(), 20);
		assert_eq!(HealthTokens::index(), 21);
		assert_eq!(Consent::index(), 22);
		assert_eq!(TrialAnchoring::index(), 23);
		assert_eq!(Insurance::index(), 24);
		assert_eq!(Sponsorship::index(), 25);
	}

	/// A wallet that checks an API's version before decoding its answers sees the changed
	/// layouts: version 3 of the ledger's API (optional owners, `verify` by issuer) and of the
	/// consent pallet's (no decision in clear in the audit trail, paged lists; version 4 names
	/// a consent's depositor, version 5 opens committed scopes, version 6 answers a custodian's
	/// batch), version 2 of the
	/// trial-anchoring pallet's (paged, tenures, voidings).
	#[test]
	fn the_changed_runtime_apis_are_at_their_new_versions() {
		use pallet_consent_runtime_api::ConsentApi;
		use pallet_health_tokens_runtime_api::HealthTokensApi;
		use pallet_trial_anchoring_runtime_api::TrialAnchoringApi;
		use sp_api::RuntimeApiInfo;
		let declared = |id| VERSION.apis.iter().find(|(api, _)| *api == id).map(|(_, v)| *v);
		type Tokens = dyn HealthTokensApi<Block, AccountId, Balance, BlockNumber>;
		type Consents = dyn ConsentApi<Block, AccountId, Balance, BlockNumber>;
		type Trials = dyn TrialAnchoringApi<Block, AccountId, Balance, BlockNumber>;
		assert_eq!(declared(Tokens::ID), Some(3));
		assert_eq!(declared(Consents::ID), Some(6));
		assert_eq!(declared(Trials::ID), Some(2));
	}

	#[test]
	fn version_identifies_healthchain() {
		assert_eq!(VERSION.spec_name, "healthchain");
	}

	#[cfg(feature = "std")]
	#[test]
	fn wasm_binary_is_built() {
		assert!(WASM_BINARY.is_some_and(|wasm| !wasm.is_empty()));
	}

	/// The feature lists of `Cargo.toml`'s `[features]` table, by name.
	fn features() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
		let manifest = include_str!("../Cargo.toml");
		let table = manifest.split("\n[features]\n").nth(1).expect("a [features] table");
		let table = table.split("\n[").next().unwrap_or(table);
		let mut features =
			std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
		let mut current: Option<String> = None;
		for line in table.lines().map(str::trim) {
			if line.is_empty() || line.starts_with('#') {
				continue;
			}
			if let Some((name, rest)) = line.split_once(" = [") {
				let entry = features.entry(name.to_string()).or_default();
				for item in rest.trim_end_matches(']').split(',') {
					let item = item.trim().trim_matches('"');
					if !item.is_empty() {
						entry.insert(item.to_string());
					}
				}
				current = (!rest.ends_with(']')).then(|| name.to_string());
			} else if let Some(name) = &current {
				if line == "]" {
					current = None;
				} else {
					let item = line.trim_end_matches(',').trim_matches('"').to_string();
					features.get_mut(name).expect("opened above").insert(item);
				}
			}
		}
		features
	}

	/// The checks build compiles the runtime with `native` instead of `std`: the same code with
	/// the same dependencies' features, only without building the wasm.
	#[test]
	fn native_is_std_without_the_wasm_builder() {
		let features = features();
		let mut std = features.get("std").expect("a std feature").clone();
		assert!(std.remove("substrate-wasm-builder"), "std builds the wasm");
		assert!(std.len() > 30, "the parser read the whole list: {std:?}");
		assert_eq!(Some(&std), features.get("native"), "native is std without the wasm builder");
	}
}
