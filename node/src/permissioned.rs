//! The permissioned network, on the node's side: this node peers (on the block-announce
//! protocol, which GRANDPA's and the transactions' protocols follow) only with the nodes the
//! chain allows it (`pallet-node-authorisation`'s `allowed_peers`, asked of the best block).
//!
//! Not `pallet-node-authorization`'s offchain worker: that calls `set_authorized_only(true)`
//! at every block, which on litep2p (the default network backend) marks every connected peer
//! as closing, so that a peer later removed from the allowed set is never disconnected; the
//! worker runs only after a block is imported (a restarted node would accept anyone until it
//! had caught up) and in parallel (an older block's set can land after a newer one's). Here a
//! node whose chain authorises nodes starts refusing every other peer (`--reserved-only`, set
//! before its network starts), and one task updates the allowed set, in order, at every new
//! best block and every few seconds (imports during the initial sync notify nobody).

use crate::service::FullClient;
use pallet_node_authorisation::NodeId;
use pallet_node_authorisation_runtime_api::NodeAuthorisationApi;
use sc_client_api::{BlockchainEvents, HeaderBackend};
use sc_network::{
	config::{NodeKeyConfig, NonReservedPeerMode, Secret},
	service::traits::NetworkService,
	PeerId,
};
use sp_api::ProvideRuntimeApi;
use std::{collections::HashSet, sync::Arc, time::Duration};

const LOG_TARGET: &str = "node-authorisation";

/// How often the allowed set is checked besides at each new best block.
const RECHECK: Duration = Duration::from_secs(6);

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

/// The nodes the chain allows `node` to peer with at the best block; `None` while it authorises
/// none (an open network), or if the runtime has no node authorisation.
pub fn allowed_peers(client: &FullClient, node: NodeId) -> Option<Vec<NodeId>> {
	let best = client.info().best_hash;
	match client.runtime_api().allowed_peers(best, node) {
		Ok(allowed) => allowed,
		Err(error) => {
			log::debug!(target: LOG_TARGET, "no allowed_peers at the best block: {error}");
			None
		},
	}
}

/// Whether the node starts refusing every peer but those it allows (`--reserved-only`): when
/// its chain authorises nodes at its best block.
pub fn restrict_at_start(
	client: &FullClient,
	key: &NodeKeyConfig,
	mode: &mut NonReservedPeerMode,
) -> Result<bool, String> {
	// Whether the chain restricts peering does not depend on who asks.
	let me = node_id(key)?.unwrap_or(NodeId([0; 32]));
	let restricted = allowed_peers(client, me).is_some();
	if restricted {
		*mode = NonReservedPeerMode::Deny;
	}
	Ok(restricted)
}

/// What to do with the allowed set `allowed` the chain gives now, when `applied` was applied
/// last and the node started `restricted` or not.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
	/// Nothing has changed (or the chain still authorises no node).
	Keep,
	/// Allow exactly these peers.
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

/// Keep the network's allowed peers to the chain's, at every new best block and every
/// [`RECHECK`].
pub async fn run(client: Arc<FullClient>, network: Arc<dyn NetworkService>, restricted: bool) {
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
	let mut warned = false;
	loop {
		match step(restricted, applied.as_ref(), allowed_peers(&client, me)) {
			Step::Keep => {},
			Step::Allow(allowed) => {
				let peers: HashSet<PeerId> = allowed
					.iter()
					.filter_map(|node| PeerId::from_bytes(&node.peer_id_bytes()).ok())
					.collect();
				log::info!(
					target: LOG_TARGET,
					"node {me}: peering only with the {} nodes the chain allows",
					peers.len()
				);
				network.set_authorized_peers(peers);
				applied = Some(allowed);
			},
			Step::RestartToRestrict if !warned => {
				log::warn!(
					target: LOG_TARGET,
					"the chain now authorises nodes, but node {me} started open: restart it to \
					 peer only with the nodes the chain allows"
				);
				warned = true;
			},
			Step::RestartToOpen if !warned => {
				log::warn!(
					target: LOG_TARGET,
					"the chain authorises no node any more: node {me} keeps its last allowed peers \
					 until it is restarted"
				);
				warned = true;
			},
			Step::RestartToRestrict | Step::RestartToOpen => {},
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
		// Nothing allowed at all (a left-out node's chain with one node) is a set like any.
		assert_eq!(step(true, Some(&a), Some(vec![])), Step::Allow(vec![]));
		assert_eq!(step(true, Some(&a), None), Step::RestartToOpen);
		// An open node stays open.
		assert_eq!(step(false, None, None), Step::Keep);
		assert_eq!(step(false, None, Some(a)), Step::RestartToRestrict);
	}
}
