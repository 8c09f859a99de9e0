//! The nodes the consortium authorises: each an organisation's, run by an account that acts for
//! it.

use crate::{Config, Error, Event, NodeId, NodeInfo, Nodes, OrganisationId, Pallet};
use frame_support::{ensure, traits::Get};
use healthchain_primitives::AccreditationInspect;
use sp_runtime::{traits::Zero, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Authorise `node`, run by `owner` for `organisation` (the consortium decided): `owner`
	/// must act for `organisation`, which must be in good standing.
	pub(crate) fn do_authorise_node(
		node: NodeId,
		owner: T::AccountId,
		organisation: OrganisationId,
	) -> DispatchResult {
		T::Accreditation::ensure_acts_for(&owner, organisation).map_err(Error::<T>::Standing)?;
		ensure!(!Nodes::<T>::contains_key(node), Error::<T>::AlreadyAuthorised);
		ensure!(Nodes::<T>::count() < T::MaxNodes::get(), Error::<T>::TooManyNodes);
		// It peers by its own authorisation from now on: no longer anyone's connection (so
		// that a connection list cannot bring it back once the consortium removes it).
		Self::strip_connection(&node);
		Nodes::<T>::insert(
			node,
			NodeInfo {
				owner: owner.clone(),
				organisation: Some(organisation),
				connections: Default::default(),
				deposit: Zero::zero(),
			},
		);
		Self::deposit_event(Event::NodeAuthorised { node, owner, organisation });
		Ok(())
	}

	/// Remove `node` and its connections, releasing their deposit to its owner.
	pub(crate) fn do_remove_node(node: NodeId) -> DispatchResult {
		let info = Nodes::<T>::take(node).ok_or(Error::<T>::NotAuthorised)?;
		Self::release(&info.owner, info.deposit);
		Self::deposit_event(Event::NodeRemoved { node, owner: info.owner });
		Ok(())
	}
}
