//! The health-token ledger as the client sees it: document hashing, its calls, its runtime API
//! answers as JSON, and the patient's pre-signed session acceptance.

use crate::{
	chain::{Answer, Chain, Pages},
	hash::Hash32,
	runtime::api::{
		self,
		runtime_types::{
			pallet_health_tokens::types::{DocumentRef, SessionAcceptance},
			sp_runtime::MultiSignature,
		},
	},
};
use anyhow::{anyhow, Result};
pub use healthchain_primitives::{Profession, Role, TokenId, VersionReason};
use serde::Serialize;
use serde_json::Value as Json;
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;

pub use crate::runtime::api::runtime_types::pallet_health_tokens::types::{
	HashAlgorithm, Issuer, RevocationReason, Verdict,
};

/// A token with its status now, as the chain answers it.
pub type TokenView =
	crate::runtime::api::runtime_types::pallet_health_tokens::types::TokenView<AccountId32, u32>;
/// A version of a token, as the chain answers it.
pub type VersionInfo = crate::runtime::api::runtime_types::pallet_health_tokens::types::VersionInfo<
	AccountId32,
	u128,
	u32,
>;
/// Whether a practitioner is licensed for a profession now, and by which licence.
pub use crate::runtime::api::runtime_types::pallet_health_tokens::types::LicenceCheck;
/// A page of the verifications of every token that anchors a document hash.
pub type AnchorsPage = crate::runtime::api::runtime_types::healthchain_primitives::Page<
	Verification,
	Issuer<AccountId32>,
>;

/// A token and its versions ([`Chain::token`]).
#[derive(Clone, Debug)]
pub struct TokenReport {
	/// The token with its status now, if there is one.
	pub token: Answer<Option<TokenView>>,
	/// Its versions, oldest first.
	pub versions: Answer<Vec<VersionInfo>>,
}

impl TokenReport {
	/// The token as JSON, its versions under `history`; `null` if there is no such token.
	pub fn json(&self) -> Result<Json> {
		let mut token = self.token.json()?;
		if let Json::Object(map) = &mut token {
			map.insert("history".into(), self.versions.json()?);
		}
		Ok(token)
	}
}

/// The tokens that anchor a document hash ([`Chain::verify`]): each one's verification,
/// typed, and printable as JSON.
#[derive(Clone, Debug)]
pub struct Anchored {
	answer: AnchoredAnswer,
}

#[derive(Clone, Debug)]
enum AnchoredAnswer {
	Issuer(Answer<Option<Verification>>),
	All(Pages<AnchorsPage>),
}

impl Anchored {
	/// The verification of each token that anchors it.
	pub fn verifications(&self) -> Vec<&Verification> {
		match &self.answer {
			AnchoredAnswer::Issuer(answer) => answer.value().iter().collect(),
			AnchoredAnswer::All(pages) => pages.items().collect(),
		}
	}

	/// The verifications as JSON, in the order of [`Anchored::verifications`].
	pub fn json(&self) -> Result<Vec<Json>> {
		Ok(match &self.answer {
			AnchoredAnswer::Issuer(answer) => match answer.json()? {
				Json::Null => Vec::new(),
				verification => vec![verification],
			},
			AnchoredAnswer::All(pages) => match pages.json()? {
				Json::Array(items) => items,
				_ => Vec::new(),
			},
		})
	}
}

/// What the ledger says of a document hash for one token.
pub type Verification =
	crate::runtime::api::runtime_types::pallet_health_tokens::types::Verification<AccountId32, u32>;

/// The ledger's issuer key for a bundle's issuer.
pub fn issuer(bundle: &crate::documents::BundleIssuer) -> Result<Issuer<AccountId32>> {
	use crate::documents::BundleIssuer;
	Ok(match bundle {
		BundleIssuer::Organisation(id) => Issuer::Organisation(*id),
		BundleIssuer::Practitioner(account) => {
			Issuer::Practitioner(crate::keys::parse_account(account)?)
		},
	})
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
	/// The runtime's `DocumentRef`.
	pub fn reference(self) -> DocumentRef {
		DocumentRef {
			document_hash: self.hash.h256(),
			algorithm: self.algorithm,
			locator: self.locator.map(Hash32::h256),
		}
	}
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

/// The bytes a patient signs to accept a session in advance: the runtime's own
/// [`healthchain_primitives::acceptance_message`] (see the pallet's README).
pub fn acceptance_message(
	genesis: &[u8; 32],
	practitioner: &AccountId32,
	patient: &AccountId32,
	reference: &Hash32,
	deadline: u32,
) -> Vec<u8> {
	healthchain_primitives::acceptance_message(
		genesis,
		&practitioner.0,
		&patient.0,
		&reference.0,
		&deadline,
	)
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
	/// The acceptance as the runtime's `SessionAcceptance` (`MultiSignature::Sr25519`).
	pub fn to_runtime(&self) -> Result<SessionAcceptance<MultiSignature, u32>> {
		let hex = self.signature.strip_prefix("0x").unwrap_or(&self.signature);
		let bytes = hex::decode(hex)
			.map_err(|_| crate::invalid("bad acceptance: the signature is not hex"))?;
		let bytes: [u8; 64] = bytes
			.try_into()
			.map_err(|_| crate::invalid("bad acceptance: an sr25519 signature has 64 bytes"))?;
		Ok(SessionAcceptance { deadline: self.deadline, signature: MultiSignature::Sr25519(bytes) })
	}
}

impl Chain {
	/// Token `id` with its status now, and its versions (`history` in JSON).
	pub async fn token(&self, id: TokenId, best: bool) -> Result<TokenReport> {
		let apis = api::runtime_apis().health_tokens_api();
		let at = self.at(best).await?;
		let token = Self::answer(at.clone(), apis.token(id)).await?;
		let versions = Self::answer(at, apis.versions(id)).await?;
		Ok(TokenReport { token, versions })
	}

	/// A page of the ids of `owner`'s tokens.
	pub async fn tokens_of(
		&self,
		owner: &AccountId32,
		start_after: Option<TokenId>,
		limit: u32,
		best: bool,
	) -> Result<Vec<TokenId>> {
		let apis = api::runtime_apis().health_tokens_api();
		self.runtime_api(apis.tokens_of(*owner, start_after, limit), best).await
	}

	/// What the ledger says of document hash `hash`: the verification of the token of
	/// `issuer` that anchors it (none, or one), or, without an issuer, of every token that
	/// anchors it (another issuer may have anchored a copy of the hash).
	pub async fn verify(
		&self,
		hash: Hash32,
		issuer: Option<Issuer<AccountId32>>,
		best: bool,
	) -> Result<Anchored> {
		let apis = api::runtime_apis().health_tokens_api();
		Ok(match issuer {
			Some(issuer) => {
				let answer =
					self.runtime_api_answer(apis.verify(hash.h256(), issuer), best).await?;
				Anchored { answer: AnchoredAnswer::Issuer(answer) }
			},
			None => {
				let pages = self
					.runtime_api_pages(|cursor| apis.anchors_of(hash.h256(), cursor, 100), best)
					.await?;
				Anchored { answer: AnchoredAnswer::All(pages) }
			},
		})
	}

	/// Whether `who` is licensed for `profession` now.
	pub async fn licence_check(
		&self,
		who: &AccountId32,
		profession: Profession,
		best: bool,
	) -> Result<Answer<LicenceCheck>> {
		let apis = api::runtime_apis().health_tokens_api();
		self.runtime_api_answer(apis.licence_check(*who, profession), best).await
	}

	/// The chain's genesis hash.
	pub async fn genesis_hash(&self) -> Result<[u8; 32]> {
		let hash = self.api().genesis_hash();
		hash.as_ref().try_into().map_err(|_| anyhow!("the genesis hash is not 32 bytes"))
	}
}
