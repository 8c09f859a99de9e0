//! Break-glass: emergency access by a licensed practitioner, short, justified, audited, and
//! only as long as the licence that justified it.
//!
//! - Only a practitioner holding a valid licence in one of `EmergencyProfessions`, and acting for
//!   an organisation accredited as provider, may open it — two independent parties vouch for
//!   them, the board and the provider. `check_access` checks both again every time it answers,
//!   so a suspended, revoked or expired licence (or a board no longer accredited), or leaving
//!   the provider (or its losing its accreditation), ends the access at once.
//! - It lasts at most `MaxEmergencyDuration`, reads only (writes only where
//!   `EmergencyWriteAllowed`), and the practitioner, the patient, a representative of the
//!   patient or the consortium can close it early.
//! - Once it has ended, the same practitioner cannot open it again for the same patient until
//!   `EmergencyCooldown` has passed: break-glass cannot be renewed into standing access. The
//!   ended grant stays stored until then (its deposit held), and is cleared when the
//!   practitioner opens access again or clears it.

use crate::{
	AccessKind, Config, EmergencyAccess, EmergencyGrant, EmergencyGrantOf, Error, Event,
	HoldReason, Justification, LicenceError, LicenceInspect, Moment, Pallet, Profession, Role,
	TokenId,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Contains, Get},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The licence under which `who` may break the glass now: the first profession, in index
	/// order, of `EmergencyProfessions` in which they hold a valid licence; or why none.
	pub(crate) fn emergency_licence(who: &T::AccountId) -> Result<TokenId, DispatchError> {
		let mut refusal = None;
		let mut licensed_elsewhere = false;
		for profession in Profession::ALL {
			let allowed = T::EmergencyProfessions::contains(&profession);
			match T::Licences::ensure_licensed(who, profession) {
				Ok(licence) if allowed => return Ok(licence),
				Ok(_) => licensed_elsewhere = true,
				Err(LicenceError::NotLicensed) => {},
				Err(error) if allowed => {
					refusal.get_or_insert(error);
				},
				Err(_) => {},
			}
		}
		Err(match refusal {
			Some(error) => Error::<T>::Licence(error).into(),
			None if licensed_elsewhere => Error::<T>::ProfessionNotAllowed.into(),
			None => Error::<T>::Licence(LicenceError::NotLicensed).into(),
		})
	}

	/// Check that `grant` has ended and its cool-down has passed.
	fn ensure_cooled_down(grant: &EmergencyGrantOf<T>, now: Moment) -> DispatchResult {
		ensure!(now >= grant.until, Error::<T>::AlreadyOpen);
		ensure!(
			now >= grant.until.saturating_add(T::EmergencyCooldown::get()),
			Error::<T>::CoolingDown
		);
		Ok(())
	}

	/// Open practitioner `who`'s emergency access to `patient` for `duration` milliseconds.
	pub(crate) fn do_open_emergency_access(
		who: T::AccountId,
		patient: T::AccountId,
		justification: Justification,
		duration: Moment,
	) -> DispatchResult {
		ensure!(who != patient, Error::<T>::SameAccount);
		ensure!(
			duration > 0 && duration <= T::MaxEmergencyDuration::get(),
			Error::<T>::InvalidDuration
		);
		let licence = Self::emergency_licence(&who)?;
		// A licence alone (one board's word) is not enough: the practitioner must also act for
		// an organisation accredited as provider, which invited them and which they accepted.
		Self::ensure_accredited(&who, Role::Provider)?;
		let now = Self::now();
		if let Some(previous) = EmergencyAccess::<T>::get(&patient, &who) {
			Self::ensure_cooled_down(&previous, now)?;
			// The previous grant is cleared: its deposit returns before the new one is held.
			T::Currency::release(
				&HoldReason::EmergencyDeposit.into(),
				&who,
				previous.deposit,
				Precision::BestEffort,
			)?;
		}
		let deposit = T::EmergencyDeposit::get();
		T::Currency::hold(&HoldReason::EmergencyDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let until = now.saturating_add(duration);
		EmergencyAccess::<T>::insert(
			&patient,
			&who,
			EmergencyGrant {
				licence,
				justification,
				opened_at: now,
				until,
				closed_by: None,
				block: frame_system::Pallet::<T>::block_number(),
				deposit,
			},
		);
		Self::deposit_event(Event::EmergencyAccessOpened {
			patient: patient.clone(),
			practitioner: who.clone(),
			licence,
			justification,
			until,
		});
		// The opening itself goes into the patient's audit trail, with its licence.
		Self::do_record_access(who.clone(), patient, who, None, AccessKind::BreakGlass { licence })
			.map(|_| ())
	}

	/// Close `practitioner`'s open emergency access to `patient` at the request of `who` (the
	/// practitioner, the patient or a representative in force; `None`: the consortium).
	pub(crate) fn do_close_emergency_access(
		who: Option<T::AccountId>,
		patient: T::AccountId,
		practitioner: T::AccountId,
	) -> DispatchResult {
		let mut grant = EmergencyAccess::<T>::get(&patient, &practitioner)
			.ok_or(Error::<T>::NoEmergencyAccess)?;
		if let Some(who) = &who {
			let may = *who == practitioner || Self::acting_for(who, &patient).is_some();
			ensure!(may, Error::<T>::NotAuthorized);
		}
		let now = Self::now();
		ensure!(grant.is_open(now), Error::<T>::NoEmergencyAccess);
		grant.until = now;
		grant.closed_by = who.clone();
		EmergencyAccess::<T>::insert(&patient, &practitioner, grant);
		Self::deposit_event(Event::EmergencyAccessClosed { patient, practitioner, by: who });
		Ok(())
	}

	/// Clear practitioner `who`'s ended emergency grant to `patient` after its cool-down.
	pub(crate) fn do_clear_emergency_access(
		who: T::AccountId,
		patient: T::AccountId,
	) -> DispatchResult {
		let grant =
			EmergencyAccess::<T>::get(&patient, &who).ok_or(Error::<T>::NoEmergencyAccess)?;
		Self::ensure_cooled_down(&grant, Self::now())?;
		EmergencyAccess::<T>::remove(&patient, &who);
		T::Currency::release(
			&HoldReason::EmergencyDeposit.into(),
			&who,
			grant.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::EmergencyAccessCleared { patient, practitioner: who });
		Ok(())
	}
}
