//! A consortium's own chain specification, built from a file naming its members (their council
//! seats), its founding validators with their session keys and nodes, its other authorised
//! nodes, and the accounts endowed at genesis: `healthchain-node build-spec --chain
//! consortium.toml --raw > consortium.json`.
//!
//! The file holds public keys only. A chain built from it has no sudo key (the council is its
//! root, through `consortium.dispatch_as_root`), and a `live` one may hold no well-known
//! development key (`//Alice` and the like, whose secrets every Substrate tool knows): such a
//! file is refused, and so is a JSON chain specification of a live chain that holds one.
//! `docs/operators.md` walks through writing the file; `chain-specs/example-consortium.toml`
//! is an example.

use healthchain_runtime::{AccountId, SessionKeys, UNIT};
use pallet_node_authorisation::NodeId;
use sc_service::ChainType;
use serde::Deserialize;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{
	crypto::{ByteArray, Ss58Codec},
	ed25519, sr25519,
};
use std::collections::BTreeSet;

/// The members file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsortiumFile {
	/// The network's name, as wallets show it.
	pub name: String,
	/// Its id (letters, digits and `_`): nodes keep its database under it.
	pub id: String,
	/// `live` (the default) for a production network, `local` for a test network.
	#[serde(default)]
	pub chain_type: Kind,
	/// The multiaddresses of nodes a new node first connects to (each must be an authorised
	/// node: a validator's `node` or one of `[[nodes]]`).
	#[serde(default)]
	pub boot_nodes: Vec<String>,
	/// The council: one seat per member organisation's account.
	#[serde(default)]
	pub members: Vec<Member>,
	/// The founding validators.
	#[serde(default)]
	pub validators: Vec<Validator>,
	/// Other nodes authorised to peer (boot, RPC, archive nodes), besides the validators'.
	#[serde(default)]
	pub nodes: Vec<AuthorisedNode>,
	/// Other accounts endowed at genesis.
	#[serde(default)]
	pub accounts: Vec<Endowed>,
}

/// A node authorised at genesis that is not a validator's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorisedNode {
	/// Whose node it is (a label only; not on chain).
	#[serde(default)]
	pub name: String,
	/// Its peer id (`12D3KooW…`), as `healthchain-node key inspect-node-key` prints it.
	pub node: String,
	/// The account that owns it (SS58): it may add connections to it.
	pub owner: String,
}

/// `live` or `local`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
	/// A production network.
	#[default]
	Live,
	/// A test network.
	Local,
}

/// A council seat.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
	/// Who holds it (a label only; not on chain).
	#[serde(default)]
	pub name: String,
	/// The member's account (SS58).
	pub account: String,
	/// Whole HCT it holds at genesis.
	#[serde(default)]
	pub balance: u64,
}

/// A founding validator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validator {
	/// Whose node it is (a label only; not on chain).
	#[serde(default)]
	pub name: String,
	/// The validator's account (SS58): its session keys are registered under it.
	pub account: String,
	/// Its Aura key (sr25519, SS58), as `healthchain-node key inspect --scheme sr25519` shows.
	pub aura: String,
	/// Its GRANDPA key (ed25519, SS58), as `healthchain-node key inspect --scheme ed25519`.
	pub grandpa: String,
	/// Its node's peer id (`12D3KooW…`, from `healthchain-node key inspect-node-key`): the
	/// node is authorised to peer, owned by the validator's account. Required on a live
	/// network, whose nodes peer only with authorised ones.
	#[serde(default)]
	pub node: Option<String>,
	/// Whole HCT it holds at genesis (it pays its transactions' fees).
	#[serde(default)]
	pub balance: u64,
}

/// An endowed account.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endowed {
	/// The account (SS58).
	pub account: String,
	/// Whole HCT it holds at genesis.
	pub balance: u64,
}

fn account(what: &str, text: &str) -> Result<AccountId, String> {
	AccountId::from_ss58check(text.trim())
		.map_err(|e| format!("{what}: {text:?} is not an SS58 account ({e:?})"))
}

fn sr25519_key(what: &str, text: &str) -> Result<sr25519::Public, String> {
	sr25519::Public::from_ss58check(text.trim())
		.map_err(|e| format!("{what}: {text:?} is not an SS58 sr25519 key ({e:?})"))
}

fn ed25519_key(what: &str, text: &str) -> Result<ed25519::Public, String> {
	ed25519::Public::from_ss58check(text.trim())
		.map_err(|e| format!("{what}: {text:?} is not an SS58 ed25519 key ({e:?})"))
}

/// The public keys of the well-known development accounts (`//Alice` … `//Ferdie`, their
/// `//stash` accounts, and the other keyring entries), sr25519 and ed25519, and of the local
/// testnet's node keys, with their names.
pub fn dev_keys() -> Vec<([u8; 32], String)> {
	let mut keys = Vec::new();
	for key in sp_keyring::Sr25519Keyring::iter() {
		keys.push((key.public().0, format!("sr25519 {key:?}")));
	}
	for key in sp_keyring::Ed25519Keyring::iter() {
		keys.push((key.public().0, format!("ed25519 {key:?}")));
	}
	// The local testnet's node keys are `0x00…01` to `0x00…04`: public secrets too.
	for (i, key) in healthchain_runtime::genesis_config_presets::LOCAL_NODE_KEYS.iter().enumerate()
	{
		keys.push((*key, format!("the local testnet's node key {}", i + 1)));
	}
	keys
}

/// The well-known development keys that `text` (a chain specification, plain or raw, or any
/// JSON) holds, as SS58, as a peer id, or as hex (raw storage keys hold account ids and nodes
/// in hex).
pub fn dev_keys_in(text: &str) -> Vec<String> {
	let lower = text.to_ascii_lowercase();
	dev_keys()
		.into_iter()
		.filter(|(key, _)| {
			text.contains(&AccountId::from(*key).to_ss58check())
				|| text.contains(&NodeId(*key).to_peer_id())
				|| lower.contains(&hex(key))
		})
		.map(|(_, name)| name)
		.collect()
}

fn node_id(what: &str, text: &str) -> Result<NodeId, String> {
	text.trim().parse().map_err(|e| format!("{what}: {text:?}: {e}"))
}

/// The peer id at the end of a multiaddress (`…/p2p/12D3KooW…`).
fn boot_node_id(address: &str) -> Result<NodeId, String> {
	let what = format!("boot node {address:?}");
	let id = address
		.rsplit_once("/p2p/")
		.map(|(_, id)| id)
		.ok_or_else(|| format!("{what}: not a multiaddress ending in /p2p/<peer id>"))?;
	node_id(&what, id)
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl ConsortiumFile {
	/// Read and check the file at `path`.
	pub fn read(path: &str) -> Result<Self, String> {
		let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
		toml::from_str(&text).map_err(|e| format!("{path}: {e}"))
	}

	/// The genesis patch this file describes, checked: at least one member and one validator,
	/// no account, key or node twice, no more validators or nodes than the runtime allows,
	/// every boot node an authorised node, and, for a live network, a node for every
	/// validator and no well-known development key.
	pub fn genesis_patch(&self) -> Result<serde_json::Value, String> {
		if self.members.is_empty() {
			return Err("the file names no [[members]]: the council would be empty".into());
		}
		if self.validators.is_empty() {
			return Err("the file names no [[validators]]".into());
		}
		if self.id.is_empty() || !self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
			return Err(format!("id {:?}: use letters, digits and _", self.id));
		}
		let mut seen = BTreeSet::new();
		let mut unique = |what: &str, bytes: &[u8]| {
			if seen.insert(bytes.to_vec()) {
				Ok(())
			} else {
				Err(format!("{what}: the same account or key appears twice"))
			}
		};
		// One entry per account (a member that also runs a validator may be endowed twice):
		// the genesis refuses an account listed twice.
		let mut balances = std::collections::BTreeMap::<AccountId, u128>::new();
		let mut endow = |who: &AccountId, whole: u64| {
			if whole > 0 {
				*balances.entry(who.clone()).or_default() += u128::from(whole) * UNIT;
			}
		};
		let mut council = Vec::new();
		for (i, member) in self.members.iter().enumerate() {
			let what = format!("members[{i}] ({})", member.name);
			let who = account(&what, &member.account)?;
			unique(&what, who.as_ref())?;
			endow(&who, member.balance);
			council.push(who);
		}
		let mut session = Vec::new();
		let mut validators = Vec::new();
		let mut nodes: Vec<(NodeId, AccountId)> = Vec::new();
		for (i, validator) in self.validators.iter().enumerate() {
			let what = format!("validators[{i}] ({})", validator.name);
			let who = account(&what, &validator.account)?;
			let aura = sr25519_key(&format!("{what}.aura"), &validator.aura)?;
			let grandpa = ed25519_key(&format!("{what}.grandpa"), &validator.grandpa)?;
			// A validator may also hold a council seat with the same account.
			if !council.contains(&who) {
				unique(&what, who.as_ref())?;
			}
			unique(&format!("{what}.aura"), aura.as_slice())?;
			unique(&format!("{what}.grandpa"), grandpa.as_slice())?;
			endow(&who, validator.balance);
			match &validator.node {
				Some(node) => {
					let id = node_id(&format!("{what}.node"), node)?;
					unique(&format!("{what}.node"), &id.0)?;
					nodes.push((id, who.clone()));
				},
				None if self.chain_type == Kind::Live => {
					return Err(format!(
						"{what}: no node: on a live network every validator names its node's \
						 peer id (`node = \"12D3KooW…\"`, from `healthchain-node key \
						 inspect-node-key`), or its node could not peer"
					))
				},
				None => {},
			}
			let keys = SessionKeys { aura: AuraId::from(aura), grandpa: GrandpaId::from(grandpa) };
			session.push((who.clone(), who.clone(), keys));
			validators.push(who);
		}
		for (i, node) in self.nodes.iter().enumerate() {
			let what = format!("nodes[{i}] ({})", node.name);
			let owner = account(&format!("{what}.owner"), &node.owner)?;
			let id = node_id(&format!("{what}.node"), &node.node)?;
			unique(&format!("{what}.node"), &id.0)?;
			nodes.push((id, owner));
		}
		let named = self.validators.iter().filter(|v| v.node.is_some()).count();
		if named != 0 && named != self.validators.len() {
			return Err(format!(
				"{named} of {} validators name their node: name every validator's node or none \
				 (a network that authorises nodes refuses the others)",
				self.validators.len()
			));
		}
		let node_ids: BTreeSet<NodeId> = nodes.iter().map(|(node, _)| *node).collect();
		let max_nodes =
			<healthchain_runtime::configs::MaxNodes as sp_core::Get<u32>>::get() as usize;
		if nodes.len() > max_nodes {
			return Err(format!("{} authorised nodes: at most {max_nodes}", nodes.len()));
		}
		for address in &self.boot_nodes {
			let id = boot_node_id(address)?;
			if !nodes.is_empty() && !node_ids.contains(&id) {
				return Err(format!(
					"boot node {address:?} is not an authorised node (a validator's `node` or \
					 one of [[nodes]]): no node would accept it"
				));
			}
		}
		for (i, endowed) in self.accounts.iter().enumerate() {
			let what = format!("accounts[{i}]");
			let who = account(&what, &endowed.account)?;
			unique(&what, who.as_ref())?;
			endow(&who, endowed.balance);
		}
		let max =
			<healthchain_runtime::configs::MaxValidators as sp_core::Get<u32>>::get() as usize;
		if validators.len() > max {
			return Err(format!("{} validators: at most {max}", validators.len()));
		}
		let balances: Vec<(AccountId, u128)> = balances.into_iter().collect();
		let patch = serde_json::json!({
			"balances": { "balances": balances },
			"session": { "keys": session },
			"validatorSet": { "validators": validators },
			"nodeAuthorisation": { "nodes": nodes },
			"council": { "members": council },
			"sudo": { "key": null },
		});
		if self.chain_type == Kind::Live {
			let found = dev_keys_in(&patch.to_string());
			if !found.is_empty() {
				return Err(format!(
					"a live network may hold no well-known development key; this file holds {} \
					 (generate each key with `healthchain-node key generate`)",
					found.join(", ")
				));
			}
		}
		Ok(patch)
	}

	/// The chain type.
	pub fn chain_type(&self) -> ChainType {
		match self.chain_type {
			Kind::Live => ChainType::Live,
			Kind::Local => ChainType::Local,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

	fn file(text: &str) -> ConsortiumFile {
		toml::from_str(text).unwrap()
	}

	fn example() -> String {
		std::fs::read_to_string(concat!(
			env!("CARGO_MANIFEST_DIR"),
			"/../chain-specs/example-consortium.toml"
		))
		.unwrap()
	}

	#[test]
	fn the_example_builds_a_patch_with_no_sudo_and_no_dev_key() {
		let patch = file(&example()).genesis_patch().unwrap();
		assert_eq!(patch["sudo"]["key"], serde_json::Value::Null);
		assert_eq!(patch["council"]["members"].as_array().unwrap().len(), 3);
		assert_eq!(patch["validatorSet"]["validators"].as_array().unwrap().len(), 4);
		assert!(dev_keys_in(&patch.to_string()).is_empty());
		assert_eq!(patch["nodeAuthorisation"]["nodes"].as_array().unwrap().len(), 5);
	}

	#[test]
	fn a_live_file_with_a_dev_key_is_refused() {
		let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
		let bob_grandpa = Ed25519Keyring::Bob.public().to_ss58check();
		// Alice's account in place of the first member's.
		let text = example();
		let first = text.split("account = \"").nth(1).unwrap().split('"').next().unwrap();
		let error = file(&text.replacen(first, &alice, 1)).genesis_patch().unwrap_err();
		assert!(error.contains("sr25519 Alice"), "{error}");
		// Bob's GRANDPA key in place of the first validator's.
		let grandpa = text.split("grandpa = \"").nth(1).unwrap().split('"').next().unwrap();
		let error = file(&text.replacen(grandpa, &bob_grandpa, 1)).genesis_patch().unwrap_err();
		assert!(error.contains("ed25519 Bob"), "{error}");
		// A local test network may.
		let local = text
			.replacen(first, &alice, 1)
			.replace("chain_type = \"live\"", "chain_type = \"local\"");
		assert!(file(&local).genesis_patch().is_ok());
	}

	#[test]
	fn mistakes_are_refused_with_their_place() {
		let text = example();
		let first = text.split("account = \"").nth(1).unwrap().split('"').next().unwrap();
		let error = file(&text.replacen(first, "5Gnot-an-account", 1)).genesis_patch().unwrap_err();
		assert!(error.starts_with("members[0]"), "{error}");
		let second = text.split("account = \"").nth(2).unwrap().split('"').next().unwrap();
		let error = file(&text.replacen(second, first, 1)).genesis_patch().unwrap_err();
		assert!(error.contains("appears twice"), "{error}");
		assert!(toml::from_str::<ConsortiumFile>(&format!("{text}\nsudo = \"x\"\n")).is_err());
		let error = file("name = \"x\"\nid = \"x\"\n").genesis_patch().unwrap_err();
		assert!(error.contains("no [[members]]"), "{error}");
	}

	#[test]
	fn a_member_running_a_validator_is_endowed_once_with_both_balances() {
		let text = example();
		let member = text.split("account = \"").nth(1).unwrap().split('"').next().unwrap();
		let validator = text.split("account = \"").nth(4).unwrap().split('"').next().unwrap();
		let patch = file(&text.replacen(validator, member, 1)).genesis_patch().unwrap();
		let entries: Vec<_> = patch["balances"]["balances"]
			.as_array()
			.unwrap()
			.iter()
			.filter(|entry| entry[0] == member)
			.collect();
		assert_eq!(entries.len(), 1);
		assert_eq!(entries[0][1], serde_json::json!(1010 * UNIT));
	}

	#[test]
	fn the_example_authorises_its_validators_nodes_and_its_boot_node() {
		let text = example();
		let patch = file(&text).genesis_patch().unwrap();
		let nodes = patch["nodeAuthorisation"]["nodes"].as_array().unwrap();
		assert_eq!(nodes.len(), 5);
		// A validator's node is owned by the validator's account.
		let validator = text.split("account = \"").nth(4).unwrap().split('"').next().unwrap();
		let node = text.split("node = \"").nth(1).unwrap().split('"').next().unwrap();
		assert_eq!(nodes[0], serde_json::json!([node, validator]));
	}

	#[test]
	fn node_mistakes_are_refused() {
		let text = example();
		let node = text.split("node = \"").nth(1).unwrap().split('"').next().unwrap();
		let second = text.split("node = \"").nth(2).unwrap().split('"').next().unwrap();
		// Malformed, by its place.
		let error =
			file(&text.replacen(node, "12D3KooWnot-a-peer-id", 1)).genesis_patch().unwrap_err();
		assert!(error.starts_with("validators[0]") && error.contains(".node"), "{error}");
		// Twice.
		let error = file(&text.replacen(second, node, 1)).genesis_patch().unwrap_err();
		assert!(error.contains("appears twice"), "{error}");
		// A live validator without a node; a local one may.
		let without = text.replacen(&format!("node = \"{node}\"\n"), "", 1);
		let error = file(&without).genesis_patch().unwrap_err();
		assert!(error.contains("validators[0]") && error.contains("no node"), "{error}");
		let local = without.replace("chain_type = \"live\"", "chain_type = \"local\"");
		let error = file(&local).genesis_patch().unwrap_err();
		assert!(error.contains("3 of 4 validators name their node"), "{error}");
		let mut none = local[..local.find("\n[[nodes]]").unwrap()].to_string();
		for id in text.split("node = \"").skip(1).map(|t| t.split('"').next().unwrap()) {
			none = none.replace(&format!("node = \"{id}\"\n"), "");
		}
		assert!(file(&none).genesis_patch().is_ok(), "a local network with no node named is open");
		// A boot node nobody authorised.
		let boot = "12D3KooWJsiEhubT6sgSphxieXu5mov9oVArKcDA3JDHFz1HE4BQ";
		let stranger = "12D3KooWSuTq6MG9gPt7qZqLFKkYrfxMewTZhj9nmRHJkPwzWDG2";
		let error = file(&text.replacen(&format!("/p2p/{boot}"), &format!("/p2p/{stranger}"), 1))
			.genesis_patch()
			.unwrap_err();
		assert!(error.contains("not an authorised node"), "{error}");
		let error =
			file(&text.replacen(&format!("/p2p/{boot}"), "", 1)).genesis_patch().unwrap_err();
		assert!(error.contains("/p2p/<peer id>"), "{error}");
		// The local testnet's node key 1 (its secret is 0x00…01): refused on a live network.
		let local_key = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
		let error = file(&text.replacen(node, local_key, 1)).genesis_patch().unwrap_err();
		assert!(error.contains("the local testnet's node key 1"), "{error}");
	}

	#[test]
	fn dev_keys_are_found_as_ss58_and_as_hex() {
		let alice = Sr25519Keyring::Alice.public();
		assert_eq!(dev_keys_in(&alice.to_ss58check()), vec!["sr25519 Alice".to_string()]);
		assert_eq!(
			dev_keys_in(&format!("\"0x26aa{}\"", hex(&alice.0).to_uppercase())),
			vec!["sr25519 Alice".to_string()]
		);
		assert!(dev_keys_in("nothing here").is_empty());
		assert!(dev_keys().len() >= 24);
	}
}
