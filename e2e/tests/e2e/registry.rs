//! The registry through the real node and the real client, as a wallet would use it.

use super::{as_signer, ok};
use healthchain_e2e::Node;
use std::time::Duration;

/// Alice holds the dev chain's sudo key: she acts as the consortium.
const CONSORTIUM: &str = "//Alice";
/// Bob registers and administers the hospital.
const ADMIN: &str = "//Bob";
/// Charlie acts for the hospital.
const AGENT: &str = "//Charlie";
/// Dave has nothing to do with it.
const STRANGER: &str = "//Dave";

/// Register Bob's hospital with Charlie as its agent; its id.
fn hospital(node: &Node) -> u64 {
	let registered = ok(as_signer(
		node,
		ADMIN,
		&[
			"registry",
			"register",
			"--kind",
			"hospital",
			"--profile-hash",
			&format!("0x{}", "ab".repeat(32)),
		],
	));
	let event = registered.event("Registry", "OrganisationRegistered").expect("event emitted");
	assert_eq!(registered.json["outcome"]["finalized"], true, "waits for finality by default");
	// Accounts in events read as SS58 addresses (Bob's, prefix 42), not hex.
	assert_eq!(event["fields"]["admin"], "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
	let id = event["fields"]["organisation"].as_u64().expect("id");
	// Charlie is invited, and acts for the hospital only once he accepts.
	ok(as_signer(node, ADMIN, &["registry", "add-agent", &id.to_string(), "charlie"]));
	let whois = ok(node.client(&["registry", "whois", "charlie"]).unwrap()).json;
	assert_eq!(whois["organisation"], serde_json::Value::Null, "invited, not yet an agent");
	ok(as_signer(node, AGENT, &["registry", "accept", &id.to_string()]));
	let whois = ok(node.client(&["registry", "whois", "charlie"]).unwrap()).json;
	assert_eq!(whois["organisation"], id);
	id
}

/// What `registry check <who> <role>` answers.
pub(super) fn check(node: &Node, who: &str, role: &str) -> serde_json::Value {
	ok(node.client(&["registry", "check", who, role]).expect("client runs")).json
}

#[test]
fn registry_lifecycle_through_the_client() {
	let node = Node::start_dev().expect("dev node starts and finalizes");

	let status = ok(node.client(&["status"]).unwrap()).json;
	assert_eq!(status["chain"], "healthchain development");
	assert!(status["runtime"].as_str().unwrap().starts_with("healthchain/"));

	let id = hospital(&node);
	let org = id.to_string();
	assert_eq!(check(&node, "charlie", "provider")["reason"], "not_accredited");

	let granted = ok(as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", &org, "provider", "--valid-until", "+365d"],
	));
	let event = granted.event("Registry", "AccreditationGranted").expect("granted event");
	assert_eq!(event["fields"]["role"], "provider");

	// The agent may now act as a provider for the hospital (runtime API).
	let permitted = check(&node, "charlie", "provider");
	assert_eq!(permitted["permitted"], true);
	assert_eq!(permitted["organisation"], id);
	assert_eq!(check(&node, "charlie", "laboratory")["reason"], "not_accredited");

	let shown = ok(node.client(&["registry", "show", &org]).unwrap()).json;
	assert_eq!(shown["kind"], "hospital");
	assert_eq!(shown["agent_accounts"].as_array().map(Vec::len), Some(2));
	assert_eq!(shown["accreditations"][0]["effective"], "active");

	ok(as_signer(&node, CONSORTIUM, &["registry", "suspend", &org, "provider"]));
	assert_eq!(check(&node, "charlie", "provider")["reason"], "suspended");

	ok(as_signer(&node, CONSORTIUM, &["registry", "reinstate", &org, "provider"]));
	assert_eq!(check(&node, "charlie", "provider")["permitted"], true);

	ok(as_signer(&node, CONSORTIUM, &["registry", "suspend", &org]));
	assert_eq!(check(&node, "charlie", "provider")["reason"], "organisation_suspended");
	ok(as_signer(&node, CONSORTIUM, &["registry", "reinstate", &org]));

	let revoked = ok(as_signer(&node, CONSORTIUM, &["registry", "revoke", &org, "provider"]));
	assert!(revoked.event("Registry", "AccreditationRevoked").is_some());
	assert_eq!(check(&node, "charlie", "provider")["reason"], "not_accredited");
	let shown = ok(node.client(&["registry", "show", &org]).unwrap()).json;
	assert_eq!(shown["accreditations"].as_array().map(Vec::len), Some(0));

	// An accreditation that ends now stops authorizing without any transaction.
	ok(as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", &org, "laboratory", "--valid-until", "+20s"],
	));
	assert_eq!(check(&node, "charlie", "laboratory")["permitted"], true);
	std::thread::sleep(Duration::from_secs(25));
	let mut expired = false;
	for _ in 0..20 {
		if check(&node, "charlie", "laboratory")["reason"] == "expired" {
			expired = true;
			break;
		}
		std::thread::sleep(Duration::from_secs(3));
	}
	assert!(expired, "the accreditation expired by time alone");
}

#[test]
fn wrong_origins_are_rejected_and_change_nothing() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let id = hospital(&node);
	let org = id.to_string();

	// A stranger may not manage the hospital's agents, nor join it uninvited.
	let refused = as_signer(&node, STRANGER, &["registry", "add-agent", &org, "eve"]);
	assert_eq!(refused.code, 1);
	assert_eq!(refused.error(), Some("registry.NotAuthorized"));
	let refused = as_signer(&node, STRANGER, &["registry", "accept", &org]);
	assert_eq!(refused.error(), Some("registry.NotInvited"));
	// The agent is not the admin either.
	let refused = as_signer(&node, AGENT, &["registry", "remove-agent", &org, "charlie"]);
	assert_eq!(refused.error(), Some("registry.NotAuthorized"));

	// Consortium calls: neither a council seat (the client's default) nor the sudo key belongs
	// to the admin.
	let refused = as_signer(
		&node,
		ADMIN,
		&["registry", "accredit", &org, "provider", "--valid-until", "+1d"],
	);
	assert_eq!(refused.error(), Some("council.NotMember"));
	let refused = as_signer(
		&node,
		ADMIN,
		&["registry", "accredit", &org, "provider", "--valid-until", "+1d", "--via", "sudo"],
	);
	assert_eq!(refused.error(), Some("sudo.RequireSudo"));

	// Nothing changed.
	let shown = ok(node.client(&["registry", "show", &org]).unwrap()).json;
	assert_eq!(shown["agent_accounts"].as_array().map(Vec::len), Some(2));
	assert_eq!(shown["accreditations"].as_array().map(Vec::len), Some(0));
	assert_eq!(check(&node, "eve", "provider")["reason"], "not_an_agent");

	// The consortium, through the council (Alice is its only member on --dev), may.
	ok(as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", &org, "provider", "--valid-until", "+1d", "--via", "council"],
	));
	assert_eq!(check(&node, "charlie", "provider")["permitted"], true);

	// A pallet error from inside sudo is reported as that error.
	let refused = as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", &org, "provider", "--valid-until", "+2d", "--via", "sudo"],
	);
	assert_eq!(refused.error(), Some("registry.AlreadyAccredited"));
	// And from inside a council motion that executed (`Council::Executed { result: Err(..) }`,
	// which a wallet that reads only `ExtrinsicSuccess` would take for success).
	let refused = as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", &org, "provider", "--valid-until", "+2d", "--via", "council"],
	);
	assert_eq!(refused.error(), Some("registry.AlreadyAccredited"), "{}", refused.json);
}

#[test]
fn malformed_input_gets_a_clear_message() {
	let node = Node::start_dev().expect("dev node starts and finalizes");

	let bad = as_signer(&node, ADMIN, &["registry", "add-agent", "0", "not-an-address"]);
	assert_eq!(bad.code, 2);
	assert!(bad.json["message"].as_str().unwrap().contains("bad address"), "{:?}", bad.json);

	let unknown = node.client(&["registry", "show", "99"]).unwrap();
	assert_eq!(unknown.code, 2);
	assert!(unknown.json["message"].as_str().unwrap().contains("unknown organisation 99"));

	let bad_time = as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", "0", "provider", "--valid-until", "tomorrow"],
	);
	assert_eq!(bad_time.code, 2);

	let unsigned = node.client(&["registry", "deregister", "0"]).unwrap();
	assert!(unsigned.json["message"].as_str().unwrap().contains("--suri"));

	let missing = as_signer(&node, ADMIN, &["registry", "deregister", "42"]);
	assert_eq!(missing.error(), Some("registry.OrganisationNotFound"));
}

#[test]
fn finalized_registry_entries_survive_a_killed_node() {
	let mut node = Node::start_dev().expect("dev node starts and finalizes");
	let id = hospital(&node);
	let org = id.to_string();
	ok(as_signer(
		&node,
		CONSORTIUM,
		&["registry", "accredit", &org, "provider", "--valid-until", "+365d"],
	));
	let before = ok(node.client(&["registry", "show", &org]).unwrap()).json;
	let finalized = ok(node.client(&["status"]).unwrap()).json["finalized"].as_u64().unwrap();

	node.kill().expect("node killed");
	node.restart(finalized).expect("node restarts on the same base path and finalizes again");

	let after = ok(node.client(&["registry", "show", &org]).unwrap()).json;
	assert_eq!(before["agent_accounts"], after["agent_accounts"]);
	assert_eq!(
		before["accreditations"][0]["valid_until"],
		after["accreditations"][0]["valid_until"]
	);
	assert_eq!(check(&node, "charlie", "provider")["permitted"], true);
}
