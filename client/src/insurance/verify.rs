//! A verifier's check of a patient's presentation, against its own challenge and the chain:
//! a typed verdict, each refusal with a short code (as the JSON output gives it) and a message
//! for people.

use super::*;
use core::fmt;

/// Why a verifier does not accept a presentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresentationFailure {
	/// It answers another challenge than the verifier's: replayed or borrowed.
	WrongChallenge {
		/// The challenge it answers.
		answered: Hash32,
		/// The verifier's.
		asked: Hash32,
	},
	/// It was made for another chain.
	OtherChain {
		/// The genesis hash it names.
		made_for: Hash32,
		/// This chain's.
		this: Hash32,
	},
	/// It is larger than the format allows (the message says what).
	OutOfBounds(String),
	/// The attestation is not on this chain (never attested, or removed).
	AttestationNotFound {
		/// The attestation it names.
		attestation: u64,
	},
	/// It discloses no claim.
	NothingDisclosed,
	/// A disclosed claim is not in the attestation's commitment: a claim the insurer did not
	/// attest, or a changed value.
	ClaimNotCommitted {
		/// The attestation.
		attestation: u64,
		/// The claim, as people read it.
		claim: String,
	},
	/// A disclosed period is not the attestation's period on chain.
	PeriodMismatch {
		/// The attestation.
		attestation: u64,
		/// The disclosed period (first moment, first moment after).
		disclosed: (u64, u64),
		/// The attestation's on chain.
		on_chain: (u64, u64),
	},
	/// The signature is not the presenting patient's over it: signed by another account, or
	/// altered.
	BadSignature {
		/// The patient it names.
		patient: String,
	},
	/// Signed by an account other than the attestation's patient.
	NotThePatient {
		/// The attestation.
		attestation: u64,
		/// Who signed.
		signer: AccountId32,
		/// The attestation's patient.
		patient: AccountId32,
	},
	/// It does not disclose every claim the verifier requires.
	NotDisclosed {
		/// The names of the required claims it does not disclose.
		missing: Vec<String>,
	},
	/// It proves its claims, and the attestation is not in force now.
	NotInForce(NotInForce),
}

impl PresentationFailure {
	/// The short name of the failure, as the JSON output gives it (`wrong_challenge`).
	pub fn code(&self) -> &'static str {
		match self {
			Self::WrongChallenge { .. } => "wrong_challenge",
			Self::OtherChain { .. } => "other_chain",
			Self::OutOfBounds(_) => "out_of_bounds",
			Self::AttestationNotFound { .. } => "attestation_not_found",
			Self::NothingDisclosed => "nothing_disclosed",
			Self::ClaimNotCommitted { .. } => "claim_not_committed",
			Self::PeriodMismatch { .. } => "period_mismatch",
			Self::BadSignature { .. } => "bad_signature",
			Self::NotThePatient { .. } => "not_the_patient",
			Self::NotDisclosed { .. } => "not_disclosed",
			Self::NotInForce(reason) => not_in_force_code(reason),
		}
	}

	/// Whether the presentation proves nothing (rather than proving claims of an attestation
	/// that is not in force).
	pub fn proves_nothing(&self) -> bool {
		!matches!(self, Self::AttestationNotFound { .. } | Self::NotInForce(_))
	}
}

impl fmt::Display for PresentationFailure {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::WrongChallenge { answered, asked } => write!(
				f,
				"it answers the challenge {answered}, not yours ({asked}): a replayed or borrowed \
				 presentation"
			),
			Self::OtherChain { made_for, this } => {
				write!(
					f,
					"it was made for the chain with genesis {made_for}, not this one ({this})"
				)
			},
			Self::OutOfBounds(why) => f.write_str(why),
			Self::AttestationNotFound { attestation } => write!(
				f,
				"attestation {attestation}: {}",
				not_in_force(&NotInForce::AttestationNotFound)
			),
			Self::NothingDisclosed => f.write_str("it discloses no claim"),
			Self::ClaimNotCommitted { attestation, claim } => write!(
				f,
				"the claim \"{claim}\" is not in attestation {attestation}'s commitment: a claim \
				 the insurer did not attest, or a changed value"
			),
			Self::PeriodMismatch { attestation, disclosed, on_chain } => write!(
				f,
				"the disclosed period ({} to {}) is not attestation {attestation}'s period on \
				 chain ({} to {})",
				date(disclosed.0),
				date(disclosed.1.saturating_sub(1)),
				date(on_chain.0),
				date(on_chain.1.saturating_sub(1))
			),
			Self::BadSignature { patient } => write!(
				f,
				"the signature is not {}'s over this presentation: signed by another account, \
				 or altered",
				printable(patient)
			),
			Self::NotThePatient { attestation, signer, patient } => write!(
				f,
				"signed by {signer}, but attestation {attestation} is bound to {patient}: only its \
				 patient can present it"
			),
			Self::NotDisclosed { missing } => {
				write!(f, "it does not disclose what you require: {}", missing.join(", "))
			},
			Self::NotInForce(reason) => f.write_str(&not_in_force(reason)),
		}
	}
}

/// What a verifier concludes of a presentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresentationVerdict {
	/// It proves its claims, its patient presented it, and the attestation is in force now:
	/// who vouches for it (an insurer accredited now) and for when.
	InForce(InForce<AccountId32>),
	/// It is not accepted, and why.
	Refused(PresentationFailure),
}

impl PresentationVerdict {
	/// The short name of the verdict, as the JSON output gives it (`in_force`, or the
	/// failure's).
	pub fn code(&self) -> &'static str {
		match self {
			Self::InForce(_) => "in_force",
			Self::Refused(failure) => failure.code(),
		}
	}
}

impl fmt::Display for PresentationVerdict {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::InForce(in_force) => write!(
				f,
				"insurer organisation {} (accredited as insurer now), coverage {} to {}",
				in_force.insurer,
				date(in_force.starts),
				date(in_force.ends.saturating_sub(1))
			),
			Self::Refused(failure) => failure.fmt(f),
		}
	}
}

impl Chain {
	/// A verifier's check of `presentation`, against the `challenge` it gave and the claims
	/// it `require`s (by name). Checked in this order, the first failure deciding: the
	/// challenge, the chain, the bounds, that the attestation exists, that something is
	/// disclosed, every disclosed claim against the attestation's commitment (and a period
	/// against the attestation's on chain), the signature, the signer being the attestation's
	/// patient, the required claims, and the attestation's status now.
	pub async fn check_presentation(
		&self,
		presentation: &Presentation,
		challenge: Hash32,
		require: &[String],
	) -> Result<PresentationVerdict> {
		Ok(match self.presentation_failure(presentation, challenge, require).await? {
			Some(failure) => PresentationVerdict::Refused(failure),
			None => match self.coverage_status(presentation.attestation).await? {
				Ok(in_force) => PresentationVerdict::InForce(in_force),
				Err(reason) => {
					PresentationVerdict::Refused(PresentationFailure::NotInForce(reason))
				},
			},
		})
	}

	/// The first failure of a presentation before the attestation's status is asked.
	async fn presentation_failure(
		&self,
		presentation: &Presentation,
		challenge: Hash32,
		require: &[String],
	) -> Result<Option<PresentationFailure>> {
		use PresentationFailure::*;
		let attestation = presentation.attestation;
		if presentation.challenge != challenge {
			return Ok(Some(WrongChallenge { answered: presentation.challenge, asked: challenge }));
		}
		let genesis = Hash32(self.genesis_hash().await?);
		if presentation.genesis_hash != genesis {
			return Ok(Some(OtherChain { made_for: presentation.genesis_hash, this: genesis }));
		}
		if let Err(why) = presentation.within_bounds() {
			return Ok(Some(OutOfBounds(why)));
		}
		let Some(info) = self.attestation(attestation).await?.into_value() else {
			return Ok(Some(AttestationNotFound { attestation }));
		};
		if presentation.disclosed.is_empty() {
			return Ok(Some(NothingDisclosed));
		}
		for disclosed in &presentation.disclosed {
			match self.verify_claim(attestation, disclosed).await? {
				Ok(()) => {},
				Err(ClaimError::AttestationNotFound) => {
					return Ok(Some(AttestationNotFound { attestation }))
				},
				Err(ClaimError::Proof(_)) => {
					let claim = disclosed.claim.describe();
					return Ok(Some(ClaimNotCommitted { attestation, claim }));
				},
			}
		}
		// A period claim must be the attestation's on-chain period: a period the insurer
		// committed to that the chain does not hold (an old credential after a renewal, an
		// insurer's mistake) would tell the verifier a coverage the chain does not vouch for.
		for disclosed in &presentation.disclosed {
			if let ClaimJson::Period { start, end } = disclosed.claim {
				if (start, end) != (info.starts, info.ends) {
					return Ok(Some(PeriodMismatch {
						attestation,
						disclosed: (start, end),
						on_chain: (info.starts, info.ends),
					}));
				}
			}
		}
		if !presentation.signature_is_valid() {
			return Ok(Some(BadSignature { patient: presentation.patient.clone() }));
		}
		let signer = presentation.patient()?;
		if signer != info.patient {
			return Ok(Some(NotThePatient { attestation, signer, patient: info.patient }));
		}
		let missing: Vec<String> = require
			.iter()
			.filter(|name| !presentation.disclosed.iter().any(|d| d.claim.name() == name.as_str()))
			.cloned()
			.collect();
		if !missing.is_empty() {
			return Ok(Some(NotDisclosed { missing }));
		}
		Ok(None)
	}
}
