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
	chain::{Call, Chain},
	documents::random_salt,
	hash::Hash32,
	invalid,
	output::{name_tuples, Case},
	runtime::api::{
		self,
		runtime_types::{
			healthchain_runtime::RuntimeCall,
			pallet_insurance::{pallet::Call as InsuranceCall, types},
		},
	},
};
use anyhow::{anyhow, Context, Result};
use codec::Encode;
pub use healthchain_primitives::coverage::{
	self, Claim, ClaimProof, CoverageClass, CLAIM_PROOF_HASHES, CLAIM_TREE_LEAVES, MAX_CLAIM_TEXT,
};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
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

fn insurance(call: InsuranceCall) -> Call {
	Call(RuntimeCall::Insurance(call))
}

/// The calls of the insurance pallet.
pub mod calls {
	use super::*;

	/// `attest(patient, commitment, starts, ends)`.
	pub fn attest(patient: &AccountId32, commitment: Hash32, starts: u64, ends: u64) -> Call {
		insurance(InsuranceCall::attest {
			patient: *patient,
			commitment: commitment.0,
			starts,
			ends,
		})
	}

	/// `suspend(attestation)`.
	pub fn suspend(attestation: u64) -> Call {
		insurance(InsuranceCall::suspend { attestation })
	}

	/// `reinstate(attestation)`.
	pub fn reinstate(attestation: u64) -> Call {
		insurance(InsuranceCall::reinstate { attestation })
	}

	/// `revoke(attestation)`.
	pub fn revoke(attestation: u64) -> Call {
		insurance(InsuranceCall::revoke { attestation })
	}

	/// `renew(attestation, commitment, starts, ends)`.
	pub fn renew(attestation: u64, commitment: Hash32, starts: u64, ends: u64) -> Call {
		insurance(InsuranceCall::renew { attestation, commitment: commitment.0, starts, ends })
	}

	/// `remove_attestation(attestation)`.
	pub fn remove(attestation: u64) -> Call {
		insurance(InsuranceCall::remove_attestation { attestation })
	}

	/// `refuse_insurer(insurer)` (the patient).
	pub fn refuse_insurer(insurer: u32) -> Call {
		insurance(InsuranceCall::refuse_insurer { insurer })
	}

	/// `allow_insurer(insurer)` (the patient).
	pub fn allow_insurer(insurer: u32) -> Call {
		insurance(InsuranceCall::allow_insurer { insurer })
	}
}

/// A claim as the client's files write it: `{"claim": "plan", "value": "GOLD-2026"}`,
/// `{"claim": "coverage", "value": "telemedicine"}`, `{"claim": "period", "value": {"start":
/// <ms>, "end": <ms>}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "claim", content = "value", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClaimJson {
	/// [`Claim::Plan`].
	Plan(String),
	/// [`Claim::Member`].
	Member(String),
	/// [`Claim::Coverage`].
	Coverage(CoverageClass),
	/// [`Claim::NetworkTier`].
	NetworkTier(String),
	/// [`Claim::CopayClass`].
	CopayClass(String),
	/// [`Claim::Period`], Unix milliseconds, `end` excluded.
	Period {
		/// Its first moment.
		start: u64,
		/// The first moment after it.
		end: u64,
	},
}

impl ClaimJson {
	/// The claim the tree commits to.
	pub fn claim(&self) -> Claim {
		match self {
			ClaimJson::Plan(text) => Claim::Plan(text.as_bytes().to_vec()),
			ClaimJson::Member(text) => Claim::Member(text.as_bytes().to_vec()),
			ClaimJson::Coverage(class) => Claim::Coverage(*class),
			ClaimJson::NetworkTier(text) => Claim::NetworkTier(text.as_bytes().to_vec()),
			ClaimJson::CopayClass(text) => Claim::CopayClass(text.as_bytes().to_vec()),
			ClaimJson::Period { start, end } => Claim::Period { start: *start, end: *end },
		}
	}

	/// The name it is disclosed by (`plan`, `telemedicine`, ...).
	pub fn name(&self) -> &'static str {
		self.claim().name()
	}

	/// The claim for people: `plan GOLD-2026`, `coverage telemedicine`, `period 2026-01-01 to
	/// 2026-12-31`. Control characters in a text are shown escaped: a presentation is untrusted
	/// input, and its text must not rewrite the verifier's terminal.
	pub fn describe(&self) -> String {
		printable(&self.describe_raw())
	}

	fn describe_raw(&self) -> String {
		match self {
			ClaimJson::Plan(text) => format!("plan {text}"),
			ClaimJson::Member(text) => format!("member {text}"),
			ClaimJson::Coverage(class) => format!("coverage {}", class.name()),
			ClaimJson::NetworkTier(text) => format!("network tier {text}"),
			ClaimJson::CopayClass(text) => format!("co-payment class {text}"),
			ClaimJson::Period { start, end } => {
				format!("period {} to {}", date(*start), date(end.saturating_sub(1)))
			},
		}
	}
}

/// A coverage as an insurer's system exports it for one patient.
///
/// ```json
/// { "plan": "GOLD-2026", "member": "M-0012345",
///   "coverage": ["inpatient", "outpatient", "pharmacy", "telemedicine"],
///   "network_tier": "preferred", "copay_class": "B",
///   "period": { "start": "2026-01-01", "end": "2026-12-31" } }
/// ```
///
/// or the same as TOML. Dates are UTC days; `end` is the last day covered.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
	/// The plan's id.
	pub plan: String,
	/// The patient's member id.
	pub member: String,
	/// The classes of care covered, at least one.
	pub coverage: Vec<CoverageClass>,
	/// The provider network tier.
	#[serde(default)]
	pub network_tier: Option<String>,
	/// The co-payment class.
	#[serde(default)]
	pub copay_class: Option<String>,
	/// The coverage period.
	pub period: PeriodFile,
}

/// A coverage period as UTC dates, both covered (`YYYY-MM-DD`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFile {
	/// The first day covered.
	pub start: String,
	/// The last day covered.
	pub end: String,
}

impl ClaimsFile {
	/// Read a claims file: TOML if its name ends in `.toml`, JSON otherwise.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| invalid(format!("cannot read the claims file {}: {e}", path.display())))?;
		let parsed = if path.extension().is_some_and(|ext| ext == "toml") {
			toml::from_str(&text).map_err(|e| e.to_string())
		} else {
			serde_json::from_str(&text).map_err(|e| e.to_string())
		};
		parsed.map_err(|e| invalid(format!("bad claims file {}: {e}", path.display())))
	}

	/// The claims, checked: texts of 1 to [`MAX_CLAIM_TEXT`] bytes, at least one class and no
	/// class twice, a period that ends on or after the day it starts.
	pub fn claims(&self) -> Result<Vec<ClaimJson>> {
		let text = |name: &str, value: &str| -> Result<String> {
			if value.is_empty() || value.len() > MAX_CLAIM_TEXT {
				return Err(invalid(format!(
					"bad claims file: {name} must have 1 to {MAX_CLAIM_TEXT} bytes, not {}",
					value.len()
				)));
			}
			Ok(value.to_string())
		};
		let mut claims = vec![
			ClaimJson::Plan(text("plan", &self.plan)?),
			ClaimJson::Member(text("member", &self.member)?),
		];
		if self.coverage.is_empty() {
			return Err(invalid("bad claims file: coverage lists no class of care"));
		}
		let mut classes = self.coverage.clone();
		classes.sort();
		classes.dedup();
		if classes.len() != self.coverage.len() {
			return Err(invalid("bad claims file: coverage lists a class twice"));
		}
		claims.extend(classes.into_iter().map(ClaimJson::Coverage));
		if let Some(tier) = &self.network_tier {
			claims.push(ClaimJson::NetworkTier(text("network_tier", tier)?));
		}
		if let Some(class) = &self.copay_class {
			claims.push(ClaimJson::CopayClass(text("copay_class", class)?));
		}
		let (start, end) = self.period()?;
		claims.push(ClaimJson::Period { start, end });
		Ok(claims)
	}

	/// The period as Unix milliseconds: from the start day's first moment to the moment after
	/// the end day.
	pub fn period(&self) -> Result<(u64, u64)> {
		let start = parse_date(&self.period.start)?;
		let end = parse_date(&self.period.end)?
			.checked_add(DAY_MS)
			.ok_or_else(|| invalid("bad claims file: the period ends too late"))?;
		if end <= start {
			return Err(invalid(format!(
				"bad claims file: the period ends ({}) before it starts ({})",
				self.period.end, self.period.start
			)));
		}
		Ok((start, end))
	}
}

/// `YYYY-MM-DD` (UTC) as the Unix milliseconds of its first moment.
pub fn parse_date(text: &str) -> Result<u64> {
	let bad = || invalid(format!("bad date {text:?}: give YYYY-MM-DD, e.g. 2026-01-01"));
	// The shape first, digit by digit: chrono also reads `2026-1-1` and `26-01-01`.
	let shaped = text.len() == 10
		&& text.bytes().enumerate().all(|(i, b)| match i {
			4 | 7 => b == b'-',
			_ => b.is_ascii_digit(),
		});
	if !shaped {
		return Err(bad());
	}
	let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
	let ms = day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp_millis();
	u64::try_from(ms).map_err(|_| bad())
}

/// The UTC date (`YYYY-MM-DD`) of Unix milliseconds `ms`.
pub fn date(ms: u64) -> String {
	i64::try_from(ms)
		.ok()
		.and_then(chrono::DateTime::from_timestamp_millis)
		.map(|time| time.format("%Y-%m-%d").to_string())
		.unwrap_or_else(|| format!("{ms} ms"))
}

/// One claim of a credential: the claim, its salt and its leaf's position in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialClaim {
	/// The claim.
	#[serde(flatten)]
	pub claim: ClaimJson,
	/// Its salt.
	pub salt: Hash32,
	/// Its leaf's index in the claim tree.
	pub index: u8,
}

/// What the patient keeps: the claims in clear, with what proves each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
	/// [`CREDENTIAL_FORMAT`].
	pub format: String,
	/// The chain's genesis hash.
	pub genesis_hash: Hash32,
	/// The attestation's id (`None` while the attestation is being submitted).
	pub attestation: Option<u64>,
	/// The patient it is bound to (SS58).
	pub patient: String,
	/// The claim tree's root, the attestation's commitment.
	pub commitment: Hash32,
	/// The claims.
	pub claims: Vec<CredentialClaim>,
	/// The tree's [`CLAIM_TREE_LEAVES`] leaf hashes (claims and random fillers).
	pub leaves: Vec<Hash32>,
}

impl Credential {
	/// A new credential for `claims` of `patient`: a fresh random salt per claim, the claims at
	/// random positions of the tree, random fillers elsewhere.
	pub fn new(
		genesis_hash: Hash32,
		patient: &AccountId32,
		claims: Vec<ClaimJson>,
	) -> Result<Self> {
		let size = CLAIM_TREE_LEAVES as usize;
		if claims.len() > size {
			return Err(invalid(format!("a coverage has at most {size} claims")));
		}
		// A random permutation of the positions (Fisher–Yates over OS randomness).
		let mut positions: Vec<u8> = (0..size as u8).collect();
		for i in (1..size).rev() {
			let mut bytes = [0u8; 4];
			getrandom::getrandom(&mut bytes)
				.map_err(|e| anyhow!("no randomness from the operating system: {e}"))?;
			let j = (u32::from_le_bytes(bytes) as usize) % (i + 1);
			positions.swap(i, j);
		}
		let mut leaves = Vec::with_capacity(size);
		for _ in 0..size {
			leaves.push(Hash32(random_salt()?));
		}
		let mut placed = Vec::with_capacity(claims.len());
		for (claim, index) in claims.into_iter().zip(positions) {
			let salt = random_salt()?;
			leaves[usize::from(index)] = Hash32(coverage::claim_leaf_hash(&claim.claim(), &salt));
			placed.push(CredentialClaim { claim, salt: Hash32(salt), index });
		}
		let raw: Vec<[u8; 32]> = leaves.iter().map(|leaf| leaf.0).collect();
		let commitment = coverage::claim_tree_root(&raw).ok_or_else(|| anyhow!("32 leaves"))?;
		Ok(Self {
			format: CREDENTIAL_FORMAT.into(),
			genesis_hash,
			attestation: None,
			patient: patient.to_string(),
			commitment: Hash32(commitment),
			claims: placed,
			leaves,
		})
	}

	/// Read a credential, checking that its claims and leaves lead to its commitment.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| invalid(format!("cannot read the credential {}: {e}", path.display())))?;
		let credential: Self = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("bad credential {}: {e}", path.display())))?;
		if credential.format != CREDENTIAL_FORMAT {
			return Err(invalid(format!(
				"{} is a credential of format {:?}; this client reads {CREDENTIAL_FORMAT:?}",
				path.display(),
				credential.format
			)));
		}
		credential
			.check()
			.map_err(|e| invalid(format!("bad credential {}: {e}", path.display())))?;
		Ok(credential)
	}

	/// The leaves as the claim tree takes them.
	fn raw_leaves(&self) -> Vec<[u8; 32]> {
		self.leaves.iter().map(|leaf| leaf.0).collect()
	}

	/// Whether every claim is its leaf and the leaves lead to the commitment.
	fn check(&self) -> Result<(), String> {
		let raw = self.raw_leaves();
		if coverage::claim_tree_root(&raw) != Some(self.commitment.0) {
			return Err("its leaves do not lead to its commitment".into());
		}
		for claim in &self.claims {
			let leaf = coverage::claim_leaf_hash(&claim.claim.claim(), &claim.salt.0);
			if raw.get(usize::from(claim.index)) != Some(&leaf) {
				return Err(format!("the claim {} is not its leaf", claim.claim.describe()));
			}
		}
		Ok(())
	}

	/// Write the credential to `path`, readable by its owner only: it holds the claims in clear.
	pub fn write(&self, path: &Path) -> Result<()> {
		let text = serde_json::to_string_pretty(self)? + "\n";
		let mut options = std::fs::OpenOptions::new();
		options.write(true).create(true).truncate(true);
		#[cfg(unix)]
		std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
		let mut file = options
			.open(path)
			.map_err(|e| invalid(format!("cannot write the credential {}: {e}", path.display())))?;
		// Also when the file existed (the mode above applies only to a new file).
		#[cfg(unix)]
		std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))
			.with_context(|| format!("cannot restrict {}", path.display()))?;
		std::io::Write::write_all(&mut file, text.as_bytes())
			.with_context(|| format!("cannot write the credential {}", path.display()))
	}

	/// The claims named in `names` (`plan`, `member`, `network_tier`, `copay_class`, `period`,
	/// or a class of care), with their proofs, in the order named.
	pub fn disclose(&self, names: &[String]) -> Result<Vec<Disclosed>> {
		let raw = self.raw_leaves();
		let mut disclosed: Vec<Disclosed> = Vec::new();
		for name in names {
			let claim =
				self.claims.iter().find(|claim| claim.claim.name() == name).ok_or_else(|| {
					let held: Vec<&str> =
						self.claims.iter().map(|claim| claim.claim.name()).collect();
					invalid(format!(
						"the credential holds no claim {name:?}; it holds {}",
						held.join(", ")
					))
				})?;
			if disclosed.iter().any(|d| d.claim == claim.claim) {
				continue;
			}
			let proof = coverage::claim_proof(&raw, claim.index)
				.ok_or_else(|| anyhow!("no proof of leaf {}", claim.index))?;
			disclosed.push(Disclosed {
				claim: claim.claim.clone(),
				salt: claim.salt,
				index: claim.index,
				path: proof.path.iter().map(|hash| Hash32(*hash)).collect(),
			});
		}
		Ok(disclosed)
	}
}

/// A disclosed claim: the claim, its salt and its proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosed {
	/// The claim.
	#[serde(flatten)]
	pub claim: ClaimJson,
	/// Its salt.
	pub salt: Hash32,
	/// Its leaf's index in the claim tree.
	pub index: u8,
	/// The sibling hashes from its leaf to the root, leaf side first.
	pub path: Vec<Hash32>,
}

impl Disclosed {
	/// The proof as the runtime takes it; `None` unless it has [`CLAIM_PROOF_HASHES`] hashes.
	pub fn proof(&self) -> Option<ClaimProof> {
		let path: Vec<[u8; 32]> = self.path.iter().map(|hash| hash.0).collect();
		Some(ClaimProof { index: self.index, path: path.try_into().ok()? })
	}
}

/// What a patient gives a verifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
	/// [`PRESENTATION_FORMAT`].
	pub format: String,
	/// The chain's genesis hash.
	pub genesis_hash: Hash32,
	/// The attestation.
	pub attestation: u64,
	/// The patient who signed it (SS58).
	pub patient: String,
	/// The verifier's challenge.
	pub challenge: Hash32,
	/// The disclosed claims.
	pub disclosed: Vec<Disclosed>,
	/// The patient's sr25519 signature over [`Presentation::message`].
	pub signature: String,
}

impl Presentation {
	/// The bytes the patient signs: the SCALE encoding of (`"healthchain:insurance-presentation"`,
	/// genesis hash, challenge, attestation, patient, [(claim, salt, proof)]). Only these bytes:
	/// a signature over them wrapped in `<Bytes>…</Bytes>` (what polkadot.js `signRaw` signs for
	/// any web page that asks) is refused, so that no page's "sign this message" prompt can be
	/// turned into a presentation.
	pub fn message(
		genesis_hash: &Hash32,
		challenge: &Hash32,
		attestation: u64,
		patient: &AccountId32,
		disclosed: &[Disclosed],
	) -> Vec<u8> {
		let claims: Vec<(Claim, [u8; 32], Option<ClaimProof>)> =
			disclosed.iter().map(|d| (d.claim.claim(), d.salt.0, d.proof())).collect();
		(PRESENTATION_TAG, genesis_hash.0, challenge.0, attestation, patient.0, claims).encode()
	}

	/// The presentation of `disclosed` claims of attestation `attestation`, signed by `signer`
	/// over `challenge` and `genesis_hash`.
	pub fn sign(
		signer: &Keypair,
		genesis_hash: Hash32,
		attestation: u64,
		challenge: Hash32,
		disclosed: Vec<Disclosed>,
	) -> Self {
		let patient = signer.public_key().to_account_id();
		let message = Self::message(&genesis_hash, &challenge, attestation, &patient, &disclosed);
		let signature = signer.sign(&message);
		Self {
			format: PRESENTATION_FORMAT.into(),
			genesis_hash,
			attestation,
			patient: patient.to_string(),
			challenge,
			disclosed,
			signature: format!("0x{}", hex::encode(signature.0)),
		}
	}

	/// Read a presentation.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path).map_err(|e| {
			invalid(format!("cannot read the presentation {}: {e}", path.display()))
		})?;
		let presentation: Self = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("bad presentation {}: {e}", path.display())))?;
		if presentation.format != PRESENTATION_FORMAT {
			return Err(invalid(format!(
				"{} is a presentation of format {:?}; this client reads {PRESENTATION_FORMAT:?}",
				path.display(),
				presentation.format
			)));
		}
		Ok(presentation)
	}

	/// Whether it is within bounds: at most [`CLAIM_TREE_LEAVES`] claims, each text at most
	/// [`MAX_CLAIM_TEXT`] bytes, each proof [`CLAIM_PROOF_HASHES`] hashes.
	pub fn within_bounds(&self) -> Result<(), String> {
		if self.disclosed.len() as u64 > CLAIM_TREE_LEAVES {
			return Err(format!(
				"it discloses {} claims; a coverage has at most 32",
				self.disclosed.len()
			));
		}
		for disclosed in &self.disclosed {
			let text = match &disclosed.claim {
				ClaimJson::Plan(t)
				| ClaimJson::Member(t)
				| ClaimJson::NetworkTier(t)
				| ClaimJson::CopayClass(t) => t.len(),
				ClaimJson::Coverage(_) | ClaimJson::Period { .. } => 0,
			};
			if text > MAX_CLAIM_TEXT {
				return Err(format!("a claim's text has {text} bytes, more than {MAX_CLAIM_TEXT}"));
			}
			if disclosed.path.len() != CLAIM_PROOF_HASHES {
				return Err(format!(
					"the proof of {} has {} hashes, not {CLAIM_PROOF_HASHES}",
					disclosed.claim.describe(),
					disclosed.path.len()
				));
			}
		}
		Ok(())
	}

	/// The account that states it signed.
	pub fn patient(&self) -> Result<AccountId32> {
		crate::keys::parse_account(&self.patient)
	}

	/// Whether the signature is the stated patient's over this presentation.
	pub fn signature_is_valid(&self) -> bool {
		let Ok(patient) = self.patient() else { return false };
		// Only the 0x-prefixed form this client writes.
		let Some(signature) =
			self.signature.strip_prefix("0x").and_then(crate::keys::signature_from_hex)
		else {
			return false;
		};
		let message = Self::message(
			&self.genesis_hash,
			&self.challenge,
			self.attestation,
			&patient,
			&self.disclosed,
		);
		sr25519::verify(&sr25519::Signature(signature), &message, &sr25519::PublicKey(patient.0))
	}
}

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
		NotInForce::UnknownAttestation => {
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
		NotInForce::UnknownAttestation => "unknown_attestation",
		NotInForce::Revoked => "revoked",
		NotInForce::Superseded { .. } => "superseded",
		NotInForce::InsurerNotAccredited => "insurer_not_accredited",
		NotInForce::Suspended => "suspended",
		NotInForce::NotYetStarted => "not_yet_started",
		NotInForce::Expired => "expired",
	}
}

impl Chain {
	/// The attestation with this id: typed, and as JSON.
	pub async fn attestation(&self, attestation: u64) -> Result<(Option<AttestationInfo>, Json)> {
		let payload = api::runtime_apis().insurance_api().attestation(attestation);
		self.runtime_api_rendered(payload, false, Case::AsDeclared).await
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

	/// One page of `patient`'s attestations: typed, and as JSON `{attestations: [{id,
	/// attestation}], next}`.
	pub async fn attestations_of(
		&self,
		patient: &AccountId32,
		start_after: Option<u64>,
		limit: u32,
	) -> Result<(AttestationPage, Json)> {
		let payload =
			api::runtime_apis().insurance_api().attestations_of(*patient, start_after, limit);
		let (page, mut json) = self.runtime_api_rendered(payload, false, Case::AsDeclared).await?;
		if let Some(list) = json.get_mut("attestations") {
			*list = name_tuples(list.take(), &["id", "attestation"]);
		}
		Ok((page, json))
	}

	/// The id of `patient`'s attestation whose commitment is `commitment`, if there is one.
	pub async fn find_attestation(
		&self,
		patient: &AccountId32,
		commitment: Hash32,
	) -> Result<Option<u64>> {
		let mut after = None;
		loop {
			let (page, _) = self.attestations_of(patient, after, 100).await?;
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

#[cfg(test)]
mod tests {
	use super::*;

	fn alice() -> Keypair {
		crate::keys::keypair_from_suri("//Alice").unwrap()
	}

	fn claims_file() -> ClaimsFile {
		serde_json::from_str(
			r#"{ "plan": "GOLD-2026", "member": "M-0012345",
			     "coverage": ["telemedicine", "inpatient"], "network_tier": "preferred",
			     "period": { "start": "2026-01-01", "end": "2026-12-31" } }"#,
		)
		.unwrap()
	}

	#[test]
	fn dates_round_trip() {
		assert_eq!(parse_date("1970-01-01").unwrap(), 0);
		assert_eq!(parse_date("2026-01-01").unwrap(), 1_767_225_600_000);
		assert_eq!(parse_date("2024-02-29").unwrap(), 1_709_164_800_000);
		for text in ["2026-01-01", "2024-02-29", "2000-12-31", "2100-03-01"] {
			assert_eq!(date(parse_date(text).unwrap()), text);
		}
		for bad in ["2026-13-01", "2025-02-29", "2026-1-1", "26-01-01", "1969-12-31", "x"] {
			assert!(parse_date(bad).is_err(), "{bad}");
		}
	}

	#[test]
	fn a_claims_file_gives_its_claims_and_refuses_bad_ones() {
		let file = claims_file();
		let claims = file.claims().unwrap();
		let names: Vec<&str> = claims.iter().map(ClaimJson::name).collect();
		assert_eq!(
			names,
			["plan", "member", "inpatient", "telemedicine", "network_tier", "period"]
		);
		assert_eq!(
			claims.last(),
			Some(&ClaimJson::Period { start: 1_767_225_600_000, end: 1_798_761_600_000 })
		);
		let toml: ClaimsFile = toml::from_str(
			"plan = \"GOLD-2026\"\nmember = \"M-1\"\ncoverage = [\"dental\"]\n\
			 [period]\nstart = \"2026-01-01\"\nend = \"2026-01-01\"\n",
		)
		.unwrap();
		assert_eq!(toml.period().unwrap(), (1_767_225_600_000, 1_767_225_600_000 + DAY_MS));
		let mut twice = claims_file();
		twice.coverage.push(CoverageClass::Inpatient);
		assert!(twice.claims().unwrap_err().to_string().contains("twice"));
		let mut none = claims_file();
		none.coverage.clear();
		assert!(none.claims().unwrap_err().to_string().contains("no class"));
		let mut long = claims_file();
		long.member = "x".repeat(65);
		assert!(long.claims().unwrap_err().to_string().contains("member must have 1 to 64"));
		let mut backwards = claims_file();
		backwards.period.end = "2025-12-30".into();
		assert!(backwards.claims().unwrap_err().to_string().contains("before it starts"));
		assert!(serde_json::from_str::<ClaimsFile>(r#"{"plan": "p", "coverage": ["cosmetic"]}"#)
			.is_err());
	}

	#[test]
	fn a_credential_proves_each_claim_and_a_presentation_is_signed() {
		let patient = alice().public_key().to_account_id();
		let claims = claims_file().claims().unwrap();
		let credential = Credential::new(Hash32([1; 32]), &patient, claims.clone()).unwrap();
		credential.check().unwrap();
		// Positions are random: two credentials of the same claims differ everywhere.
		let other = Credential::new(Hash32([1; 32]), &patient, claims).unwrap();
		assert_ne!(credential.commitment, other.commitment);
		let disclosed = credential.disclose(&["telemedicine".into(), "plan".into()]).unwrap();
		assert_eq!(disclosed.len(), 2);
		for d in &disclosed {
			let proof = d.proof().unwrap();
			assert_eq!(
				coverage::verify_claim(
					&credential.commitment.0,
					&d.claim.claim(),
					&d.salt.0,
					&proof
				),
				Ok(())
			);
		}
		assert!(credential
			.disclose(&["dental".into()])
			.unwrap_err()
			.to_string()
			.contains("no claim"));
		let challenge = challenge().unwrap();
		let presentation = Presentation::sign(&alice(), Hash32([1; 32]), 7, challenge, disclosed);
		assert!(presentation.signature_is_valid());
		// Any change breaks the signature: the challenge, a claim, the signer named.
		let mut replayed = presentation.clone();
		replayed.challenge = Hash32([2; 32]);
		assert!(!replayed.signature_is_valid());
		let mut edited = presentation.clone();
		edited.disclosed[1].claim = ClaimJson::Plan("PLATINUM".into());
		assert!(!edited.signature_is_valid());
		let mut other_signer = presentation.clone();
		other_signer.patient = crate::keys::parse_account("bob").unwrap().to_string();
		assert!(!other_signer.signature_is_valid());
		// The polkadot.js `signRaw` form does not: a web page's prompt is no presentation.
		let message = Presentation::message(
			&presentation.genesis_hash,
			&presentation.challenge,
			7,
			&patient,
			&presentation.disclosed,
		);
		let wrapped = [b"<Bytes>".as_slice(), &message, b"</Bytes>"].concat();
		let mut raw = presentation.clone();
		raw.signature = format!("0x{}", hex::encode(alice().sign(&wrapped).0));
		assert!(!raw.signature_is_valid());
		// Texts are shown escaped; an oversized one is out of bounds.
		assert_eq!(
			ClaimJson::Plan("A\r\x1b[2KIN FORCE".into()).describe(),
			"plan A\\r\\u{1b}[2KIN FORCE"
		);
		let mut long = presentation.clone();
		long.disclosed[1].claim = ClaimJson::Plan("x".repeat(65));
		assert!(long.within_bounds().unwrap_err().contains("65 bytes"));
		assert_eq!(presentation.within_bounds(), Ok(()));
	}

	#[test]
	fn a_credential_file_is_private_and_checked_when_read() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("coverage.json");
		let patient = alice().public_key().to_account_id();
		let credential =
			Credential::new(Hash32([1; 32]), &patient, claims_file().claims().unwrap()).unwrap();
		credential.write(&path).unwrap();
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(&path).unwrap().permissions().mode();
			assert_eq!(mode & 0o777, 0o600);
		}
		assert_eq!(Credential::read(&path).unwrap(), credential);
		let mut tampered = credential.clone();
		tampered.claims[0].claim = ClaimJson::Plan("PLATINUM".into());
		tampered.write(&path).unwrap();
		let error = Credential::read(&path).unwrap_err().to_string();
		assert!(error.contains("is not its leaf"), "{error}");
	}
}
