//! End-to-end tests: real nodes driven through the real client.
//!
//! One test binary, so that libtest runs every test in parallel (`scripts/test.sh` passes
//! `--test-threads`): the nodes mostly wait for their six-second slots, so the suite takes as
//! long as its longest test rather than the sum of all.

mod chain_spec;
mod consent;
mod council;
mod deposits;
mod insurance;
mod network;
mod operator;
mod readme;
mod registry;
mod tokens;
mod trials;
mod validators;
mod wallet;

use healthchain_e2e::{ClientRun, Node};

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
