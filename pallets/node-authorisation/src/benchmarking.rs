//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case: the
//! owner's organisation to check, a full node list, full connection sets.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedBTreeSet, BoundedVec,
};
use sp_runtime::traits::{Bounded, Saturating, Zero};

fn consortium<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A distinct node for every `i`.
fn node(i: u32) -> NodeId {
	let mut key = [0u8; 32];
	key[..4].copy_from_slice(&i.to_le_bytes());
	key[31] = 0xff;
	NodeId(key)
}

/// `n` nodes of the founding kind (no organisation), each with `connection` as a connection
/// if given.
fn fill<T: Config>(n: u32, connection: Option<NodeId>) {
	let owner: T::AccountId = account("founder", 0, 0);
	for i in 0..n {
		let mut connections = BoundedBTreeSet::new();
		if let Some(connection) = connection {
			let _ = connections.try_insert(connection);
		}
		Nodes::<T>::insert(
			node(1_000 + i),
			NodeInfo {
				owner: owner.clone(),
				organisation: None,
				connections,
				deposit: Zero::zero(),
			},
		);
	}
}

/// `n` nodes, each of its own owner, each with `connection` as its one connection and that
/// connection's deposit held from its owner: taking `connection` out of them releases a
/// deposit to every one of `n` distinct accounts (the worst case of `authorise_node`).
fn fill_with_deposits<T: Config>(n: u32, connection: NodeId) -> Result<(), BenchmarkError> {
	use frame_support::traits::fungible::MutateHold;
	let deposit = T::ConnectionDeposit::get();
	for i in 0..n {
		let owner: T::AccountId = account("host-owner", i, 0);
		// Enough for the deposit and the existential deposit (not a share of the maximum:
		// `n` such accounts would overflow the total issuance).
		let funds =
			T::Currency::minimum_balance().saturating_add(deposit).saturating_mul(10u32.into());
		T::Currency::set_balance(&owner, funds);
		T::Currency::hold(&HoldReason::ConnectionDeposit.into(), &owner, deposit)?;
		let mut connections = BoundedBTreeSet::new();
		connections.try_insert(connection).map_err(|_| BenchmarkError::Weightless)?;
		Nodes::<T>::insert(
			node(1_000 + i),
			NodeInfo { owner, organisation: None, connections, deposit },
		);
	}
	Ok(())
}

/// `owner`, funded, running `node` for a fresh organisation in good standing.
fn owned_node<T: Config>(owner: &T::AccountId, node: NodeId) -> Result<(), BenchmarkError> {
	T::Currency::set_balance(owner, BalanceOf::<T>::max_value() / 4u32.into());
	let organisation = T::Accreditation::make_in_good_standing_at_most_cost(owner);
	Nodes::<T>::insert(
		node,
		NodeInfo {
			owner: owner.clone(),
			organisation: Some(organisation),
			connections: Default::default(),
			deposit: Zero::zero(),
		},
	);
	Ok(())
}

fn connections<T: Config>(
	from: u32,
	n: u32,
) -> Result<BoundedVec<NodeId, T::MaxConnections>, BenchmarkError> {
	(from..from + n)
		.map(node)
		.collect::<Vec<_>>()
		.try_into()
		.map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;
	use frame_support::traits::fungible::InspectHold;

	/// Into a list one short of full, every node of which names the new one as a connection,
	/// each of its own owner with the connection's deposit held: the connection is taken out
	/// of every one, and a deposit released to every owner.
	#[benchmark]
	fn authorise_node() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		fill_with_deposits::<T>(T::MaxNodes::get().saturating_sub(1), node(0))?;
		let owner: T::AccountId = account("owner", 0, 0);
		let organisation = T::Accreditation::make_in_good_standing_at_most_cost(&owner);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, node(0), owner, organisation);
		assert_eq!(Nodes::<T>::count(), T::MaxNodes::get());
		assert!(Nodes::<T>::iter().all(|(_, info)| !info.connections.contains(&node(0))));
		let host: T::AccountId = account("host-owner", 0, 0);
		assert!(
			T::Currency::balance_on_hold(&HoldReason::ConnectionDeposit.into(), &host).is_zero()
		);
		Ok(())
	}

	#[benchmark]
	fn remove_node() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let owner: T::AccountId = account("owner", 0, 0);
		owned_node::<T>(&owner, node(0))?;
		let full = connections::<T>(1, T::MaxConnections::get())?;
		Pallet::<T>::add_connections(
			frame_system::RawOrigin::Signed(owner.clone()).into(),
			node(0),
			full,
		)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, node(0));
		assert!(!Nodes::<T>::contains_key(node(0)));
		assert!(
			T::Currency::balance_on_hold(&HoldReason::ConnectionDeposit.into(), &owner).is_zero()
		);
		Ok(())
	}

	/// Adding `c` connections to a node that has as many as it may besides, in a full list of
	/// nodes (each connection is checked against it).
	#[benchmark]
	fn add_connections(c: Linear<1, { T::MaxConnections::get() }>) -> Result<(), BenchmarkError> {
		let max = T::MaxConnections::get();
		fill::<T>(T::MaxNodes::get().saturating_sub(1), None);
		let owner: T::AccountId = account("owner", 0, 0);
		owned_node::<T>(&owner, node(0))?;
		if c < max {
			Pallet::<T>::add_connections(
				frame_system::RawOrigin::Signed(owner.clone()).into(),
				node(0),
				connections::<T>(100, max - c)?,
			)?;
		}
		let added = connections::<T>(1, c)?;
		#[extrinsic_call]
		_(frame_system::RawOrigin::Signed(owner), node(0), added);
		assert_eq!(Nodes::<T>::get(node(0)).map(|i| i.connections.len() as u32), Some(max));
		Ok(())
	}

	/// Removing `c` connections from a node that has as many as it may.
	#[benchmark]
	fn remove_connections(
		c: Linear<1, { T::MaxConnections::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		owned_node::<T>(&owner, node(0))?;
		let max = T::MaxConnections::get();
		Pallet::<T>::add_connections(
			frame_system::RawOrigin::Signed(owner.clone()).into(),
			node(0),
			connections::<T>(1, max)?,
		)?;
		let removed = connections::<T>(1, c)?;
		#[extrinsic_call]
		_(frame_system::RawOrigin::Signed(owner), node(0), removed);
		assert_eq!(Nodes::<T>::get(node(0)).map(|i| i.connections.len() as u32), Some(max - c));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
