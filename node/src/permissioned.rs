//! The permissioned network, on the node's side: this node peers (on the block-announce
//! protocol, which GRANDPA's and the transactions' protocols follow) only with the nodes the
//! chain allows it (`pallet-node-authorisation`'s `allowed_peers`, asked of its best block) and
//! those its operator names (`--bootnodes`, `--reserved-nodes`), which accept it only if the
//! chain lets them.
//!
//! Not `pallet-node-authorization`'s offchain worker: that calls `set_authorized_only(true)`
//! at every block, which on litep2p (the default network backend) marks every connected peer
//! as closing, so that a peer later removed from the allowed set is never disconnected; the
//! worker runs only after a block is imported (a restarted node would accept anyone until it
//! had caught up) and in parallel (an older block's set can land after a newer one's). Here a
//! node of a live chain, or of any chain that authorises nodes, starts refusing every other
//! peer (as `--reserved-only` would, set before its network starts), and one task updates the
//! allowed set, in order, at every new best block and every few seconds (imports during the
//! initial sync notify nobody). The operator's own peers are always allowed, so that a node
//! whose best block is old (a new node, a connection of a node authorised since, one that was
//! offline) can still reach a node that accepts it and catch up.

use crate::service::FullClient;
use healthchain_runtime::genesis_config_presets::LOCAL_NODE_KEYS;
use pallet_node_authorisation::NodeId;
use pallet_node_authorisation_runtime_api::NodeAuthorisationApi;
use sc_client_api::{BlockchainEvents, HeaderBackend};
use sc_network::{
	config::{NetworkConfiguration, NodeKeyConfig, NonReservedPeerMode, Secret},
	service::traits::NetworkService,
	PeerId,
};
use sp_api::ProvideRuntimeApi;
use std::{collections::BTreeSet, sync::Arc, time::Duration};

/// The sync service whose slots the allowed peers bypass.
pub type SyncService = sc_network_sync::SyncingService<healthchain_runtime::opaque::Block>;

const LOG_TARGET: &str = "node-authorisation";

/// How often the allowed set is checked besides at each new best block.
const RECHECK: Duration = Duration::from_secs(6);

/// Every this many checks the allowed set is handed to the network again even if unchanged
/// (should anything else have changed the network's reserved peers meanwhile).
const REAPPLY_EVERY: u32 = 10;

/// This node's identity as its network will have it, if the node key is fixed (`--node-key`,
/// `--node-key-file` or the base path's key file, created now if missing, as the network would);
/// `None` for a key generated anew at each start.
pub fn node_id(key: &NodeKeyConfig) -> Result<Option<NodeId>, String> {
	if matches!(key, NodeKeyConfig::Ed25519(Secret::New)) {
		return Ok(None);
	}
	let keypair =
		key.clone().into_keypair().map_err(|e| format!("cannot read the node key: {e}"))?;
	Ok(Some(NodeId(keypair.public().to_bytes())))
}

/// The nodes the chain allows `node` to peer with at the best block; `Ok(None)` while it
/// authorises none (an open network); an error if the runtime cannot say (no node
/// authorisation in it, or a failed call).
pub fn allowed_peers(client: &FullClient, node: NodeId) -> Result<Option<Vec<NodeId>>, String> {
	let best = client.info().best_hash;
	client.runtime_api().allowed_peers(best, node).map_err(|e| e.to_string())
}

/// The peers the operator names: `--bootnodes` and `--reserved-nodes`.
pub fn operator_peers(network: &NetworkConfiguration) -> BTreeSet<PeerId> {
	network
		.boot_nodes
		.iter()
		.chain(&network.default_peers_set.reserved_nodes)
		.map(|address| address.peer_id)
		.collect()
}

/// Whether the node starts refusing every peer but those it allows (as `--reserved-only`
/// would): on a live chain always (so that a runtime that cannot answer leaves it closed, not
/// open), on another when its chain authorises nodes at its best block.
/// `me` is this node's identity if known ([`node_id`]).
pub fn restrict_at_start(
	client: &FullClient,
	live: bool,
	me: Option<NodeId>,
	mode: &mut NonReservedPeerMode,
) -> bool {
	// Whether the chain restricts peering does not depend on who asks.
	let me = me.unwrap_or(NodeId([0; 32]));
	let restricted = match allowed_peers(client, me) {
		Ok(allowed) => live || allowed.is_some(),
		Err(error) => {
			log::error!(
				target: LOG_TARGET,
				"the runtime cannot say which nodes may peer ({error}); {}",
				if live { "peering only with the nodes given by flags" } else { "the network is open" }
			);
			live
		},
	};
	if restricted {
		*mode = NonReservedPeerMode::Deny;
	}
	restricted
}

/// What to do with the allowed set `allowed` the chain gives now, when `applied` was applied
/// last and the node started `restricted` or not.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
	/// Nothing has changed (or the chain still authorises no node).
	Keep,
	/// Allow exactly these peers (besides the operator's).
	Allow(Vec<NodeId>),
	/// The chain authorises nodes now, but this node started open: it must be restarted to
	/// refuse the others (switching at run time would leave litep2p unable to disconnect the
	/// peers connected at that moment).
	RestartToRestrict,
	/// The chain authorises no node any more; the node keeps its last allowed set until it is
	/// restarted (open).
	RestartToOpen,
}

/// The step from `applied` to `allowed`.
pub fn step(restricted: bool, applied: Option<&Vec<NodeId>>, allowed: Option<Vec<NodeId>>) -> Step {
	match (restricted, allowed) {
		(false, None) => Step::Keep,
		(false, Some(_)) => Step::RestartToRestrict,
		(true, None) => Step::RestartToOpen,
		(true, Some(allowed)) if applied == Some(&allowed) => Step::Keep,
		(true, Some(allowed)) => Step::Allow(allowed),
	}
}

/// The peers to hand the network: the chain's (less the local testnet's node keys on a live
/// chain: their secrets are public) and the operator's.
pub fn peer_set(allowed: &[NodeId], live: bool, operator: &BTreeSet<PeerId>) -> BTreeSet<PeerId> {
	allowed
		.iter()
		.filter(|node| !(live && LOCAL_NODE_KEYS.contains(&node.0)))
		.filter_map(|node| PeerId::from_bytes(&node.peer_id_bytes()).ok())
		.chain(operator.iter().copied())
		.collect()
}

/// Keep the network's allowed peers to the chain's, at every new best block and every
/// [`RECHECK`].
pub async fn run(
	client: Arc<FullClient>,
	network: Arc<dyn NetworkService>,
	sync: Arc<SyncService>,
	restricted: bool,
	live: bool,
	operator: BTreeSet<PeerId>,
) {
	use futures::{FutureExt, StreamExt};
	let me = match NodeId::from_peer_id_bytes(&network.local_peer_id().to_bytes()) {
		Ok(me) => me,
		Err(error) => {
			log::error!(target: LOG_TARGET, "this node's peer id is not an ed25519 one: {error}");
			return;
		},
	};
	let mut imports =
		client.import_notification_stream().filter(|n| futures::future::ready(n.is_new_best));
	let mut applied: Option<Vec<NodeId>> = None;
	let (mut warned_restart, mut warned_error) = (false, false);
	for round in 0u32.. {
		let allowed = match allowed_peers(&client, me) {
			Ok(allowed) => {
				warned_error = false;
				allowed
			},
			Err(error) => {
				if !warned_error {
					log::warn!(
						target: LOG_TARGET,
						"the runtime cannot say which nodes may peer ({error}): keeping the last set"
					);
					warned_error = true;
				}
				applied.clone().or(if restricted { Some(Vec::new()) } else { None })
			},
		};
		// A live chain that authorises no node: the operator's peers only.
		let allowed = if live { allowed.or(Some(Vec::new())) } else { allowed };
		let step = match step(restricted, applied.as_ref(), allowed) {
			Step::Keep if restricted && round % REAPPLY_EVERY == 0 => {
				applied.clone().map(Step::Allow).unwrap_or(Step::Keep)
			},
			step => step,
		};
		match step {
			Step::Keep => {},
			Step::Allow(allowed) => {
				let peers = peer_set(&allowed, live, &operator);
				if applied.as_ref() != Some(&allowed) {
					log::info!(
						target: LOG_TARGET,
						"node {me}: peering only with {} nodes ({} the chain allows, and those \
						 the flags name)",
						peers.len(),
						allowed.len()
					);
				}
				// In lockstep: the network's reserved set, and the sync engine's no-slot peers
				// (or it would count them against --in-peers/--out-peers).
				sync.set_no_slot_peers(peers.iter().copied().collect());
				network.set_authorized_peers(peers.into_iter().collect());
				applied = Some(allowed);
			},
			Step::RestartToRestrict | Step::RestartToOpen if warned_restart => {},
			Step::RestartToRestrict => {
				log::warn!(
					target: LOG_TARGET,
					"the chain authorises nodes now, but node {me} started open: restart it to \
					 peer only with the nodes the chain allows"
				);
				warned_restart = true;
			},
			Step::RestartToOpen => {
				log::warn!(
					target: LOG_TARGET,
					"the chain authorises no node any more: node {me} keeps its last allowed \
					 peers until it is restarted"
				);
				warned_restart = true;
			},
		}
		futures::select! {
			_ = imports.next().fuse() => {},
			_ = tokio::time::sleep(RECHECK).fuse() => {},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_allowed_set_is_applied_when_it_changes_and_never_switched_at_run_time() {
		let a = vec![NodeId([1; 32])];
		let b = vec![NodeId([1; 32]), NodeId([2; 32])];
		// A restricted node: the first set, a change, no change, a shrink.
		assert_eq!(step(true, None, Some(a.clone())), Step::Allow(a.clone()));
		assert_eq!(step(true, Some(&a), Some(b.clone())), Step::Allow(b.clone()));
		assert_eq!(step(true, Some(&b), Some(b.clone())), Step::Keep);
		assert_eq!(step(true, Some(&b), Some(a.clone())), Step::Allow(a.clone()));
		// Nothing allowed at all (an unauthorised node's) is a set like any.
		assert_eq!(step(true, Some(&a), Some(vec![])), Step::Allow(vec![]));
		assert_eq!(step(true, Some(&a), None), Step::RestartToOpen);
		// An open node stays open.
		assert_eq!(step(false, None, None), Step::Keep);
		assert_eq!(step(false, None, Some(a)), Step::RestartToRestrict);
	}
}

#[cfg(test)]
mod peer_set_tests {
	use super::*;

	#[test]
	fn the_operators_peers_are_kept_and_the_local_testnets_keys_dropped_on_a_live_chain() {
		let local = NodeId(LOCAL_NODE_KEYS[0]);
		let other = NodeId([7; 32]);
		let boot = PeerId::random();
		let operator = BTreeSet::from([boot]);
		let id = |n: NodeId| PeerId::from_bytes(&n.peer_id_bytes()).unwrap();
		assert_eq!(
			peer_set(&[local, other], false, &operator),
			BTreeSet::from([id(local), id(other), boot])
		);
		assert_eq!(peer_set(&[local, other], true, &operator), BTreeSet::from([id(other), boot]));
		assert_eq!(peer_set(&[], true, &operator), BTreeSet::from([boot]));
	}
}
