//! Break-glass: emergency access by a licensed practitioner, short, justified and audited.

use crate::{
	AccessDecision, Action, Basis, Config, Decision, EmergencyAccess, EmergencyGrant, Error, Event,
	HoldReason, Justification, LicenceError, LicenceInspect, Moment, Pallet, Purpose,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
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
		let (licence, _) = T::Licences::ensure_any_licence(&who).map_err(Self::licence_error)?;
		let now = Self::now();
		if let Some(previous) = EmergencyAccess::<T>::get(&patient, &who) {
			ensure!(now >= previous.until, Error::<T>::AlreadyOpen);
			// The previous grant has ended: its deposit returns before the new one is held.
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
		// The opening itself goes into the patient's audit trail, with the decision it grants.
		let decision =
			AccessDecision { decision: Decision::Permit, basis: Basis::Emergency { licence } };
		Self::do_record_access(
			who.clone(),
			patient,
			who,
			None,
			None,
			Action::Read,
			Purpose::Emergency,
			decision,
		)
		.map(|_| ())
	}

	/// Close practitioner `who`'s emergency access to `patient`.
	pub(crate) fn do_close_emergency_access(
		who: T::AccountId,
		patient: T::AccountId,
	) -> DispatchResult {
		let grant =
			EmergencyAccess::<T>::take(&patient, &who).ok_or(Error::<T>::NoEmergencyAccess)?;
		T::Currency::release(
			&HoldReason::EmergencyDeposit.into(),
			&who,
			grant.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::EmergencyAccessClosed { patient, practitioner: who });
		Ok(())
	}

	/// The pallet error for a licence refusal.
	pub(crate) fn licence_error(error: LicenceError) -> DispatchError {
		match error {
			LicenceError::NotLicensed => Error::<T>::NotLicensed,
			LicenceError::Suspended => Error::<T>::LicenceSuspended,
			LicenceError::Revoked => Error::<T>::LicenceRevoked,
			LicenceError::Expired => Error::<T>::LicenceExpired,
			LicenceError::IssuerNotAccredited => Error::<T>::LicenceIssuerNotAccredited,
		}
		.into()
	}
}
