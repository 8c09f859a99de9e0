//! The node authorisation's rules, and the attacks on them: only the consortium authorises and
//! removes nodes; a node is an organisation's, run by an account that acts for it; it stops
//! peering as soon as that organisation's standing or its owner's agency ends (every node asks
//! `allowed_peers` of its best block); only a node's owner adds connections to it, for a deposit,
//! and of the authorised nodes they peer with that node alone.

mod connections;
mod nodes;
mod peering;

pub(crate) use crate::{mock::*, Error, Event, NodeId, NodeIdError, Nodes};
pub(crate) use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
pub(crate) use healthchain_primitives::StandingError::*;

pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::NodeAuthorisation(e) => Some(e),
			_ => None,
		})
		.collect()
}

pub(crate) fn authorise(node: NodeId, owner: u64, org: u32) -> sp_runtime::DispatchResult {
	NodeAuthorisation::authorise_node(RuntimeOrigin::root(), node, owner, org)
}

pub(crate) fn list(
	nodes: &[NodeId],
) -> BoundedVec<NodeId, frame_support::traits::ConstU32<MAX_CONNECTIONS>> {
	nodes.to_vec().try_into().unwrap()
}

pub(crate) fn add_connections(
	who: u64,
	node: NodeId,
	peers: &[NodeId],
) -> sp_runtime::DispatchResult {
	NodeAuthorisation::add_connections(RuntimeOrigin::signed(who), node, list(peers))
}

pub(crate) fn remove_connections(
	who: u64,
	node: NodeId,
	peers: &[NodeId],
) -> sp_runtime::DispatchResult {
	NodeAuthorisation::remove_connections(RuntimeOrigin::signed(who), node, list(peers))
}

pub(crate) fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&crate::HoldReason::ConnectionDeposit.into(), &who)
}

pub(crate) fn peers(node: NodeId) -> Option<Vec<NodeId>> {
	NodeAuthorisation::allowed_peers(&node)
}

/// The hospital's node (run by its operator) and the insurer's (run by its admin) authorised.
pub(crate) fn authorise_both() {
	assert_ok!(authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG));
	assert_ok!(authorise(INSURER_NODE, INSURER, INSURER_ORG));
}

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	sp_io::TestExternalities::default().execute_with(|| {
		<NodeAuthorisation as Hooks<u64>>::integrity_test();
	});
}
