//! `check_access`: the deterministic decision an off-chain record store enforces, and the
//! other queries of the runtime API; the storage invariants.
//!
//! The decision, for a grantee, a patient, a record (its sensitivity labels, its token if the
//! custodian names it, its date if known), an action and a purpose, at this block's time:
//! 1. **Break-glass**: for the emergency purpose and a read (a write only where the runtime
//!    allows it), an open emergency grant of the grantee to the patient permits, even over the
//!    patient's denials — while the licence it was opened under still licenses, in a
//!    profession that may break the glass.
//! 2. **Deny overrides permit**: among the patient's consents in force whose grantee is the
//!    account (or an organisation it acts for, whatever that organisation's accreditation), the first
//!    provision, in consent then provision order, that denies this action for this purpose over
//!    this record decides: deny. A deny covers the record when it is over all records, over a
//!    category among the record's labels, or over its token — and, when in doubt, applies: to
//!    a record without labels (any category deny), without a named token (any token deny),
//!    without a date (any period-limited deny), or when the question does not open a committed
//!    category (any committed deny). A committed category the question opens
//!    (`check_access_opened`) is that category.
//! 3. Otherwise, a record is permitted when permits cover it whole: a permit over all records
//!    or over its token, or, label by label, a permit over each of its categories (so a
//!    permit for imaging does not reveal an imaging study labelled HIV). Permits to an
//!    organisation count only while it is accredited now in a role that fits the purpose
//!    ([`Purpose::roles`]: provider for treatment, insurer for payment, …); permits of a
//!    consent granted under a representation that has ended do not count.
//! 4. Otherwise: deny, no consent.
//!
//! The cost is one read of the patient's consent list and one read per consent of that patient
//! (at most `MaxConsentsPerPatient`), plus the grantee's organisation and its accreditations
//! for the purpose's roles (once) and each representation a consent was granted under,
//! whatever other patients have.

use crate::DataCategory;
use crate::{AccessBatchError, AccessQuery, ConsentOf, Moment, MAX_BATCH};
use crate::{
	AccessDecision, AccreditationInspect, Action, Basis, Config, ConsentEffectiveStatus, ConsentId,
	ConsentView, Consents, ConsentsOf, Decision, EmergencyAccess, EmergencyGrantOf, Grantee,
	LicenceInspect, OrganisationId, Page, Pallet, Provision, Purpose, RecordScope,
	RecordedRepresentativeOf, RecordedRepresentatives, RepresentativeOf, Representatives, Role,
	Scope, ScopeOpening, TokenId, MAX_LABELS, MAX_OPENINGS,
};
use alloc::{collections::BTreeMap, vec::Vec};
use core::borrow::Borrow;
use frame_support::traits::{Contains, Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;

/// [`ConsentView`] as this pallet's runtime API returns it.
pub type ConsentViewOf<T> =
	ConsentView<<T as frame_system::Config>::AccountId, crate::BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// May `grantee` perform `action` on `patient`'s record `scope` for `purpose` now? Every
	/// committed scope stays closed ([`Self::check_access_opened`] with no opening).
	pub fn check_access(
		grantee: &T::AccountId,
		patient: &T::AccountId,
		scope: &RecordScope,
		action: Action,
		purpose: Purpose,
	) -> AccessDecision {
		Self::check_access_opened(grantee, patient, scope, action, purpose, &[])
	}

	/// [`Self::check_access`], with `openings` (at most [`MAX_OPENINGS`], the rest ignored)
	/// opening the committed scopes they match: an opened committed scope is its category; an
	/// unopened committed deny covers every record, and an unopened committed permit none.
	pub fn check_access_opened(
		grantee: &T::AccountId,
		patient: &T::AccountId,
		scope: &RecordScope,
		action: Action,
		purpose: Purpose,
		openings: &[ScopeOpening],
	) -> AccessDecision {
		let question = Question { grantee, patient, scope, action, purpose, openings };
		if let Some(emergency) = Self::emergency_decision(&question) {
			return emergency;
		}
		// Read one consent at a time: a deny ends the reading.
		let consents = Self::consents_in_force(patient, Self::now());
		Self::decide(question, consents, |organisation| Self::accredited_for(organisation, purpose))
	}

	/// The decisions for `queries`, in their order, all at this block's state (one snapshot):
	/// each what [`Self::check_access_opened`] answers for it. A patient's consents are read
	/// once for the batch, however many of its questions are about them, and an organisation's
	/// standing once per purpose (a break-glass permit reads no consent). More than
	/// [`MAX_BATCH`] queries: none is answered.
	pub fn check_access_batch(
		queries: &[AccessQuery<T::AccountId>],
	) -> Result<Vec<AccessDecision>, AccessBatchError> {
		if queries.len() > MAX_BATCH as usize {
			return Err(AccessBatchError::TooManyQuestions { max: MAX_BATCH });
		}
		let now = Self::now();
		let mut consents: BTreeMap<&T::AccountId, Vec<(ConsentId, ConsentOf<T>)>> = BTreeMap::new();
		let mut standing: BTreeMap<(OrganisationId, Purpose), bool> = BTreeMap::new();
		Ok(queries
			.iter()
			.map(|query| {
				let asked = &query.question;
				let question = Question {
					grantee: &asked.accessor,
					patient: &asked.patient,
					scope: &asked.scope,
					action: asked.action,
					purpose: asked.purpose,
					openings: &query.openings,
				};
				if let Some(emergency) = Self::emergency_decision(&question) {
					return emergency;
				}
				let of_patient = consents
					.entry(&asked.patient)
					.or_insert_with(|| Self::consents_in_force(&asked.patient, now).collect());
				let of_patient = of_patient.iter().map(|(id, consent)| (*id, consent));
				Self::decide(question, of_patient, |organisation| {
					*standing
						.entry((organisation, asked.purpose))
						.or_insert_with(|| Self::accredited_for(organisation, asked.purpose))
				})
			})
			.collect())
	}

	/// `patient`'s consents in force at `now`, in their order, each read when it is reached:
	/// what a decision weighs.
	fn consents_in_force(
		patient: &T::AccountId,
		now: Moment,
	) -> impl Iterator<Item = (ConsentId, ConsentOf<T>)> {
		ConsentsOf::<T>::get(patient)
			.into_iter()
			.filter_map(|id| Some((id, Consents::<T>::get(id)?)))
			.filter(move |(_, consent)| {
				consent.effective_status(now) == ConsentEffectiveStatus::Active
			})
	}

	/// The break-glass permit for `question`, if an emergency grant in force gives one: it
	/// decides before any consent is read.
	fn emergency_decision(question: &Question<'_, T::AccountId>) -> Option<AccessDecision> {
		let Question { grantee, patient, action, purpose, .. } = *question;
		Self::emergency_basis(grantee, patient, action, purpose)
			.map(|basis| AccessDecision { decision: Decision::Permit, basis })
	}

	/// The decision by consent for `question` (the break-glass answered first, by
	/// [`Self::emergency_decision`]), over `consents` (the patient's consents in force now, in
	/// their order; read no further than the first deny that applies),
	/// `accredited(organisation)` telling whether an organisation is accredited now in a role
	/// that fits the question's purpose.
	fn decide<C: Borrow<ConsentOf<T>>>(
		question: Question<'_, T::AccountId>,
		consents: impl IntoIterator<Item = (ConsentId, C)>,
		accredited: impl FnOnce(OrganisationId) -> bool,
	) -> AccessDecision {
		let Question { grantee, patient, scope, action, purpose, openings } = question;
		let opened: Vec<(H256, DataCategory)> = openings
			.iter()
			.take(MAX_OPENINGS as usize)
			.map(|opening| (opening.commitment(patient), opening.category))
			.collect();
		let opened = |commitment: &H256| {
			opened.iter().find(|(c, _)| c == commitment).map(|(_, category)| *category)
		};
		// A deny to the grantee's organisation applies whatever the organisation's
		// accreditation (a suspension must never widen access); a permit to it only while it is
		// accredited in a role that fits the purpose.
		let organisation = T::Accreditation::organisation_of(grantee);
		let standing = organisation.is_some_and(accredited);
		// The first permit covering the whole record, and, per label, the first permit covering
		// that category.
		let mut whole = None;
		let mut per_label: [Option<Basis>; MAX_LABELS as usize] = [None; MAX_LABELS as usize];
		for (id, consent) in consents {
			let consent = consent.borrow();
			let (applies, may_permit) = match &consent.grantee {
				Grantee::Account(account) => (account == grantee, true),
				Grantee::Organisation(id) => (organisation == Some(*id), standing),
			};
			if !applies {
				continue;
			}
			// Read at most once per consent, and only if it has a permit to weigh.
			let mut permits = (!may_permit).then_some(false);
			for (index, provision) in consent.provisions.iter().enumerate() {
				if !provision.actions.covers(action) || !provision.purposes.covers(purpose) {
					continue;
				}
				let basis = Basis::Consent { consent: id, provision: index as u32 };
				// A committed scope, opened, is its category.
				let provision_scope = match provision.scope {
					Scope::Committed(commitment) => opened(&commitment).map(Scope::Category),
					other => Some(other),
				};
				if provision.decision == Decision::Deny {
					if Self::deny_covers(provision, provision_scope, scope) {
						return AccessDecision { decision: Decision::Deny, basis };
					}
					continue;
				}
				let permits = *permits.get_or_insert_with(|| {
					consent.representation.is_none_or(|representation| {
						Self::representation_holds(patient, &consent.grantor, representation)
					})
				});
				if !permits || !Self::in_data_period(provision, scope, false) {
					continue;
				}
				match provision_scope.unwrap_or(provision.scope) {
					Scope::All => {
						whole.get_or_insert(basis);
					},
					Scope::Token(token) if scope.token == Some(token) => {
						whole.get_or_insert(basis);
					},
					Scope::Token(_) => {},
					Scope::Category(category) => {
						for (label, slot) in scope.labels.iter().zip(per_label.iter_mut()) {
							if *label == category {
								slot.get_or_insert(basis);
							}
						}
					},
					Scope::Sensitive => {
						for (label, slot) in scope.labels.iter().zip(per_label.iter_mut()) {
							if label.is_sensitive() {
								slot.get_or_insert(basis);
							}
						}
					},
					// Not opened: permits nothing.
					Scope::Committed(_) => {},
				}
			}
		}
		// Every label covered (and at least one label): the first label's permit decides.
		let labelled = per_label.get(..scope.labels.len()).unwrap_or(&[]);
		let by_labels = match labelled.first() {
			Some(first) if labelled.iter().all(Option::is_some) => *first,
			_ => None,
		};
		match whole.or(by_labels) {
			Some(basis) => AccessDecision { decision: Decision::Permit, basis },
			None => AccessDecision { decision: Decision::Deny, basis: Basis::NoConsent },
		}
	}

	/// The emergency basis on which `grantee` may perform `action` for `purpose` on
	/// `patient`'s records now, if any: an open grant whose licence still licenses, in a
	/// profession that may break the glass.
	fn emergency_basis(
		grantee: &T::AccountId,
		patient: &T::AccountId,
		action: Action,
		purpose: Purpose,
	) -> Option<Basis> {
		let action_allowed = match action {
			Action::Read => true,
			Action::Write => T::EmergencyWriteAllowed::get(),
			Action::Share => false,
		};
		if purpose != Purpose::Emergency || !action_allowed {
			return None;
		}
		Self::emergency_in_force(patient, grantee).map(|licence| Basis::Emergency { licence })
	}

	/// The licence of `practitioner`'s emergency grant to `patient`, if it permits now: open,
	/// its licence still licensing in a profession that may break the glass, and the
	/// practitioner still an agent of an organisation accredited as provider.
	pub(crate) fn emergency_in_force(
		patient: &T::AccountId,
		practitioner: &T::AccountId,
	) -> Option<TokenId> {
		let grant = EmergencyAccess::<T>::get(patient, practitioner)?;
		if !grant.is_open(Self::now()) {
			return None;
		}
		let profession = T::Licences::licence_in_force(grant.licence).ok()?;
		let allowed = T::EmergencyProfessions::contains(&profession)
			&& T::Accreditation::ensure_accredited(practitioner, Role::Provider).is_ok();
		allowed.then_some(grant.licence)
	}

	/// Whether deny `provision` (whose actions and purposes match), over `provision_scope`
	/// (its scope, a committed one opened; `None` if it could not be opened), covers record
	/// `scope`: when in doubt, it does.
	fn deny_covers(
		provision: &Provision,
		provision_scope: Option<Scope>,
		scope: &RecordScope,
	) -> bool {
		let in_scope = match provision_scope {
			// A committed category nobody opened might be any of the record's.
			None | Some(Scope::Committed(_)) => true,
			Some(Scope::All) => true,
			Some(Scope::Category(category)) => {
				scope.labels.is_empty() || scope.labels.contains(&category)
			},
			Some(Scope::Token(token)) => scope.token.is_none_or(|named| named == token),
			Some(Scope::Sensitive) => {
				scope.labels.is_empty() || scope.labels.iter().any(|label| label.is_sensitive())
			},
		};
		in_scope && Self::in_data_period(provision, scope, true)
	}

	/// Whether record `scope` is dated within `provision`'s data period (or it has none); an
	/// undated record counts as inside for a deny (`when_unknown`), outside for a permit.
	fn in_data_period(provision: &Provision, scope: &RecordScope, when_unknown: bool) -> bool {
		match (provision.data_period, scope.recorded_at) {
			(None, _) => true,
			(Some(period), Some(at)) => period.contains(at),
			(Some(_), None) => when_unknown,
		}
	}

	/// Whether `organisation` is accredited now in one of the roles that fit `purpose`.
	pub(crate) fn accredited_for(organisation: OrganisationId, purpose: Purpose) -> bool {
		purpose.roles().iter().any(|role| T::Accreditation::is_accredited(organisation, *role))
	}

	/// Whether `patient` has dealt with `custodian`: one of the patient's consents (in force or
	/// not, permit or deny) names the custodian, or names the accessor while the accessor acts
	/// for the custodian; or the accessor holds an emergency grant to the patient that is open
	/// or ended less than `EmergencyCooldown` ago (break-glass: the records of any custodian,
	/// announced to everyone; the cool-down leaves time to record an access made during it,
	/// and no more: a grant its practitioner never clears relates nobody for good). A custodian
	/// can record an access only then, so that no custodian can link a patient it has nothing
	/// to do with to anyone — not even through an accessor the patient did deal with. At most
	/// one read per consent of the patient, in the order they were granted, up to the first
	/// that relates them; with how many consents it read.
	pub(crate) fn related(
		custodian: OrganisationId,
		accessor: &T::AccountId,
		patient: &T::AccountId,
	) -> (bool, u32) {
		let now = Self::now();
		let emergency = EmergencyAccess::<T>::get(patient, accessor).is_some_and(|grant| {
			grant.opened_at <= now && now < grant.until.saturating_add(T::EmergencyCooldown::get())
		});
		if emergency {
			return (true, 0);
		}
		let accessor_is_custodians = T::Accreditation::organisation_of(accessor) == Some(custodian);
		let mut read = 0u32;
		let related = ConsentsOf::<T>::get(patient).into_iter().any(|id| {
			read = read.saturating_add(1);
			Consents::<T>::get(id).is_some_and(|consent| match consent.grantee {
				Grantee::Account(account) => accessor_is_custodians && account == *accessor,
				Grantee::Organisation(id) => id == custodian,
			})
		});
		(related, read)
	}

	/// Consent `id` with its status now.
	pub fn consent_view(id: ConsentId) -> Option<ConsentViewOf<T>> {
		let consent = Consents::<T>::get(id)?;
		let lapsed = consent.representation.is_some_and(|representation| {
			!Self::representation_holds(&consent.patient, &consent.grantor, representation)
		});
		Some(ConsentView {
			id,
			effective: consent.effective_status(Self::now()),
			patient: consent.patient,
			grantor: consent.grantor,
			capacity: consent.capacity,
			representation: consent.representation,
			lapsed,
			grantee: consent.grantee,
			provisions: consent.provisions.into_inner(),
			period: consent.period,
			status: consent.status,
			granted_in: consent.granted_in,
			depositor: consent.depositor,
			deposit: consent.deposit,
		})
	}

	/// Every consent of `patient` (at most `MaxConsentsPerPatient`), oldest first.
	pub fn consents_of(patient: &T::AccountId) -> Vec<ConsentViewOf<T>> {
		ConsentsOf::<T>::get(patient).into_iter().filter_map(Self::consent_view).collect()
	}

	/// The representatives of `patient` (at most `MaxRepresentatives`), each with whether they
	/// may act now.
	pub fn representatives_of(
		patient: &T::AccountId,
	) -> Vec<(T::AccountId, RepresentativeOf<T>, bool)> {
		Representatives::<T>::iter_prefix(patient)
			.map(|(representative, info)| {
				let in_force = Self::representation_in_force(&info);
				(representative, info, in_force)
			})
			.collect()
	}

	/// The representatives providers recorded for `patient` that await attestation, by
	/// recording organisation (at most one per organisation), a page after organisation
	/// `start_after` (at most `MaxPageSize`).
	pub fn recorded_representatives_of(
		patient: &T::AccountId,
		start_after: Option<OrganisationId>,
		limit: u32,
	) -> Page<(OrganisationId, RecordedRepresentativeOf<T>), OrganisationId> {
		let limit = Self::page_size(limit);
		let entries: Vec<_> = match start_after {
			Some(after) => RecordedRepresentatives::<T>::iter_prefix_from(
				patient,
				RecordedRepresentatives::<T>::hashed_key_for(patient, after),
			)
			.take(limit.saturating_add(1))
			.collect(),
			None => RecordedRepresentatives::<T>::iter_prefix(patient)
				.take(limit.saturating_add(1))
				.collect(),
		};
		Self::page(entries, limit, |(organisation, _)| *organisation)
	}

	/// The emergency grants to `patient`'s records, open or ended but not yet cleared, a page
	/// after practitioner `start_after` (at most `MaxPageSize`).
	pub fn emergency_access_of(
		patient: &T::AccountId,
		start_after: Option<T::AccountId>,
		limit: u32,
	) -> Page<(T::AccountId, EmergencyGrantOf<T>), T::AccountId> {
		let limit = Self::page_size(limit);
		let entries: Vec<_> = match start_after {
			Some(after) => EmergencyAccess::<T>::iter_prefix_from(
				patient,
				EmergencyAccess::<T>::hashed_key_for(patient, after),
			)
			.take(limit.saturating_add(1))
			.collect(),
			None => {
				EmergencyAccess::<T>::iter_prefix(patient).take(limit.saturating_add(1)).collect()
			},
		};
		Self::page(entries, limit, |(practitioner, _)| practitioner.clone())
	}

	/// The page size: `limit`, at least 1 and at most `MaxPageSize`.
	fn page_size(limit: u32) -> usize {
		limit.clamp(1, T::MaxPageSize::get().max(1)) as usize
	}

	/// A page of the first `limit` of `entries` (read one beyond, to know whether there is a
	/// next page), whose cursor is the last item's `key`.
	fn page<Item, Cursor>(
		mut entries: Vec<Item>,
		limit: usize,
		key: impl Fn(&Item) -> Cursor,
	) -> Page<Item, Cursor> {
		let next = if entries.len() > limit {
			entries.truncate(limit);
			entries.last().map(key)
		} else {
			None
		};
		Page { items: entries, next }
	}

	/// Check the pallet's storage invariants.
	///
	/// - every id in a patient's list is a consent of that patient, below `NextConsentId`, and
	///   every consent is in its patient's list, with at least one provision;
	/// - every patient's representative count matches their representatives and is at most
	///   `MaxRepresentatives`; every representation id is below `NextRepresentationId`;
	/// - every audit trail has exactly the entries `0..AccessLogLength`, each a custodian's
	///   report or (with no custodian) a break-glass opening;
	/// - for every kind of deposit (consents, representatives recorded or in force, emergency
	///   grants, audit entries), what each depositor has on hold for it is the sum of the
	///   deposits of what they pay for.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{
			AccessKind, AccessLog, AccessLogLength, BalanceOf, HoldReason, RepresentativeCount,
		};
		use alloc::collections::BTreeMap;
		use frame_support::{ensure, traits::fungible::InspectHold};
		let next = crate::NextConsentId::<T>::get();
		let mut listed = 0usize;
		for (patient, ids) in ConsentsOf::<T>::iter() {
			for id in ids {
				ensure!(id < next, "consent id not below NextConsentId");
				let consent = Consents::<T>::get(id).ok_or("listed consent missing")?;
				ensure!(consent.patient == patient, "consent listed under another patient");
				listed = listed.saturating_add(1);
			}
		}
		// Per kind of deposit (in this order), what each depositor should have on hold.
		let reasons = [
			HoldReason::ConsentDeposit,
			HoldReason::RepresentativeDeposit,
			HoldReason::EmergencyDeposit,
			HoldReason::AccessRecordDeposit,
		];
		let mut held: [BTreeMap<T::AccountId, BalanceOf<T>>; 4] = Default::default();
		let mut add = |reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>| {
			let kind = reasons.iter().position(|r| *r == reason).unwrap_or_default();
			if let Some(totals) = held.get_mut(kind) {
				let total = totals.entry(who.clone()).or_default();
				*total = sp_runtime::Saturating::saturating_add(*total, amount);
			}
		};
		for (_, consent) in Consents::<T>::iter() {
			ensure!(!consent.provisions.is_empty(), "consent without provisions");
			add(HoldReason::ConsentDeposit, &consent.depositor, consent.deposit);
		}
		ensure!(Consents::<T>::iter().count() == listed, "a consent is not listed");
		for (patient, count) in RepresentativeCount::<T>::iter() {
			let actual = Representatives::<T>::iter_prefix(&patient).count();
			ensure!(actual == count as usize, "representative count is off");
			ensure!(count <= T::MaxRepresentatives::get(), "more representatives than allowed");
		}
		let next_representation = crate::NextRepresentationId::<T>::get();
		for (patient, _, info) in Representatives::<T>::iter() {
			ensure!(info.id < next_representation, "representation id not below the next");
			ensure!(RepresentativeCount::<T>::get(&patient) > 0, "uncounted representative");
			add(HoldReason::RepresentativeDeposit, &info.depositor, info.deposit);
		}
		for (_, _, recorded) in RecordedRepresentatives::<T>::iter() {
			add(HoldReason::RepresentativeDeposit, &recorded.depositor, recorded.deposit);
		}
		for (_, practitioner, grant) in EmergencyAccess::<T>::iter() {
			add(HoldReason::EmergencyDeposit, &practitioner, grant.deposit);
		}
		for (patient, length) in AccessLogLength::<T>::iter() {
			let entries = AccessLog::<T>::iter_prefix(&patient).count() as u64;
			ensure!(entries == length, "audit trail length is off");
		}
		for (patient, index, entry) in AccessLog::<T>::iter() {
			ensure!(index < AccessLogLength::<T>::get(&patient), "audit entry beyond the length");
			ensure!(
				matches!(entry.kind, AccessKind::BreakGlass { .. }) == entry.custodian.is_none(),
				"a break-glass entry with a custodian, or a report without"
			);
			add(HoldReason::AccessRecordDeposit, &entry.depositor, entry.deposit);
		}
		for (reason, totals) in reasons.into_iter().zip(held) {
			for (depositor, total) in totals {
				ensure!(
					T::Currency::balance_on_hold(&reason.into(), &depositor) == total,
					"a depositor's hold is not the sum of their deposits of that kind"
				);
			}
		}
		Ok(())
	}
}

/// One question as a decision reads it: borrowed from [`Pallet::check_access_opened`]'s
/// arguments or from a batch's [`AccessQuery`].
struct Question<'a, AccountId> {
	grantee: &'a AccountId,
	patient: &'a AccountId,
	scope: &'a RecordScope,
	action: Action,
	purpose: Purpose,
	openings: &'a [ScopeOpening],
}
