//! What a node operator does: metrics, keys, chain specs, and the database subcommands on a
//! real ParityDB base path.

use healthchain_e2e::{node_binary, Node};
use std::process::Command;

fn succeeded(output: &std::process::Output) -> String {
	assert!(
		output.status.success(),
		"exit {}: {}",
		output.status,
		String::from_utf8_lossy(&output.stderr)
	);
	String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn operator_subcommands_work_on_a_real_database() {
	let mut node = Node::start_dev().expect("dev node starts and finalizes");
	let metrics = node.metrics().expect("Prometheus answers");
	assert!(metrics.contains("substrate_block_height"), "metrics page: {metrics:.300}");
	node.wait_for_finalized(3, std::time::Duration::from_secs(120)).expect("finalizes #3");
	// One author, no forks: the development chain finalizes its best block within its slot (a
	// network's voters stay two blocks behind theirs, so there `finalized` never reaches `best`).
	let caught_up = (0..30).any(|_| {
		std::thread::sleep(std::time::Duration::from_millis(500));
		let status = node.client(&["status"]).expect("client runs").json;
		status["best"].as_u64().is_some() && status["best"] == status["finalized"]
	});
	assert!(caught_up, "the dev chain's finalized block never reached its best in 15 s");
	node.kill().expect("node stops");

	// The node keeps its state in ParityDB, not RocksDB.
	assert!(node.base_path.join("chains/healthchain_dev/paritydb").exists());

	let export = node.base_path.with_file_name("blocks.bin");
	let exported = node
		.subcommand(&[
			"export-blocks",
			"--binary",
			"--from",
			"0",
			"--to",
			"3",
			export.to_str().unwrap(),
		])
		.unwrap();
	succeeded(&exported);
	assert!(std::fs::metadata(&export).unwrap().len() > 0);

	succeeded(&node.subcommand(&["revert", "1"]).unwrap());
	succeeded(&node.subcommand(&["purge-chain", "-y"]).unwrap());
	assert!(!node.base_path.join("chains/healthchain_dev/paritydb/full").exists());

	let imported =
		node.subcommand(&["import-blocks", "--binary", export.to_str().unwrap()]).unwrap();
	succeeded(&imported);
	let info: serde_json::Value =
		serde_json::from_str(&succeeded(&node.subcommand(&["chain-info"]).unwrap())).unwrap();
	assert_eq!(info["best_number"], 3, "the imported blocks are back: {info}");

	// Keys and chain specs need no database.
	let key = Command::new(node_binary().unwrap())
		.args(["key", "generate", "--scheme", "sr25519", "--output-type", "json"])
		.output()
		.unwrap();
	let key: serde_json::Value = serde_json::from_str(&succeeded(&key)).unwrap();
	assert!(key["ss58Address"].is_string());

	let spec = Command::new(node_binary().unwrap())
		.args(["build-spec", "--chain", "local", "--raw", "--disable-default-bootnode"])
		.output()
		.unwrap();
	let spec: serde_json::Value = serde_json::from_str(&succeeded(&spec)).unwrap();
	assert!(spec["genesis"]["raw"]["top"].is_object());
	assert_eq!(spec["properties"]["tokenSymbol"], "HCT");
}
