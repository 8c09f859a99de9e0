//! The chain configuration the client signs for, and the metadata hash of RFC 78 that a wallet
//! commits to when it signs with `CheckMetadataHash` enabled.
//!
//! healthchain uses Substrate's defaults (sr25519 `MultiSignature`, `AccountId32`, BLAKE2-256),
//! so [`HealthchainConfig`] delegates to subxt's [`SubstrateConfig`]. The one difference is the
//! `CheckMetadataHash` extension: subxt always signs with it disabled, while a hardware wallet
//! (e.g. the Ledger generic app) signs with it enabled and includes the metadata hash in the
//! signed payload. A runtime built with the `metadata-hash` feature knows its own hash and
//! accepts such a signature only if the hashes agree; a runtime built without it refuses every
//! transaction that enables the check. [`HealthchainExtensions`] signs either way.

use codec::{Decode, Encode};
use subxt::{
	config::{
		transaction_extensions::Params, ClientState, DefaultExtrinsicParams,
		DefaultTransactionExtensions, HashFor, TransactionExtensions,
	},
	error::TransactionExtensionError,
	ext::{
		frame_decode::extrinsics::{
			TransactionExtensions as EncodeExtensions, TransactionExtensionsError,
		},
		frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed},
		scale_type_resolver::TypeResolver,
	},
	metadata::ArcMetadata,
	transactions::DefaultParams,
	Config, SubstrateConfig,
};

/// The name of the transaction extension, as it appears in the metadata.
const CHECK_METADATA_HASH: &str = "CheckMetadataHash";

/// A metadata hash: the BLAKE3 hash of the RFC 78 metadata digest.
pub type MetadataHash = [u8; 32];

/// healthchain's chain configuration: Substrate's defaults, with a `CheckMetadataHash` that can
/// be enabled.
#[derive(Debug, Clone, Default)]
pub struct HealthchainConfig(SubstrateConfig);

impl Config for HealthchainConfig {
	type AccountId = <SubstrateConfig as Config>::AccountId;
	type Address = <SubstrateConfig as Config>::Address;
	type Signature = <SubstrateConfig as Config>::Signature;
	type Hasher = <SubstrateConfig as Config>::Hasher;
	type Header = <SubstrateConfig as Config>::Header;
	type TransactionExtensions = HealthchainExtensions;
	type AssetId = <SubstrateConfig as Config>::AssetId;

	fn spec_and_transaction_version_for_block_number(&self, block: u64) -> Option<(u32, u32)> {
		self.0.spec_and_transaction_version_for_block_number(block)
	}

	fn metadata_for_spec_version(&self, spec_version: u32) -> Option<ArcMetadata> {
		self.0.metadata_for_spec_version(spec_version)
	}

	fn set_metadata_for_spec_version(&self, spec_version: u32, metadata: ArcMetadata) {
		self.0.set_metadata_for_spec_version(spec_version, metadata)
	}
}

/// The parameters of one transaction: subxt's defaults (nonce, mortality, tip) and, to sign
/// with `CheckMetadataHash` enabled, the metadata hash to commit to.
#[derive(Debug)]
pub struct HealthchainParams {
	/// Nonce, mortality and tip.
	pub default: DefaultExtrinsicParams<HealthchainConfig>,
	/// `Some(hash)` signs with `CheckMetadataHash` enabled and this hash in the signed payload.
	pub metadata_hash: Option<MetadataHash>,
}

impl Params<HealthchainConfig> for HealthchainParams {
	fn inject_account_nonce(&mut self, nonce: u64) {
		self.default.inject_account_nonce(nonce)
	}

	fn inject_block(&mut self, number: u64, hash: HashFor<HealthchainConfig>) {
		self.default.inject_block(number, hash)
	}
}

impl DefaultParams for HealthchainParams {
	fn default_params() -> Self {
		Self { default: DefaultExtrinsicParams::default(), metadata_hash: None }
	}
}

/// The transaction extensions the client signs: subxt's defaults, except `CheckMetadataHash`,
/// which is enabled when a metadata hash is given.
pub struct HealthchainExtensions {
	default: DefaultTransactionExtensions<HealthchainConfig>,
	metadata_hash: Option<MetadataHash>,
}

impl TransactionExtensions<HealthchainConfig> for HealthchainExtensions {
	type Params = HealthchainParams;

	fn new(
		client: &ClientState<HealthchainConfig>,
		params: Self::Params,
	) -> Result<Self, TransactionExtensionError> {
		Ok(Self {
			default: DefaultTransactionExtensions::new(client, params.default)?,
			metadata_hash: params.metadata_hash,
		})
	}

	fn inject_signature(
		&mut self,
		account_id: &<HealthchainConfig as Config>::AccountId,
		signature: &<HealthchainConfig as Config>::Signature,
	) {
		self.default.inject_signature(account_id, signature)
	}
}

impl<R: TypeResolver> EncodeExtensions<R> for HealthchainExtensions
where
	DefaultTransactionExtensions<HealthchainConfig>: EncodeExtensions<R>,
{
	fn contains_extension(&self, name: &str) -> bool {
		self.default.contains_extension(name)
	}

	fn is_authorization_extension(&self, name: &str) -> bool {
		self.default.is_authorization_extension(name)
	}

	fn encode_extension_value_to(
		&self,
		name: &str,
		type_id: R::TypeId,
		types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), TransactionExtensionsError> {
		match self.metadata_hash {
			// `Mode::Enabled`, the second variant of `frame_metadata_hash_extension::Mode`.
			Some(_) if name == CHECK_METADATA_HASH => {
				1u8.encode_to(out);
				Ok(())
			},
			_ => self.default.encode_extension_value_to(name, type_id, types, out),
		}
	}

	fn encode_extension_implicit_to(
		&self,
		name: &str,
		type_id: R::TypeId,
		types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), TransactionExtensionsError> {
		match self.metadata_hash {
			// The signed payload carries `Some(hash)`; the runtime puts its own hash there.
			Some(hash) if name == CHECK_METADATA_HASH => {
				Some(hash).encode_to(out);
				Ok(())
			},
			_ => self.default.encode_extension_implicit_to(name, type_id, types, out),
		}
	}
}

/// What the metadata hash covers besides the metadata's types (RFC 78 `ExtraInfo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainInfo {
	/// The runtime's `spec_name`.
	pub spec_name: String,
	/// The runtime's `spec_version`.
	pub spec_version: u32,
	/// The SS58 address prefix (the `System::SS58Prefix` constant).
	pub ss58_prefix: u16,
	/// The token's decimals.
	pub decimals: u8,
	/// The token's symbol.
	pub token_symbol: String,
}

/// The RFC 78 metadata hash of `metadata` (SCALE-encoded `RuntimeMetadataPrefixed`, version 15,
/// as `Metadata_metadata_at_version(15)` returns it) for the chain `info`: the hash a runtime
/// built with the `metadata-hash` feature expects in a signed payload.
pub fn metadata_hash(metadata: &[u8], info: &ChainInfo) -> Result<MetadataHash, String> {
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &metadata[..])
		.map_err(|e| format!("the node's metadata does not decode: {e}"))?;
	if !matches!(prefixed.1, RuntimeMetadata::V15(_)) {
		return Err("the metadata hash is defined over metadata version 15".into());
	}
	let digest = merkleized_metadata::generate_metadata_digest(
		&prefixed.1,
		merkleized_metadata::ExtraInfo {
			spec_version: info.spec_version,
			spec_name: info.spec_name.clone(),
			base58_prefix: info.ss58_prefix,
			decimals: info.decimals,
			token_symbol: info.token_symbol.clone(),
		},
	)?;
	Ok(digest.hash())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn info() -> ChainInfo {
		ChainInfo {
			spec_name: "healthchain".into(),
			spec_version: 1,
			ss58_prefix: 42,
			decimals: 12,
			token_symbol: "HCT".into(),
		}
	}

	#[test]
	fn metadata_that_does_not_decode_is_refused() {
		let error = metadata_hash(&[1, 2, 3], &info()).unwrap_err();
		assert!(error.contains("does not decode"), "{error}");
	}

	#[test]
	fn metadata_other_than_v15_is_refused() {
		// `RuntimeMetadataPrefixed(META_RESERVED, V14 { types: [], pallets: [], … })` encoded:
		// the magic number, the variant index 14, then empty lists and the extrinsic metadata.
		let mut v14 = b"meta".to_vec();
		v14.push(14);
		v14.extend([0, 0]); // no types, no pallets
		v14.extend([0, 4, 0]); // extrinsic: type 0, version 4, no signed extensions
		v14.push(0); // the runtime type
		let error = metadata_hash(&v14, &info()).unwrap_err();
		assert!(error.contains("version 15"), "{error}");
	}
}
