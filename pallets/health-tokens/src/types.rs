//! The SCALE types the ledger stores and its runtime API returns.
//!
//! Every enum has fixed SCALE indices and new variants are only ever appended, so classes and
//! statuses added later (drug batches, organs, research datasets) decode alongside the tokens
//! stored today, without a storage migration.

pub use healthchain_primitives::VersionReason;

use crate::{Config, Moment, OrganisationId, Profession, Role, TokenId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible::Inspect;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// [`TokenInfo`] as the pallet stores it.
pub type TokenOf<T> = TokenInfo<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// [`VersionInfo`] as the pallet stores it.
pub type VersionOf<T> =
	VersionInfo<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// [`SessionAcceptance`] as the pallet takes it.
pub type SessionAcceptanceOf<T> = SessionAcceptance<<T as Config>::Signature, BlockNumberFor<T>>;

/// What kind of fact a token proves. Each class has its own rules (see the pallet's README).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum TokenClass {
	/// A patient's medical record, issued by a provider or laboratory; non-transferable.
	#[codec(index = 0)]
	MedicalRecord,
	/// A certificate or test result, verifiable by whoever holds the document.
	#[codec(index = 1)]
	Certificate,
	/// A practitioner's licence or credential, issued by a licensing board.
	#[codec(index = 2)]
	Licence,
	/// An attestation that a licensed practitioner and a patient held a telemedicine session.
	#[codec(index = 3)]
	TelemedicineSession,
	// Indices 4 (drug batch), 5 (organ) and 6 (research dataset) are reserved.
}

impl TokenClass {
	/// Every class, in index order.
	pub const ALL: [TokenClass; 4] =
		[Self::MedicalRecord, Self::Certificate, Self::Licence, Self::TelemedicineSession];

	/// The registry roles whose holders may issue tokens of this class (none for sessions: a
	/// session is opened under a practitioner's licence, not an accreditation).
	pub fn issuer_roles(self) -> &'static [Role] {
		match self {
			Self::MedicalRecord => &[Role::Provider, Role::Laboratory],
			Self::Certificate => &[Role::Laboratory, Role::Provider],
			Self::Licence => &[Role::LicensingBoard],
			Self::TelemedicineSession => &[],
		}
	}

	/// Whether the issuer may add a version with [`crate::Pallet::update`].
	pub fn updatable(self) -> bool {
		!matches!(self, Self::TelemedicineSession)
	}

	/// Whether the issuer may revoke tokens of this class.
	pub fn revocable(self) -> bool {
		matches!(self, Self::Certificate | Self::Licence)
	}

	/// Whether the issuer may suspend and reinstate tokens of this class.
	pub fn suspendable(self) -> bool {
		matches!(self, Self::Licence)
	}

	/// Whether the owner may archive tokens of this class.
	pub fn archivable(self) -> bool {
		matches!(self, Self::MedicalRecord | Self::Certificate)
	}

	/// Whether the owner may refuse tokens of this class that took effect: records,
	/// certificates and sessions, which others issue to the patient. Not licences, once the
	/// practitioner accepted them (a practitioner must not erase a suspension); a pending
	/// licence or session can always be refused.
	pub fn refusable(self) -> bool {
		!matches!(self, Self::Licence)
	}
}

/// The hash function that produced a document hash.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum HashAlgorithm {
	/// SHA-256 (what `sha256sum` prints).
	#[codec(index = 0)]
	Sha256,
	/// BLAKE2b with a 256-bit output (what `b2sum -l 256` prints).
	#[codec(index = 1)]
	Blake2_256,
	/// SHA-256 of a 32-byte random salt followed by the document (`salt ‖ document`), so that
	/// a document with little entropy (a negative test result, a short URL) cannot be
	/// confirmed by hashing guesses. The salt stays with the document, off chain (the
	/// `healthchain` client writes it to a verification bundle beside the file).
	#[codec(index = 2)]
	SaltedSha256,
}

/// A reference to an off-chain document: its hash and, optionally, the hash of where its
/// encrypted copy is stored. The document itself never comes on chain.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DocumentRef {
	/// Hash of the document's bytes. Unique across the ledger: a hash anchors one version.
	/// (Not `hash`: polkadot.js renames a field of that name, and `.document_hash` then reads the hash
	/// of the whole struct.)
	pub document_hash: H256,
	/// How `document_hash` was computed.
	pub algorithm: HashAlgorithm,
	/// Hash of the encrypted copy's storage locator (URL, CID, …), if the issuer gives one.
	/// A hash, so that the locator itself stays private to those who are told it.
	pub locator: Option<H256>,
}

/// What authorized the issuer of a token at the moment it issued it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Authority {
	/// An organisation's accreditation for a role in the registry.
	#[codec(index = 0)]
	Accreditation {
		/// The issuing organisation.
		organisation: OrganisationId,
		/// The role it acted in.
		role: Role,
	},
	/// A practitioner holding a valid licence, in some profession, when the token was issued
	/// (a telemedicine session; checked again when the patient accepts). Which licence is not
	/// recorded: a licence names a profession, and "this patient saw a psychologist" must not
	/// sit under the patient's account.
	#[codec(index = 1)]
	Licensed,
}

/// Who anchored a document hash: the key under which the ledger indexes it, so that a hash
/// copied by another issuer neither blocks the real issuer nor is taken for its token.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Issuer<AccountId> {
	/// An organisation, acting through its accreditation (records, certificates, licences).
	#[codec(index = 0)]
	Organisation(OrganisationId),
	/// A licensed practitioner, under their licence (telemedicine sessions).
	#[codec(index = 1)]
	Practitioner(AccountId),
}

/// The class of a token and what only that class records.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum TokenDetails {
	/// See [`TokenClass::MedicalRecord`]. No category is recorded: "this account has a
	/// mental-health record" would itself be personal data.
	#[codec(index = 0)]
	MedicalRecord,
	/// See [`TokenClass::Certificate`].
	#[codec(index = 1)]
	Certificate,
	/// See [`TokenClass::Licence`].
	#[codec(index = 2)]
	Licence {
		/// The profession it licenses.
		profession: Profession,
	},
	/// See [`TokenClass::TelemedicineSession`]. The practitioner is the token's issuer, the
	/// patient its owner; its [`Authority`] is [`Authority::Licensed`], naming no profession.
	#[codec(index = 3)]
	TelemedicineSession {
		/// When both parties had signed (Unix milliseconds), if they have.
		accepted_at: Option<Moment>,
		/// When the practitioner closed it (Unix milliseconds), if it is closed.
		closed_at: Option<Moment>,
	},
}

impl TokenDetails {
	/// The class these details belong to.
	pub fn class(&self) -> TokenClass {
		match self {
			Self::MedicalRecord => TokenClass::MedicalRecord,
			Self::Certificate => TokenClass::Certificate,
			Self::Licence { .. } => TokenClass::Licence,
			Self::TelemedicineSession { .. } => TokenClass::TelemedicineSession,
		}
	}
}

/// Why an issuer revoked a token.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum RevocationReason {
	/// It was issued by mistake (FHIR `entered-in-error`).
	#[codec(index = 0)]
	EnteredInError,
	/// The issuer withdraws it (e.g. a certificate found invalid).
	#[codec(index = 1)]
	Withdrawn,
	/// Another token replaces it.
	#[codec(index = 2)]
	Superseded,
	/// It was obtained by fraud.
	#[codec(index = 3)]
	Fraudulent,
	/// Disciplinary action against its holder (licences).
	#[codec(index = 4)]
	Disciplinary,
	/// None of the above; the issuer's records say why.
	#[codec(index = 5)]
	Other,
}

/// The stored status of a token. Expiry is not stored: it is read against the block's time.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum TokenStatus {
	/// In force (a session: accepted by both parties and not yet closed).
	#[codec(index = 0)]
	Active,
	/// Suspended by its issuer until reinstated.
	#[codec(index = 1)]
	Suspended,
	/// Revoked by its issuer, for good.
	#[codec(index = 2)]
	Revoked {
		/// Why.
		reason: RevocationReason,
	},
	/// Archived by its owner: no longer in force, history still readable.
	#[codec(index = 3)]
	Archived,
	/// A session opened by the practitioner and awaiting the patient's acceptance, or a
	/// licence awaiting the practitioner's: it takes effect once accepted.
	#[codec(index = 4)]
	Pending,
	/// A session the practitioner closed with the hash of its record.
	#[codec(index = 5)]
	Closed,
	/// Its owner refused it: it is out of their list and names no owner any more. Not in
	/// force; its versions stay, so that whoever holds one of its documents is told.
	#[codec(index = 6)]
	Refused,
}

/// The status of a token at a given moment, as queries report it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum TokenEffectiveStatus {
	/// In force now.
	#[codec(index = 0)]
	Active,
	/// Suspended.
	#[codec(index = 1)]
	Suspended,
	/// Revoked.
	#[codec(index = 2)]
	Revoked,
	/// Archived by its owner.
	#[codec(index = 3)]
	Archived,
	/// Active, but past its valid-until time.
	#[codec(index = 4)]
	Expired,
	/// A session awaiting the patient's acceptance, or a licence awaiting the practitioner's.
	#[codec(index = 5)]
	Pending,
	/// A closed session (a complete attestation).
	#[codec(index = 6)]
	Closed,
	/// Its owner refused it (see [`TokenStatus::Refused`]).
	#[codec(index = 7)]
	Refused,
}

/// A health token: who issued it under what authority, who owns it, its status.
///
/// The document hashes are in its versions ([`VersionInfo`]), of which the last is current.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct TokenInfo<AccountId, BlockNumber> {
	/// The class, with what only that class records.
	pub details: TokenDetails,
	/// The account that issued it: an agent of the issuing organisation, or the practitioner
	/// who opened a session. It paid the token's deposit.
	pub issuer: AccountId,
	/// What authorized the issuer at issuance (checked then; the token would not exist
	/// otherwise).
	pub authority: Authority,
	/// The owner: the patient (records, certificates, sessions) or the practitioner (licences);
	/// `None` once the owner refused it, which links it to no account any more.
	pub owner: Option<AccountId>,
	/// The stored status.
	pub status: TokenStatus,
	/// Until when it is in force (Unix milliseconds, exclusive), for classes that expire.
	pub valid_until: Option<Moment>,
	/// When it was issued (Unix milliseconds).
	pub issued_at: Moment,
	/// The block in which it was issued.
	pub issued_block: BlockNumber,
	/// How many versions it has (at least 1); the current one is `versions - 1`.
	pub versions: u32,
}

impl<AccountId: Clone, BlockNumber> TokenInfo<AccountId, BlockNumber> {
	/// The key under which its versions' hashes are indexed: its organisation, or (a session)
	/// its practitioner.
	pub fn issuer_key(&self) -> Issuer<AccountId> {
		match self.authority {
			Authority::Accreditation { organisation, .. } => Issuer::Organisation(organisation),
			Authority::Licensed => Issuer::Practitioner(self.issuer.clone()),
		}
	}
}

impl<AccountId, BlockNumber> TokenInfo<AccountId, BlockNumber> {
	/// The class.
	pub fn class(&self) -> TokenClass {
		self.details.class()
	}

	/// The index of the current version.
	pub fn current_version(&self) -> u32 {
		self.versions.saturating_sub(1)
	}

	/// The status at time `now` (Unix milliseconds): expiry is read, never written.
	pub fn effective_status(&self, now: Moment) -> TokenEffectiveStatus {
		match self.status {
			TokenStatus::Active if self.valid_until.is_some_and(|until| now >= until) => {
				TokenEffectiveStatus::Expired
			},
			TokenStatus::Active => TokenEffectiveStatus::Active,
			TokenStatus::Suspended => TokenEffectiveStatus::Suspended,
			TokenStatus::Revoked { .. } => TokenEffectiveStatus::Revoked,
			TokenStatus::Archived => TokenEffectiveStatus::Archived,
			TokenStatus::Pending => TokenEffectiveStatus::Pending,
			TokenStatus::Closed => TokenEffectiveStatus::Closed,
			TokenStatus::Refused => TokenEffectiveStatus::Refused,
		}
	}
}

/// One version of a token: never changed or removed once written (except the single
/// version of a session proposal that is cancelled before anyone accepted it).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct VersionInfo<AccountId, Balance, BlockNumber> {
	/// The document this version anchors.
	pub document: DocumentRef,
	/// Why it was written. Version `n` supersedes version `n - 1`.
	pub reason: VersionReason,
	/// The account that wrote it.
	pub author: AccountId,
	/// The account from which its deposit is held: the author, until the admin of the issuing
	/// organisation takes the deposit over (`change_deposit_owner`, e.g. when the author has
	/// left the organisation). The deposit returns to it if the version is removed.
	pub depositor: AccountId,
	/// The deposit held from `depositor` for it.
	pub deposit: Balance,
	/// The token's valid-until time as of this version.
	pub valid_until: Option<Moment>,
	/// When it was written (Unix milliseconds).
	pub written_at: Moment,
	/// The block in which it was written.
	pub block: BlockNumber,
}

/// A patient's acceptance of a telemedicine session, signed before the session is opened, so
/// that the practitioner can open it already accepted (and the patient pays no fee).
///
/// The patient signs the bytes of [`acceptance_message`] with the key of their account.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct SessionAcceptance<Signature, BlockNumber> {
	/// The last block in which the acceptance may be used.
	pub deadline: BlockNumber,
	/// The patient's signature over [`acceptance_message`].
	pub signature: Signature,
}

pub use healthchain_primitives::{acceptance_message, ACCEPTANCE_CONTEXT};

/// A token as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct TokenView<AccountId, BlockNumber> {
	/// Its id.
	pub id: TokenId,
	/// Its class.
	pub class: TokenClass,
	/// The token as stored.
	pub token: TokenInfo<AccountId, BlockNumber>,
	/// Its status now, expiry taken into account.
	pub effective: TokenEffectiveStatus,
	/// Whether its [`Authority`] still holds now (the organisation is still accredited for the
	/// role, or, for a session, the practitioner still holds a valid licence).
	pub authority_valid_now: bool,
}

/// What a verifier should conclude about a document, per the rules of its token's class.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Verdict {
	/// Authentic and in force, and its issuer still holds the authority it issued under.
	#[codec(index = 0)]
	InForce,
	/// Authentic and in force, but its issuer no longer holds the authority it issued under
	/// (e.g. the laboratory is no longer accredited). For records, certificates and sessions
	/// this does not end the token: it was issued while the issuer was authorized. The
	/// verifier is told, and decides.
	#[codec(index = 1)]
	InForceIssuerNoLongerAuthorized,
	/// Not in force: its issuer's authority has lapsed and the class depends on it (a licence
	/// stops licensing when its board is no longer accredited to license).
	#[codec(index = 2)]
	IssuerAuthorityLapsed,
	/// Not in force: a later version of the token supersedes this document.
	#[codec(index = 3)]
	Superseded,
	/// Not in force: the token is in this status (suspended, revoked, archived, expired or a
	/// pending session).
	#[codec(index = 4)]
	NotInForce(TokenEffectiveStatus),
}

/// The answer to "is this document hash an authentic token?".
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct Verification<AccountId, BlockNumber> {
	/// The token the hash belongs to, with its status now.
	pub token: TokenView<AccountId, BlockNumber>,
	/// Which version of the token the hash is.
	pub version: u32,
	/// Whether that version is the token's current one (otherwise it was superseded).
	pub is_current_version: bool,
	/// Whether the issuer was authorized when it issued the token. Always `true` for a token
	/// that exists: issuance is refused otherwise. Reported so that verifiers need not know.
	pub authorized_at_issuance: bool,
	/// Whether the document is authentic and in force now: the current version of an active
	/// (or closed, for a session), unexpired token — and, for a licence, one whose board is
	/// still accredited to license. A record, certificate or session issued while its issuer
	/// was authorized stays valid when the issuer's authority later lapses; `verdict` then
	/// says so.
	pub valid_now: bool,
	/// Why it is, or is not, valid now.
	pub verdict: Verdict,
}

/// The answer to "is this practitioner licensed for this profession now?".
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct LicenceCheck {
	/// The practitioner's licence token for the profession, if they have one.
	pub licence: Option<TokenId>,
	/// Whether it licenses them now, or why not.
	pub result: Result<TokenId, healthchain_primitives::LicenceError>,
}
