#![doc = include_str!("../README.md")]
//!
//! ## Terminology (HL7 FHIR `Consent`)
//! - **Patient**: the person the data is about; the consent's subject.
//! - **Grantor** (FHIR `performer`): who made the decision: the patient, or a *representative*
//!   (guardian or legal representative) acting in that capacity.
//! - **Grantee** (FHIR `provision.actor`): an account, or an organisation (every agent of it).
//! - **Provision**: permit or deny, over a scope (all records, a data category, one token),
//!   for actions (read, write, share) and purposes of use, optionally only for records dated
//!   within a data period. A deny overrides every permit.
//! - **Break-glass**: emergency access a licensed practitioner opens for a short time, with a
//!   justification, visible to the patient.
//! - **Custodian**: an organisation accredited as data custodian, holding records off chain;
//!   it asks `check_access` before releasing data and records accesses in the audit trail.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate alloc;

pub use pallet::*;

mod audit;
mod consents;
mod decision;
mod emergency;
pub mod migrations;
mod representatives;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use healthchain_primitives::{
	AccreditationError, AccreditationInspect, DepositPayer, LicenceError, LicenceInspect, Moment,
	OrganisationId, Page, Profession, Role, SponsorshipError, TokenId, TokenInspect,
};
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need that the pallet cannot do itself.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Set the time `Config::Time` reports to `now` (Unix milliseconds).
	fn set_time(now: Moment);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Contains, UnixTime},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;

	/// The in-code storage version.
	///
	/// 1: representations (ids, evidence, attestation, powers), consents naming their
	/// representation, emergency grants kept for their cool-down, audit entries holding a
	/// commitment instead of the record's scope.
	/// 2: audit entries record their depositor and deposit.
	/// 3: audit entries hold no decision in clear: a custodian's report is a commitment to the
	/// question and the decision; a break-glass opening names its licence.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency in which deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The registry: providers record and attest representatives, custodians record
		/// accesses, organisations are grantees.
		type Accreditation: AccreditationInspect<Self::AccountId>;

		/// The health-token ledger's licences: who may break the glass.
		type Licences: LicenceInspect<Self::AccountId>;

		/// The health-token ledger's owners: a consent may name only the patient's own tokens.
		type Tokens: TokenInspect<Self::AccountId>;

		/// The consortium: attests a representative a provider recorded, ends any
		/// representation, closes any break-glass access.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Wall-clock time of the current block, against which periods are checked.
		type Time: UnixTime;

		/// The professions whose licensed practitioners may break the glass (healthchain:
		/// physician, nurse, paramedic).
		type EmergencyProfessions: Contains<Profession>;

		/// Whether break-glass access permits writing as well as reading (healthchain: no).
		#[pallet::constant]
		type EmergencyWriteAllowed: Get<bool>;

		/// How long after a practitioner's emergency access to a patient ended (expired or
		/// closed) they may not open it again, in milliseconds; longer care needs a consent.
		#[pallet::constant]
		type EmergencyCooldown: Get<Moment>;

		/// Who pays the deposits of a patient's (or a representative's) own actions — a
		/// consent, a representative the patient appoints: the sponsor of their account while
		/// one pays for it (the sponsorship pallet), otherwise the account itself.
		type DepositPayer: DepositPayer<Self::AccountId, BalanceOf<Self>>;

		/// Held for every consent from the grantor (or its sponsor); returned to whoever paid
		/// it when the consent is removed.
		#[pallet::constant]
		type ConsentDeposit: Get<BalanceOf<Self>>;

		/// Held from whoever appoints or records a representative; returned on removal.
		#[pallet::constant]
		type RepresentativeDeposit: Get<BalanceOf<Self>>;

		/// Held from a practitioner for an emergency grant; returned when it is cleared.
		#[pallet::constant]
		type EmergencyDeposit: Get<BalanceOf<Self>>;

		/// Held for every audit-trail entry from whoever wrote it; the trail is permanent.
		#[pallet::constant]
		type AccessRecordDeposit: Get<BalanceOf<Self>>;

		/// The most consents (in force, expired or revoked, until removed) one patient has.
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// The most provisions in one consent.
		#[pallet::constant]
		type MaxProvisions: Get<u32>;

		/// The most representatives in force one patient has (representatives recorded by
		/// providers and awaiting attestation do not count: one per provider organisation).
		#[pallet::constant]
		type MaxRepresentatives: Get<u32>;

		/// The longest an emergency grant may last, in milliseconds.
		#[pallet::constant]
		type MaxEmergencyDuration: Get<Moment>;

		/// The most audit-trail entries one `audit_log` query returns.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Sets the clock for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;

		/// Weights of this pallet's calls, generated by `benchmark pallet`.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A consent's deposit.
		#[codec(index = 0)]
		ConsentDeposit,
		/// A representative's deposit.
		#[codec(index = 1)]
		RepresentativeDeposit,
		/// An emergency grant's deposit.
		#[codec(index = 2)]
		EmergencyDeposit,
		/// An audit-trail entry's deposit.
		#[codec(index = 3)]
		AccessRecordDeposit,
	}

	/// The id the next consent gets. Ids are never reused.
	#[pallet::storage]
	pub type NextConsentId<T> = StorageValue<_, ConsentId, ValueQuery>;

	/// Consent id → the consent.
	///
	/// `Twox64Concat`: ids are assigned sequentially by the pallet.
	#[pallet::storage]
	pub type Consents<T: Config> =
		StorageMap<_, Twox64Concat, ConsentId, ConsentOf<T>, OptionQuery>;

	/// Patient → the ids of their consents, oldest first (at most `MaxConsentsPerPatient`):
	/// what `check_access` reads, so its cost depends on this patient's consents only.
	///
	/// `Blake2_128Concat`: account ids are chosen by users.
	#[pallet::storage]
	pub type ConsentsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ConsentId, T::MaxConsentsPerPatient>,
		ValueQuery,
	>;

	/// The id the next representation gets. Ids are never reused.
	#[pallet::storage]
	pub type NextRepresentationId<T> = StorageValue<_, RepresentationId, ValueQuery>;

	/// (patient, representative) → the representation in force (unless expired or lapsed).
	///
	/// `Blake2_128Concat` twice: account ids are chosen by users.
	#[pallet::storage]
	pub type Representatives<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		RepresentativeOf<T>,
		OptionQuery,
	>;

	/// Patient → how many representatives they have (at most `MaxRepresentatives`).
	#[pallet::storage]
	pub type RepresentativeCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// (patient, recording organisation) → a representative a provider recorded, awaiting an
	/// independent attestation. One per organisation, so that no provider can fill a list
	/// that others need.
	///
	/// `Blake2_128Concat` for the account, `Twox64Concat` for the id (assigned by the registry).
	#[pallet::storage]
	pub type RecordedRepresentatives<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		OrganisationId,
		RecordedRepresentativeOf<T>,
		OptionQuery,
	>;

	/// (patient, practitioner) → the practitioner's emergency access to the patient's records,
	/// open, or ended and not yet cleared.
	#[pallet::storage]
	pub type EmergencyAccess<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		EmergencyGrantOf<T>,
		OptionQuery,
	>;

	/// (patient, index) → an entry of the patient's audit trail. Entries `0..AccessLogLength`
	/// exist and are never changed.
	#[pallet::storage]
	pub type AccessLog<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		u64,
		AccessRecordOf<T>,
		OptionQuery,
	>;

	/// Patient → how many entries their audit trail has.
	#[pallet::storage]
	pub type AccessLogLength<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider recorded a representative for a patient; it takes effect once another
		/// provider or the consortium attests it. The patient's wallet should watch for this.
		RepresentativeRecorded {
			/// The patient.
			patient: T::AccountId,
			/// The representative.
			representative: T::AccountId,
			/// In which capacity.
			capacity: Capacity,
			/// The recording provider organisation.
			organisation: OrganisationId,
			/// The hash of the evidence.
			evidence: H256,
			/// The agent who recorded it.
			by: T::AccountId,
		},
		/// A representative may now act for a patient.
		RepresentativeAppointed {
			/// The patient.
			patient: T::AccountId,
			/// The representative.
			representative: T::AccountId,
			/// The representation's id.
			representation: RepresentationId,
			/// In which capacity.
			capacity: Capacity,
			/// Who appointed them.
			appointed_by: Appointer,
			/// The patient, or the attesting provider's agent; `None` for the consortium.
			by: Option<T::AccountId>,
		},
		/// A recorded representative was withdrawn before attestation.
		RepresentativeRecordWithdrawn {
			/// The patient.
			patient: T::AccountId,
			/// The recording organisation.
			organisation: OrganisationId,
			/// The representative it named.
			representative: T::AccountId,
			/// The patient or the recording provider's agent; `None` for the consortium.
			by: Option<T::AccountId>,
		},
		/// A representative no longer acts for a patient; the consents they granted stop
		/// permitting.
		RepresentativeRemoved {
			/// The patient.
			patient: T::AccountId,
			/// The former representative.
			representative: T::AccountId,
			/// The patient or the representative; `None` for the consortium.
			by: Option<T::AccountId>,
		},
		/// A consent was granted.
		ConsentGranted {
			/// The consent.
			consent: ConsentId,
			/// The patient.
			patient: T::AccountId,
			/// Who granted it.
			grantor: T::AccountId,
			/// In which capacity.
			capacity: Capacity,
			/// To whom.
			grantee: Grantee<T::AccountId>,
		},
		/// A consent was revoked; it stops permitting (and denying) from the block that includes the revocation on.
		ConsentRevoked {
			/// The consent.
			consent: ConsentId,
			/// The patient.
			patient: T::AccountId,
			/// Who revoked it.
			by: T::AccountId,
		},
		/// A revoked or expired consent was removed and its deposit returned.
		ConsentRemoved {
			/// The consent.
			consent: ConsentId,
			/// The patient.
			patient: T::AccountId,
			/// Who removed it.
			by: T::AccountId,
		},
		/// A practitioner broke the glass: emergency access to a patient's records.
		EmergencyAccessOpened {
			/// The patient, whose wallet should watch for this event.
			patient: T::AccountId,
			/// The practitioner.
			practitioner: T::AccountId,
			/// The licence it was opened under.
			licence: TokenId,
			/// Why.
			justification: Justification,
			/// When it ends (Unix milliseconds).
			until: Moment,
		},
		/// Emergency access was closed before it expired.
		EmergencyAccessClosed {
			/// The patient.
			patient: T::AccountId,
			/// The practitioner.
			practitioner: T::AccountId,
			/// The practitioner, the patient or a representative; `None` for the consortium.
			by: Option<T::AccountId>,
		},
		/// An ended emergency grant was cleared after its cool-down; its deposit returned.
		EmergencyAccessCleared {
			/// The patient.
			patient: T::AccountId,
			/// The practitioner.
			practitioner: T::AccountId,
		},
		/// An entry was added to a patient's audit trail.
		AccessRecorded {
			/// The patient.
			patient: T::AccountId,
			/// The entry's index in their trail.
			index: u64,
			/// Who accessed.
			accessor: T::AccountId,
			/// The custodian that recorded it (`None`: the chain, for a break-glass opening).
			custodian: Option<OrganisationId>,
			/// The account that recorded it.
			by: T::AccountId,
		},
		/// The admin of the custodian took over an audit entry's deposit: it is now held from
		/// them, and what was held from the previous depositor is released.
		AccessRecordDepositOwnerChanged {
			/// The patient whose trail holds the entry.
			patient: T::AccountId,
			/// The entry's index in their trail.
			index: u64,
			/// The previous depositor, whose deposit was released.
			from: T::AccountId,
			/// The admin who acted, from whom the deposit is now held.
			to: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No consent has this id; `healthchain consent list <patient>` lists a patient's.
		ConsentNotFound,
		/// The caller may not do this: grant for a patient (only the patient or a
		/// representative in force), revoke or remove this consent (a representative manages
		/// only the consents granted under their own representation, unless the patient gave
		/// them the power over all), end this representation, or close this emergency access.
		NotAuthorized,
		/// The patient has `MaxConsentsPerPatient` consents; remove revoked or expired ones
		/// (`consent remove`).
		TooManyConsents,
		/// The patient has `MaxRepresentatives` representatives; remove one first.
		TooManyRepresentatives,
		/// A consent needs at least one provision.
		NoProvisions,
		/// A provision needs at least one action.
		NoActions,
		/// A provision needs at least one purpose.
		NoPurposes,
		/// A period ends before it starts.
		InvalidPeriod,
		/// The end given is not after the current block's time: give a later one (e.g. `+365d`).
		ExpiryInPast,
		/// A provision names a token the patient does not own (or that does not exist).
		TokenNotOwned,
		/// The grantee organisation is not registered.
		OrganisationNotFound,
		/// The account already represents the patient; remove it first to change the terms.
		AlreadyRepresentative,
		/// The account does not represent the patient.
		RepresentativeNotFound,
		/// The caller's organisation already recorded a representative for this patient that
		/// awaits attestation; withdraw it first.
		AlreadyRecorded,
		/// This organisation recorded no representative for this patient (awaiting attestation).
		RecordNotFound,
		/// The recorded representative or evidence is not the one the attestation names (the
		/// record changed): check it again.
		RecordMismatch,
		/// The attestation must come from another organisation than the recording one.
		SameOrganisation,
		/// A patient cannot be their own representative, nor a practitioner their own emergency,
		/// nor an agent record or attest themself as a patient's representative.
		SameAccount,
		/// A representative is a guardian or a legal representative, not a patient.
		InvalidCapacity,
		/// The consent is already revoked.
		AlreadyRevoked,
		/// The consent is still in force (or not yet started); revoke it first.
		StillInForce,
		/// The caller holds no licence that licenses now in a profession that may break the
		/// glass; the inner error says why.
		Licence(LicenceError),
		/// The caller's licences are in professions that may not break the glass.
		ProfessionNotAllowed,
		/// An emergency grant lasts more than zero and at most `MaxEmergencyDuration`.
		InvalidDuration,
		/// The practitioner's emergency access to this patient is still open.
		AlreadyOpen,
		/// The practitioner's emergency access to this patient ended less than
		/// `EmergencyCooldown` ago; it cannot be reopened (or cleared) yet.
		CoolingDown,
		/// The practitioner has no emergency access to this patient (or it has already ended).
		NoEmergencyAccess,
		/// The patient has no consent (in force or not) naming the custodian (or naming the
		/// accessor, an agent of the custodian), and the accessor has no emergency access to
		/// them: a custodian records only accesses to patients who deal with it, so that no
		/// custodian may link a stranger to anyone.
		NotRelated,
		/// The caller may not act in the role this needs (provider to record or attest a
		/// representative or to break the glass, data custodian to record an access); the
		/// inner error says why.
		Accreditation(AccreditationError),
		/// The account cannot pay the deposit this storage costs.
		InsufficientBalance,
		/// An arithmetic overflow: a counter is exhausted.
		Overflow,
		/// The patient's audit trail has no entry with this index; `healthchain consent
		/// audit <patient>` lists it.
		EntryNotFound,
		/// A break-glass entry's deposit is the practitioner's, who opened it under their own
		/// licence: no organisation may take it over.
		NoCustodian,
		/// Only the admin of the custodian that recorded the entry may do this.
		NotAdmin,
		/// The caller already holds this deposit.
		AlreadyDepositor,
		/// The caller's sponsor does not pay this deposit (see [`SponsorshipError`]).
		Sponsorship(SponsorshipError),
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			use sp_runtime::traits::Zero;
			assert!(T::MaxConsentsPerPatient::get() > 0, "MaxConsentsPerPatient is zero");
			assert!(T::MaxProvisions::get() > 0, "MaxProvisions is zero");
			assert!(T::MaxRepresentatives::get() > 0, "MaxRepresentatives is zero");
			assert!(T::MaxEmergencyDuration::get() > 0, "MaxEmergencyDuration is zero");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize is zero");
			// Zero deposits would let anyone fill storage for the price of a fee.
			assert!(!T::ConsentDeposit::get().is_zero(), "ConsentDeposit is zero");
			assert!(!T::RepresentativeDeposit::get().is_zero(), "RepresentativeDeposit is zero");
			assert!(!T::EmergencyDeposit::get().is_zero(), "EmergencyDeposit is zero");
			assert!(!T::AccessRecordDeposit::get().is_zero(), "AccessRecordDeposit is zero");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Appoint a guardian or legal representative to act for the caller, optionally with
		/// the power to revoke the consents the caller granted themself.
		///
		/// Origin: signed by the patient, who pays [`Config::RepresentativeDeposit`] (or whose
		/// sponsor does, [`Config::DepositPayer`]). Emits [`Event::RepresentativeAppointed`].
		/// Errors: [`Error::SameAccount`], [`Error::InvalidCapacity`], [`Error::ExpiryInPast`],
		/// [`Error::AlreadyRepresentative`], [`Error::TooManyRepresentatives`],
		/// [`Error::Sponsorship`], [`Error::InsufficientBalance`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::appoint_representative())]
		pub fn appoint_representative(
			origin: OriginFor<T>,
			representative: T::AccountId,
			capacity: Capacity,
			valid_until: Option<Moment>,
			may_revoke_patient_consents: bool,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_appoint_representative(
				patient,
				representative,
				capacity,
				valid_until,
				may_revoke_patient_consents,
			)
		}

		/// Record the guardian or legal representative of a patient who cannot act (a minor,
		/// an incapacitated adult), with the hash of the evidence (court order, incapacity
		/// assessment). It takes effect only once an agent of another provider, or the
		/// consortium, attests it ([`Pallet::attest_representative`]).
		///
		/// Origin: signed by an agent of an organisation accredited as provider, who pays
		/// [`Config::RepresentativeDeposit`]. Emits [`Event::RepresentativeRecorded`].
		/// Errors: [`Error::Accreditation`], [`Error::SameAccount`],
		/// [`Error::InvalidCapacity`], [`Error::ExpiryInPast`], [`Error::AlreadyRepresentative`],
		/// [`Error::AlreadyRecorded`], [`Error::InsufficientBalance`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::record_representative())]
		pub fn record_representative(
			origin: OriginFor<T>,
			patient: T::AccountId,
			representative: T::AccountId,
			capacity: Capacity,
			valid_until: Option<Moment>,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let organisation = Self::ensure_accredited(&who, Role::Provider)?;
			Self::do_record_representative(
				who,
				organisation,
				patient,
				representative,
				capacity,
				valid_until,
				evidence,
			)
		}

		/// End a representation: the representative no longer acts for the patient, and the
		/// consents they granted stop permitting. The deposit returns to whoever paid it.
		///
		/// Origin: signed by the patient or the representative, or
		/// [`Config::ConsortiumOrigin`]. Emits [`Event::RepresentativeRemoved`].
		/// Errors: [`Error::RepresentativeNotFound`], [`Error::NotAuthorized`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_representative())]
		pub fn remove_representative(
			origin: OriginFor<T>,
			patient: T::AccountId,
			representative: T::AccountId,
		) -> DispatchResult {
			let who = Self::signed_or_consortium(origin)?;
			Self::do_remove_representative(who, patient, representative)
		}

		/// Grant a consent for `patient`'s records to `grantee`.
		///
		/// Origin: signed by the patient or one of their representatives in force, who pays
		/// [`Config::ConsentDeposit`] (or whose sponsor does, [`Config::DepositPayer`]); the
		/// consent records who granted it, in which capacity and under which representation,
		/// and who paid. Emits [`Event::ConsentGranted`].
		/// Errors: [`Error::NotAuthorized`], [`Error::NoProvisions`], [`Error::NoActions`],
		/// [`Error::NoPurposes`], [`Error::InvalidPeriod`], [`Error::ExpiryInPast`],
		/// [`Error::TokenNotOwned`], [`Error::OrganisationNotFound`],
		/// [`Error::TooManyConsents`], [`Error::Sponsorship`], [`Error::InsufficientBalance`].
		///
		/// Weighed for the worst case (a representative's grant to an organisation, its deposit
		/// paid by a sponsor, every provision naming a token) and charged for the case it was:
		/// a patient's own grant to an account costs less.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::grant(provisions.len() as u32, 1, 1, 1))]
		pub fn grant(
			origin: OriginFor<T>,
			patient: T::AccountId,
			grantee: Grantee<T::AccountId>,
			provisions: ProvisionsOf<T>,
			period: Period,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, weight) = Self::do_grant(who, patient, grantee, provisions, period)?;
			Ok(Some(weight).into())
		}

		/// Revoke a consent: it stops permitting (and denying) from the block that includes the revocation on: every
		/// decision made on that block's state or a later one sees it revoked.
		///
		/// Origin: signed by the patient, or a representative in force for a consent granted
		/// under their own representation (or for any consent, if the patient gave them that
		/// power).
		/// Emits [`Event::ConsentRevoked`]. Errors: [`Error::ConsentNotFound`],
		/// [`Error::NotAuthorized`], [`Error::AlreadyRevoked`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, consent: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke(&who, consent)
		}

		/// Remove a revoked or expired consent; its deposit returns to its grantor.
		///
		/// Origin: as [`Pallet::revoke`]. Emits [`Event::ConsentRemoved`].
		/// Errors: [`Error::ConsentNotFound`], [`Error::NotAuthorized`], [`Error::StillInForce`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove())]
		pub fn remove(origin: OriginFor<T>, consent: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove(&who, consent)
		}

		/// Break the glass: open emergency access to `patient`'s records for `duration`
		/// milliseconds (at most [`Config::MaxEmergencyDuration`]), for the emergency purpose
		/// only (reading; writing only where [`Config::EmergencyWriteAllowed`]). It is
		/// announced to the patient and written to their audit trail, and permits only while
		/// the licence it was opened under still licenses.
		///
		/// Origin: signed by a practitioner with a valid licence in one of
		/// [`Config::EmergencyProfessions`] who is an agent of an organisation accredited as
		/// provider (both checked again whenever the access is used); they pay
		/// [`Config::EmergencyDeposit`] (returned when the grant is cleared) and
		/// [`Config::AccessRecordDeposit`] (kept with the audit entry).
		/// Emits [`Event::EmergencyAccessOpened`] and [`Event::AccessRecorded`].
		/// Errors: [`Error::Licence`], [`Error::Accreditation`],
		/// [`Error::ProfessionNotAllowed`], [`Error::SameAccount`], [`Error::InvalidDuration`],
		/// [`Error::AlreadyOpen`], [`Error::CoolingDown`], [`Error::InsufficientBalance`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::open_emergency_access())]
		pub fn open_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			justification: Justification,
			duration: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_emergency_access(who, patient, justification, duration)
		}

		/// Close `practitioner`'s emergency access to `patient` before it expires. The grant
		/// stays stored until its cool-down has passed.
		///
		/// Origin: signed by the practitioner, the patient or a representative of the patient
		/// in force, or [`Config::ConsortiumOrigin`]. Emits [`Event::EmergencyAccessClosed`].
		/// Errors: [`Error::NoEmergencyAccess`], [`Error::NotAuthorized`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::close_emergency_access())]
		pub fn close_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			practitioner: T::AccountId,
		) -> DispatchResult {
			let who = Self::signed_or_consortium(origin)?;
			Self::do_close_emergency_access(who, patient, practitioner)
		}

		/// Record in `patient`'s audit trail that `accessor` accessed a record. Only `commitment`
		/// goes on chain: a salted commitment to the question asked of `check_access` and the
		/// decision it gave ([`AccessQuestion::commitment`]); the custodian gives the patient
		/// the question, the decision and the salt (the receipt), with which the patient checks
		/// the entry ([`Pallet::audit_entry_matches`]) and the decision (`check_access` at the
		/// entry's block). Nothing stored or emitted tells an observer the record, the action,
		/// the purpose, the deciding consent or whether it was permitted.
		///
		/// Origin: signed by an agent of an organisation accredited as data custodian, who pays
		/// [`Config::AccessRecordDeposit`]; the patient must deal with the custodian (a consent
		/// naming it, or naming the accessor while the accessor is its agent; or the accessor's
		/// emergency grant, open or ended less than `EmergencyCooldown` ago). Emits
		/// [`Event::AccessRecorded`].
		/// Errors: [`Error::Accreditation`], [`Error::NotRelated`],
		/// [`Error::InsufficientBalance`], [`Error::Overflow`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::record_access(T::MaxConsentsPerPatient::get()))]
		pub fn record_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			accessor: T::AccountId,
			commitment: H256,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let custodian = Self::ensure_accredited(&who, Role::DataCustodian)?;
			let (related, read) = Self::related(custodian, &accessor, &patient);
			ensure!(related, Error::<T>::NotRelated);
			Self::do_record_access(
				who,
				patient,
				accessor,
				Some(custodian),
				AccessKind::Reported { commitment },
			)?;
			// Charged for the consents it read, not for `MaxConsentsPerPatient`.
			Ok(Some(T::WeightInfo::record_access(read.max(1))).into())
		}

		/// Attest a representative another provider recorded for `patient`: it takes effect.
		/// The attestation names the representative and evidence it vouches for, so that it
		/// cannot be applied to a different record.
		///
		/// Origin: signed by an agent of an organisation accredited as provider, other than the
		/// recording one; or [`Config::ConsortiumOrigin`]. The recorder's deposit stays held.
		/// Emits [`Event::RepresentativeAppointed`]. Errors: the `Caller*` accreditation
		/// errors, [`Error::RecordNotFound`], [`Error::RecordMismatch`],
		/// [`Error::SameOrganisation`], [`Error::ExpiryInPast`],
		/// [`Error::AlreadyRepresentative`], [`Error::TooManyRepresentatives`],
		/// [`Error::Overflow`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::attest_representative())]
		pub fn attest_representative(
			origin: OriginFor<T>,
			patient: T::AccountId,
			organisation: OrganisationId,
			representative: T::AccountId,
			evidence: H256,
		) -> DispatchResult {
			let attester = match Self::signed_or_consortium(origin)? {
				Some(who) => {
					let attesting = Self::ensure_accredited(&who, Role::Provider)?;
					Some((who, attesting))
				},
				None => None,
			};
			Self::do_attest_representative(
				attester,
				patient,
				organisation,
				representative,
				evidence,
			)
		}

		/// Withdraw a representative a provider recorded that has not been attested; the
		/// deposit returns to the agent who paid it.
		///
		/// Origin: signed by the patient or an agent of the recording organisation, or
		/// [`Config::ConsortiumOrigin`]. Emits [`Event::RepresentativeRecordWithdrawn`].
		/// Errors: [`Error::RecordNotFound`], [`Error::NotAuthorized`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::withdraw_representative_record())]
		pub fn withdraw_representative_record(
			origin: OriginFor<T>,
			patient: T::AccountId,
			organisation: OrganisationId,
		) -> DispatchResult {
			let who = Self::signed_or_consortium(origin)?;
			Self::do_withdraw_representative_record(who, patient, organisation)
		}

		/// Clear the caller's ended emergency grant to `patient` once its cool-down has passed;
		/// the deposit returns.
		///
		/// Origin: signed by the practitioner. Emits [`Event::EmergencyAccessCleared`].
		/// Errors: [`Error::NoEmergencyAccess`], [`Error::AlreadyOpen`],
		/// [`Error::CoolingDown`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::clear_emergency_access())]
		pub fn clear_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_clear_emergency_access(who, patient)
		}

		/// Take over the deposit of entry `index` of `patient`'s audit trail: it is held from
		/// the caller from now on, and what was held from its depositor (usually the agent who
		/// recorded it, who may since have left the organisation) is released to them. The
		/// entry itself, including who recorded it, does not change.
		///
		/// Origin: signed by the admin of the custodian organisation that recorded the entry,
		/// who pays the entry's deposit. Emits [`Event::AccessRecordDepositOwnerChanged`].
		/// Errors: [`Error::EntryNotFound`], [`Error::NoCustodian`] (a break-glass opening's
		/// deposit stays with its practitioner), [`Error::NotAdmin`],
		/// [`Error::AlreadyDepositor`], [`Error::InsufficientBalance`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::change_access_record_deposit_owner())]
		pub fn change_access_record_deposit_owner(
			origin: OriginFor<T>,
			patient: T::AccountId,
			index: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_change_access_record_deposit_owner(who, patient, index)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The current block's time in Unix milliseconds.
		pub fn now() -> Moment {
			healthchain_primitives::moment_of(T::Time::now())
		}

		/// The signer of `origin`, or `None` if it is the consortium origin.
		pub(crate) fn signed_or_consortium(
			origin: OriginFor<T>,
		) -> Result<Option<T::AccountId>, DispatchError> {
			match T::ConsortiumOrigin::try_origin(origin) {
				Ok(_) => Ok(None),
				Err(origin) => Ok(Some(ensure_signed(origin)?)),
			}
		}
	}
}
