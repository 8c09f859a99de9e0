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
	pub async fn validators(&self) -> Result<ValidatorSet> {
		let at = self.api().at_current_block().await?;
		let storage = at.storage();
		let kept =
			storage.fetch(api::storage().validator_set().validators(), ()).await?.decode()?;
		let queued = storage.fetch(api::storage().validator_set().queued(), ()).await?.decode()?;
		let current = storage.fetch(api::storage().session().validators(), ()).await?.decode()?;
		let session =
			storage.fetch(api::storage().session().current_index(), ()).await?.decode()?;
		let mut validators = Vec::new();
		for who in kept.0 {
			let organisation = storage
				.try_fetch(api::storage().validator_set().operators(), (who,))
				.await?
				.map(|v| v.decode())
				.transpose()?;
			let keys = storage.try_fetch(api::storage().session().next_keys(), (who,)).await?;
			validators.push(Validator {
				organisation,
				session_keys: keys.is_some(),
				in_session: current.contains(&who),
				queued: queued.0.contains(&who),
				account: who,
			});
		}
		let pending_recovery = storage
			.try_fetch(api::storage().validator_set().pending_recovery(), ())
			.await?
			.map(|v| v.decode())
			.transpose()?
			.map(|r| PendingRecovery {
				best_finalized: r.best_finalized,
				delay: r.delay,
				session: r.session,
			});
		Ok(ValidatorSet {
			session,
			validators,
			session_validators: current,
			queued: queued.0,
			pending_recovery,
		})
	}
}

/// The validator set ([`Chain::validators`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ValidatorSet {
	/// The current session.
	pub session: u32,
	/// The validators the consortium keeps, in the order added.
	pub validators: Vec<Validator>,
	/// The session's validators now.
	pub session_validators: Vec<AccountId32>,
	/// The set queued for the next session.
	pub queued: Vec<AccountId32>,
	/// A finality recovery the consortium ordered that has not taken effect.
	pub pending_recovery: Option<PendingRecovery>,
}

/// A validator the consortium keeps.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Validator {
	/// Its account (an SS58 address in JSON).
	pub account: AccountId32,
	/// The organisation whose node it is (none for a founding validator without one).
	pub organisation: Option<u32>,
	/// Whether it has session keys registered.
	pub session_keys: bool,
	/// Whether it validates in the current session.
	pub in_session: bool,
	/// Whether it is in the set queued for the next session.
	pub queued: bool,
}

/// A finality recovery waiting for its session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PendingRecovery {
	/// The highest block every remaining validator has finalized.
	pub best_finalized: u32,
	/// Blocks after the session change before GRANDPA's new authorities take over.
	pub delay: u32,
	/// The session it is aimed at, once one is.
	pub session: Option<u32>,
}
