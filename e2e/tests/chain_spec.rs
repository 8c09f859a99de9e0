//! The committed chain specification is exactly what the node generates.

use healthchain_e2e::{node_binary, workspace_root};
use std::process::Command;

#[test]
fn committed_local_chain_spec_matches_the_node() {
	let output = Command::new(node_binary().unwrap())
		.args(["export-chain-spec", "--chain", "local"])
		.output()
		.expect("healthchain-node runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let generated: serde_json::Value =
		serde_json::from_slice(&output.stdout).expect("the node prints JSON");
	let path = workspace_root().join("chain-specs/local.json");
	let committed: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&path).expect("chain-specs/local.json"))
			.expect("committed spec is JSON");
	assert!(
		generated == committed,
		"chain-specs/local.json drifted from the node: regenerate it with \
		 `healthchain-node export-chain-spec --chain local > chain-specs/local.json`"
	);
	assert_eq!(committed["properties"]["tokenSymbol"], "HCT");
}
