//! Types and traits shared by healthchain's pallets.
//!
//! The registry pallet is the trust root of the chain: it knows which organisations exist,
//! which accounts act for them (their *agents*) and which roles the consortium has accredited
//! each organisation for, until when. Every other pallet asks it one question through
//! [`AccreditationInspect`]: "may this account act in role R now, and for which organisation?".
//!
//! Nothing here is personal data: organisations are public legal entities, identified by a
//! sequential [`OrganisationId`], and described on chain only by a hash of their public profile.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod coverage;
pub mod merkle_log;
pub mod node_id;
pub mod records;
pub mod trial;

pub use records::{Action, DataCategory, Purpose, VersionReason};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Identifier of an organisation in the registry, assigned sequentially from 0.
pub type OrganisationId = u32;

/// A point in time: milliseconds since the Unix epoch, as `pallet-timestamp` keeps it.
pub type Moment = u64;

/// `since_epoch` (what a `UnixTime` source such as `pallet-timestamp` answers) as a [`Moment`];
/// a time beyond `u64` milliseconds saturates instead of wrapping. Every pallet's `now()` is
/// this over its `Config::Time`.
pub fn moment_of(since_epoch: core::time::Duration) -> Moment {
	Moment::try_from(since_epoch.as_millis()).unwrap_or(Moment::MAX)
}

/// Identifier of a health token, assigned sequentially from 0 and never reused.
pub type TokenId = u64;

/// What kind of legal entity an organisation is.
///
/// The kind describes the organisation; it authorizes nothing. Authority comes only from an
/// accreditation for a [`Role`]. The SCALE indices are fixed: new kinds are appended.
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum OrganisationKind {
	/// A hospital.
	#[codec(index = 0)]
	Hospital,
	/// A clinic or practice.
	#[codec(index = 1)]
	Clinic,
	/// A medical or diagnostic laboratory.
	#[codec(index = 2)]
	Laboratory,
	/// A manufacturer of medicines or devices.
	#[codec(index = 3)]
	Manufacturer,
	/// A wholesale distributor.
	#[codec(index = 4)]
	Distributor,
	/// A pharmacy.
	#[codec(index = 5)]
	Pharmacy,
	/// A health insurer.
	#[codec(index = 6)]
	Insurer,
	/// A body that licenses practitioners.
	#[codec(index = 7)]
	LicensingBoard,
	/// A regulator.
	#[codec(index = 8)]
	Regulator,
	/// An organ procurement organisation.
	#[codec(index = 9)]
	OrganProcurementOrganisation,
	/// A transplant centre.
	#[codec(index = 10)]
	TransplantCentre,
	/// A sponsor of clinical trials.
	#[codec(index = 11)]
	TrialSponsor,
	/// A research institute.
	#[codec(index = 12)]
	ResearchInstitute,
}

impl OrganisationKind {
	/// Every kind, in index order.
	pub const ALL: [OrganisationKind; 13] = [
		Self::Hospital,
		Self::Clinic,
		Self::Laboratory,
		Self::Manufacturer,
		Self::Distributor,
		Self::Pharmacy,
		Self::Insurer,
		Self::LicensingBoard,
		Self::Regulator,
		Self::OrganProcurementOrganisation,
		Self::TransplantCentre,
		Self::TrialSponsor,
		Self::ResearchInstitute,
	];
}

/// What an organisation may do on chain, once the consortium accredits it for it.
///
/// Roles are separate from [`OrganisationKind`]: a hospital is typically accredited as a
/// `Provider` and a `DataCustodian`, a laboratory as a `Laboratory`. The SCALE indices are
/// fixed: new roles are appended, so later pallets can add roles without a migration.
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum Role {
	/// Provides care and issues medical records to patients.
	#[codec(index = 0)]
	Provider,
	/// Issues test results and certificates.
	#[codec(index = 1)]
	Laboratory,
	/// Licenses practitioners (issues, suspends and revokes licences).
	#[codec(index = 2)]
	LicensingBoard,
	/// Manufactures and commissions drug batches.
	#[codec(index = 3)]
	Manufacturer,
	/// Takes custody of drug batches in the supply chain.
	#[codec(index = 4)]
	Distributor,
	/// Dispenses drugs to patients.
	#[codec(index = 5)]
	Dispenser,
	/// Attests insurance coverage.
	#[codec(index = 6)]
	Insurer,
	/// Supervises a domain (recalls, audits).
	#[codec(index = 7)]
	Regulator,
	/// Procures and allocates organs.
	#[codec(index = 8)]
	OrganProcurement,
	/// Transplants organs.
	#[codec(index = 9)]
	TransplantCentre,
	/// Registers clinical trials and anchors their documents and data.
	#[codec(index = 10)]
	TrialSponsor,
	/// Uses research datasets under licence.
	#[codec(index = 11)]
	Researcher,
	/// Holds patients' records off chain and logs accesses to them.
	#[codec(index = 12)]
	DataCustodian,
}

impl Role {
	/// Every role, in index order. Bounds loops over the roles of one organisation.
	pub const ALL: [Role; 13] = [
		Self::Provider,
		Self::Laboratory,
		Self::LicensingBoard,
		Self::Manufacturer,
		Self::Distributor,
		Self::Dispenser,
		Self::Insurer,
		Self::Regulator,
		Self::OrganProcurement,
		Self::TransplantCentre,
		Self::TrialSponsor,
		Self::Researcher,
		Self::DataCustodian,
	];
}

/// Why an account may not act in a role now: the answer of [`AccreditationInspect`].
///
/// Pallets that ask nest it in their own error (`Error::Accreditation(AccreditationError)`,
/// a `PalletError`), so every pallet reports the same reason under the same name, and the
/// user learns the precise one.
#[derive(
	frame_support::PalletError,
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
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
// Its docs are what a wallet shows for a refusal: kept in the metadata, as FRAME keeps a
// pallet's errors' docs.
#[scale_info(capture_docs = "always")]
pub enum AccreditationError {
	/// The account acts for no registered organisation: an organisation's admin must invite
	/// it (`registry add-agent`) and it must accept (`registry accept`).
	NotAnAgent,
	/// The account's organisation is suspended by the consortium; only the consortium can
	/// reinstate it.
	OrganisationSuspended,
	/// The organisation holds no accreditation for the role this needs; the consortium grants
	/// accreditations (`registry accredit`).
	NotAccredited,
	/// The organisation's accreditation for the role is suspended; only the consortium can
	/// reinstate it.
	Suspended,
	/// The organisation's accreditation for the role has passed its valid-until time; the
	/// consortium can renew it (`registry renew`).
	Expired,
}

/// Why an account may not act for an organisation now, or why the organisation is not in good
/// standing: the answer of [`AccreditationInspect::ensure_acts_for`] and
/// [`AccreditationInspect::standing`].
///
/// Standing is what a membership of the network itself needs (a validator, an authorised node):
/// no particular role, but an organisation that is registered, not suspended, and accredited for
/// at least one role now. Pallets that ask nest it in their own error
/// (`Error::Standing(StandingError)`), as they nest [`AccreditationError`].
#[derive(
	frame_support::PalletError,
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
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
#[scale_info(capture_docs = "always")]
pub enum StandingError {
	/// The account does not act for that organisation (or no longer does): the organisation's
	/// admin must invite it (`registry add-agent`) and it must accept (`registry accept`).
	#[codec(index = 0)]
	NotAnAgent,
	/// The organisation is not registered (or was deregistered).
	#[codec(index = 1)]
	OrganisationNotRegistered,
	/// The organisation is suspended by the consortium; only the consortium can reinstate it.
	#[codec(index = 2)]
	OrganisationSuspended,
	/// The organisation holds no accreditation in force now (each it holds is suspended or
	/// past its valid-until time); the consortium grants and renews them.
	#[codec(index = 3)]
	NoAccreditationInForce,
}

/// The registry's answer to "may this account act in this role now?".
///
/// Implemented by the registry pallet; other pallets take it as a `Config` type so that the
/// runtime wires them to the registry and their mocks can wire them to anything.
pub trait AccreditationInspect<AccountId> {
	/// The organisation for which `who` may act in `role` at this moment, or why not.
	///
	/// "Now" is the current block's timestamp: an accreditation whose valid-until time has
	/// passed no longer authorizes, without any transaction having to expire it.
	fn ensure_accredited(who: &AccountId, role: Role)
		-> Result<OrganisationId, AccreditationError>;

	/// Whether `organisation` itself is accredited for `role` at this moment.
	fn is_accredited(organisation: OrganisationId, role: Role) -> bool;

	/// The organisation `who` acts for (as admin or agent), whatever its accreditations.
	fn organisation_of(who: &AccountId) -> Option<OrganisationId>;

	/// Whether `organisation` is registered (whatever its accreditations).
	fn organisation_exists(organisation: OrganisationId) -> bool;

	/// The admin of `organisation` now (the account that manages its agents), if it is
	/// registered, whatever its accreditations.
	fn admin_of(organisation: OrganisationId) -> Option<AccountId>;

	/// Whether `organisation` is a member in good standing at this moment, or why not:
	/// registered, not suspended, and accredited for at least one role now (an accreditation
	/// that is suspended or past its valid-until time does not count).
	fn standing(organisation: OrganisationId) -> Result<(), StandingError>;

	/// Whether `organisation` is a member in good standing at this moment
	/// ([`AccreditationInspect::standing`]). Permissions granted to an organisation as such (a
	/// patient's consent to "every agent of hospital X") hold only while this is true.
	fn in_good_standing(organisation: OrganisationId) -> bool {
		Self::standing(organisation).is_ok()
	}

	/// Whether `who` acts for `organisation` (as its admin or an agent) and `organisation` is in
	/// good standing at this moment, or why not: the one rule for a membership of the network
	/// (a validator, an authorised node), checked when it is granted and whenever it is used.
	fn ensure_acts_for(who: &AccountId, organisation: OrganisationId) -> Result<(), StandingError> {
		if Self::organisation_of(who) != Some(organisation) {
			return Err(StandingError::NotAnAgent);
		}
		Self::standing(organisation)
	}

	/// Benchmark helper: make `who` an agent of a fresh organisation accredited for `role`
	/// for a long time, so that another pallet's benchmarks can act in that role.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_accredited(who: &AccountId, role: Role) -> OrganisationId;

	/// Benchmark helper: make `who` an agent of a fresh organisation in good standing at the
	/// greatest cost to check: accredited for every role, all but one suspended, the one in
	/// force the last [`AccreditationInspect::in_good_standing`] reads.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_in_good_standing_at_most_cost(who: &AccountId) -> OrganisationId;
}

/// The profession a practitioner licence authorizes, so that "is this practitioner licensed
/// for X now?" is one lookup.
///
/// Public professional register data, never about patients. Aligned with the broad groups of
/// ISCO-08 health professionals. The SCALE indices are fixed: new professions are appended.
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
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum Profession {
	/// Medical doctor (generalist or specialist).
	#[codec(index = 0)]
	Physician,
	/// Nurse.
	#[codec(index = 1)]
	Nurse,
	/// Midwife.
	#[codec(index = 2)]
	Midwife,
	/// Pharmacist.
	#[codec(index = 3)]
	Pharmacist,
	/// Dentist.
	#[codec(index = 4)]
	Dentist,
	/// Psychologist or psychotherapist.
	#[codec(index = 5)]
	Psychologist,
	/// Physiotherapist.
	#[codec(index = 6)]
	Physiotherapist,
	/// Paramedic or emergency medical technician.
	#[codec(index = 7)]
	Paramedic,
	/// Laboratory scientist.
	#[codec(index = 8)]
	LaboratoryScientist,
	/// Radiographer.
	#[codec(index = 9)]
	Radiographer,
}

impl Profession {
	/// Every profession, in index order. Bounds loops over the licences of one practitioner.
	pub const ALL: [Profession; 10] = [
		Self::Physician,
		Self::Nurse,
		Self::Midwife,
		Self::Pharmacist,
		Self::Dentist,
		Self::Psychologist,
		Self::Physiotherapist,
		Self::Paramedic,
		Self::LaboratoryScientist,
		Self::Radiographer,
	];
}

/// Why an account holds no valid licence now: the answer of [`LicenceInspect`].
#[derive(
	frame_support::PalletError,
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
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
// Its docs are what a wallet shows for a refusal: kept in the metadata, as FRAME keeps a
// pallet's errors' docs.
#[scale_info(capture_docs = "always")]
pub enum LicenceError {
	/// The practitioner holds no licence (for this profession, or the licence named is not
	/// theirs): an accredited licensing board issues them (`token issue-licence`).
	NotLicensed,
	/// The practitioner's licence is suspended by its licensing board, which alone can
	/// reinstate it.
	Suspended,
	/// The practitioner's licence was revoked; a licensing board must issue a new one.
	Revoked,
	/// The practitioner's licence has passed its valid-until time; its board can renew it
	/// (`token update`), or any accredited board issue a new one.
	Expired,
	/// The licensing board that issued the practitioner's licence is no longer accredited to
	/// license; another accredited board must issue a new one.
	IssuerNotAccredited,
	/// The practitioner now acts for the licensing board that issued their licence: no board
	/// licenses its own agents, even one that joined it after being licensed; another
	/// accredited board must license them.
	SelfLicensed,
}

/// The health-token ledger's answer to "does this account hold a valid practitioner licence
/// now?", for pallets that let only licensed practitioners act (telemedicine, break-glass).
pub trait LicenceInspect<AccountId> {
	/// The licence token under which `who` may practise `profession` now, or why not.
	///
	/// Valid means: active (not suspended or revoked), not expired at this block's time, and
	/// issued by a licensing board that is still accredited to license and that the
	/// practitioner does not act for.
	fn ensure_licensed(who: &AccountId, profession: Profession) -> Result<TokenId, LicenceError>;

	/// Whether licence token `licence` licenses its holder now, and for which profession; or
	/// why not. For permissions derived from a licence (break-glass), checked each time they
	/// are used, not only when they were granted.
	fn licence_in_force(licence: TokenId) -> Result<Profession, LicenceError>;

	/// Benchmark helper: give `who` a valid licence for `profession`.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_licensed(who: &AccountId, profession: Profession) -> TokenId;
}

/// The health-token ledger's answer to "who owns this token?", for pallets whose permissions
/// name a token (a consent scoped to one record).
pub trait TokenInspect<AccountId> {
	/// The owner of token `token`, if it exists.
	fn owner_of(token: TokenId) -> Option<AccountId>;

	/// Benchmark helper: a fresh token owned by `owner`.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_token(owner: &AccountId) -> TokenId;
}

/// Why a sponsor does not pay a deposit for the account it sponsors: the answer of
/// [`DepositPayer`], nested in the error of each pallet that asks
/// (`Error::Sponsorship(SponsorshipError)`).
#[derive(
	frame_support::PalletError,
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
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
#[scale_info(capture_docs = "always")]
pub enum SponsorshipError {
	/// The deposit would take the sponsor past the budget it set for this account in the
	/// current period; the sponsor can raise the budget (`sponsorship set-budget`), or the
	/// account can wait for the next period.
	OverBudget,
}

/// Who pays the deposit that an account's action creates.
///
/// A patient need hold nothing: an accredited organisation that sponsors the patient's
/// account pays its fees and deposits (the sponsorship pallet). Pallets whose calls a
/// patient makes ask this trait for the account to hold a deposit from, record that account
/// as the deposit's depositor, and release the deposit to it when the storage goes, so a
/// sponsor gets back what it paid.
pub trait DepositPayer<AccountId, Balance> {
	/// The account from which the deposit `amount` that `who`'s action needs is held: in a
	/// transaction of `who` whose fee `who`'s sponsor pays, the sponsor's account while the
	/// amount fits in what is left of its budget (the amount then counts against it), otherwise
	/// `who` itself if it can pay, and [`SponsorshipError::OverBudget`] when neither; in any
	/// other transaction, `who` (one payer per transaction).
	fn payer(who: &AccountId, amount: Balance) -> Result<AccountId, SponsorshipError>;

	/// Benchmark helper: make a sponsor accredited in its role
	/// pay the deposits of `who` from now on, with a budget that no benchmark exhausts.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_sponsored(_who: &AccountId) {}
}

/// The domain tag of a committed consent scope.
pub const SCOPE_COMMITMENT_CONTEXT: &[u8; 19] = b"healthchain:scope:1";

/// The salted commitment a consent provision of `patient` names instead of a data category in
/// clear (`pallet_consent::Scope::Committed`): BLAKE2b-256 of
/// `SCOPE_COMMITMENT_CONTEXT ‖ SCALE(patient) ‖ salt ‖ SCALE(category)` (the category's
/// one-byte index). Bound to the patient, so that an opening of one patient's commitment opens
/// nothing of another's (a patient who copies another's commitment learns nothing from it).
///
/// An observer of the consent learns that the patient has a provision over *some* category,
/// not which; the custodian, given the category and the salt (the *opening*) by the patient,
/// supplies them when it asks `check_access`, and the chain checks them against the
/// commitment. A fresh salt for every provision: the same commitment under two of a patient's
/// pseudonyms would link them.
pub fn scope_commitment<AccountId: Encode, Category: Encode>(
	patient: &AccountId,
	category: &Category,
	salt: &[u8; 32],
) -> <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::Output {
	use sp_runtime::traits::{BlakeTwo256, Hash};
	BlakeTwo256::hash(&(SCOPE_COMMITMENT_CONTEXT, patient, salt, category).encode())
}

/// The domain tag that starts every sponsorship agreement.
pub const SPONSORSHIP_CONTEXT: &[u8; 23] = b"healthchain:sponsorship";

/// The bytes a patient signs to agree that `organisation` sponsors their account `patient`:
/// the SCALE encoding of `(SPONSORSHIP_CONTEXT, genesis_hash, organisation, patient, nonce,
/// valid_until)`.
///
/// The genesis hash binds it to one chain, `organisation` to the one sponsor it names, `nonce`
/// (the account's nonce when it signs) to the account's state — once the patient has signed
/// any transaction since, such as leaving the sponsorship, it is spent — and `valid_until` (a
/// block number) to a short window.
pub fn sponsorship_message<Hash: Encode, AccountId: Encode, Nonce: Encode, BlockNumber: Encode>(
	genesis_hash: &Hash,
	organisation: &OrganisationId,
	patient: &AccountId,
	nonce: &Nonce,
	valid_until: &BlockNumber,
) -> alloc::vec::Vec<u8> {
	(SPONSORSHIP_CONTEXT, genesis_hash, organisation, patient, nonce, valid_until).encode()
}

/// The domain tag that starts every session acceptance message.
pub const ACCEPTANCE_CONTEXT: &[u8; 26] = b"healthchain:accept-session";

/// The bytes a patient signs to accept a telemedicine session in advance
/// (`pallet_health_tokens::SessionAcceptance`): the SCALE encoding of
/// `(ACCEPTANCE_CONTEXT, genesis_hash, practitioner, patient, reference, deadline)`.
///
/// The genesis hash binds it to one chain; `reference` (32 bytes) is the hash the session is
/// opened with, which the ledger accepts once only, so an acceptance cannot be replayed.
pub fn acceptance_message<
	Hash: Encode,
	AccountId: Encode,
	Reference: Encode,
	BlockNumber: Encode,
>(
	genesis_hash: &Hash,
	practitioner: &AccountId,
	patient: &AccountId,
	reference: &Reference,
	deadline: &BlockNumber,
) -> alloc::vec::Vec<u8> {
	(ACCEPTANCE_CONTEXT, genesis_hash, practitioner, patient, reference, deadline).encode()
}

/// Nobody is sponsored: every account pays its own deposits.
impl<AccountId: Clone, Balance> DepositPayer<AccountId, Balance> for () {
	fn payer(who: &AccountId, _amount: Balance) -> Result<AccountId, SponsorshipError> {
		Ok(who.clone())
	}
}

/// One page of a runtime API's answer, and where the next page starts.
///
/// Every list a runtime API returns is paged, so that no answer costs a node more than a page:
/// ask again with `next` as the cursor (`start_after`) until it is `None`. A page may hold
/// fewer items than asked for (even none) while `next` is `Some`: the page's work, not its
/// length, is bounded.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct Page<Item, Cursor> {
	/// The items, in the list's order.
	pub items: alloc::vec::Vec<Item>,
	/// The cursor of the next page (pass it as `start_after`), or `None` on the last page.
	pub next: Option<Cursor>,
}

impl<Item, Cursor> Default for Page<Item, Cursor> {
	fn default() -> Self {
		Self { items: alloc::vec::Vec::new(), next: None }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn moment_of_is_milliseconds_and_saturates() {
		assert_eq!(
			moment_of(core::time::Duration::from_millis(1_700_000_000_123)),
			1_700_000_000_123
		);
		assert_eq!(moment_of(core::time::Duration::MAX), Moment::MAX);
	}
}
