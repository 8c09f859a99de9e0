//! The permissioned network on the four-validator local testnet: only the nodes the chain
//! authorises peer. A fifth node gets no peer and no block until the council authorises it
//! (as an accredited organisation's node, owned by its admin); then it syncs; only its owner
//! adds connections to it; when the council removes it, the others drop it.

use super::{as_signer, ok, tokens::organisation};
use healthchain_e2e::{local_peer_id, ClientRun, Network, Node};
use std::time::{Duration, Instant};

/// Pass `args` (a consortium command) as a council motion: Alice proposes, Alice, Bob and
/// Charlie vote (three of four, side by side, each through its own node), Dave closes; the
/// close's run (finalized). The proposal and the votes wait for a best block only: the close
/// is refused unless they are in the chain it builds on.
fn motion(network: &Network, args: &[&str]) -> ClientRun {
	let [alice, bob, charlie, dave] = [0, 1, 2, 3].map(|i| &network.nodes[i]);
	let proposed = ok(as_signer(alice, "//Alice", &[&["--wait", "in-block"], args].concat()));
	let motion = &proposed.event("Council", "Proposed").expect("a motion")["fields"];
	let hash = motion["proposal_hash"].as_str().expect("hash").to_string();
	let index = motion["proposal_index"].to_string();
	std::thread::scope(|scope| {
		for (node, suri) in [(alice, "//Alice"), (bob, "//Bob"), (charlie, "//Charlie")] {
			let (hash, index) = (&hash, &index);
			scope.spawn(move || {
				ok(as_signer(node, suri, &["--wait", "in-block", "council", "vote", hash, index]))
			});
		}
	});
	let closed = ok(as_signer(dave, "//Dave", &["council", "close", &hash, &index]));
	assert!(closed.event("Council", "Executed").is_some(), "{}", closed.json);
	closed
}

/// Whether `check` holds within `timeout` (polled every second).
fn eventually(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
	let start = Instant::now();
	while start.elapsed() < timeout {
		if check() {
			return true;
		}
		std::thread::sleep(Duration::from_secs(1));
	}
	check()
}

fn account(node: &Node, suri: &str) -> String {
	let run = ok(node.client(&["--suri", suri, "account"]).expect("client runs"));
	run.json["account"].as_str().expect("an account").to_string()
}

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
	let stranger = network.start_node(5).expect("the fifth node starts");
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

	// The council removes it: the others drop it, and it falls behind.
	let removed = motion(&network, &["node", "remove", &stranger_id]);
	assert!(removed.event("NodeAuthorisation", "NodeRemoved").is_some());
	assert!(
		eventually(Duration::from_secs(60), || stranger.peers().unwrap_or(1) == 0),
		"the removed node is dropped\n{}",
		stranger.log_tail()
	);
	let stopped = stranger.best().expect("best");
	assert!(
		eventually(Duration::from_secs(90), || alice.best().unwrap_or(0) >= stopped + 3),
		"the network goes on"
	);
	assert!(stranger.best().expect("best") <= stopped + 1, "the removed node gets no new block");
}
