//! The connections an owner adds to its node (nodes the consortium has not authorised, such as
//! its organisation's own RPC or archive node), each for a deposit.

use crate::{BalanceOf, Config, Error, Event, HoldReason, NodeId, NodeInfo, Nodes, Pallet};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// `who`, the owner of `node`, lets it accept `connections` too, for
	/// [`Config::ConnectionDeposit`] each: only while the node may peer itself (its owner acts for
	/// its organisation, which is in good standing).
	pub(crate) fn do_add_connections(
		who: T::AccountId,
		node: NodeId,
		connections: BoundedVec<NodeId, T::MaxConnections>,
	) -> DispatchResult {
		ensure!(!connections.is_empty(), Error::<T>::NoConnections);
		let mut info = Nodes::<T>::get(node).ok_or(Error::<T>::NotAuthorised)?;
		ensure!(info.owner == who, Error::<T>::NotOwner);
		if let Some(reason) = Self::left_out(&info) {
			return Err(Error::<T>::Standing(reason).into());
		}
		for (i, peer) in connections.iter().enumerate() {
			ensure!(*peer != node, Error::<T>::ConnectionToItself);
			ensure!(!Nodes::<T>::contains_key(peer), Error::<T>::ConnectionIsAuthorised);
			ensure!(!connections[..i].contains(peer), Error::<T>::DuplicateConnection);
			ensure!(
				info.connections.try_insert(*peer).map_err(|_| Error::<T>::TooManyConnections)?,
				Error::<T>::AlreadyConnected
			);
		}
		let deposit = T::ConnectionDeposit::get().saturating_mul((connections.len() as u32).into());
		T::Currency::hold(&HoldReason::ConnectionDeposit.into(), &who, deposit)?;
		info.deposit = info.deposit.saturating_add(deposit);
		Nodes::<T>::insert(node, info);
		Self::deposit_event(Event::ConnectionsAdded {
			node,
			owner: who,
			connections: connections.into_inner(),
		});
		Ok(())
	}

	/// `who`, the owner of `node`, stops it accepting `connections`, and their share of its
	/// deposit is released (rounded down; all that is left with the last), whatever its
	/// organisation's standing.
	pub(crate) fn do_remove_connections(
		who: T::AccountId,
		node: NodeId,
		connections: BoundedVec<NodeId, T::MaxConnections>,
	) -> DispatchResult {
		let mut info = Nodes::<T>::get(node).ok_or(Error::<T>::NotAuthorised)?;
		ensure!(info.owner == who, Error::<T>::NotOwner);
		for (i, peer) in connections.iter().enumerate() {
			ensure!(!connections[..i].contains(peer), Error::<T>::DuplicateConnection);
			ensure!(info.connections.contains(peer), Error::<T>::NotConnected);
		}
		// Their share of what is held (whatever `ConnectionDeposit` was when each was
		// added), rounded down; all of it once none remains.
		let deposit = Self::share(&info, connections.len() as u32);
		for peer in connections.iter() {
			info.connections.remove(peer);
		}
		info.deposit = info.deposit.saturating_sub(deposit);
		Self::release(&who, deposit);
		Nodes::<T>::insert(node, info);
		Self::deposit_event(Event::ConnectionsRemoved {
			node,
			owner: who,
			connections: connections.into_inner(),
		});
		Ok(())
	}

	/// Take `node` out of every authorised node's connections, releasing each owner's share
	/// of the deposit for it.
	pub(crate) fn strip_connection(node: &NodeId) {
		let hosts: Vec<NodeId> = Nodes::<T>::iter()
			.filter(|(_, info)| info.connections.contains(node))
			.map(|(id, _)| id)
			.collect();
		for host in hosts {
			Nodes::<T>::mutate(host, |info| {
				let Some(info) = info else { return };
				let share = Self::share(info, 1);
				info.connections.remove(node);
				info.deposit = info.deposit.saturating_sub(share);
				Self::release(&info.owner, share);
			});
		}
	}

	/// What is held for `removed` of `info`'s connections (before they are removed):
	/// their share, rounded down; all of it when they are all of them.
	fn share(info: &NodeInfo<T>, removed: u32) -> BalanceOf<T> {
		let count = info.connections.len() as u32;
		if removed >= count {
			info.deposit
		} else {
			(info.deposit / count.into()).saturating_mul(removed.into())
		}
	}

	/// Release `amount` of `owner`'s connection deposit (no more than is held).
	pub(crate) fn release(owner: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		// Best effort: never more than is held, so it cannot fail.
		let _ = T::Currency::release(
			&HoldReason::ConnectionDeposit.into(),
			owner,
			amount,
			Precision::BestEffort,
		);
	}
}
