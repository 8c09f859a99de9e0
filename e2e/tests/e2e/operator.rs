//! What a node operator does: metrics and the alerts on them, keys, chain specs, the database
//! subcommands on a real ParityDB base path, backups and restores of it, and an RPC node's
//! safe methods and rate limit.

use healthchain_e2e::{node_binary, workspace_root, Node};
use std::{
	process::Command,
	time::{Duration, Instant},
};

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
	// Every metric the runbook's alerting rules name is on the page.
	let alerts = std::fs::read_to_string(workspace_root().join("docs/prometheus-alerts.yml"))
		.expect("docs/prometheus-alerts.yml");
	let named: std::collections::BTreeSet<&str> = alerts
		.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
		.filter(|word| word.starts_with("substrate_"))
		.collect();
	assert!(named.len() >= 3, "{named:?}");
	for metric in named {
		assert!(
			metrics.lines().any(|line| line.starts_with(metric)),
			"{metric} (docs/prometheus-alerts.yml) is not on the metrics page"
		);
	}
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
	// Importing ran the runtime, compiled into the default cache under the chain's directory
	// (the node itself ran with the harness's shared `--wasm-cache`, which holds it too).
	let cached = |dir: std::path::PathBuf| {
		std::fs::read_dir(dir.join("modules")).map(|entries| entries.count()).unwrap_or(0)
	};
	assert!(cached(node.base_path.join("chains/healthchain_dev/wasm-cache")) > 0);
	assert!(cached(healthchain_e2e::wasm_cache().unwrap()) > 0);

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

/// `scripts/node-backup.sh`, run as the runbook says.
fn backup_script(args: &[&std::path::Path]) -> std::process::Output {
	Command::new("bash")
		.arg(workspace_root().join("scripts/node-backup.sh"))
		.args(args)
		.output()
		.expect("bash runs")
}

#[test]
fn a_stopped_nodes_base_path_is_backed_up_and_restored() {
	let mut node = Node::start_dev().expect("dev node starts and finalizes");
	let archive = node.base_path.with_file_name("backup.tar.gz");
	node.wait_for_finalized(3, Duration::from_secs(120)).expect("finalizes #3");

	// Refused while the node runs (it holds ParityDB's lock), and nothing written.
	let refused = backup_script(&["backup".as_ref(), &node.base_path, &archive]);
	assert!(!refused.status.success());
	assert!(String::from_utf8_lossy(&refused.stderr).contains("stop the node first"));
	assert!(!archive.exists());

	// Stopped: backed up, readable by its owner only (it holds the node's keys).
	node.kill().expect("node stops");
	succeeded(&backup_script(&["backup".as_ref(), &node.base_path, &archive]));
	use std::os::unix::fs::PermissionsExt;
	let mode = std::fs::metadata(&archive).expect("the archive").permissions().mode();
	assert_eq!(mode & 0o077, 0, "archive mode {mode:o}");
	let info: serde_json::Value =
		serde_json::from_str(&succeeded(&node.subcommand(&["chain-info"]).unwrap())).unwrap();
	let backed_up = info["finalized_number"].as_u64().expect("finalized number");
	assert!(backed_up >= 3, "{info}");

	// The node goes on, then its base path is lost.
	node.restart(backed_up + 2).expect("the node goes on");
	let hash = node.block_hash(backed_up).expect("hash").expect("the backed-up block");
	node.kill().expect("node stops");

	// Restored into an occupied base path: refused. Into the emptied one: the node starts from
	// the backed-up chain (the same block at its head, not a new chain) and goes on.
	let refused = backup_script(&["restore".as_ref(), &archive, &node.base_path]);
	assert!(!refused.status.success());
	assert!(String::from_utf8_lossy(&refused.stderr).contains("already has a database"));
	std::fs::remove_dir_all(&node.base_path).expect("base path removed");
	succeeded(&backup_script(&["restore".as_ref(), &archive, &node.base_path]));
	let info: serde_json::Value =
		serde_json::from_str(&succeeded(&node.subcommand(&["chain-info"]).unwrap())).unwrap();
	assert_eq!(info["finalized_number"].as_u64(), Some(backed_up), "{info}");
	node.restart(backed_up).expect("the restored node goes on");
	assert_eq!(node.block_hash(backed_up).expect("hash"), Some(hash), "the same chain");
}

#[test]
fn an_rpc_node_answers_safe_methods_only_at_a_limited_rate() {
	// An RPC node's flags (docs/operators.md §9), on a development node.
	let node = Node::start_dev_with(&["--rpc-methods", "safe", "--rpc-rate-limit", "20"])
		.expect("dev node starts and finalizes");

	// Unsafe methods (the keystore, the node's peers, its transaction pool) are refused.
	for method in ["author_rotateKeys", "system_addReservedPeer", "system_peers"] {
		let params = match method {
			"system_addReservedPeer" => serde_json::json!(["/ip4/127.0.0.1/tcp/1/p2p/x"]),
			_ => serde_json::json!([]),
		};
		let refused = node.rpc(method, params).expect_err(method).to_string();
		assert!(refused.contains("unsafe") || refused.contains("-32601"), "{method}: {refused}");
	}
	// Safe ones answer: a wallet's reads and submissions work through it.
	node.rpc("system_health", serde_json::json!([])).expect("system_health");
	let status = node.client(&["status"]).expect("client runs");
	assert!(status.ok(), "{:?}", status.json);

	// Twenty calls a minute per WebSocket connection or HTTP request: a batch of 26 in one
	// request gets the first 20 at once and each further one only as the budget refills (one
	// every 3 s).
	let batch: Vec<(&str, serde_json::Value)> =
		(0..26).map(|_| ("system_health", serde_json::json!([]))).collect();
	let began = Instant::now();
	let answers = node.rpc_batch(&batch).expect("the batch");
	let took = began.elapsed();
	assert_eq!(answers.len(), 26);
	let limited = answers.iter().filter(|answer| answer.get("error").is_some()).count();
	assert!(
		took >= Duration::from_secs(9) || limited > 0,
		"26 calls answered in {took:?} with none refused: not rate limited"
	);
	println!("a batch of 26 calls at 20 a minute: answered in {took:?}, {limited} refused");
}
