//! Deposits outlive the agents who paid them: an organisation's admin takes over what an agent
//! who has left still has held for a record version and an audit entry, through the client.

use super::{as_signer, ok, tokens::organisation};
use healthchain_e2e::Node;

/// Bob administers the hospital (provider and data custodian).
const ADMIN: &str = "//Bob";
/// Charlie acts for the hospital, then leaves it.
const AGENT: &str = "//Charlie";
/// Dave has nothing to do with it.
const STRANGER: &str = "//Dave";
/// Eve is the patient.
const PATIENT: &str = "//Eve";

/// The account (SS58) of a dev signer.
fn address(node: &Node, suri: &str) -> String {
	ok(as_signer(node, suri, &["account"])).json["account"].as_str().unwrap().to_string()
}

#[test]
fn an_admin_takes_over_a_departed_agents_deposits() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let org = organisation(&node, ADMIN, "hospital", &["provider", "data-custodian"]);
	ok(as_signer(&node, ADMIN, &["registry", "add-agent", &org, "charlie"]));
	ok(as_signer(&node, AGENT, &["registry", "accept", &org]));
	let admin = serde_json::Value::from(address(&node, ADMIN));
	let agent = serde_json::Value::from(address(&node, AGENT));

	// Charlie issues a record to Eve and records an access to it; both deposits are his.
	let document = dir.path().join("note.txt");
	std::fs::write(&document, "clinical note").unwrap();
	let issued = ok(as_signer(
		&node,
		AGENT,
		&["token", "issue-record", "eve", "--file", document.to_str().unwrap()],
	));
	let token =
		issued.event("HealthTokens", "TokenIssued").expect("issued")["fields"]["token"].to_string();
	ok(as_signer(
		&node,
		PATIENT,
		&[
			"consent",
			"grant",
			"--grantee",
			&format!("org:{org}"),
			"--scope",
			"category:imaging",
			"--purposes",
			"treatment",
		],
	));
	let receipt = dir.path().join("access.json");
	let logged = ok(as_signer(
		&node,
		AGENT,
		&[
			"consent",
			"log-access",
			"eve",
			"charlie",
			"--category",
			"imaging",
			"--purpose",
			"treatment",
			"--receipt",
			receipt.to_str().unwrap(),
		],
	));
	let index =
		logged.event("Consent", "AccessRecorded").expect("recorded")["fields"]["index"].to_string();
	ok(as_signer(&node, ADMIN, &["registry", "remove-agent", &org, "charlie"]));

	// Nobody but the admin may take the deposits over; the refusal says who may.
	let refused = as_signer(&node, STRANGER, &["token", "change-deposit-owner", &token, "0"]);
	assert_eq!(refused.error(), Some("healthtokens.NotAdmin"), "{}", refused.json);
	let refused =
		as_signer(&node, AGENT, &["consent", "change-audit-deposit-owner", "eve", &index]);
	assert_eq!(refused.error(), Some("consent.NotAdmin"), "{}", refused.json);

	// The admin takes both over: held from Bob, released to Charlie, authorship unchanged.
	let moved = ok(as_signer(&node, ADMIN, &["token", "change-deposit-owner", &token, "0"]));
	let event = moved.event("HealthTokens", "DepositOwnerChanged").expect("event");
	assert_eq!((&event["fields"]["from"], &event["fields"]["to"]), (&agent, &admin));
	assert_eq!(moved.event("Balances", "Released").expect("released")["fields"]["who"], agent);
	assert_eq!(moved.event("Balances", "Held").expect("held")["fields"]["who"], admin);
	let shown = ok(node.client(&["token", "show", &token]).unwrap()).json;
	let version = &shown["history"][0];
	assert_eq!((&version["author"], &version["depositor"]), (&agent, &admin));

	let moved =
		ok(as_signer(&node, ADMIN, &["consent", "change-audit-deposit-owner", "eve", &index]));
	let event = moved.event("Consent", "AccessRecordDepositOwnerChanged").expect("event");
	assert_eq!((&event["fields"]["from"], &event["fields"]["to"]), (&agent, &admin));
	let audit = ok(node.client(&["consent", "audit", "eve"]).unwrap()).json;
	let entry = &audit["entries"][0]["entry"];
	assert_eq!((&entry["recorded_by"], &entry["depositor"]), (&agent, &admin));
}

/// Item 3 of the second review: a trial's deposits (its registration, document versions,
/// milestones and checkpoints) were held from the signing agent for ever. The sponsor's admin
/// takes them over when the agent leaves.
#[test]
fn a_sponsors_admin_takes_over_a_departed_agents_trial_deposits() {
	const TRIAL: &str = "NCT05000002";
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let org = organisation(&node, ADMIN, "trial-sponsor", &["trial-sponsor"]);
	ok(as_signer(&node, ADMIN, &["registry", "add-agent", &org, "charlie"]));
	ok(as_signer(&node, AGENT, &["registry", "accept", &org]));
	let admin = serde_json::Value::from(address(&node, ADMIN));
	let agent = serde_json::Value::from(address(&node, AGENT));
	let protocol = dir.path().join("protocol.pdf");
	std::fs::write(&protocol, "protocol").unwrap();
	ok(as_signer(&node, AGENT, &["trial", "register", TRIAL]));
	ok(as_signer(
		&node,
		AGENT,
		&["trial", "document", "add", TRIAL, "protocol", protocol.to_str().unwrap()],
	));
	ok(as_signer(&node, AGENT, &["trial", "milestone", TRIAL, "first-enrolment"]));
	ok(as_signer(&node, ADMIN, &["registry", "remove-agent", &org, "charlie"]));

	let refused = as_signer(&node, STRANGER, &["trial", "take-deposit", TRIAL, "registration"]);
	assert_eq!(refused.error(), Some("trialanchoring.NotAdmin"), "{}", refused.json);
	for anchor in ["registration", "protocol:1", "milestone:first-enrolment"] {
		let moved = ok(as_signer(&node, ADMIN, &["trial", "take-deposit", TRIAL, anchor]));
		let event = moved.event("TrialAnchoring", "DepositOwnerChanged").expect("event");
		assert_eq!(
			(&event["fields"]["from"], &event["fields"]["to"]),
			(&agent, &admin),
			"{anchor}"
		);
	}
	let malformed = as_signer(&node, ADMIN, &["trial", "take-deposit", TRIAL, "protocol"]);
	assert_eq!(malformed.code, 2, "{}", malformed.json);
	let trial = ok(node.client(&["trial", "show", TRIAL]).unwrap()).json;
	assert_eq!(trial["info"]["depositor"], admin, "{trial}");
	assert_eq!(trial["info"]["registered_by"], agent);
}
