//! The consortium's accreditations: grant, renew, suspend, reinstate, revoke.

use crate::{
	AccreditationInfo, AccreditationOf, AccreditationStatus, Accreditations, Config, Error, Event,
	Moment, OrganisationId, Pallet, Role,
};
use frame_support::ensure;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The accreditation of `id` for `role`, or [`Error::AccreditationNotFound`].
	fn accreditation(id: OrganisationId, role: Role) -> Result<AccreditationOf<T>, DispatchError> {
		Accreditations::<T>::get(id, role).ok_or_else(|| Error::<T>::AccreditationNotFound.into())
	}

	/// Accredit organisation `id` for `role` until `valid_until`.
	pub(crate) fn do_grant_accreditation(
		id: OrganisationId,
		role: Role,
		valid_until: Moment,
	) -> DispatchResult {
		Self::organisation(id)?;
		ensure!(!Accreditations::<T>::contains_key(id, role), Error::<T>::AlreadyAccredited);
		ensure!(valid_until > Self::now(), Error::<T>::ExpiryInPast);
		Accreditations::<T>::insert(
			id,
			role,
			AccreditationInfo {
				valid_until,
				status: AccreditationStatus::Active,
				granted_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::AccreditationGranted { organisation: id, role, valid_until });
		Ok(())
	}

	/// Move the end of the accreditation of `id` for `role` to `valid_until`.
	pub(crate) fn do_renew_accreditation(
		id: OrganisationId,
		role: Role,
		valid_until: Moment,
	) -> DispatchResult {
		let mut accreditation = Self::accreditation(id, role)?;
		ensure!(valid_until > Self::now(), Error::<T>::ExpiryInPast);
		accreditation.valid_until = valid_until;
		Accreditations::<T>::insert(id, role, accreditation);
		Self::deposit_event(Event::AccreditationRenewed { organisation: id, role, valid_until });
		Ok(())
	}

	/// Suspend the accreditation of `id` for `role`.
	pub(crate) fn do_suspend_accreditation(id: OrganisationId, role: Role) -> DispatchResult {
		let mut accreditation = Self::accreditation(id, role)?;
		ensure!(accreditation.status == AccreditationStatus::Active, Error::<T>::AlreadySuspended);
		accreditation.status = AccreditationStatus::Suspended;
		Accreditations::<T>::insert(id, role, accreditation);
		Self::deposit_event(Event::AccreditationSuspended { organisation: id, role });
		Ok(())
	}

	/// Lift the suspension of the accreditation of `id` for `role`, unless it has expired.
	pub(crate) fn do_reinstate_accreditation(id: OrganisationId, role: Role) -> DispatchResult {
		let mut accreditation = Self::accreditation(id, role)?;
		ensure!(accreditation.status == AccreditationStatus::Suspended, Error::<T>::NotSuspended);
		ensure!(accreditation.valid_until > Self::now(), Error::<T>::Expired);
		accreditation.status = AccreditationStatus::Active;
		Accreditations::<T>::insert(id, role, accreditation);
		Self::deposit_event(Event::AccreditationReinstated { organisation: id, role });
		Ok(())
	}

	/// Remove the accreditation of `id` for `role`.
	pub(crate) fn do_revoke_accreditation(id: OrganisationId, role: Role) -> DispatchResult {
		Self::accreditation(id, role)?;
		Accreditations::<T>::remove(id, role);
		Self::deposit_event(Event::AccreditationRevoked { organisation: id, role });
		Ok(())
	}
}
