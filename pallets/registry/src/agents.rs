//! The accounts that act for an organisation: invited by its admin, acting once they accept,
//! leaving or removed at any time.

use crate::{
	AgentInfo, AgentOf, AgentsOf, Config, Error, Event, HoldReason, InvitationInfo, Invitations,
	OrganisationId, Organisations, Pallet,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Invite `agent` to act for organisation `id`; `who` (its admin) pays the agent deposit.
	pub(crate) fn do_add_agent(
		who: &T::AccountId,
		id: OrganisationId,
		agent: T::AccountId,
	) -> DispatchResult {
		let mut organisation = Self::ensure_admin(who, id)?;
		ensure!(!AgentOf::<T>::contains_key(&agent), Error::<T>::AlreadyAgent);
		ensure!(!Invitations::<T>::contains_key(id, &agent), Error::<T>::AlreadyInvited);
		let members = organisation.agents.saturating_add(organisation.invitations);
		ensure!(members < T::MaxAgents::get(), Error::<T>::TooManyAgents);
		organisation.invitations =
			organisation.invitations.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let deposit = T::AgentDeposit::get();
		T::Currency::hold(&HoldReason::AgentDeposit.into(), who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		let since = frame_system::Pallet::<T>::block_number();
		Invitations::<T>::insert(id, &agent, InvitationInfo { deposit, since });
		Organisations::<T>::insert(id, organisation);
		Self::deposit_event(Event::AgentInvited { organisation: id, agent, by: who.clone() });
		Ok(())
	}

	/// `agent` accepts organisation `id`'s invitation and acts for it from now on.
	pub(crate) fn do_accept_invitation(agent: T::AccountId, id: OrganisationId) -> DispatchResult {
		let invitation = Invitations::<T>::get(id, &agent).ok_or(Error::<T>::NotInvited)?;
		let mut organisation = Self::organisation(id)?;
		ensure!(!AgentOf::<T>::contains_key(&agent), Error::<T>::AlreadyAgent);
		organisation.invitations = organisation.invitations.saturating_sub(1);
		organisation.agents = organisation.agents.checked_add(1).ok_or(Error::<T>::Overflow)?;

		Invitations::<T>::remove(id, &agent);
		let since = frame_system::Pallet::<T>::block_number();
		AgentOf::<T>::insert(
			&agent,
			AgentInfo { organisation: id, deposit: invitation.deposit, since },
		);
		AgentsOf::<T>::insert(id, &agent, ());
		Organisations::<T>::insert(id, organisation);
		Self::deposit_event(Event::AgentAdded { organisation: id, agent });
		Ok(())
	}

	/// Admin `who` stops `agent` acting for organisation `id`, or withdraws its invitation.
	pub(crate) fn do_remove_agent(
		who: &T::AccountId,
		id: OrganisationId,
		agent: T::AccountId,
	) -> DispatchResult {
		Self::ensure_admin(who, id)?;
		Self::end_membership(who.clone(), id, agent)
	}

	/// `who` stops acting for organisation `id`, or declines its invitation.
	pub(crate) fn do_leave_organisation(who: T::AccountId, id: OrganisationId) -> DispatchResult {
		Self::end_membership(who.clone(), id, who)
	}

	/// End `agent`'s agency of (or invitation to) organisation `id` at the request of `by`;
	/// the deposit returns to the admin, who paid it.
	fn end_membership(by: T::AccountId, id: OrganisationId, agent: T::AccountId) -> DispatchResult {
		let mut organisation = Self::organisation(id)?;
		ensure!(agent != organisation.admin, Error::<T>::CannotRemoveAdmin);
		let (deposit, event) = if let Some(invitation) = Invitations::<T>::take(id, &agent) {
			organisation.invitations = organisation.invitations.saturating_sub(1);
			(invitation.deposit, Event::InvitationEnded { organisation: id, agent, by })
		} else {
			let info = AgentOf::<T>::get(&agent)
				.filter(|info| info.organisation == id)
				.ok_or(Error::<T>::AgentNotFound)?;
			organisation.agents = organisation.agents.saturating_sub(1);
			AgentOf::<T>::remove(&agent);
			AgentsOf::<T>::remove(id, &agent);
			(info.deposit, Event::AgentRemoved { organisation: id, agent, by })
		};
		if !deposit.is_zero() {
			T::Currency::release(
				&HoldReason::AgentDeposit.into(),
				&organisation.admin,
				deposit,
				Precision::BestEffort,
			)?;
		}
		Self::deposit_event(event);
		Organisations::<T>::insert(id, organisation);
		Ok(())
	}
}
