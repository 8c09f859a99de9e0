//! The consortium council on the four-validator local testnet, where one vote is not enough:
//! a motion is proposed, refused while short of its threshold, voted on by the other members
//! and closed, and only then does its call execute. Then, on the same network, a forkless
//! runtime upgrade through the council: it authorises the new runtime's hash by a two-thirds
//! motion dispatched as root, anyone submits the code, and every node runs it without a
//! restart; blocks go on, and what was written before reads back after. One network serves
//! both (a four-validator network is the suite's dearest part); the test needs the
//! upgrade-test runtime, built apart from the test build: see below.

use super::{account, as_signer, eventually, motion, ok, registry::check, tokens::organisation};
use healthchain_e2e::{upgrade_test_runtime, Network, Node};
use std::time::{Duration, Instant};

/// The runtime a node runs (`healthchain/<spec_version>`).
fn runtime(node: &Node) -> String {
	let status = ok(node.client(&["status"]).expect("client runs"));
	status.json["runtime"].as_str().expect("a runtime").to_string()
}

/// Ignored unless asked for: it needs the upgrade-test runtime, which the test build does not
/// build (`cargo build -p healthchain-runtime-upgrade-test`; `scripts/test.sh` builds it first
/// of its background builds, and runs this test beside the others as soon as it is built).
#[test]
#[ignore = "needs the upgrade-test runtime: cargo build -p healthchain-runtime-upgrade-test"]
fn a_council_motion_needs_two_thirds_and_upgrades_the_runtime_on_every_node() {
	let wasm = upgrade_test_runtime().expect("the upgrade-test runtime is built");
	let wasm = wasm.to_str().expect("a UTF-8 path");
	let network = Network::start_local().expect("the local testnet's validators finalize");
	council_motion(&network);
	runtime_upgrade(&network, wasm);
}

/// A motion needs three of the four members' votes, then anyone closes it and it executes.
fn council_motion(network: &Network) {
	let [alice, bob, charlie, dave] = [0, 1, 2, 3].map(|i| &network.nodes[i]);

	// Eve (no seat) registers a hospital; Dave's node serves her: the network is one chain.
	let org = organisation(dave, "//Eve", "hospital", &[]);

	// Alice proposes the accreditation. A proposal is not a vote (pallet-collective counts
	// none for the proposer): three of the four members must vote for it.
	let proposed = ok(as_signer(
		alice,
		"//Alice",
		&["registry", "accredit", &org, "provider", "--valid-until", "+1d", "--via", "council"],
	));
	let motion =
		&proposed.event("Council", "Proposed").expect("a motion, not an execution")["fields"];
	assert_eq!(motion["threshold"], 3, "two thirds of four members: {motion}");
	let hash = motion["proposal_hash"].as_str().expect("hash").to_string();
	let index = motion["proposal_index"].to_string();
	assert!(proposed.event("Council", "Executed").is_none());
	assert_eq!(
		check(alice, "eve", "provider")["permitted"],
		false,
		"not accredited on a proposal alone"
	);

	// Alice and Bob vote for it, each through their own node: two of three.
	ok(as_signer(alice, "//Alice", &["council", "vote", &hash, &index]));
	let voted = ok(as_signer(bob, "//Bob", &["council", "vote", &hash, &index]));
	assert_eq!(voted.event("Council", "Voted").expect("voted")["fields"]["yes"], 2);

	// Closing short of the threshold (and before the motion's end) is refused.
	let early = as_signer(dave, "//Dave", &["council", "close", &hash, &index]);
	assert_eq!(early.error(), Some("council.TooEarly"), "{}", early.json);
	assert_eq!(check(dave, "eve", "provider")["permitted"], false);

	// Someone without a seat cannot vote.
	let outsider = as_signer(bob, "//Eve", &["council", "vote", &hash, &index]);
	assert_eq!(outsider.error(), Some("council.NotMember"), "{}", outsider.json);

	// Charlie's vote makes three; then anyone closes it, and the call executes.
	ok(as_signer(charlie, "//Charlie", &["council", "vote", &hash, &index]));
	let closed = ok(as_signer(dave, "//Dave", &["council", "close", &hash, &index]));
	assert!(closed.event("Council", "Closed").is_some(), "{}", closed.json);
	assert!(closed.event("Council", "Executed").is_some(), "{}", closed.json);
	assert!(closed.event("Registry", "AccreditationGranted").is_some(), "{}", closed.json);
	// Item 13 of the second review: the motion held a deposit from its proposer (one member
	// could otherwise fill the proposal slots for nothing), returned as it closed.
	let held = proposed.event("Balances", "Held").expect("a proposal deposit held");
	assert_eq!(held["fields"]["who"], account(alice, "//Alice"), "{}", proposed.json);
	let released = closed.event("Council", "ProposalCostReleased").expect("deposit returned");
	assert_eq!(released["fields"]["who"], account(alice, "//Alice"), "{}", closed.json);
	assert_eq!(
		check(charlie, "eve", "provider")["permitted"],
		true,
		"accredited once the motion executed"
	);
}

/// A forkless upgrade authorised by a council motion: every node runs it without a restart.
fn runtime_upgrade(network: &Network, wasm: &str) {
	let [alice, _, _, dave] = [0, 1, 2, 3].map(|i| &network.nodes[i]);

	// Before: every node runs the runtime this build embeds (not the test one beside it).
	let before = runtime(alice);
	let version: u32 = before.strip_prefix("healthchain/").expect("healthchain").parse().unwrap();
	for node in &network.nodes {
		assert_eq!(runtime(node), before);
	}

	// Data written before the upgrade: an organisation (Ferdie's).
	let org = organisation(alice, "//Ferdie", "pharmacy", &[]);

	// Nothing authorised yet: the code is refused, whoever submits it.
	let early = as_signer(dave, "//Ferdie", &["upgrade", "apply", wasm]);
	assert_eq!(early.error(), Some("system.NothingAuthorized"), "{}", early.json);

	// The council authorises its hash (a two-thirds motion, dispatched as root).
	let authorised = motion(network, &["upgrade", "authorize", wasm]);
	let dispatched =
		authorised.event("Consortium", "DispatchedAsRoot").expect("dispatched as root");
	assert!(dispatched["fields"]["result"].get("ok").is_some(), "{dispatched}");
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
	let whois = ok(alice.client(&["registry", "whois", "ferdie"]).expect("client runs"));
	assert_eq!(whois.json["organisation"].to_string(), org, "{}", whois.json);
	let more = organisation(dave, "//Dave", "laboratory", &[]);
	assert_ne!(more, org);
}
