//! Which nodes may peer now, by the chain's state: every node asks it of its best block.

use crate::{Config, NodeId, NodeInfo, Nodes, Pallet, StandingError};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::traits::Contains;
use healthchain_primitives::AccreditationInspect;
#[cfg(any(feature = "try-runtime", test))]
use {
	crate::{BalanceOf, HoldReason},
	frame_support::{ensure, traits::Get},
	sp_runtime::traits::{Saturating, Zero},
};

impl<T: Config> Pallet<T> {
	/// Why an authorised node may not peer now, if it may not: every node checks it (through
	/// [`Pallet::allowed_peers`]) at each new best block and every few seconds, so that a
	/// node is disconnected as soon as its organisation's standing or its owner's agency
	/// ends — but for a node a validator of the current or next session owns, which stays
	/// until the validator set drops that validator ([`Config::SessionValidators`]).
	pub fn left_out(info: &NodeInfo<T>) -> Option<StandingError> {
		let organisation = info.organisation?;
		if T::SessionValidators::contains(&info.owner) {
			return None;
		}
		T::Accreditation::ensure_acts_for(&info.owner, organisation).err()
	}

	/// The nodes `node` may peer with now, by the chain's state; `None` while the chain
	/// authorises no node at all (an open network, as a development chain's).
	///
	/// - an authorised node that may peer: every other authorised node that may, and its
	///   own connections (those that are not authorised nodes themselves);
	/// - an authorised node that is left out: every authorised node that may peer (they
	///   refuse it until it may peer again; it keeps trying them);
	/// - any other node: none (the chain gives it no peer; a node adds those its operator
	///   names, `--bootnodes` and `--reserved-nodes`, which accept it only if the chain
	///   lets them: a connection's host does).
	pub fn allowed_peers(node: &NodeId) -> Option<Vec<NodeId>> {
		if Nodes::<T>::count() == 0 {
			return None;
		}
		let nodes: Vec<(NodeId, NodeInfo<T>)> = Nodes::<T>::iter().collect();
		let eligible: BTreeSet<NodeId> = nodes
			.iter()
			.filter(|(_, info)| Self::left_out(info).is_none())
			.map(|(id, _)| *id)
			.collect();
		let mut peers = eligible.clone();
		peers.remove(node);
		match nodes.iter().find(|(id, _)| id == node) {
			Some((_, info)) if eligible.contains(node) => peers.extend(
				info.connections
					.iter()
					.filter(|peer| !nodes.iter().any(|(id, _)| id == *peer))
					.copied(),
			),
			Some(_) => {},
			None => peers.clear(),
		}
		Some(peers.into_iter().collect())
	}

	/// Checks the invariants: the counter counts the nodes, no more than the bound; no node
	/// is its own connection; a node with no connections holds no deposit; what each owner
	/// has on hold for connections is the sum of its nodes' deposits.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let mut count = 0u32;
		let mut held = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (node, info) in Nodes::<T>::iter() {
			count += 1;
			let owner = held.entry(info.owner.clone()).or_default();
			*owner = owner.saturating_add(info.deposit);
			ensure!(!info.connections.contains(&node), "a node is its own connection");
			ensure!(
				!info.connections.is_empty() || info.deposit.is_zero(),
				"a deposit held for no connection"
			);
		}
		ensure!(count == Nodes::<T>::count(), "the node counter is wrong");
		for (owner, deposits) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ConnectionDeposit.into(), &owner)
					== deposits,
				"an owner's connection hold is not its nodes' deposits"
			);
		}
		ensure!(count <= T::MaxNodes::get(), "too many nodes");
		Ok(())
	}
}
