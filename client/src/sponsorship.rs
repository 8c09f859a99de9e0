//! The sponsorship pallet as the client sees it: a patient's signed agreement to be sponsored
//! (a file the patient's wallet hands the organisation), the pallet's calls, and what the
//! chain answers about a sponsorship and a sponsor account.
//!
//! A patient need hold nothing: the organisation that sponsors the patient's account pays the
//! fees of the patient's own calls and their deposits, within a budget per day. The wallet
//! signs and submits exactly as it would otherwise; the chain charges the sponsor.

use crate::{
	chain::{Call, Chain},
	runtime::api::{
		self,
		runtime_types::{
			pallet_sponsorship::{pallet::Call as SponsorshipCall, types},
			sp_runtime::MultiSignature,
		},
	},
};
use anyhow::{Context, Result};
pub use healthchain_primitives::{sponsorship_message, SPONSORSHIP_CONTEXT};
use serde::{Deserialize, Serialize};
use std::path::Path;
use subxt::utils::AccountId32;
use subxt_signer::sr25519::{self, Keypair};

/// The `format` of an agreement written by this version.
pub const AGREEMENT_FORMAT: &str = "healthchain-sponsorship-agreement/1";

/// A sponsorship as the chain reports it.
pub type SponsorshipView = types::SponsorshipView<AccountId32, u128, u32>;
/// A sponsor account as the chain reports it.
pub type SponsorAccount = types::SponsorAccount<AccountId32, u128>;

/// A patient's agreement that an organisation sponsors their account: what the patient's
/// wallet gives the organisation, and the organisation's agent submits with `sponsor`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
	/// [`AGREEMENT_FORMAT`].
	pub format: String,
	/// The chain it is for (0x-prefixed hex).
	pub genesis_hash: String,
	/// The organisation it names, the only one that can use it.
	pub organisation: u32,
	/// The patient's account (SS58): the pseudonym the wallet gives this organisation.
	pub patient: String,
	/// The account's nonce when it signed: once it signs any transaction, the agreement is
	/// spent.
	pub nonce: u32,
	/// The last block in which it may be used (at most an hour ahead).
	pub valid_until: u32,
	/// The patient's sr25519 signature over [`sponsorship_message`], 0x-prefixed hex.
	pub signature: String,
}

impl Agreement {
	/// The agreement of `signer`, whose nonce is `nonce`, that `organisation` sponsors it, on
	/// the chain whose genesis hash is `genesis`, usable until block `valid_until`.
	pub fn sign(
		signer: &Keypair,
		genesis: &[u8; 32],
		organisation: u32,
		nonce: u32,
		valid_until: u32,
	) -> Self {
		let patient = signer.public_key().to_account_id();
		let message = sponsorship_message(genesis, &organisation, &patient.0, &nonce, &valid_until);
		Agreement {
			format: AGREEMENT_FORMAT.into(),
			genesis_hash: format!("0x{}", hex::encode(genesis)),
			organisation,
			patient: patient.to_string(),
			nonce,
			valid_until,
			signature: format!("0x{}", hex::encode(signer.sign(&message).0)),
		}
	}

	/// Read an agreement file.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("cannot read the agreement {}", path.display()))?;
		let agreement: Agreement = serde_json::from_str(&text)
			.map_err(|e| crate::invalid(format!("bad agreement {}: {e}", path.display())))?;
		if agreement.format != AGREEMENT_FORMAT {
			return Err(crate::invalid(format!(
				"bad agreement {}: format {:?}, expected {AGREEMENT_FORMAT:?}",
				path.display(),
				agreement.format
			)));
		}
		Ok(agreement)
	}

	/// The patient's account.
	pub fn patient(&self) -> Result<AccountId32> {
		crate::keys::parse_account(&self.patient)
	}

	fn signature_bytes(&self) -> Result<[u8; 64]> {
		crate::keys::signature_from_hex(&self.signature)
			.ok_or_else(|| crate::invalid("bad agreement: the signature is not 64 bytes of hex"))
	}

	/// Whether the signature is the patient's over this agreement on the chain whose genesis
	/// hash is `genesis` (what the chain checks too; checked first so that a bad file costs no
	/// fee).
	pub fn is_valid_for(&self, genesis: &[u8; 32]) -> Result<bool> {
		let patient = self.patient()?;
		let signature = sr25519::Signature(self.signature_bytes()?);
		let message = sponsorship_message(
			genesis,
			&self.organisation,
			&patient.0,
			&self.nonce,
			&self.valid_until,
		);
		Ok(sr25519::verify(&signature, &message, &sr25519::PublicKey(patient.0)))
	}

	/// The `sponsor` call that uses it, with `budget` per day.
	pub fn sponsor_call(&self, budget: u128) -> Result<Call> {
		Ok(SponsorshipCall::sponsor {
			patient: self.patient()?,
			budget,
			valid_until: self.valid_until,
			signature: MultiSignature::Sr25519(self.signature_bytes()?),
		}
		.into())
	}
}

impl Chain {
	/// Who sponsors `patient`, with what budget left today (at the finalized block).
	pub async fn sponsorship_of(&self, patient: &AccountId32) -> Result<Option<SponsorshipView>> {
		let payload = api::runtime_apis().sponsorship_api().sponsorship_of(*patient);
		self.runtime_api(payload, false).await
	}

	/// `organisation`'s sponsor account and what it can spend (at the finalized block).
	pub async fn sponsor_account(&self, organisation: u32) -> Result<SponsorAccount> {
		let payload = api::runtime_apis().sponsorship_api().sponsor_account(organisation);
		self.runtime_api(payload, false).await
	}

	/// Every account `organisation` sponsors (at the finalized block), a page at a time.
	pub async fn sponsored_by(&self, organisation: u32) -> Result<Vec<AccountId32>> {
		let block = self.status().await?.finalized;
		let mut accounts = Vec::new();
		let mut after = None;
		// A node that never ends its pages is not followed for ever.
		for _ in 0..100_000 {
			let payload =
				api::runtime_apis().sponsorship_api().sponsored_by(organisation, after, 100);
			let page = self.runtime_api_at(payload, block).await?;
			accounts.extend(page.items);
			match page.next {
				Some(next) => after = Some(next),
				None => return Ok(accounts),
			}
		}
		Err(anyhow::anyhow!("the node's answer has more than 100,000 pages"))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::keypair_from_suri;

	#[test]
	fn an_agreement_verifies_for_its_chain_only_and_not_once_altered() {
		let eve = keypair_from_suri("//Eve").unwrap();
		let genesis = [7; 32];
		let agreement = Agreement::sign(&eve, &genesis, 3, 0, 120);
		assert!(agreement.is_valid_for(&genesis).unwrap());
		assert!(!agreement.is_valid_for(&[8; 32]).unwrap());
		let other_org = Agreement { organisation: 4, ..agreement.clone() };
		assert!(!other_org.is_valid_for(&genesis).unwrap());
		let longer = Agreement { valid_until: 121, ..agreement.clone() };
		assert!(!longer.is_valid_for(&genesis).unwrap());
		let spent = Agreement { nonce: 1, ..agreement.clone() };
		assert!(!spent.is_valid_for(&genesis).unwrap());
		let bad = Agreement { signature: "0x1234".into(), ..agreement };
		assert!(bad.is_valid_for(&genesis).is_err());
	}

	/// The message is the pallet's (one rule, in primitives): the SCALE encoding of the tag (a
	/// fixed-size array: no length prefix), the genesis hash, the organisation (u32), the
	/// patient, its nonce (u32) and the block (u32).
	#[test]
	fn the_message_is_the_documented_encoding() {
		let message = sponsorship_message(&[1u8; 32], &2u32, &[3u8; 32], &5u32, &4u32);
		let mut expected = b"healthchain:sponsorship".to_vec();
		expected.extend_from_slice(&[1; 32]);
		expected.extend_from_slice(&2u32.to_le_bytes());
		expected.extend_from_slice(&[3; 32]);
		expected.extend_from_slice(&5u32.to_le_bytes());
		expected.extend_from_slice(&4u32.to_le_bytes());
		assert_eq!(message, expected);
	}
}
