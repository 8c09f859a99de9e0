//! The chain specifications the node knows by name (`dev`, `local`), a consortium's built from
//! its members file (`--chain consortium.toml`), and JSON ones (`--chain spec.json`).

use healthchain_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::ChainType;

/// A healthchain chain specification (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The token symbol, decimals and SS58 prefix, so that wallets display amounts and addresses.
fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's wasm binary was not built".to_string())
}

/// `--dev`: one validator (Alice), built from the runtime's `development` preset.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("healthchain development")
		.with_id("healthchain_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name("development")
		.with_properties(properties())
		.build())
}

/// `--chain local`: four validators (Alice, Bob, Charlie, Dave) forming the consortium council,
/// built from the runtime's `local_testnet` preset. `chain-specs/local.json` is this spec.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("healthchain local testnet")
		.with_id("healthchain_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name("local_testnet")
		.with_properties(properties())
		.build())
}

/// What a node started without `--chain` (or `--dev`) says.
pub const NO_CHAIN: &str = "no chain given; choose one:\n  \
	--dev                        a one-validator development chain (Alice; sudo)\n  \
	--chain local                the four-validator local testnet (well-known keys; tests only)\n  \
	--chain <spec.json>          a network's chain specification, as its consortium distributes it\n  \
	--chain <consortium.toml>    a consortium's chain built from its members file (docs/operators.md)";

/// `--chain consortium.toml`: the chain a consortium's members file describes (see
/// [`crate::consortium`]), with no sudo key.
pub fn consortium_chain_spec(path: &str) -> Result<ChainSpec, String> {
	let file = crate::consortium::ConsortiumFile::read(path)?;
	let patch = file.genesis_patch().map_err(|e| format!("{path}: {e}"))?;
	for warning in file.warnings() {
		eprintln!("warning: {path}: {warning}");
	}
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(&file.name)
		.with_id(&file.id)
		.with_chain_type(file.chain_type())
		.with_genesis_config_patch(patch)
		.with_boot_nodes(
			file.boot_nodes
				.iter()
				.map(|address| {
					address.parse().map_err(|e| format!("{path}: boot node {address:?}: {e}"))
				})
				.collect::<Result<_, _>>()?,
		)
		.with_properties(properties())
		.build())
}

/// `--chain spec.json`; refused if it is a live network's and holds a well-known development
/// key outside its runtime code.
pub fn json_chain_spec(path: &str) -> Result<ChainSpec, String> {
	let spec = ChainSpec::from_json_file(std::path::PathBuf::from(path))?;
	if sc_service::ChainSpec::chain_type(&spec) == ChainType::Live {
		let found = dev_keys_in_spec(&spec)?;
		if !found.is_empty() {
			return Err(format!(
				"{path} is a live network's chain specification holding well-known development \
				 keys ({}): anyone can sign with them. Refusing to use it.",
				found.join(", ")
			));
		}
	}
	Ok(spec)
}

/// The well-known development keys a chain specification's genesis holds, its runtime code
/// aside. Read from the raw genesis (built from a plain spec as `build-spec --raw` builds it),
/// where every key is hex whatever SS58 prefix the plain spec wrote it with.
pub fn dev_keys_in_spec(spec: &ChainSpec) -> Result<Vec<String>, String> {
	let text = sc_service::ChainSpec::as_json(spec, true)?;
	let mut json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
	strip_code(&mut json);
	Ok(crate::consortium::dev_keys_in(&json.to_string()))
}

/// Remove the runtime code (the `:code` entry) from a raw chain spec's JSON.
fn strip_code(json: &mut serde_json::Value) {
	if let Some(top) = json["genesis"]["raw"]["top"].as_object_mut() {
		top.remove("0x3a636f6465");
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sc_service::ChainSpec as _;

	fn example() -> String {
		concat!(env!("CARGO_MANIFEST_DIR"), "/../chain-specs/example-consortium.toml").to_string()
	}

	/// Every chain specification the node builds that is not a development or local test
	/// network's (today: those built from a members file, like the example) holds no
	/// well-known development key, plain or raw, and no sudo key.
	#[test]
	fn a_non_development_chain_spec_holds_no_dev_key_and_no_sudo() {
		let spec = consortium_chain_spec(&example()).unwrap();
		assert_eq!(spec.chain_type(), ChainType::Live);
		assert_eq!(dev_keys_in_spec(&spec).unwrap(), Vec::<String>::new());
		let raw = spec.as_json(true).unwrap();
		let mut json: serde_json::Value = serde_json::from_str(&raw).unwrap();
		strip_code(&mut json);
		assert_eq!(crate::consortium::dev_keys_in(&json.to_string()), Vec::<String>::new());
		// Sudo's key (`Sudo::Key`, twox128("Sudo") ++ twox128("Key")) is not in the raw state.
		assert!(!raw.contains("0x5c0d1176a568c1f92944340dbfed9e9c530ebca703c85910e7164cb7d1c9e47b"));
		// The development and local chains do hold them, and say what they are.
		for spec in [development_chain_spec().unwrap(), local_chain_spec().unwrap()] {
			assert_ne!(spec.chain_type(), ChainType::Live);
			assert!(!dev_keys_in_spec(&spec).unwrap().is_empty());
		}
	}

	#[test]
	fn a_dev_key_under_another_ss58_prefix_is_found() {
		use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
		// The example's plain spec with Alice, written with the Polkadot prefix (0), as its
		// first council member: the plain text has no prefix-42 address of hers, the raw
		// genesis has her key.
		let spec = consortium_chain_spec(&example()).unwrap();
		let plain = spec.as_json(false).unwrap();
		let first = plain.split("\"members\": [").nth(1).unwrap().split('"').nth(1).unwrap();
		let alice = sp_keyring::Sr25519Keyring::Alice
			.to_account_id()
			.to_ss58check_with_version(Ss58AddressFormat::custom(0));
		let dir = std::env::temp_dir().join(format!("healthchain-prefix-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("live.json");
		std::fs::write(&path, plain.replace(first, &alice)).unwrap();
		let error = json_chain_spec(path.to_str().unwrap()).err().expect("refused");
		assert!(error.contains("sr25519 Alice"), "{error}");
		std::fs::remove_dir_all(&dir).unwrap();
	}

	#[test]
	fn a_live_json_spec_with_a_dev_key_is_refused() {
		let dir = std::env::temp_dir().join(format!("healthchain-spec-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		// The local testnet's spec, relabelled live.
		let local = local_chain_spec().unwrap().as_json(true).unwrap();
		let live = local.replace("\"chainType\": \"Local\"", "\"chainType\": \"Live\"");
		assert_ne!(live, local);
		let path = dir.join("live.json");
		std::fs::write(&path, live).unwrap();
		let error = json_chain_spec(path.to_str().unwrap()).err().expect("refused");
		assert!(error.contains("well-known development keys"), "{error}");
		assert!(error.contains("sr25519 Alice"), "{error}");
		// As it is (local), it loads.
		std::fs::write(&path, local).unwrap();
		assert!(json_chain_spec(path.to_str().unwrap()).is_ok());
		// The example consortium's raw spec loads.
		let example = consortium_chain_spec(&example()).unwrap().as_json(true).unwrap();
		std::fs::write(&path, example).unwrap();
		assert!(json_chain_spec(path.to_str().unwrap()).is_ok());
		std::fs::remove_dir_all(&dir).unwrap();
	}
}
