//! The SCALE types of consents, representatives, emergency grants and the audit trail.
//!
//! Enums have fixed SCALE indices and only ever gain variants at the end, so categories,
//! purposes and justifications can be added without migrating stored consents.

pub use healthchain_primitives::{Action, DataCategory, Purpose};

use crate::{Config, Moment, OrganisationId, TokenId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible::Inspect, ConstU32},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Identifier of a consent, assigned sequentially from 0 and never reused.
pub type ConsentId = u64;

/// Identifier of one representation (a representative acting for a patient), assigned
/// sequentially from 0 and never reused: a consent granted under a representation names it,
/// and stops permitting when that representation ends, even if the same account is appointed
/// again later.
pub type RepresentationId = u64;

/// The most sensitivity labels one record may carry in an access question.
pub const MAX_LABELS: u32 = 16;

/// The data categories (sensitivity labels) of one record: at most [`MAX_LABELS`].
pub type Labels = BoundedVec<DataCategory, ConstU32<MAX_LABELS>>;

/// The provisions of one consent, at most `MaxProvisions`.
pub type ProvisionsOf<T> = BoundedVec<Provision, <T as Config>::MaxProvisions>;

/// [`ConsentInfo`] as the pallet stores it.
pub type ConsentOf<T> = ConsentInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	ProvisionsOf<T>,
>;

/// [`RepresentativeInfo`] as the pallet stores it.
pub type RepresentativeOf<T> =
	RepresentativeInfo<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// [`RecordedRepresentative`] as the pallet stores it.
pub type RecordedRepresentativeOf<T> =
	RecordedRepresentative<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// [`EmergencyGrant`] as the pallet stores it.
pub type EmergencyGrantOf<T> =
	EmergencyGrant<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// [`AccessQuestion`] with the runtime's accounts.
pub type AccessQuestionOf<T> = AccessQuestion<<T as frame_system::Config>::AccountId>;

/// [`AccessRecord`] as the pallet stores it.
pub type AccessRecordOf<T> =
	AccessRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

macro_rules! scale_enum {
	($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $index:literal),* $(,)? }) => {
		$(#[$doc])*
		#[derive(
			Clone,
			Copy,
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
		pub enum $name { $($(#[$vdoc])* #[codec(index = $index)] $variant),* }
	};
}

scale_enum!(
	/// Whether a provision permits or denies (FHIR `Consent.provision.type`).
	Decision {
		/// It permits what it covers.
		Permit = 0,
		/// It denies what it covers; a deny overrides every permit.
		Deny = 1,
	}
);

scale_enum!(
	/// In which capacity someone grants or revokes for a patient.
	Capacity {
		/// The patient, for themself.
		Patient = 0,
		/// A guardian (e.g. a parent of a minor).
		Guardian = 1,
		/// A legal representative (e.g. a court-appointed one, or a power of attorney).
		LegalRepresentative = 2,
	}
);

scale_enum!(
	/// Why a practitioner broke the glass.
	Justification {
		/// The patient is unconscious or otherwise unable to consent.
		PatientUnableToConsent = 0,
		/// A threat to the patient's life or health.
		LifeThreatening = 1,
		/// A threat to the life or health of others.
		ThreatToOthers = 2,
		/// Another documented emergency.
		Other = 3,
	}
);

/// Which actions a provision covers (at least one).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Actions {
	/// [`Action::Read`].
	pub read: bool,
	/// [`Action::Write`].
	pub write: bool,
	/// [`Action::Share`].
	pub share: bool,
}

impl Actions {
	/// `action` alone.
	pub const fn only(action: Action) -> Self {
		Self {
			read: matches!(action, Action::Read),
			write: matches!(action, Action::Write),
			share: matches!(action, Action::Share),
		}
	}

	/// Whether `action` is covered.
	pub fn covers(&self, action: Action) -> bool {
		match action {
			Action::Read => self.read,
			Action::Write => self.write,
			Action::Share => self.share,
		}
	}

	/// Whether none is covered.
	pub fn is_empty(&self) -> bool {
		!(self.read || self.write || self.share)
	}
}

/// Which purposes a provision covers (at least one).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Purposes {
	/// [`Purpose::Treatment`].
	pub treatment: bool,
	/// [`Purpose::Payment`].
	pub payment: bool,
	/// [`Purpose::Research`].
	pub research: bool,
	/// [`Purpose::Emergency`].
	pub emergency: bool,
	/// [`Purpose::Operations`].
	pub operations: bool,
}

impl Purposes {
	/// `purpose` alone.
	pub const fn only(purpose: Purpose) -> Self {
		Self {
			treatment: matches!(purpose, Purpose::Treatment),
			payment: matches!(purpose, Purpose::Payment),
			research: matches!(purpose, Purpose::Research),
			emergency: matches!(purpose, Purpose::Emergency),
			operations: matches!(purpose, Purpose::Operations),
		}
	}

	/// Whether `purpose` is covered.
	pub fn covers(&self, purpose: Purpose) -> bool {
		match purpose {
			Purpose::Treatment => self.treatment,
			Purpose::Payment => self.payment,
			Purpose::Research => self.research,
			Purpose::Emergency => self.emergency,
			Purpose::Operations => self.operations,
		}
	}

	/// Whether none is covered.
	pub fn is_empty(&self) -> bool {
		!(self.treatment || self.payment || self.research || self.emergency || self.operations)
	}
}

/// What data a provision is about.
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
pub enum Scope {
	/// Every record of the patient.
	#[codec(index = 0)]
	All,
	/// The records of one category.
	#[codec(index = 1)]
	Category(DataCategory),
	/// One health token (a record or certificate the patient owns).
	#[codec(index = 2)]
	Token(TokenId),
	/// The records of every sensitive category ([`DataCategory::SENSITIVE`]: mental health,
	/// genomics, sexual and reproductive health, substance use, HIV). A consent is public: one
	/// scoped to a single sensitive category tells every reader which one matters to the
	/// patient; this scope says nothing about any one of them.
	#[codec(index = 3)]
	Sensitive,
	/// The records of one category, named by a salted commitment to it
	/// ([`healthchain_primitives::scope_commitment`]) instead of in clear: a deny over `hiv`
	/// no longer tells every reader that the patient has such records. The custodian opens it
	/// when it asks `check_access` ([`ScopeOpening`], given to it by the patient); unopened, a
	/// committed deny applies to every record (when in doubt, a deny applies) and a committed
	/// permit to none.
	#[codec(index = 4)]
	Committed(H256),
}

/// The most openings one `check_access` takes; more are ignored.
pub const MAX_OPENINGS: u32 = 16;

/// What opens a committed scope ([`Scope::Committed`]): the category and the salt it was
/// committed with. The patient's wallet writes it when it grants; the custodian keeps it and
/// gives it with every question it asks about that patient.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct ScopeOpening {
	/// The category committed to.
	pub category: DataCategory,
	/// The salt it was committed with.
	pub salt: [u8; 32],
}

impl ScopeOpening {
	/// The commitment this opens in `patient`'s consents.
	pub fn commitment<AccountId: Encode>(&self, patient: &AccountId) -> H256 {
		healthchain_primitives::scope_commitment(patient, &self.category, &self.salt)
	}
}

/// A time range `[start, end)` in Unix milliseconds.
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
pub struct Period {
	/// The first moment inside.
	pub start: Moment,
	/// The first moment after, if it ends.
	pub end: Option<Moment>,
}

impl Period {
	/// Whether `moment` is inside.
	pub fn contains(&self, moment: Moment) -> bool {
		moment >= self.start && self.end.is_none_or(|end| moment < end)
	}

	/// Whether it is well formed: it ends after it starts.
	pub fn is_valid(&self) -> bool {
		self.end.is_none_or(|end| end > self.start)
	}
}

/// One rule of a consent (FHIR `Consent.provision`).
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
pub struct Provision {
	/// Permit or deny.
	pub decision: Decision,
	/// What data.
	pub scope: Scope,
	/// Which actions.
	pub actions: Actions,
	/// For which purposes.
	pub purposes: Purposes,
	/// If set, only records dated within this period (FHIR `provision.dataPeriod`).
	pub data_period: Option<Period>,
}

/// Who a consent is granted to.
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
pub enum Grantee<AccountId> {
	/// One account.
	#[codec(index = 0)]
	Account(AccountId),
	/// Every agent of an organisation in the registry, whoever they are at the time.
	#[codec(index = 1)]
	Organisation(OrganisationId),
}

/// Whether a consent was revoked. Expiry is not stored: it is read against the block's time.
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
pub enum ConsentStatus {
	/// In force within its period.
	#[codec(index = 0)]
	Active,
	/// Revoked at this time (Unix milliseconds).
	#[codec(index = 1)]
	Revoked {
		/// When.
		at: Moment,
	},
}

/// A consent's status at a given moment, as queries report it.
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
pub enum ConsentEffectiveStatus {
	/// In force now.
	#[codec(index = 0)]
	Active,
	/// Its period has not started.
	#[codec(index = 1)]
	NotYetActive,
	/// Its period has ended.
	#[codec(index = 2)]
	Expired,
	/// It was revoked.
	#[codec(index = 3)]
	Revoked,
}

/// A consent (FHIR `Consent`): who granted what to whom, for which period.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ConsentInfo<AccountId, Balance, BlockNumber, Provisions> {
	/// The patient whose data it is about.
	pub patient: AccountId,
	/// Who granted it: the patient or a representative.
	pub grantor: AccountId,
	/// In which capacity the grantor acted.
	pub capacity: Capacity,
	/// The representation under which a representative granted it (`None`: the patient
	/// granted it). Its permits hold only while that representation is in force.
	pub representation: Option<RepresentationId>,
	/// To whom.
	pub grantee: Grantee<AccountId>,
	/// Its rules (at most `MaxProvisions`); a deny overrides every permit.
	pub provisions: Provisions,
	/// When it is in force.
	pub period: Period,
	/// Whether it was revoked.
	pub status: ConsentStatus,
	/// The block in which it was granted.
	pub granted_in: BlockNumber,
	/// The account its deposit is held from and returned to: the grantor, or the sponsor
	/// account that paid for the grantor.
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
}

impl<AccountId, Balance, BlockNumber, Provisions>
	ConsentInfo<AccountId, Balance, BlockNumber, Provisions>
{
	/// The status at time `now`.
	pub fn effective_status(&self, now: Moment) -> ConsentEffectiveStatus {
		match self.status {
			ConsentStatus::Revoked { .. } => ConsentEffectiveStatus::Revoked,
			ConsentStatus::Active if now < self.period.start => {
				ConsentEffectiveStatus::NotYetActive
			},
			ConsentStatus::Active if self.period.contains(now) => ConsentEffectiveStatus::Active,
			ConsentStatus::Active => ConsentEffectiveStatus::Expired,
		}
	}
}

/// Who vouched for a representation recorded by a provider, besides the recording provider.
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
pub enum Attester {
	/// An agent of another organisation accredited as provider.
	#[codec(index = 0)]
	Provider {
		/// The attesting organisation (never the recording one).
		organisation: OrganisationId,
	},
	/// The consortium origin.
	#[codec(index = 1)]
	Consortium,
}

/// Who made a representative act for a patient.
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
pub enum Appointer {
	/// The patient.
	#[codec(index = 0)]
	Patient,
	/// For a patient who cannot act (a minor, an incapacitated adult): an accredited provider
	/// recorded it with the hash of its evidence, and an independent second party attested it.
	/// It holds only while the recording provider (and an attesting provider) is still
	/// accredited as provider.
	#[codec(index = 1)]
	Providers {
		/// The provider organisation that recorded it.
		recorded_by: OrganisationId,
		/// Who attested it.
		attested_by: Attester,
	},
}

/// A representative of a patient in force (unless expired or its basis lapsed): a guardian or
/// legal representative.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RepresentativeInfo<AccountId, Balance> {
	/// This representation's id: the consents granted under it name it.
	pub id: RepresentationId,
	/// Guardian or legal representative.
	pub capacity: Capacity,
	/// Who appointed them.
	pub appointed_by: Appointer,
	/// Hash of the evidence (court order, incapacity assessment) a provider recorded it with;
	/// `None` when the patient appointed them.
	pub evidence: Option<H256>,
	/// Whether they may revoke and remove the consents the patient granted themself (only the
	/// patient can give this power). Without it, a representative manages only the consents
	/// granted by representatives.
	pub may_revoke_patient_consents: bool,
	/// Until when they may act (Unix milliseconds, exclusive), if limited.
	pub valid_until: Option<Moment>,
	/// When they began to act (Unix milliseconds).
	pub since: Moment,
	/// Who paid the deposit.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// A representative a provider recorded for a patient, awaiting the independent attestation
/// that makes it take effect. One per (patient, recording organisation).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RecordedRepresentative<AccountId, Balance> {
	/// The representative it names.
	pub representative: AccountId,
	/// Guardian or legal representative.
	pub capacity: Capacity,
	/// Hash of the evidence (court order, incapacity assessment), kept off chain.
	pub evidence: H256,
	/// Until when the representative may act once attested (Unix milliseconds, exclusive).
	pub valid_until: Option<Moment>,
	/// When it was recorded (Unix milliseconds).
	pub recorded_at: Moment,
	/// The agent who recorded it and paid the deposit.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// A practitioner's emergency ("break-glass") access to a patient's records. It stays stored
/// after it ends, until the cool-down has passed, so that it cannot be reopened at once.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EmergencyGrant<AccountId, Balance, BlockNumber> {
	/// The licence under which it was opened; it permits only while this licence licenses,
	/// in a profession that may break the glass.
	pub licence: TokenId,
	/// Why.
	pub justification: Justification,
	/// When it opened (Unix milliseconds).
	pub opened_at: Moment,
	/// When it ends (Unix milliseconds, exclusive): when it expires, or when it was closed.
	pub until: Moment,
	/// Who closed it early (the practitioner, the patient or a representative), or `None`
	/// while open, once expired, or when the consortium closed it.
	pub closed_by: Option<AccountId>,
	/// The block in which it opened.
	pub block: BlockNumber,
	/// The deposit held from the practitioner, returned when the grant is cleared.
	pub deposit: Balance,
}

impl<AccountId, Balance, BlockNumber> EmergencyGrant<AccountId, Balance, BlockNumber> {
	/// Whether it is open at time `now`.
	pub fn is_open(&self, now: Moment) -> bool {
		self.opened_at <= now && now < self.until
	}
}

/// What data an access is about, as the custodian holding the record describes it. It is
/// asked of `check_access` off chain and never stored or sent on chain in clear: the audit
/// trail holds only a salted commitment to it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct RecordScope {
	/// The record's sensitivity labels (FHIR `meta.security`, HL7 confidentiality and
	/// sensitivity codes): every category it belongs to. Empty means unknown: every
	/// category-scoped deny then applies, and no category-scoped permit does.
	pub labels: Labels,
	/// The record's health token, if the custodian names it. Unnamed: every token-scoped
	/// deny applies, and no token-scoped permit does.
	pub token: Option<TokenId>,
	/// When the record was made (Unix milliseconds), for provisions limited to a data period.
	/// Unknown: every period-limited deny applies, and no period-limited permit does.
	pub recorded_at: Option<Moment>,
}

/// The question a custodian asked about an access, as the audit trail commits to it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct AccessQuestion<AccountId> {
	/// Who accessed.
	pub accessor: AccountId,
	/// Whose records.
	pub patient: AccountId,
	/// Which record.
	pub scope: RecordScope,
	/// Which action.
	pub action: Action,
	/// For which purpose.
	pub purpose: Purpose,
}

/// The most questions one [`check_access_batch`](crate::Pallet::check_access_batch) answers:
/// enough for a custodian's batch, and a bound on what one runtime call costs a node: at most
/// that many patients' consents read, decoded and kept until the call ends. (A node's RPC rate
/// limit counts calls, not questions.)
pub const MAX_BATCH: u32 = 256;

/// One question of a custodian's batch: the question and the openings of the patient's
/// committed scopes it holds (at most [`MAX_OPENINGS`]; more are ignored), as
/// `check_access_opened` takes them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct AccessQuery<AccountId> {
	/// The question.
	pub question: AccessQuestion<AccountId>,
	/// The openings for its patient.
	pub openings: alloc::vec::Vec<ScopeOpening>,
}

/// Why a batch of questions was not answered.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub enum AccessBatchError {
	/// More questions than one batch takes ([`MAX_BATCH`]): split it.
	TooManyQuestions {
		/// The most one batch takes.
		max: u32,
	},
}

/// The domain tag of an access's commitment (version 2: the decision is committed to as well).
pub const ACCESS_COMMITMENT_CONTEXT: &[u8; 29] = b"healthchain:access-question:2";

impl<AccountId: Encode> AccessQuestion<AccountId> {
	/// The salted commitment the audit trail stores for this question and the `decision` that
	/// `check_access` gave it: BLAKE2b-256 of
	/// `ACCESS_COMMITMENT_CONTEXT ‖ salt ‖ SCALE(question) ‖ SCALE(decision)`. Without the salt
	/// (kept by the custodian, given to the patient in the receipt), guessing the question or
	/// the decision and hashing them confirms nothing.
	pub fn commitment(&self, decision: &AccessDecision, salt: &[u8; 32]) -> H256 {
		use sp_runtime::traits::{BlakeTwo256, Hash};
		BlakeTwo256::hash(&(ACCESS_COMMITMENT_CONTEXT, salt, self, decision).encode())
	}
}

/// What decided an access question.
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
pub enum Basis {
	/// A provision of a consent.
	#[codec(index = 0)]
	Consent {
		/// The consent.
		consent: ConsentId,
		/// The index of the provision in it.
		provision: u32,
	},
	/// The grantee's emergency access to the patient's records.
	#[codec(index = 1)]
	Emergency {
		/// The licence it was opened under.
		licence: TokenId,
	},
	/// No consent in force covers it: denied by default.
	#[codec(index = 2)]
	NoConsent,
}

/// The answer of `check_access`.
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
pub struct AccessDecision {
	/// Permit or deny.
	pub decision: Decision,
	/// What decided it.
	pub basis: Basis,
}

/// What an audit entry holds about the access.
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
pub enum AccessKind {
	/// A custodian reported an access: only a salted commitment to the question and to the
	/// decision `check_access` gave (see [`AccessQuestion::commitment`]). Neither the record,
	/// nor the action, nor the purpose, nor which consent decided, nor even whether it was
	/// permitted, is readable from it.
	#[codec(index = 0)]
	Reported {
		/// The commitment.
		commitment: H256,
	},
	/// The chain recorded a break-glass opening itself (announced by
	/// `EmergencyAccessOpened`): the licence it was opened under.
	#[codec(index = 1)]
	BreakGlass {
		/// The licence.
		licence: TokenId,
	},
}

/// One entry of a patient's audit trail. It holds nothing about the record: no category, no
/// date, no token, not the action, the purpose, the deciding consent or the decision — only a
/// salted commitment to them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AccessRecord<AccountId, Balance, BlockNumber> {
	/// Who accessed (or, for an emergency opening, the practitioner).
	pub accessor: AccountId,
	/// The custodian organisation that recorded it, or `None` for a break-glass opening the
	/// chain recorded itself.
	pub custodian: Option<OrganisationId>,
	/// The account that wrote it (and first paid its deposit).
	pub recorded_by: AccountId,
	/// The account from which its deposit is held: `recorded_by`, until the admin of the
	/// custodian takes the deposit over (`change_access_record_deposit_owner`, e.g. when the
	/// agent who recorded it has left). Audit entries are never removed, so it stays held.
	pub depositor: AccountId,
	/// The deposit held from `depositor` for it.
	pub deposit: Balance,
	/// What it holds: a custodian's commitment, or a break-glass opening.
	pub kind: AccessKind,
	/// When (Unix milliseconds).
	pub at: Moment,
	/// The block.
	pub block: BlockNumber,
}

/// A consent as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ConsentView<AccountId, Balance, BlockNumber> {
	/// Its id.
	pub id: ConsentId,
	/// The patient whose data it is about.
	pub patient: AccountId,
	/// Who granted it.
	pub grantor: AccountId,
	/// In which capacity.
	pub capacity: Capacity,
	/// The representation it was granted under, if a representative granted it.
	pub representation: Option<RepresentationId>,
	/// Whether that representation has ended (or its basis lapsed): its permits no longer
	/// permit; its denies still deny until revoked.
	pub lapsed: bool,
	/// To whom.
	pub grantee: Grantee<AccountId>,
	/// Its rules.
	pub provisions: alloc::vec::Vec<Provision>,
	/// When it is in force.
	pub period: Period,
	/// Whether it was revoked.
	pub status: ConsentStatus,
	/// The block in which it was granted.
	pub granted_in: BlockNumber,
	/// The account its deposit is held from: the grantor or the sponsor account that paid.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
	/// Its status now.
	pub effective: ConsentEffectiveStatus,
}
