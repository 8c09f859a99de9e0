//! Adding and removing the accounts that act for an organisation.

use crate::{AgentInfo, AgentOf, AgentsOf, Config, Error, Event, HoldReason, Organisations};
use crate::{OrganisationId, Pallet};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Let `agent` act for organisation `id`; `who` (its admin) pays the agent deposit.
	pub(crate) fn do_add_agent(
		who: &T::AccountId,
		id: OrganisationId,
		agent: T::AccountId,
	) -> DispatchResult {
		let mut organisation = Self::ensure_admin(who, id)?;
		ensure!(!AgentOf::<T>::contains_key(&agent), Error::<T>::AlreadyAgent);
		ensure!(organisation.agents < T::MaxAgents::get(), Error::<T>::TooManyAgents);
		organisation.agents = organisation.agents.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let deposit = T::AgentDeposit::get();
		T::Currency::hold(&HoldReason::AgentDeposit.into(), who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;

		let since = frame_system::Pallet::<T>::block_number();
		AgentOf::<T>::insert(&agent, AgentInfo { organisation: id, deposit, since });
		AgentsOf::<T>::insert(id, &agent, ());
		Organisations::<T>::insert(id, organisation);
		Self::deposit_event(Event::AgentAdded { organisation: id, agent });
		Ok(())
	}

	/// Stop `agent` acting for organisation `id`; its deposit returns to the admin `who`.
	pub(crate) fn do_remove_agent(
		who: &T::AccountId,
		id: OrganisationId,
		agent: T::AccountId,
	) -> DispatchResult {
		let mut organisation = Self::ensure_admin(who, id)?;
		ensure!(agent != organisation.admin, Error::<T>::CannotRemoveAdmin);
		let info = AgentOf::<T>::get(&agent)
			.filter(|info| info.organisation == id)
			.ok_or(Error::<T>::AgentNotFound)?;
		organisation.agents = organisation.agents.saturating_sub(1);

		AgentOf::<T>::remove(&agent);
		AgentsOf::<T>::remove(id, &agent);
		Organisations::<T>::insert(id, organisation);
		T::Currency::release(
			&HoldReason::AgentDeposit.into(),
			who,
			info.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::AgentRemoved { organisation: id, agent });
		Ok(())
	}
}
