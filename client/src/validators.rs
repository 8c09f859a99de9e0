//! The validator set and session keys: what a validator's operator does on its node
//! (`author_rotateKeysWithOwner`, then `session.set_keys`) and what the consortium does
//! (`validator_set.add_validator`, `remove_validator`, `recover_finality`).

use crate::{
	call::SessionCall,
	chain::{Call, Chain},
	runtime::api::{
		self,
		runtime_types::{
			healthchain_runtime::SessionKeys,
			sp_consensus_aura::sr25519::app_sr25519::Public as AuraPublic,
			sp_consensus_grandpa::app::Public as GrandpaPublic,
		},
	},
};
use anyhow::{bail, Context, Result};
use codec::Encode;
use serde_json::{json, Value as Json};
use subxt::utils::AccountId32;

/// `session.set_keys(keys, proof)` (the validator's account), from the SCALE bytes
/// `author_rotateKeysWithOwner` returns.
pub fn set_keys(keys: &[u8], proof: Vec<u8>) -> Result<Call> {
	// `SessionKeys` is SCALE of (sr25519 Aura key, ed25519 GRANDPA key): 32 bytes each.
	let Ok(keys) = <[u8; 64]>::try_from(keys) else {
		bail!(
			"the session keys are not this runtime's: {} bytes, where an Aura and a GRANDPA key \
			 take 64",
			keys.len()
		);
	};
	let (aura, grandpa) = keys.split_at(32);
	let keys = SessionKeys {
		aura: AuraPublic(aura.try_into().context("an Aura key has 32 bytes")?),
		grandpa: GrandpaPublic(grandpa.try_into().context("a GRANDPA key has 32 bytes")?),
	};
	Ok(SessionCall::set_keys { keys, proof }.into())
}

/// Session keys and the proof that their holder made them for an account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct GeneratedKeys {
	/// The SCALE-encoded session keys (hex).
	pub keys: String,
	/// The proof of ownership (hex).
	pub proof: String,
}

fn unhex(what: &str, text: &str) -> Result<Vec<u8>> {
	hex::decode(text.trim().trim_start_matches("0x")).with_context(|| format!("bad {what} hex"))
}

impl GeneratedKeys {
	/// The keys' bytes and the proof's.
	pub fn bytes(&self) -> Result<(Vec<u8>, Vec<u8>)> {
		Ok((unhex("keys", &self.keys)?, unhex("proof", &self.proof)?))
	}
}

impl Chain {
	/// Generate new session keys in the node's keystore for `owner`, with the proof that the
	/// node holds them (`author_rotateKeysWithOwner`: an unsafe RPC method, so only on the
	/// validator's own node, over a local connection).
	pub async fn rotate_keys_with_owner(&self, owner: &AccountId32) -> Result<GeneratedKeys> {
		let owner = format!("0x{}", hex::encode(owner.encode()));
		self.request("author_rotateKeysWithOwner", subxt::rpcs::rpc_params![owner]).await.context(
			"author_rotateKeysWithOwner failed: it is an unsafe RPC method, which a node answers \
				 only when its RPC listens on localhost alone (the default) or with \
				 --rpc-methods unsafe: ask the validator's own node, locally",
		)
	}

	/// The validator set as the chain holds it now (latest finalized block): the kept validators with
	/// their organisations and whether they have session keys, the session's validators now,
	/// the set queued for the next session, and a pending finality recovery.
	pub async fn validators(&self) -> Result<Json> {
		let at = self.api().at_current_block().await?;
		let storage = at.storage();
		let kept =
			storage.fetch(api::storage().validator_set().validators(), ()).await?.decode()?;
		let queued = storage.fetch(api::storage().validator_set().queued(), ()).await?.decode()?;
		let current = storage.fetch(api::storage().session().validators(), ()).await?.decode()?;
		let session =
			storage.fetch(api::storage().session().current_index(), ()).await?.decode()?;
		let mut list = Vec::new();
		for who in kept.0 {
			let organisation = storage
				.try_fetch(api::storage().validator_set().operators(), (who,))
				.await?
				.map(|v| v.decode())
				.transpose()?;
			let keys = storage.try_fetch(api::storage().session().next_keys(), (who,)).await?;
			list.push(json!({
				"account": who.to_string(),
				"organisation": organisation,
				"session_keys": keys.is_some(),
				"in_session": current.contains(&who),
				"queued": queued.0.contains(&who),
			}));
		}
		let recovery = storage
			.try_fetch(api::storage().validator_set().pending_recovery(), ())
			.await?
			.map(|v| v.decode())
			.transpose()?;
		Ok(json!({
			"session": session,
			"validators": list,
			"session_validators": current.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
			"queued": queued.0.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
			"pending_recovery": recovery.map(|r| json!({
				"best_finalized": r.best_finalized,
				"delay": r.delay,
				"session": r.session,
			})),
		}))
	}
}
