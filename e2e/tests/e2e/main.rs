//! End-to-end tests: real nodes driven through the real client.
//!
//! One test binary, so that libtest runs every test in parallel (`scripts/test.sh` passes
//! `--test-threads`): the nodes mostly wait for their six-second slots, so the suite takes as
//! long as its longest test rather than the sum of all.

mod chain_spec;
mod consent;
mod council;
mod deposits;
mod faults;
mod insurance;
mod network;
mod observer;
mod operator;
mod patients;
mod readme;
mod registry;
mod tokens;
mod trials;
mod validators;
mod wallet;

use healthchain_e2e::{ClientRun, Network, Node};
use std::time::{Duration, Instant};

/// Assert that the client succeeded; its run.
fn ok(run: ClientRun) -> ClientRun {
	assert!(run.ok(), "client failed: {:?}\n{}", run.json, run.stderr);
	run
}

/// Run the client against `node`, signing with `suri`.
fn as_signer(node: &Node, suri: &str, args: &[&str]) -> ClientRun {
	let mut full = vec!["--suri", suri];
	full.extend_from_slice(args);
	node.client(&full).expect("client runs")
}

/// Pass `args` (a consortium command) as a council motion: Alice proposes, Alice, Bob and
/// Charlie vote (three of four, side by side, each through its own node), Dave closes; the
/// close's run (finalized). The proposal and the votes wait for a best block only: the close
/// is refused unless they are in the chain it builds on.
fn motion(network: &Network, args: &[&str]) -> ClientRun {
	let [alice, bob, charlie, dave] = [0, 1, 2, 3].map(|i| &network.nodes[i]);
	motion_through([alice, bob, charlie, dave], args, "finalized")
}

/// [`motion`] with Alice, Bob, Charlie and Dave signing through `nodes` (in that order), the
/// close waiting `close_wait` (`finalized`, or `in-block` where finality has stalled).
fn motion_through(nodes: [&Node; 4], args: &[&str], close_wait: &str) -> ClientRun {
	let [alice, bob, charlie, dave] = nodes;
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
	let closed =
		ok(as_signer(dave, "//Dave", &["--wait", close_wait, "council", "close", &hash, &index]));
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
