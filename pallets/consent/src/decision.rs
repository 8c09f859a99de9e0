//! `check_access`: the deterministic decision an off-chain record store enforces, and the
//! other queries of the runtime API; the storage invariants.
//!
//! The decision, for a grantee, a patient, a record scope, an action and a purpose, at this
//! block's time:
//! 1. **Break-glass**: for the emergency purpose and a read or write, an open emergency grant of
//!    the grantee to the patient permits — even over the patient's denials, which is what
//!    breaking the glass means; it is loud (an event and an audit entry) instead.
//! 2. **Deny overrides permit**: among the patient's consents in force whose grantee is the
//!    account (or an organisation the account acts for), the first provision, in consent then
//!    provision order, that denies this action for this purpose over this scope decides: deny.
//! 3. Otherwise the first such provision that permits decides: permit.
//! 4. Otherwise: deny, no consent.
//!
//! A provision limited to a data period covers a record dated inside it. For a record whose date
//! the custodian does not give, a limited *deny* still applies and a limited *permit* does not:
//! when in doubt, deny.
//!
//! The cost is one read of the patient's consent list and one read per consent of that patient
//! (at most `MaxConsentsPerPatient`), whatever other patients have.

use crate::{
	AccessDecision, AccreditationInspect, Action, Basis, Config, ConsentId, ConsentView, Consents,
	ConsentsOf, Decision, EffectiveStatus, EmergencyAccess, EmergencyGrantOf, Grantee, Pallet,
	Provision, Purpose, RecordScope, RepresentativeOf, Representatives, Scope,
};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;

/// [`ConsentView`] as this pallet's runtime API returns it.
pub type ConsentViewOf<T> =
	ConsentView<<T as frame_system::Config>::AccountId, crate::BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// May `grantee` perform `action` on `patient`'s records in `scope` for `purpose` now?
	pub fn check_access(
		grantee: &T::AccountId,
		patient: &T::AccountId,
		scope: &RecordScope,
		action: Action,
		purpose: Purpose,
	) -> AccessDecision {
		let now = Self::now();
		if purpose == Purpose::Emergency && action != Action::Share {
			if let Some(grant) = EmergencyAccess::<T>::get(patient, grantee) {
				if grant.opened_at <= now && now < grant.until {
					return AccessDecision {
						decision: Decision::Permit,
						basis: Basis::Emergency { licence: grant.licence },
					};
				}
			}
		}
		let organisation = T::Accreditation::organisation_of(grantee);
		let mut permit = None;
		for id in ConsentsOf::<T>::get(patient) {
			let Some(consent) = Consents::<T>::get(id) else { continue };
			if consent.effective_status(now) != EffectiveStatus::Active {
				continue;
			}
			let applies = match &consent.grantee {
				Grantee::Account(account) => account == grantee,
				Grantee::Organisation(id) => organisation == Some(*id),
			};
			if !applies {
				continue;
			}
			for (index, provision) in consent.provisions.iter().enumerate() {
				let deny = provision.decision == Decision::Deny;
				if !Self::covers(provision, scope, action, purpose, deny) {
					continue;
				}
				let basis = Basis::Consent { consent: id, provision: index as u32 };
				if deny {
					return AccessDecision { decision: Decision::Deny, basis };
				}
				permit.get_or_insert(basis);
			}
		}
		match permit {
			Some(basis) => AccessDecision { decision: Decision::Permit, basis },
			None => AccessDecision { decision: Decision::Deny, basis: Basis::NoConsent },
		}
	}

	/// Whether `provision` covers `action` for `purpose` on a record in `scope`.
	fn covers(
		provision: &Provision,
		scope: &RecordScope,
		action: Action,
		purpose: Purpose,
		deny: bool,
	) -> bool {
		let in_scope = match provision.scope {
			Scope::All => true,
			Scope::Category(category) => category == scope.category,
			Scope::Token(token) => scope.token == Some(token),
		};
		let in_data_period = match (provision.data_period, scope.recorded_at) {
			(None, _) => true,
			(Some(period), Some(at)) => period.contains(at),
			(Some(_), None) => deny,
		};
		in_scope
			&& in_data_period
			&& provision.actions.covers(action)
			&& provision.purposes.covers(purpose)
	}

	/// Consent `id` with its status now.
	pub fn consent_view(id: ConsentId) -> Option<ConsentViewOf<T>> {
		let consent = Consents::<T>::get(id)?;
		Some(ConsentView {
			id,
			effective: consent.effective_status(Self::now()),
			patient: consent.patient,
			grantor: consent.grantor,
			capacity: consent.capacity,
			grantee: consent.grantee,
			provisions: consent.provisions.into_inner(),
			period: consent.period,
			status: consent.status,
			granted_in: consent.granted_in,
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
				let in_force = Self::capacity_of(&representative, patient).is_some();
				(representative, info, in_force)
			})
			.collect()
	}

	/// The emergency grants to `patient`'s records, open or ended but not yet closed.
	pub fn emergency_access_of(patient: &T::AccountId) -> Vec<(T::AccountId, EmergencyGrantOf<T>)> {
		EmergencyAccess::<T>::iter_prefix(patient).collect()
	}

	/// Check the pallet's storage invariants.
	///
	/// - every id in a patient's list is a consent of that patient, below `NextConsentId`, and
	///   every consent is in its patient's list, with at least one provision;
	/// - every patient's representative count matches their representatives;
	/// - every audit trail has exactly the entries `0..AccessLogLength`.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{AccessLog, AccessLogLength, RepresentativeCount};
		use frame_support::ensure;
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
		for (_, consent) in Consents::<T>::iter() {
			ensure!(!consent.provisions.is_empty(), "consent without provisions");
		}
		ensure!(Consents::<T>::iter().count() == listed, "a consent is not listed");
		for (patient, count) in RepresentativeCount::<T>::iter() {
			let actual = Representatives::<T>::iter_prefix(&patient).count();
			ensure!(actual == count as usize, "representative count is off");
		}
		for (patient, _, _) in Representatives::<T>::iter() {
			ensure!(RepresentativeCount::<T>::get(&patient) > 0, "uncounted representative");
		}
		for (patient, length) in AccessLogLength::<T>::iter() {
			let entries = AccessLog::<T>::iter_prefix(&patient).count() as u64;
			ensure!(entries == length, "audit trail length is off");
		}
		for (patient, index, _) in AccessLog::<T>::iter() {
			ensure!(index < AccessLogLength::<T>::get(&patient), "audit entry beyond the length");
		}
		Ok(())
	}
}
