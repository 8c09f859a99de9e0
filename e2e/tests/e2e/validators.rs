//! Consortium operations through the real node and client: the node has no default chain; a
//! consortium's chain specification is built from its members file, and refused with a
//! well-known development key; an operator generates session keys inside its node and registers
//! them; the consortium (a council motion, the client's default) adds the validator, which
//! takes its part in block production and finality at the second session change. On the
//! four-validator local testnet, a fifth validator on its own authorised node authors blocks
//! after the session change, finality goes on with five voters, and removed, it stops.

use super::{account, as_signer, eventually, motion, ok, tokens::organisation};
use healthchain_e2e::{local_peer_id, node_binary, workspace_root, Network, Node};
use std::{
	process::Command,
	time::{Duration, Instant},
};

#[test]
fn the_node_has_no_default_chain_and_builds_a_consortium_spec_from_its_members_file() {
	let dir = tempfile::tempdir().unwrap();
	// No `--chain`: an error that lists the choices, not the local testnet.
	let output = Command::new(node_binary().unwrap())
		.args(["--base-path"])
		.arg(dir.path())
		.output()
		.unwrap();
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	for choice in ["no chain given", "--dev", "--chain local", "<spec.json>", "<consortium.toml>"] {
		assert!(stderr.contains(choice), "{choice:?} missing from: {stderr}");
	}
	assert!(!dir.path().join("chains").exists(), "nothing was started");

	// The example consortium's raw chain specification: live, no sudo key, no dev key.
	let example = workspace_root().join("chain-specs/example-consortium.toml");
	let build = |file: &std::path::Path, raw: bool| {
		let mut command = Command::new(node_binary().unwrap());
		command.args(["build-spec", "--chain"]).arg(file);
		if raw {
			command.arg("--raw");
		}
		command.output().unwrap()
	};
	let output = build(&example, true);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	// Three council seats is the minimum: it builds, with a warning.
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("warning:") && stderr.contains("3 council seat(s)"), "{stderr}");
	let spec: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
	assert_eq!(spec["chainType"], "Live");
	assert_eq!(spec["id"], "example_health");
	let plain = build(&example, false);
	let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
	let patch = &plain["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["sudo"]["key"], serde_json::Value::Null);
	assert_eq!(patch["validatorSet"]["validators"].as_array().map(Vec::len), Some(4));
	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	assert!(!plain.to_string().contains(alice));
	// Its founding members are organisations, and its validators run for them.
	assert_eq!(patch["registry"]["organisations"].as_array().map(Vec::len), Some(3));
	assert_eq!(patch["validatorSet"]["operators"].as_array().map(Vec::len), Some(4));

	// Item 12 of the second review: a live network ruled by too few keys is refused. Two
	// council seats (the regulator's gone, its validator now the hospital's):
	let text = std::fs::read_to_string(&example).unwrap();
	let regulator = text.find("[[members]]\nname = \"Example Medicines Regulator\"").unwrap();
	let end = regulator + text[regulator..].find("\n\n").unwrap() + 2;
	let two = format!("{}{}", &text[..regulator], &text[end..])
		.replace("member = \"Example Medicines Regulator\"", "member = \"St Example Hospital\"");
	let file = dir.path().join("two-members.toml");
	std::fs::write(&file, two).unwrap();
	let output = build(&file, true);
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("2 council seat(s)") && stderr.contains("at least 3"), "{stderr}");
	assert!(output.stdout.is_empty());

	// The same file with Alice as its first member: refused, and the key named.
	let text = std::fs::read_to_string(&example).unwrap();
	let first = text.split("account = \"").nth(1).unwrap().split('"').next().unwrap();
	let bad = dir.path().join("bad.toml");
	std::fs::write(&bad, text.replacen(first, alice, 1)).unwrap();
	let output = build(&bad, true);
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(stderr.contains("well-known development key") && stderr.contains("Alice"), "{stderr}");
	assert!(output.stdout.is_empty());
}

/// Poll `validator list` until `done` holds of it.
fn wait_for(
	node: &Node,
	what: &str,
	done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
	let start = Instant::now();
	loop {
		let list = ok(node.client(&["validator", "list"]).unwrap()).json;
		if done(&list) {
			return list;
		}
		assert!(start.elapsed() < Duration::from_secs(200), "{what}: not in 200 s: {list}");
		std::thread::sleep(Duration::from_secs(3));
	}
}

fn has(list: &serde_json::Value, field: &str, who: &str) -> bool {
	list[field].as_array().is_some_and(|a| a.iter().any(|v| v == who))
}

#[test]
fn an_operator_registers_session_keys_and_the_council_adds_its_validator() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let charlie = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";

	// Bob's hospital, accredited as provider, with Charlie (who will run its node) as agent.
	let registered = ok(as_signer(
		&node,
		"//Bob",
		&[
			"registry",
			"register",
			"--kind",
			"hospital",
			"--profile-hash",
			&format!("0x{}", "cd".repeat(32)),
		],
	));
	let org = registered.event("Registry", "OrganisationRegistered").unwrap()["fields"]
		["organisation"]
		.to_string();
	ok(as_signer(&node, "//Bob", &["registry", "add-agent", &org, "charlie"]));
	ok(as_signer(&node, "//Charlie", &["registry", "accept", &org]));
	// The consortium is the council (Alice alone on --dev): the client proposes by default.
	let accredited = ok(as_signer(
		&node,
		"//Alice",
		&["registry", "accredit", &org, "provider", "--valid-until", "+30d"],
	));
	assert!(accredited.event("Council", "Executed").is_some(), "{}", accredited.json);

	// Without session keys, Charlie cannot be added.
	let refused = as_signer(&node, "//Alice", &["validator", "add", "charlie", &org]);
	assert_eq!(refused.error(), Some("validatorset.NoSessionKeys"), "{}", refused.json);

	// Charlie's operator generates session keys inside the node, with the proof that it holds
	// them for Charlie's account, and registers them.
	let generated = ok(as_signer(&node, "//Charlie", &["validator", "rotate-keys"])).json;
	assert_eq!(generated["owner"], charlie);
	let keys = generated["keys"].as_str().unwrap().to_string();
	let proof = generated["proof"].as_str().unwrap().to_string();
	assert_eq!(keys.len(), 2 + 128, "an Aura and a GRANDPA key: {keys}");
	// Nobody else can register those keys as theirs: the proof is bound to Charlie.
	let refused = as_signer(&node, "//Dave", &["validator", "set-keys", &keys, &proof]);
	assert_eq!(refused.error(), Some("session.InvalidProof"), "{}", refused.json);
	ok(as_signer(&node, "//Charlie", &["validator", "set-keys", &keys, &proof]));

	// Not the council: refused. Not an agent of that organisation: refused.
	let refused = as_signer(&node, "//Eve", &["validator", "add", "charlie", &org]);
	assert_eq!(refused.error(), Some("council.NotMember"));
	let refused = as_signer(&node, "//Alice", &["validator", "add", "dave", &org]);
	assert_eq!(refused.error(), Some("validatorset.Standing.NotAnAgent"));
	// A wallet shows the outer error's context, then the precise reason.
	let message = refused.json["message"].as_str().unwrap_or_default();
	let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
	assert!(
		message.starts_with(
			"The account may not run a validator for that organisation now (it does not act for \
			 it, or the organisation is not in good standing): The account does not act for that \
			 organisation"
		),
		"{message}"
	);

	let added = ok(as_signer(&node, "//Alice", &["validator", "add", "charlie", &org]));
	let event = added.event("ValidatorSet", "ValidatorAdded").expect("added");
	assert_eq!(event["fields"]["validator"], charlie);
	let list = ok(node.client(&["validator", "list"]).unwrap()).json;
	let entry = list["validators"].as_array().unwrap().iter().find(|v| v["account"] == charlie);
	assert_eq!(entry.map(|v| v["organisation"].to_string()), Some(org.clone()));
	assert!(!has(&list, "session_validators", charlie));

	// At the next session change it is queued; at the one after, it validates: the node holds
	// its Aura key, so it authors in Charlie's slots too, and blocks go on. (Finality does not:
	// GRANDPA needs both of two authorities, and a node votes with one key only. On a network,
	// add a validator once its own node is running — `docs/operators.md`.)
	wait_for(&node, "queued", |list| has(list, "queued", charlie));
	let list = wait_for(&node, "in the session", |list| has(list, "session_validators", charlie));
	assert_eq!(list["session_validators"].as_array().map(Vec::len), Some(2));
	let best = |node: &Node| ok(node.client(&["status"]).unwrap()).json["best"].as_u64().unwrap();
	let since = best(&node);
	let start = Instant::now();
	while best(&node) < since + 3 {
		assert!(start.elapsed() < Duration::from_secs(90), "no block authored after the change");
		std::thread::sleep(Duration::from_secs(2));
	}

	// Two is the minimum: removing Charlie now is refused, and nothing changes.
	let refused =
		as_signer(&node, "//Alice", &["--wait", "in-block", "validator", "remove", "charlie"]);
	assert_eq!(refused.error(), Some("validatorset.TooFewValidators"), "{}", refused.json);
}

#[test]
fn a_fifth_validator_added_by_the_council_authors_blocks_and_stops_when_removed() {
	let network = Network::start_local().expect("the local testnet's validators finalize");
	let alice = &network.nodes[0];

	// Eve's accredited hospital runs a fifth node, a validator's, with the node key 0x00…05.
	let node = network.start_node(5, &["--validator".into()]).expect("the fifth node starts");
	let org = organisation(alice, "//Eve", "hospital", &[]);
	motion(&network, &["registry", "accredit", &org, "provider", "--valid-until", "+1d"]);
	let eve = account(alice, "//Eve");

	// Its operator (Eve) generates session keys inside it and registers them; the council adds
	// Eve, an agent (the admin) of her hospital, as a validator, and authorises her node (the
	// set changes at the second session change: the node is authorised and synced by then).
	let generated = ok(as_signer(&node, "//Eve", &["validator", "rotate-keys"])).json.clone();
	let keys = generated["keys"].as_str().expect("keys").to_string();
	let proof = generated["proof"].as_str().expect("proof").to_string();
	ok(as_signer(alice, "//Eve", &["validator", "set-keys", &keys, &proof]));
	let added = motion(&network, &["validator", "add", &eve, &org]);
	assert!(added.event("ValidatorSet", "ValidatorAdded").is_some(), "{}", added.json);
	let added_at = added.json["outcome"]["block_number"].as_u64().expect("a block");
	let node_id = local_peer_id(5).expect("peer id");
	motion(&network, &["node", "authorise", &node_id, &eve, &org]);

	// In the session, its node authors blocks of the chain every node follows, and GRANDPA
	// (four of five now) finalizes on.
	let in_session = |list: &serde_json::Value| {
		list["session_validators"].as_array().is_some_and(|a| a.iter().any(|v| v == eve.as_str()))
	};
	let validators = || ok(alice.client(&["validator", "list"]).expect("client runs")).json;
	assert!(
		eventually(Duration::from_secs(200), || in_session(&validators())),
		"Eve is not in the session 200 s after the motion at #{added_at}: {}",
		validators()
	);
	let active_at = alice.best().expect("best");
	assert!(
		eventually(Duration::from_secs(90), || !authored(&node, alice).is_empty()),
		"the fifth validator's node authored no block of the chain since #{active_at}\n{}",
		node.log_tail()
	);
	assert!(
		eventually(Duration::from_secs(90), || alice.finalized().unwrap_or(0) >= active_at + 2),
		"finality goes on with five validators"
	);
	println!(
		"the fifth validator was added at #{added_at}, in the session at #{active_at}, and \
		 authored {:?}",
		authored(&node, alice)
	);

	// The council removes the validator: out of the session, its node authors no more.
	let removed = motion(&network, &["validator", "remove", &eve]);
	assert!(removed.event("ValidatorSet", "ValidatorRemoved").is_some(), "{}", removed.json);
	assert!(
		eventually(Duration::from_secs(200), || !in_session(&validators())),
		"Eve is still in the session: {}",
		validators()
	);
	let left_at = alice.best().expect("best");
	assert!(
		eventually(Duration::from_secs(60), || alice.best().unwrap_or(0) >= left_at + 4),
		"blocks go on with the four"
	);
	let late: Vec<u64> =
		authored(&node, alice).into_iter().filter(|number| *number > left_at).collect();
	assert!(late.is_empty(), "authored after leaving the session at #{left_at}: {late:?}");
	assert!(node.peers().expect("health") >= 1, "its node still peers: it is still authorised");
}

/// The blocks of `reference`'s chain that `node` authored: the numbers its log says it sealed
/// (`🔖 Pre-sealed block for proposal at <n>. Hash now <hash>`) whose hash is the one
/// `reference` has at that number.
fn authored(node: &Node, reference: &Node) -> Vec<u64> {
	node.log()
		.lines()
		.filter_map(|line| {
			const SEALED: &str = "Pre-sealed block for proposal at ";
			let rest = &line[line.find(SEALED)? + SEALED.len()..];
			let (number, rest) = rest.split_once(". Hash now ")?;
			let hash = rest.split(|c: char| c == ',' || c.is_whitespace()).next()?;
			Some((number.parse::<u64>().ok()?, hash.to_string()))
		})
		.filter(|(number, hash)| {
			reference.block_hash(*number).ok().flatten().as_deref() == Some(hash.as_str())
		})
		.map(|(number, _)| number)
		.collect()
}
