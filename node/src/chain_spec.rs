//! The chain specifications the node knows by name: `dev` and `local`.

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
