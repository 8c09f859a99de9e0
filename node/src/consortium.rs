//! A consortium's own chain specification, built from a file naming its members (their council
//! seats), its founding validators with their session keys and nodes, its other authorised
//! nodes, and the accounts endowed at genesis: `healthchain-node build-spec --chain
//! consortium.toml --raw > consortium.json`.
//!
//! The file holds public keys only. A chain built from it has no sudo key (the council is its
//! root, through `consortium.dispatch_as_root`), and a `live` one may hold no well-known
//! development key (`//Alice` and the like, whose secrets every Substrate tool knows): such a
//! file is refused, and so is a JSON chain specification of a live chain that holds one. Nor
//! may a live one be ruled by too few keys: at least [`MIN_MEMBERS`] council seats and the
//! runtime's `MinValidators` validators (with a warning at the minimum).
//!
//! Each member is a founding organisation, registered at genesis with the member's account as
//! its admin and accredited for its roles until a date; every validator and authorised node
//! names the member it runs for, its account (or owner) acting for that organisation, so that
//! its permissions end with the organisation's standing like every other node's.
//! `docs/operators.md` walks through writing the file; `chain-specs/example-consortium.toml`
//! is an example.

use healthchain_primitives::{OrganisationKind, Role};
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

/// The fewest council seats a live network may have: with two thirds of the council as root,
/// fewer would let one or two keys rule the chain.
pub const MIN_MEMBERS: usize = 3;

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
	/// The account that owns it (SS58): it may add connections to it. It acts for the
	/// member's organisation (as its admin, or as an agent added at genesis).
	pub owner: String,
	/// The `name` of the member whose organisation runs it: the node is left out when that
	/// organisation's standing ends.
	pub member: String,
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

/// A council seat, and the founding organisation behind it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
	/// Who holds it: how validators and nodes name the member (not on chain).
	pub name: String,
	/// The member's account (SS58): its council seat, and its organisation's admin.
	pub account: String,
	/// Whole HCT it holds at genesis: at least its organisation's deposit and one agent
	/// deposit per validator or node account acting for it (the admin pays both).
	#[serde(default)]
	pub balance: u64,
	/// What kind of organisation it is (`hospital`, `insurer`, `regulator`, …).
	pub kind: OrganisationKind,
	/// The roles the organisation is accredited for at genesis (at least one: an organisation
	/// accredited for none is not in good standing, and its validators and nodes are left
	/// out).
	pub roles: Vec<Role>,
	/// The last day (`YYYY-MM-DD`, UTC) of those accreditations; the council renews them.
	pub accredited_until: String,
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
	/// The `name` of the member whose organisation runs it: the validator's account acts for
	/// that organisation (as an agent added at genesis, unless it is the member's account),
	/// and is left out of the set when the organisation's standing ends.
	pub member: String,
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

/// The runtime's `MinValidators`.
fn min_validators() -> usize {
	<healthchain_runtime::configs::MinValidators as sp_core::Get<u32>>::get() as usize
}

/// The registry's deposit for an organisation.
fn organisation_deposit() -> u128 {
	<healthchain_runtime::configs::OrganisationDeposit as sp_core::Get<u128>>::get()
}

/// The registry's deposit for an agent.
fn agent_deposit() -> u128 {
	<healthchain_runtime::configs::AgentDeposit as sp_core::Get<u128>>::get()
}

/// The council's deposit for a proposal while no other motion is open.
fn council_proposal_deposit() -> u128 {
	<healthchain_runtime::configs::CouncilProposalDeposit as sp_core::Get<u128>>::get()
}

/// The moment after the last day `date` (`YYYY-MM-DD`, UTC), in Unix milliseconds.
fn end_of_day(what: &str, date: &str) -> Result<u64, String> {
	let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
		.map_err(|e| format!("{what}: {date:?} is not a date (YYYY-MM-DD): {e}"))?;
	let next = day.succ_opt().ok_or_else(|| format!("{what}: {date:?} is too late"))?;
	let millis = next
		.and_hms_opt(0, 0, 0)
		.map(|moment| moment.and_utc().timestamp_millis())
		.ok_or_else(|| format!("{what}: {date:?} is not a date"))?;
	u64::try_from(millis).map_err(|_| format!("{what}: {date:?} is before 1970"))
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

	/// The genesis patch this file describes, checked: enough members and validators (on a live
	/// network at least [`MIN_MEMBERS`] seats and `MinValidators` validators), every member an
	/// organisation with at least one role and funds for its deposits, every validator and node
	/// of a member, no account, key or node twice (nor an account acting for two members), no
	/// more validators or nodes than the runtime allows, every boot node an authorised node,
	/// and, for a live network, a node for every validator and no well-known development key.
	pub fn genesis_patch(&self) -> Result<serde_json::Value, String> {
		if self.members.is_empty() {
			return Err("the file names no [[members]]: the council would be empty".into());
		}
		if self.validators.is_empty() {
			return Err("the file names no [[validators]]".into());
		}
		if self.chain_type == Kind::Live {
			if self.members.len() < MIN_MEMBERS {
				return Err(format!(
					"{} council seat(s): a live network needs at least {MIN_MEMBERS}, or one or \
					 two keys would rule the chain (two thirds of the council is its root)",
					self.members.len()
				));
			}
			if self.validators.len() < min_validators() {
				return Err(format!(
					"{} validator(s): a live network needs at least {} (the runtime's \
					 MinValidators), or one key would author and finalize every block",
					self.validators.len(),
					min_validators()
				));
			}
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
		// Each member's organisation (its id is its place): admin, kind, agents, accreditations.
		let mut organisations = Vec::new();
		for (i, member) in self.members.iter().enumerate() {
			let what = format!("members[{i}] ({})", member.name);
			if member.name.trim().is_empty() {
				return Err(format!("{what}: no name (validators and nodes name their member)"));
			}
			if self.members[..i].iter().any(|other| other.name == member.name) {
				return Err(format!("{what}: two members have this name"));
			}
			let who = account(&what, &member.account)?;
			unique(&what, who.as_ref())?;
			endow(&who, member.balance);
			if member.roles.is_empty() {
				return Err(format!(
					"{what}: no roles: an organisation accredited for none is not in good \
					 standing, and its validators and nodes would be left out"
				));
			}
			let until = end_of_day(&format!("{what}.accredited_until"), &member.accredited_until)?;
			let mut roles = member.roles.clone();
			roles.sort();
			roles.dedup();
			let accreditations: Vec<(Role, u64)> =
				roles.into_iter().map(|role| (role, until)).collect();
			organisations.push((who.clone(), member.kind, Vec::<AccountId>::new(), accreditations));
			council.push(who);
		}
		// The organisation (its index) of the member named `name`, for `what`.
		let organisation_of = |what: &str, name: &str| {
			self.members.iter().position(|member| member.name == name).ok_or_else(|| {
				format!("{what}: member {name:?} is not one of [[members]] (their `name`)")
			})
		};
		// `who` acts for organisation `index`: its admin, or an agent added at genesis.
		let mut act_for = |what: &str, who: &AccountId, index: usize| -> Result<(), String> {
			for (other, (admin, _, agents, _)) in organisations.iter().enumerate() {
				if (admin == who || agents.contains(who)) && other != index {
					return Err(format!(
						"{what}: {} already acts for member {:?}: an account acts for one \
						 organisation",
						who.to_ss58check(),
						self.members[other].name
					));
				}
			}
			let (admin, _, agents, _) = &mut organisations[index];
			if admin != who && !agents.contains(who) {
				agents.push(who.clone());
			}
			Ok(())
		};
		let mut session = Vec::new();
		let mut validators = Vec::new();
		let mut operators = Vec::new();
		let mut nodes: Vec<(NodeId, AccountId)> = Vec::new();
		let mut node_organisations: Vec<(NodeId, u32)> = Vec::new();
		for (i, validator) in self.validators.iter().enumerate() {
			let what = format!("validators[{i}] ({})", validator.name);
			let who = account(&what, &validator.account)?;
			let aura = sr25519_key(&format!("{what}.aura"), &validator.aura)?;
			let grandpa = ed25519_key(&format!("{what}.grandpa"), &validator.grandpa)?;
			let organisation = organisation_of(&what, &validator.member)?;
			// A validator may also hold a council seat with the same account.
			if !council.contains(&who) {
				unique(&what, who.as_ref())?;
			}
			act_for(&what, &who, organisation)?;
			unique(&format!("{what}.aura"), aura.as_slice())?;
			unique(&format!("{what}.grandpa"), grandpa.as_slice())?;
			endow(&who, validator.balance);
			match &validator.node {
				Some(node) => {
					let id = node_id(&format!("{what}.node"), node)?;
					unique(&format!("{what}.node"), &id.0)?;
					nodes.push((id, who.clone()));
					node_organisations.push((id, organisation as u32));
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
			operators.push((who.clone(), organisation as u32));
			validators.push(who);
		}
		for (i, node) in self.nodes.iter().enumerate() {
			let what = format!("nodes[{i}] ({})", node.name);
			let owner = account(&format!("{what}.owner"), &node.owner)?;
			let id = node_id(&format!("{what}.node"), &node.node)?;
			let organisation = organisation_of(&what, &node.member)?;
			act_for(&format!("{what}.owner"), &owner, organisation)?;
			unique(&format!("{what}.node"), &id.0)?;
			nodes.push((id, owner));
			node_organisations.push((id, organisation as u32));
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
		// Each admin pays its organisation's deposit and its agents' at genesis, keeps the
		// existential deposit, and can pay the deposit of a first council proposal (its
		// account holds the member's seat).
		let max_agents =
			<healthchain_runtime::configs::MaxAgents as sp_core::Get<u32>>::get() as usize;
		for (i, (admin, _, agents, _)) in organisations.iter().enumerate() {
			let what = format!("members[{i}] ({})", self.members[i].name);
			if agents.len() > max_agents {
				return Err(format!("{what}: more than {max_agents} accounts act for it"));
			}
			let needed = organisation_deposit()
				+ agent_deposit() * agents.len() as u128
				+ healthchain_runtime::EXISTENTIAL_DEPOSIT
				+ council_proposal_deposit();
			let has = balances.get(admin).copied().unwrap_or_default();
			if has < needed {
				return Err(format!(
					"{what}: a balance of {} HCT cannot pay its organisation's deposit, the \
					 deposits of the {} account(s) acting for it and a council proposal's: give \
					 it at least {} HCT",
					has / UNIT,
					agents.len(),
					needed.div_ceil(UNIT)
				));
			}
		}
		let balances: Vec<(AccountId, u128)> = balances.into_iter().collect();
		let patch = serde_json::json!({
			"balances": { "balances": balances },
			"registry": { "organisations": organisations },
			"session": { "keys": session },
			"validatorSet": { "validators": validators, "operators": operators },
			"nodeAuthorisation": { "nodes": nodes, "organisations": node_organisations },
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

	/// What the file allows but a consortium should know: a council or validator set at the
	/// minimum, or below it on a test network; a member running more than a third of the
	/// validators (it alone can stop finality) or more than two thirds (it alone finalizes).
	pub fn warnings(&self) -> Vec<String> {
		let mut warnings = Vec::new();
		let members = self.members.len();
		if members <= MIN_MEMBERS {
			warnings.push(format!(
				"{members} council seat(s): {} of them (two thirds) pass any motion, runtime \
				 upgrades included; seat more members where the consortium has them",
				(2 * members).div_ceil(3)
			));
		}
		let validators = self.validators.len();
		if validators < 4 {
			warnings.push(format!(
				"{validators} validator(s): finality tolerates no lost validator (GRANDPA needs \
				 more than two thirds of them); run at least 4"
			));
		}
		for member in &self.members {
			let runs = self.validators.iter().filter(|v| v.member == member.name).count();
			if 3 * runs > 2 * validators {
				warnings.push(format!(
					"member {:?} runs {runs} of the {validators} validators: more than two \
					 thirds, it alone finalizes whatever its validators author; spread the \
					 validators over the members",
					member.name
				));
			} else if 3 * runs >= validators && runs > 0 && validators > 1 {
				warnings.push(format!(
					"member {:?} runs {runs} of the {validators} validators: a third or more, \
					 its standing or its outage alone stops finality (GRANDPA needs more than \
					 two thirds); spread the validators over the members",
					member.name
				));
			}
		}
		warnings
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

	/// Item 12 of the second review: a live members file naming one council member (or two)
	/// or one validator let one key rule the chain. Refused below the minimum; at the minimum
	/// it builds, with a warning; a local test network may go below it, with a warning.
	#[test]
	fn a_live_file_needs_enough_members_and_validators() {
		let text = example();
		let example = file(&text);
		assert!(example.genesis_patch().is_ok());
		let warnings = example.warnings();
		assert!(warnings.iter().any(|w| w.contains("3 council seat(s)")), "{warnings:?}");
		// The hospital runs 2 of the 4 validators: it alone can stop finality.
		assert!(
			warnings.iter().any(|w| w
				.contains("member \"St Example Hospital\" runs 2 of the 4 validators: a third")),
			"{warnings:?}"
		);
		assert!(!warnings.iter().any(|w| w.contains("Example Mutual Insurance")), "{warnings:?}");
		// All four its own: it alone finalizes.
		let all = file(
			&text
				.replace(
					"member = \"Example Mutual Insurance\"",
					"member = \"St Example Hospital\"",
				)
				.replace(
					"member = \"Example Medicines Regulator\"",
					"member = \"St Example Hospital\"",
				),
		);
		assert!(
			all.warnings().iter().any(|w| w.contains("runs 4 of the 4 validators: more than two")),
			"{:?}",
			all.warnings()
		);
		// Two members: the third's seat (and its validator) gone.
		let third = text.find("[[members]]\nname = \"Example Medicines Regulator\"").unwrap();
		let end = third + text[third..].find("\n\n").unwrap() + 2;
		let two = format!("{}{}", &text[..third], &text[end..]).replace(
			"member = \"Example Medicines Regulator\"",
			"member = \"St Example Hospital\"",
		);
		let error = file(&two).genesis_patch().unwrap_err();
		assert!(error.contains("2 council seat(s)") && error.contains("at least 3"), "{error}");
		let local = two.replace("chain_type = \"live\"", "chain_type = \"local\"");
		assert!(file(&local).genesis_patch().is_ok());
		assert!(file(&local).warnings().iter().any(|w| w.contains("2 council seat(s)")));
		// One validator: the others' blocks gone.
		let mut one = text[..text.find("[[validators]]").unwrap()].to_string();
		let first = text.find("[[validators]]").unwrap();
		let second = first + 1 + text[first + 1..].find("[[validators]]").unwrap();
		one.push_str(&text[first..second]);
		one.push_str(&text[text.find("[[nodes]]").unwrap()..]);
		let error = file(&one).genesis_patch().unwrap_err();
		assert!(error.contains("1 validator(s)") && error.contains("MinValidators"), "{error}");
		assert!(file(&one).warnings().iter().any(|w| w.contains("1 validator(s)")));
	}

	/// Item 14: every founding validator and node names the member it runs for: the member's
	/// organisation is registered at genesis (its account the admin, accredited for its
	/// roles), the validator's account and the node's owner act for it, and the validator set
	/// and the node list name it.
	#[test]
	fn founding_validators_and_nodes_run_for_their_members_organisations() {
		let text = example();
		let patch = file(&text).genesis_patch().unwrap();
		let organisations = patch["registry"]["organisations"].as_array().unwrap();
		assert_eq!(organisations.len(), 3);
		let hospital = &organisations[0];
		let admin = text.split("account = \"").nth(1).unwrap().split('"').next().unwrap();
		let validator_1 = text.split("account = \"").nth(4).unwrap().split('"').next().unwrap();
		let validator_2 = text.split("account = \"").nth(5).unwrap().split('"').next().unwrap();
		assert_eq!(hospital[0], serde_json::json!(admin));
		assert_eq!(hospital[1], serde_json::json!("hospital"));
		// Its two validators act for it (the boot node's owner is its admin already).
		assert_eq!(hospital[2], serde_json::json!([validator_1, validator_2]));
		// Accredited through 2027-12-31: until 2028-01-01T00:00Z.
		assert_eq!(
			hospital[3],
			serde_json::json!([
				["provider", 1_830_297_600_000u64],
				["data_custodian", 1_830_297_600_000u64]
			])
		);
		let operators = patch["validatorSet"]["operators"].as_array().unwrap();
		assert_eq!(operators[0], serde_json::json!([validator_1, 0]));
		assert_eq!(operators[3][1], serde_json::json!(2));
		let node_organisations = patch["nodeAuthorisation"]["organisations"].as_array().unwrap();
		assert_eq!(node_organisations.len(), 5);
		assert_eq!(node_organisations[4][1], serde_json::json!(0));
	}

	#[test]
	fn member_mistakes_are_refused() {
		let text = example();
		// A validator of no member.
		let error =
			file(&text.replacen("member = \"Example Mutual Insurance\"", "member = \"Nobody\"", 1))
				.genesis_patch()
				.unwrap_err();
		assert!(error.contains("validators[2]") && error.contains("\"Nobody\""), "{error}");
		// A member with no role.
		let error = file(&text.replacen("roles = [\"insurer\"]", "roles = []", 1))
			.genesis_patch()
			.unwrap_err();
		assert!(error.contains("members[1]") && error.contains("no roles"), "{error}");
		// A date that is no date.
		let error =
			file(&text.replacen("2027-12-31", "2027-13-01", 1)).genesis_patch().unwrap_err();
		assert!(error.contains("members[0]") && error.contains("accredited_until"), "{error}");
		// A member that cannot pay its deposits (10 HCT for the organisation, 1 per agent, 1
		// for a council proposal, and the existential deposit kept).
		let error =
			file(&text.replacen("balance = 1000", "balance = 11", 1)).genesis_patch().unwrap_err();
		assert!(error.contains("members[0]") && error.contains("at least 14 HCT"), "{error}");
		// An account acting for two members: the insurer's validator named as the hospital's
		// node owner.
		let insurer_validator =
			text.split("account = \"").nth(6).unwrap().split('"').next().unwrap();
		let owner = text.split("owner = \"").nth(1).unwrap().split('"').next().unwrap();
		let error = file(&text.replacen(
			&format!("owner = \"{owner}\""),
			&format!("owner = \"{insurer_validator}\""),
			1,
		))
		.genesis_patch()
		.unwrap_err();
		assert!(
			error.contains("nodes[0]") && error.contains("acts for one organisation"),
			"{error}"
		);
	}

	/// The genesis the example builds: its organisations registered and accredited, the
	/// validators and nodes running for them; and when an organisation is suspended, its
	/// founding validator and node are left out like any other (they never lapsed before).
	#[test]
	fn a_founding_validator_and_node_lapse_with_their_organisation() {
		use healthchain_runtime::{Runtime, RuntimeGenesisConfig, RuntimeOrigin};
		use sp_runtime::BuildStorage;
		let text = example();
		let patch = file(&text).genesis_patch().unwrap();
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
		sc_chain_spec::json_merge(&mut config, patch);
		let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
		let storage = config.build_storage().unwrap();
		// The hospital's (organisation 0) first validator, and its boot node, owned by its admin.
		let validator = text.split("account = \"").nth(4).unwrap().split('"').next().unwrap();
		let validator = account("", validator).unwrap();
		let node = text.split("node = \"").nth(5).unwrap().split('"').next().unwrap();
		let node: NodeId = node.parse().unwrap();
		sp_io::TestExternalities::new(storage).execute_with(|| {
			frame_system::Pallet::<Runtime>::set_block_number(1);
			pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000u64);
			assert_eq!(pallet_registry::Organisations::<Runtime>::iter().count(), 3);
			assert_eq!(pallet_registry::Pallet::<Runtime>::organisation_of(&validator), Some(0));
			assert_eq!(pallet_validator_set::Pallet::<Runtime>::left_out(&validator), None);
			let info = pallet_node_authorisation::Nodes::<Runtime>::get(node).unwrap();
			assert_eq!(info.organisation, Some(0));
			assert_eq!(pallet_node_authorisation::Pallet::<Runtime>::left_out(&info), None);
			pallet_registry::Pallet::<Runtime>::suspend_organisation(RuntimeOrigin::root(), 0)
				.unwrap();
			assert_eq!(
				pallet_validator_set::Pallet::<Runtime>::left_out(&validator),
				Some(pallet_validator_set::LeftOut::Standing(
					pallet_validator_set::StandingError::OrganisationSuspended
				))
			);
			assert!(pallet_node_authorisation::Pallet::<Runtime>::left_out(&info).is_some());
		});
	}
}
