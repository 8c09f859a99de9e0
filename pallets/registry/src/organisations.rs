//! Registering, updating, suspending and deregistering organisations.

use crate::{
	Accreditations, AgentInfo, AgentOf, AgentsOf, Config, Error, Event, HoldReason,
	NextOrganisationId, OrganisationId, OrganisationInfo, OrganisationKind, OrganisationOf,
	OrganisationStatus, Organisations, Pallet, Role,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_core::H256;
use sp_runtime::{traits::Zero, DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The organisation `id`, or [`Error::OrganisationNotFound`].
	pub(crate) fn organisation(id: OrganisationId) -> Result<OrganisationOf<T>, DispatchError> {
		Organisations::<T>::get(id).ok_or_else(|| Error::<T>::OrganisationNotFound.into())
	}

	/// The organisation `id` if `who` is its admin.
	pub(crate) fn ensure_admin(
		who: &T::AccountId,
		id: OrganisationId,
	) -> Result<OrganisationOf<T>, DispatchError> {
		let organisation = Self::organisation(id)?;
		ensure!(&organisation.admin == who, Error::<T>::NotAuthorized);
		Ok(organisation)
	}

	/// Register an organisation administered by `admin`, holding its deposit.
	pub(crate) fn do_register_organisation(
		admin: T::AccountId,
		kind: OrganisationKind,
		profile_hash: H256,
	) -> Result<OrganisationId, DispatchError> {
		ensure!(!AgentOf::<T>::contains_key(&admin), Error::<T>::AlreadyAgent);
		let id = NextOrganisationId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::OrganisationDeposit::get();
		T::Currency::hold(&HoldReason::OrganisationDeposit.into(), &admin, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		let now = frame_system::Pallet::<T>::block_number();
		Organisations::<T>::insert(
			id,
			OrganisationInfo {
				kind,
				admin: admin.clone(),
				profile_hash,
				status: OrganisationStatus::Active,
				registered_at: now,
				deposit,
				agents: 0,
				invitations: 0,
			},
		);
		AgentOf::<T>::insert(
			&admin,
			AgentInfo { organisation: id, deposit: Zero::zero(), since: now },
		);
		AgentsOf::<T>::insert(id, &admin, ());
		NextOrganisationId::<T>::put(next);
		Self::deposit_event(Event::OrganisationRegistered {
			organisation: id,
			kind,
			admin,
			profile_hash,
		});
		Ok(id)
	}

	/// Replace the profile hash of `id`, if `who` is its admin.
	pub(crate) fn do_update_profile(
		who: &T::AccountId,
		id: OrganisationId,
		profile_hash: H256,
	) -> DispatchResult {
		let mut organisation = Self::ensure_admin(who, id)?;
		organisation.profile_hash = profile_hash;
		Organisations::<T>::insert(id, organisation);
		Self::deposit_event(Event::ProfileUpdated { organisation: id, profile_hash });
		Ok(())
	}

	/// Remove organisation `id` and its accreditations, if `who` is its admin and it has no
	/// other agents; release the registration deposit.
	pub(crate) fn do_deregister_organisation(
		who: &T::AccountId,
		id: OrganisationId,
	) -> DispatchResult {
		let organisation = Self::ensure_admin(who, id)?;
		ensure!(organisation.agents == 0 && organisation.invitations == 0, Error::<T>::HasAgents);

		for role in Role::ALL {
			Accreditations::<T>::remove(id, role);
		}
		AgentOf::<T>::remove(&organisation.admin);
		AgentsOf::<T>::remove(id, &organisation.admin);
		Organisations::<T>::remove(id);
		T::Currency::release(
			&HoldReason::OrganisationDeposit.into(),
			&organisation.admin,
			organisation.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::OrganisationDeregistered { organisation: id });
		Ok(())
	}

	/// Set the consortium's suspension flag of organisation `id`.
	pub(crate) fn do_set_organisation_status(
		id: OrganisationId,
		status: OrganisationStatus,
	) -> DispatchResult {
		let mut organisation = Self::organisation(id)?;
		if organisation.status == status {
			return Err(match status {
				OrganisationStatus::Suspended => Error::<T>::AlreadySuspended,
				OrganisationStatus::Active => Error::<T>::NotSuspended,
			}
			.into());
		}
		organisation.status = status;
		Organisations::<T>::insert(id, organisation);
		Self::deposit_event(match status {
			OrganisationStatus::Suspended => Event::OrganisationSuspended { organisation: id },
			OrganisationStatus::Active => Event::OrganisationReinstated { organisation: id },
		});
		Ok(())
	}
}
