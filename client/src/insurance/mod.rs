//! The insurance pallet as the client sees it: its calls and runtime API answers, and the files
//! a coverage lives in off chain.
//!
//! - A *claims file* (JSON or TOML) is what an insurer's system exports for one patient: plan,
//!   member id, covered classes, network tier, co-payment class, coverage period
//!   ([`ClaimsFile`]).
//! - A *credential* is what `insurance attest` writes for the patient: every claim in clear with
//!   its salt and position, and the claim tree's 32 leaves ([`Credential`]), readable by its
//!   owner only. The insurer hands it to the patient (and keeps no copy it does not need); the
//!   chain holds only the tree's root.
//! - A *presentation* is what the patient gives a verifier: the claims they chose to disclose,
//!   each with its salt and proof, signed by the patient's key over the verifier's challenge and
//!   the chain's genesis hash ([`Presentation`]).

use crate::{
	chain::{Answer, Chain, Style},
	documents::random_salt,
	hash::Hash32,
	invalid,
	runtime::api::{self, runtime_types::pallet_insurance::types},
};
use anyhow::{anyhow, Context, Result};
use codec::Encode;
pub use healthchain_primitives::coverage::{
	self, Claim, ClaimProof, CoverageClass, CLAIM_PROOF_HASHES, CLAIM_TREE_LEAVES, MAX_CLAIM_TEXT,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use subxt::utils::AccountId32;
use subxt_signer::sr25519::{self, Keypair};

/// An attestation as the chain answers it.
pub type AttestationInfo = types::Attestation<AccountId32, u128, u32>;
/// A page of a patient's attestations as the chain answers it.
pub type AttestationPage = types::AttestationPage<AccountId32, u128, u32>;
/// Why an attestation is not in force.
pub use types::{ClaimError, InForce, NotInForce};

/// The `format` of a credential written by this version.
pub const CREDENTIAL_FORMAT: &str = "healthchain-insurance-credential/1";
/// The `format` of a presentation written by this version.
pub const PRESENTATION_FORMAT: &str = "healthchain-insurance-presentation/1";
/// The domain tag of the bytes a patient signs for a presentation.
pub const PRESENTATION_TAG: &[u8] = b"healthchain:insurance-presentation";

const DAY_MS: u64 = 86_400_000;

mod claims;
mod credential;
#[cfg(test)]
mod tests;
mod verify;
pub use claims::{date, parse_date, ClaimJson, ClaimsFile, PeriodFile};
pub use credential::{Credential, CredentialClaim, Disclosed, Presentation};
pub use verify::{PresentationFailure, PresentationVerdict};

/// `text` with its control characters escaped (`\r`, `\u{1b}`): for text from an untrusted
/// file shown on a terminal.
pub fn printable(text: &str) -> String {
	let mut shown = String::new();
	for c in text.chars() {
		if c.is_control() {
			shown.extend(c.escape_default());
		} else {
			shown.push(c);
		}
	}
	shown
}

/// A fresh random challenge for a verifier to give a patient.
pub fn challenge() -> Result<Hash32> {
	Ok(Hash32(random_salt()?))
}

/// The reason an attestation is not in force, for people.
pub fn not_in_force(reason: &NotInForce) -> String {
	match reason {
		NotInForce::AttestationNotFound => {
			"no such attestation on this chain (never attested, or removed)".into()
		},
		NotInForce::Revoked => "revoked by the insurer".into(),
		NotInForce::Superseded { by } => {
			format!("superseded by attestation {by} (renewed or amended)")
		},
		NotInForce::InsurerNotAccredited => "the insurer is not accredited as insurer now".into(),
		NotInForce::Suspended => "suspended by the insurer".into(),
		NotInForce::NotYetStarted => "the coverage period has not begun".into(),
		NotInForce::Expired => "the coverage period has ended (expired)".into(),
	}
}

/// The short name of the reason, as the JSON output gives it (`suspended`).
pub fn not_in_force_code(reason: &NotInForce) -> &'static str {
	match reason {
		NotInForce::AttestationNotFound => "attestation_not_found",
		NotInForce::Revoked => "revoked",
		NotInForce::Superseded { .. } => "superseded",
		NotInForce::InsurerNotAccredited => "insurer_not_accredited",
		NotInForce::Suspended => "suspended",
		NotInForce::NotYetStarted => "not_yet_started",
		NotInForce::Expired => "expired",
	}
}

impl Chain {
	/// The attestation with this id, if there is one.
	pub async fn attestation(&self, attestation: u64) -> Result<Answer<Option<AttestationInfo>>> {
		let payload = api::runtime_apis().insurance_api().attestation(attestation);
		self.runtime_api_answer(payload, false).await
	}

	/// Whether the attestation is in force now, or why not (at the finalized block).
	pub async fn coverage_status(
		&self,
		attestation: u64,
	) -> Result<Result<InForce<AccountId32>, NotInForce>> {
		let payload = api::runtime_apis().insurance_api().coverage_status(attestation);
		self.runtime_api(payload, false).await
	}

	/// What the chain says of a disclosed claim.
	pub async fn verify_claim(
		&self,
		attestation: u64,
		disclosed: &Disclosed,
	) -> Result<Result<(), ClaimError>> {
		let proof = disclosed.proof().ok_or_else(|| {
			invalid(format!(
				"the proof of {} has {} hashes, not {CLAIM_PROOF_HASHES}",
				disclosed.claim.describe(),
				disclosed.path.len()
			))
		})?;
		let payload = api::runtime_apis().insurance_api().verify_claim(
			attestation,
			disclosed.claim.claim(),
			disclosed.salt.0,
			proof,
		);
		self.runtime_api(payload, false).await
	}

	/// One page of `patient`'s attestations (`{attestations: [{id, attestation}], next}` in
	/// JSON).
	pub async fn attestations_of(
		&self,
		patient: &AccountId32,
		start_after: Option<u64>,
		limit: u32,
	) -> Result<Answer<AttestationPage>> {
		let payload =
			api::runtime_apis().insurance_api().attestations_of(*patient, start_after, limit);
		let answer = self.runtime_api_answer(payload, false).await?;
		Ok(answer.styled(Style::named_in("attestations", &["id", "attestation"])))
	}

	/// The id of `patient`'s attestation whose commitment is `commitment`, if there is one.
	pub async fn find_attestation(
		&self,
		patient: &AccountId32,
		commitment: Hash32,
	) -> Result<Option<u64>> {
		let mut after = None;
		loop {
			let page = self.attestations_of(patient, after, 100).await?.into_value();
			if let Some((id, _)) =
				page.attestations.iter().find(|(_, info)| info.commitment == commitment.0)
			{
				return Ok(Some(*id));
			}
			match page.next {
				Some(next) => after = Some(next),
				None => return Ok(None),
			}
		}
	}
}
