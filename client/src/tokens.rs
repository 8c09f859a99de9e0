//! The health-token ledger as the client sees it: document hashing, its calls, its runtime API
//! answers as JSON, and the patient's pre-signed session acceptance.

use crate::{
	chain::{account_value, option_value, Call, Chain},
	output::{accounts_to_ss58, value_to_json},
	registry::{Hash32, Role},
};
use anyhow::{anyhow, Result};
use codec::Encode;
use serde::Serialize;
use serde_json::Value as Json;
use subxt::{ext::scale_value::Value, utils::AccountId32};
use subxt_signer::sr25519::Keypair;

/// A token id.
pub type TokenId = u64;

scale_enum!(
	/// The profession a licence authorizes.
	Profession {
		/// Medical doctor.
		Physician,
		/// Nurse.
		Nurse,
		/// Midwife.
		Midwife,
		/// Pharmacist.
		Pharmacist,
		/// Dentist.
		Dentist,
		/// Psychologist or psychotherapist.
		Psychologist,
		/// Physiotherapist.
		Physiotherapist,
		/// Paramedic.
		Paramedic,
		/// Laboratory scientist.
		LaboratoryScientist,
		/// Radiographer.
		Radiographer,
	}
);

scale_enum!(
	/// Why a new version is written.
	VersionReason {
		/// An error was corrected.
		Corrected,
		/// The content was amended.
		Amended,
		/// Information was appended.
		Appended,
		/// A licence or certificate was renewed.
		Renewed,
	}
);

scale_enum!(
	/// Why a token is revoked.
	RevocationReason {
		/// Issued by mistake.
		EnteredInError,
		/// Withdrawn by the issuer.
		Withdrawn,
		/// Replaced by another token.
		Superseded,
		/// Obtained by fraud.
		Fraudulent,
		/// Disciplinary action (licences).
		Disciplinary,
		/// Another reason.
		Other,
	}
);

/// The hash function of a document hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize)]
pub enum HashAlgorithm {
	/// SHA-256 of a fresh random salt followed by the document, the salt kept in a
	/// verification bundle beside the document (see [`crate::documents`]).
	#[value(name = "salted-sha256")]
	SaltedSha256,
	/// SHA-256, as `sha256sum` prints it (unsalted: a guessable document can be confirmed).
	#[value(name = "sha256")]
	Sha256,
	/// BLAKE2b-256, as `b2sum -l 256` prints it (unsalted).
	#[value(name = "blake2-256")]
	Blake2_256,
}

impl HashAlgorithm {
	/// The unsalted hash of `data` (`None` for the salted algorithm, which needs a salt).
	pub fn digest(self, data: &[u8]) -> Option<Hash32> {
		match self {
			Self::SaltedSha256 => None,
			Self::Sha256 => Some(Hash32::sha256(data)),
			Self::Blake2_256 => {
				use blake2::{digest::consts::U32, Blake2b, Digest};
				Some(Hash32(Blake2b::<U32>::digest(data).into()))
			},
		}
	}

	fn to_value(self) -> Value {
		let name = match self {
			Self::SaltedSha256 => "SaltedSha256",
			Self::Sha256 => "Sha256",
			Self::Blake2_256 => "Blake2_256",
		};
		Value::unnamed_variant(name, [])
	}
}

/// A reference to an off-chain document: its hash, and optionally the hash of where its
/// encrypted copy is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Document {
	/// The document's hash.
	pub hash: Hash32,
	/// How it was computed.
	pub algorithm: HashAlgorithm,
	/// The hash of the storage locator, if given.
	pub locator: Option<Hash32>,
}

impl Document {
	fn to_value(self) -> Value {
		Value::named_composite([
			("document_hash", self.hash.to_value()),
			("algorithm", self.algorithm.to_value()),
			("locator", option_value(self.locator.map(Hash32::to_value))),
		])
	}
}

fn id_value(id: TokenId) -> Value {
	Value::u128(id.into())
}

fn tokens(name: &'static str, fields: Vec<(&'static str, Value)>) -> Call {
	Call { pallet: "HealthTokens", name, fields }
}

/// A patient's acceptance of a telemedicine session, signed in advance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Acceptance {
	/// The patient's account (SS58).
	pub patient: String,
	/// The practitioner's account (SS58).
	pub practitioner: String,
	/// The session reference hash the practitioner must open the session with.
	pub reference: String,
	/// The last block in which it may be used.
	pub deadline: u32,
	/// The patient's sr25519 signature, 0x-prefixed hex.
	pub signature: String,
}

/// The bytes a patient signs to accept a session in advance (see the pallet's README).
pub fn acceptance_message(
	genesis: &[u8; 32],
	practitioner: &AccountId32,
	patient: &AccountId32,
	reference: &Hash32,
	deadline: u32,
) -> Vec<u8> {
	(b"healthchain:accept-session", genesis, practitioner.0, patient.0, reference.0, deadline)
		.encode()
}

/// Sign an acceptance of a session with `practitioner`, as the patient `signer`.
pub fn sign_acceptance(
	signer: &Keypair,
	genesis: &[u8; 32],
	practitioner: &AccountId32,
	reference: &Hash32,
	deadline: u32,
) -> Acceptance {
	let patient = signer.public_key().to_account_id();
	let message = acceptance_message(genesis, practitioner, &patient, reference, deadline);
	let signature = signer.sign(&message);
	Acceptance {
		patient: patient.to_string(),
		practitioner: practitioner.to_string(),
		reference: reference.to_string(),
		deadline,
		signature: format!("0x{}", hex::encode(signature.0)),
	}
}

impl Acceptance {
	/// The acceptance as the `SessionAcceptance` SCALE value (`MultiSignature::Sr25519`).
	pub fn to_value(&self) -> Result<Value> {
		let hex = self.signature.strip_prefix("0x").unwrap_or(&self.signature);
		let bytes = hex::decode(hex)
			.map_err(|_| crate::invalid("bad acceptance: the signature is not hex"))?;
		let bytes: [u8; 64] = bytes
			.try_into()
			.map_err(|_| crate::invalid("bad acceptance: an sr25519 signature has 64 bytes"))?;
		Ok(Value::named_composite([
			("deadline", Value::u128(self.deadline.into())),
			(
				"signature",
				Value::unnamed_variant(
					"Sr25519",
					[Value::unnamed_composite([Value::from_bytes(bytes)])],
				),
			),
		]))
	}
}

/// The calls of the health-token pallet.
pub mod calls {
	use super::*;

	/// `issue_record(patient, role, document)`.
	pub fn issue_record(patient: &AccountId32, role: Role, document: Document) -> Call {
		tokens(
			"issue_record",
			vec![
				("patient", account_value(patient)),
				("role", role.to_value()),
				("document", document.to_value()),
			],
		)
	}

	/// `issue_certificate(subject, role, document, valid_until)`.
	pub fn issue_certificate(
		subject: &AccountId32,
		role: Role,
		document: Document,
		valid_until: Option<u64>,
	) -> Call {
		tokens(
			"issue_certificate",
			vec![
				("subject", account_value(subject)),
				("role", role.to_value()),
				("document", document.to_value()),
				("valid_until", option_value(valid_until.map(|t| Value::u128(t.into())))),
			],
		)
	}

	/// `issue_licence(practitioner, profession, document, valid_until)`.
	pub fn issue_licence(
		practitioner: &AccountId32,
		profession: Profession,
		document: Document,
		valid_until: u64,
	) -> Call {
		tokens(
			"issue_licence",
			vec![
				("practitioner", account_value(practitioner)),
				("profession", profession.to_value()),
				("document", document.to_value()),
				("valid_until", Value::u128(valid_until.into())),
			],
		)
	}

	/// `update(token, document, reason, valid_until)`.
	pub fn update(
		id: TokenId,
		document: Document,
		reason: VersionReason,
		valid_until: Option<u64>,
	) -> Call {
		tokens(
			"update",
			vec![
				("token", id_value(id)),
				("document", document.to_value()),
				("reason", reason.to_value()),
				("valid_until", option_value(valid_until.map(|t| Value::u128(t.into())))),
			],
		)
	}

	/// `revoke(token, reason)`.
	pub fn revoke(id: TokenId, reason: RevocationReason) -> Call {
		tokens("revoke", vec![("token", id_value(id)), ("reason", reason.to_value())])
	}

	/// `force_revoke(token, reason)` (consortium).
	pub fn force_revoke(id: TokenId, reason: RevocationReason) -> Call {
		let mut call = revoke(id, reason);
		call.name = "force_revoke";
		call
	}

	/// A call whose only argument is the token: `suspend`, `reinstate`, `archive`, `refuse`,
	/// `accept_session`, `cancel_session`.
	pub fn on_token(name: &'static str, id: TokenId) -> Call {
		tokens(name, vec![("token", id_value(id))])
	}

	/// `transfer(token, to)`.
	pub fn transfer(id: TokenId, to: &AccountId32) -> Call {
		tokens("transfer", vec![("token", id_value(id)), ("to", account_value(to))])
	}

	/// `open_session(patient, reference, acceptance)`.
	pub fn open_session(
		patient: &AccountId32,
		reference: Document,
		acceptance: Option<Value>,
	) -> Call {
		tokens(
			"open_session",
			vec![
				("patient", account_value(patient)),
				("reference", reference.to_value()),
				("acceptance", option_value(acceptance)),
			],
		)
	}

	/// `close_session(token, record)`.
	pub fn close_session(id: TokenId, record: Document) -> Call {
		tokens("close_session", vec![("token", id_value(id)), ("record", record.to_value())])
	}
}

impl Chain {
	/// Call a `HealthTokensApi` method and render its answer as JSON.
	async fn tokens_api<Args>(&self, method: &str, args: Args, best: bool) -> Result<Json>
	where
		Args: subxt::ext::frame_decode::storage::IntoEncodableValues,
	{
		let value: Value<()> = self.runtime_api("HealthTokensApi", method, args, best).await?;
		let mut json = value_to_json(&value);
		accounts_to_ss58(&mut json, &["issuer", "owner", "author", "practitioner"]);
		Ok(json)
	}

	/// Token `id` with its status now and its versions, or `None`.
	pub async fn token(&self, id: TokenId, best: bool) -> Result<Option<Json>> {
		let token = self.tokens_api("token", (id,), best).await?;
		if token.is_null() {
			return Ok(None);
		}
		// A list is decoded as a list: one version must not read as a newtype.
		let versions: Vec<Value<()>> =
			self.runtime_api("HealthTokensApi", "versions", (id,), best).await?;
		let versions = Json::Array(
			versions
				.iter()
				.map(|version| {
					let mut json = value_to_json(version);
					accounts_to_ss58(&mut json, &["author"]);
					json
				})
				.collect(),
		);
		let mut report = token;
		if let Json::Object(map) = &mut report {
			map.insert("history".into(), versions);
		}
		Ok(Some(report))
	}

	/// A page of the ids of `owner`'s tokens.
	pub async fn tokens_of(
		&self,
		owner: &AccountId32,
		start_after: Option<TokenId>,
		limit: u32,
		best: bool,
	) -> Result<Vec<TokenId>> {
		self.runtime_api("HealthTokensApi", "tokens_of", (*owner, start_after, limit), best).await
	}

	/// What the ledger says of document hash `hash`, or `None` if no token anchors it.
	pub async fn verify(&self, hash: Hash32, best: bool) -> Result<Option<Json>> {
		let json = self.tokens_api("verify", (hash.to_value(),), best).await?;
		Ok((!json.is_null()).then_some(json))
	}

	/// Whether `who` is licensed for `profession` now.
	pub async fn licence_check(
		&self,
		who: &AccountId32,
		profession: Profession,
		best: bool,
	) -> Result<Json> {
		let profession = profession.to_value();
		self.tokens_api("licence_check", (*who, profession), best).await
	}

	/// The chain's genesis hash.
	pub async fn genesis_hash(&self) -> Result<[u8; 32]> {
		let hash = self.api().genesis_hash();
		hash.as_ref().try_into().map_err(|_| anyhow!("the genesis hash is not 32 bytes"))
	}
}
