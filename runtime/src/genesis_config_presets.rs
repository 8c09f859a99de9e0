//! Genesis presets, exposed through the genesis-builder runtime API:
//!
//! - `development`: one validator (Alice), Alice holds the sudo key, the council is Alice alone;
//! - `local_testnet`: four validators (Alice, Bob, Charlie, Dave) forming the consortium
//!   council, and **no sudo key**: as on a consortium's network, the council's two-thirds
//!   motions are root (`consortium.dispatch_as_root`). Only their four nodes are authorised
//!   to peer: those whose node keys are [`LOCAL_NODE_KEYS`]'s secrets (`--node-key
//!   0000…0001` to `…0004`).
//!
//! Both endow the well-known development accounts. They are for development and testing only:
//! a consortium network gets its own chain spec from a file naming its members, validators
//! and keys (`healthchain-node build-spec --chain consortium.toml`), which the node refuses if
//! it holds a well-known development key.

use crate::{AccountId, Balance, SessionKeys, UNIT};
use alloc::{vec, vec::Vec};
use pallet_node_authorisation::NodeId;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each development account is endowed with.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The local testnet's authorised nodes: the ed25519 public keys of the node keys (secret
/// seeds) `0x00…01` to `0x00…04`, Alice's node to Dave's (peer ids `12D3KooWEyop…`,
/// `12D3KooWHdiA…`, `12D3KooWSCuf…`, `12D3KooWSsCh…`).
pub const LOCAL_NODE_KEYS: [[u8; 32]; 4] = [
	sp_core::hex2array!("4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"),
	sp_core::hex2array!("7422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674"),
	sp_core::hex2array!("f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b"),
	sp_core::hex2array!("fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b"),
];

/// The genesis of a network with these validators (each an account with its session keys),
/// authorised nodes (each with its owner), endowed accounts, sudo key (if any) and council.
/// The founding validators go to the validator set and their keys to the session, which hands
/// them to Aura and GRANDPA.
fn testnet_genesis(
	validators: Vec<(AccountId, SessionKeys)>,
	nodes: Vec<(NodeId, AccountId)>,
	endowed: Vec<AccountId>,
	root: Option<AccountId>,
	council: Vec<AccountId>,
) -> Value {
	serde_json::json!({
		"nodeAuthorisation": { "nodes": nodes },
		"balances": {
			"balances": endowed.into_iter().map(|who| (who, ENDOWMENT)).collect::<Vec<_>>(),
		},
		"session": {
			"keys": validators
				.iter()
				.map(|(who, keys)| (who.clone(), who.clone(), keys.clone()))
				.collect::<Vec<_>>(),
		},
		"validatorSet": {
			"validators": validators.into_iter().map(|(who, _)| who).collect::<Vec<_>>(),
		},
		"sudo": { "key": root },
		"council": { "members": council },
	})
}

/// A development validator: its account and its session keys, from the same keyring entry.
fn validator(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AccountId, SessionKeys) {
	let keys = SessionKeys { aura: AuraId::from(aura.public()), grandpa: grandpa.public().into() };
	(aura.to_account_id(), keys)
}

/// The `development` preset: no node is authorised, so that the network is open (a
/// development node's peer id changes at every start).
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		vec![Sr25519Keyring::Alice.to_account_id()],
	)
}

/// The `local_testnet` preset.
pub fn local_config_genesis() -> Value {
	let members = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	testnet_genesis(
		members.iter().map(|(aura, grandpa)| validator(*aura, *grandpa)).collect(),
		LOCAL_NODE_KEYS
			.iter()
			.zip(&members)
			.map(|(key, (owner, _))| (NodeId(*key), owner.to_account_id()))
			.collect(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		None,
		members.iter().map(|(aura, _)| aura.to_account_id()).collect(),
	)
}

/// The preset `id` as JSON, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|json| json.into_bytes())
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Apply a JSON merge patch (RFC 7396 without deletions), as the node does with presets.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}

	#[test]
	fn presets_build_a_valid_genesis() {
		for id in preset_names() {
			let patch: Value =
				serde_json::from_slice(&get_preset(&id).expect("listed presets exist")).unwrap();
			let mut config = serde_json::to_value(crate::RuntimeGenesisConfig::default()).unwrap();
			merge(&mut config, patch);
			let json = serde_json::to_vec(&config).unwrap();
			sp_io::TestExternalities::new_empty().execute_with(|| {
				frame_support::genesis_builder_helper::build_state::<crate::RuntimeGenesisConfig>(
					json,
				)
				.expect("preset builds");
			});
		}
	}

	#[test]
	fn local_testnet_has_four_validators_in_the_council_and_no_sudo() {
		let preset = local_config_genesis();
		assert_eq!(preset["session"]["keys"].as_array().map(Vec::len), Some(4));
		assert_eq!(preset["validatorSet"]["validators"].as_array().map(Vec::len), Some(4));
		assert_eq!(preset["council"]["members"].as_array().map(Vec::len), Some(4));
		assert_eq!(preset["sudo"]["key"], Value::Null);
	}

	/// The local testnet's authorised nodes are those with the node keys `0x00…01` to
	/// `0x00…04` (which `e2e`'s local network starts its validators with), and their peer ids
	/// are those the docs give.
	#[test]
	fn local_testnet_authorises_the_nodes_with_keys_one_to_four() {
		use sp_core::Pair;
		let preset = local_config_genesis();
		let nodes = preset["nodeAuthorisation"]["nodes"].as_array().unwrap();
		let peer_ids = [
			"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp",
			"12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD",
			"12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x",
			"12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st",
		];
		assert_eq!(nodes.len(), 4);
		for (i, key) in LOCAL_NODE_KEYS.iter().enumerate() {
			let mut seed = [0u8; 32];
			seed[31] = i as u8 + 1;
			let public = sp_core::ed25519::Pair::from_seed(&seed).public();
			assert_eq!(&public.0, key, "node key {}", i + 1);
			assert_eq!(nodes[i][0], peer_ids[i]);
		}
		assert_eq!(
			development_config_genesis()["nodeAuthorisation"]["nodes"],
			serde_json::json!([])
		);
	}

	#[test]
	fn only_the_development_preset_has_a_sudo_key() {
		for id in preset_names() {
			let patch: Value = serde_json::from_slice(&get_preset(&id).unwrap()).unwrap();
			let has_sudo = !patch["sudo"]["key"].is_null();
			assert_eq!(
				has_sudo,
				AsRef::<str>::as_ref(&id) == sp_genesis_builder::DEV_RUNTIME_PRESET,
				"{id:?}"
			);
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		assert!(get_preset(&PresetId::from("mainnet")).is_none());
	}
}
