//! A forkless runtime upgrade through the council on the four-validator local testnet: the
//! council authorises the new runtime's hash by a two-thirds motion dispatched as root, anyone
//! submits the code, and every node runs it without a restart; blocks go on, and what was
//! written before reads back after.

use super::{as_signer, eventually, motion, ok, tokens::organisation};
use healthchain_e2e::{upgrade_test_runtime, Network, Node};
use std::time::{Duration, Instant};

/// The runtime a node runs (`healthchain/<spec_version>`).
fn runtime(node: &Node) -> String {
	let status = ok(node.client(&["status"]).expect("client runs"));
	status.json["runtime"].as_str().expect("a runtime").to_string()
}

#[test]
fn a_runtime_upgrade_through_the_council_runs_on_every_node_without_a_restart() {
	let network = Network::start_local().expect("the local testnet's validators finalize");
	let [alice, _, _, dave] = [0, 1, 2, 3].map(|i| &network.nodes[i]);
	let wasm = upgrade_test_runtime().expect("the upgrade-test runtime is built");
	let wasm = wasm.to_str().expect("a UTF-8 path");

	// Before: every node runs the runtime this build embeds (not the test one beside it).
	let before = runtime(alice);
	let version: u32 = before.strip_prefix("healthchain/").expect("healthchain").parse().unwrap();
	for node in &network.nodes {
		assert_eq!(runtime(node), before);
	}

	// Data written before the upgrade: an organisation.
	let org = organisation(alice, "//Eve", "hospital", &[]);

	// Nothing authorised yet: the code is refused, whoever submits it.
	let early = as_signer(dave, "//Ferdie", &["upgrade", "apply", wasm]);
	assert_eq!(early.error(), Some("system.NothingAuthorized"), "{}", early.json);

	// The council authorises its hash (a two-thirds motion, dispatched as root).
	let authorised = motion(&network, &["upgrade", "authorize", wasm]);
	let dispatched =
		authorised.event("Consortium", "DispatchedAsRoot").expect("dispatched as root");
	assert!(dispatched["fields"]["result"].to_string().contains("Ok"), "{dispatched}");
	assert!(authorised.event("System", "UpgradeAuthorized").is_some(), "{}", authorised.json);

	// Anyone submits the code.
	let applied = ok(as_signer(dave, "//Ferdie", &["upgrade", "apply", wasm]));
	assert!(applied.event("System", "CodeUpdated").is_some(), "{}", applied.json);
	let at = applied.json["outcome"]["block_number"].as_u64().expect("a block");

	// Every node runs it, without a restart; blocks go on and are finalized on every node.
	let after = format!("healthchain/{}", version + 1);
	let began = Instant::now();
	for node in &network.nodes {
		assert!(
			eventually(Duration::from_secs(60), || runtime(node) == after),
			"{} still runs {}",
			node.url(),
			runtime(node)
		);
	}
	for node in &network.nodes {
		assert!(
			eventually(Duration::from_secs(90), || node.finalized().unwrap_or(0) >= at + 3),
			"finality goes on after the upgrade on {}\n{}",
			node.url(),
			node.log_tail()
		);
	}
	println!("upgraded at #{at}; every node finalized #{} {:?} later", at + 3, began.elapsed());

	// What was written before reads back, and the chain takes new transactions.
	let whois = ok(alice.client(&["registry", "whois", "eve"]).expect("client runs"));
	assert_eq!(whois.json["organisation"].to_string(), org, "{}", whois.json);
	let more = organisation(dave, "//Ferdie", "pharmacy", &[]);
	assert_ne!(more, org);
}
