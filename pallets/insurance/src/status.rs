//! The insurer's acts on an attestation's status: suspend, reinstate, revoke.

use crate::{AttestationId, AttestationOf, Attestations, Config, Error, Event, Pallet, Status};
use frame_support::ensure;
use healthchain_primitives::AccreditationInspect;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Agent `who` of its insurer suspends the active `attestation`.
	pub(crate) fn do_suspend(who: T::AccountId, attestation: AttestationId) -> DispatchResult {
		let mut info = Self::ensure_agent_of_insurer(&who, attestation)?;
		ensure!(!info.status.is_final(), Error::<T>::Final);
		ensure!(info.status == Status::Active, Error::<T>::NotActive);
		info.status = Status::Suspended;
		Attestations::<T>::insert(attestation, info);
		Self::deposit_event(Event::Suspended { attestation, by: who });
		Ok(())
	}

	/// Agent `who` of its insurer, accredited as insurer now, reinstates the suspended
	/// `attestation`.
	pub(crate) fn do_reinstate(who: T::AccountId, attestation: AttestationId) -> DispatchResult {
		let mut info = Self::ensure_accredited_insurer_of(&who, attestation)?;
		ensure!(!info.status.is_final(), Error::<T>::Final);
		ensure!(info.status == Status::Suspended, Error::<T>::NotSuspended);
		info.status = Status::Active;
		Attestations::<T>::insert(attestation, info);
		Self::deposit_event(Event::Reinstated { attestation, by: who });
		Ok(())
	}

	/// Agent `who` of its insurer revokes `attestation`, for good.
	pub(crate) fn do_revoke(who: T::AccountId, attestation: AttestationId) -> DispatchResult {
		let mut info = Self::ensure_agent_of_insurer(&who, attestation)?;
		ensure!(!info.status.is_final(), Error::<T>::Final);
		info.status = Status::Revoked;
		Attestations::<T>::insert(attestation, info);
		Self::deposit_event(Event::Revoked { attestation, by: who });
		Ok(())
	}

	/// The attestation, if `who` is an agent (or the admin) of the organisation that
	/// attested it, accredited or not: what withdrawing calls (suspend, revoke) need.
	fn ensure_agent_of_insurer(
		who: &T::AccountId,
		attestation: AttestationId,
	) -> Result<AttestationOf<T>, Error<T>> {
		let info = Attestations::<T>::get(attestation).ok_or(Error::<T>::AttestationNotFound)?;
		ensure!(
			T::Accreditation::organisation_of(who) == Some(info.insurer),
			Error::<T>::NotInsurer
		);
		Ok(info)
	}
}
