//! The permissioned network on the four-validator local testnet: only the nodes the chain
//! authorises peer. A fifth node gets no peer and no block until the council authorises it
//! (as an accredited organisation's node, owned by its admin); then it syncs; only its owner
//! adds connections to it; when the council removes it, the others drop it.

use super::{account, as_signer, eventually, motion, ok, tokens::organisation};
use healthchain_e2e::{local_peer_id, Network};
use std::time::{Duration, Instant};

#[test]
fn only_nodes_the_consortium_authorises_can_peer() {
	let network = Network::start_local().expect("the local testnet's validators finalize");
	let alice = &network.nodes[0];

	// The chain authorises the four validators' nodes (node keys 1 to 4), each owned by its
	// validator's account; a node tells its own peer id.
	let listed = ok(alice.client(&["node", "list"]).expect("client runs"));
	let nodes = listed.json["nodes"].as_array().expect("nodes").clone();
	assert_eq!(nodes.len(), 4, "{}", listed.json);
	let alice_id = local_peer_id(1).expect("peer id");
	let entry = nodes.iter().find(|n| n["node"] == alice_id.as_str()).expect("Alice's node");
	assert_eq!(entry["owner"], account(alice, "//Alice"));
	assert_eq!(entry["organisation"], serde_json::Value::Null, "a founding member's node");
	let told = ok(alice.client(&["node", "peer-id"]).expect("client runs"));
	assert_eq!(told.json["peer_id"], alice_id.as_str());

	// A fifth node, with a node key the chain does not authorise, pointed at Alice's node.
	let stranger_id = local_peer_id(5).expect("peer id");
	let stranger = network.start_node(5, &[]).expect("the fifth node starts");
	let start = alice.finalized().expect("finalized");

	// Meanwhile, Eve's hospital, accredited by the council.
	let org = organisation(alice, "//Eve", "hospital", &[]);
	motion(&network, &["registry", "accredit", &org, "provider", "--valid-until", "+1d"]);
	let eve = account(alice, "//Eve");

	// All that while, the network went on and the fifth node got no peer and no block.
	assert!(alice.finalized().expect("finalized") >= start + 3, "the network finalizes on");
	assert_eq!(stranger.peers().expect("health"), 0, "no authorised node accepts it");
	assert_eq!(stranger.best().expect("best"), 0, "it gets no block");
	assert_eq!(alice.peers().expect("health"), 3, "Alice's node peers with the three others only");

	// The council authorises it as the hospital's node, owned by Eve (its admin).
	let authorised = motion(&network, &["node", "authorise", &stranger_id, &eve, &org]);
	let event = &authorised.event("NodeAuthorisation", "NodeAuthorised").expect("authorised");
	assert_eq!(event["fields"]["owner"], eve.as_str(), "{event}");

	// Now it peers and syncs.
	let target = alice.finalized().expect("finalized");
	let began = Instant::now();
	assert!(
		eventually(Duration::from_secs(120), || {
			stranger.best().unwrap_or(0) >= target && stranger.peers().unwrap_or(0) >= 1
		}),
		"the authorised node syncs to #{target}: best #{:?}, {:?} peers\n{}",
		stranger.best(),
		stranger.peers(),
		stranger.log_tail()
	);
	println!(
		"the authorised node synced to #{target} {:?} after the motion's close was finalized",
		began.elapsed()
	);

	// Only its owner adds connections to it, for a deposit.
	let archive = local_peer_id(6).expect("peer id");
	let rogue = as_signer(alice, "//Ferdie", &["node", "connect", &stranger_id, &archive]);
	assert_eq!(rogue.error(), Some("nodeauthorisation.NotOwner"), "{}", rogue.json);
	let connected = ok(as_signer(alice, "//Eve", &["node", "connect", &stranger_id, &archive]));
	assert!(connected.event("NodeAuthorisation", "ConnectionsAdded").is_some());
	let held = connected.event("Balances", "Held").expect("a deposit held");
	assert_eq!(held["fields"]["who"], eve.as_str(), "{held}");

	// The connection, a node of Eve's naming her node (and Alice's, as every node does here):
	// it syncs through Eve's node, and Alice's node does not accept it.
	let host = stranger.p2p_address(5).expect("address");
	let connection =
		network.start_node(6, &["--reserved-nodes".into(), host]).expect("the connection starts");
	let target = alice.finalized().expect("finalized");
	assert!(
		eventually(Duration::from_secs(120), || connection.best().unwrap_or(0) >= target),
		"the connection syncs through its host to #{target}: best {:?}\n{}",
		connection.best(),
		connection.log_tail()
	);
	assert_eq!(connection.peers().expect("health"), 1, "its host alone");
	assert_eq!(alice.peers().expect("health"), 4, "the three validators and Eve's node");

	// The council removes it: the others drop it, and it falls behind.
	let removed = motion(&network, &["node", "remove", &stranger_id]);
	assert!(removed.event("NodeAuthorisation", "NodeRemoved").is_some());
	// (`system_peers`: the peer ids a node syncs with.)
	let peer_ids = |node: &healthchain_e2e::Node| -> Vec<String> {
		let peers = node.rpc("system_peers", serde_json::json!([])).expect("system_peers");
		peers
			.as_array()
			.into_iter()
			.flatten()
			.filter_map(|peer| peer["peerId"].as_str())
			.map(str::to_string)
			.collect()
	};
	let validators: Vec<String> = (1..=4).map(|key| local_peer_id(key).expect("peer id")).collect();
	assert!(
		eventually(Duration::from_secs(60), || {
			network.nodes.iter().all(|node| !peer_ids(node).contains(&stranger_id))
				&& !peer_ids(&stranger).iter().any(|peer| validators.contains(peer))
		}),
		"the removed node is dropped by every validator's node: it syncs with {:?}\n{}",
		peer_ids(&stranger),
		stranger.log_tail()
	);
	println!("the removed node still syncs with {:?} (its own connection)", peer_ids(&stranger));
	let stopped = stranger.best().expect("best");
	assert!(
		eventually(Duration::from_secs(90), || alice.best().unwrap_or(0) >= stopped + 3),
		"the network goes on"
	);
	assert!(stranger.best().expect("best") <= stopped + 1, "the removed node gets no new block");
}
