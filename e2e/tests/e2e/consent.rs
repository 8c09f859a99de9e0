//! Consent through the real node and the real client: a patient grants and revokes, a record
//! store asks `check_access`, expiry needs no transaction, break-glass needs a licence.

use super::{as_signer, ok, tokens::licensed_doctor};
use healthchain_e2e::Node;
use std::time::Duration;

/// Dave is a grantee, and holds no licence.
const GRANTEE: &str = "//Dave";
/// Eve is the patient.
const PATIENT: &str = "//Eve";
/// Ferdie is a licensed physician.
const DOCTOR: &str = "//Ferdie";

/// `consent check <grantee> eve` for an imaging record and `purpose`: (permitted, answer).
fn check(node: &Node, grantee: &str, purpose: &str) -> (bool, serde_json::Value) {
	let run = node
		.client(&[
			"consent",
			"check",
			grantee,
			"eve",
			"--category",
			"imaging",
			"--purpose",
			purpose,
		])
		.expect("client runs");
	assert!(run.code == 0 || run.code == 1, "check failed: {:?}\n{}", run.json, run.stderr);
	assert_eq!(run.json["permitted"], run.code == 0, "exit status follows the answer");
	(run.code == 0, run.json["answer"].clone())
}

fn granted(run: &healthchain_e2e::ClientRun) -> String {
	run.event("Consent", "ConsentGranted").expect("ConsentGranted")["fields"]["consent"]
		.as_u64()
		.expect("consent id")
		.to_string()
}

#[test]
fn grant_check_revoke_and_expiry_through_the_client() {
	let mut node = Node::start_dev().expect("dev node starts and finalizes");
	assert!(!check(&node, "dave", "treatment").0, "no consent: deny");

	// Eve lets Dave read her imaging for treatment.
	let run = ok(as_signer(
		&node,
		PATIENT,
		&[
			"consent",
			"grant",
			"--grantee",
			"dave",
			"--scope",
			"category:imaging",
			"--purposes",
			"treatment",
		],
	));
	let consent = granted(&run);
	let (permitted, answer) = check(&node, "dave", "treatment");
	assert!(permitted);
	assert_eq!(answer["basis"]["Consent"]["consent"].to_string(), consent);
	assert!(!check(&node, "dave", "research").0, "wrong purpose");

	// Only the patient (or a representative) may revoke; once revoked, denied from the next
	// block on.
	let refused = as_signer(&node, GRANTEE, &["consent", "revoke", &consent]);
	assert_eq!(refused.error(), Some("consent.NotAuthorized"));
	ok(as_signer(&node, PATIENT, &["consent", "revoke", &consent]));
	let (permitted, answer) = check(&node, "dave", "treatment");
	assert!(!permitted);
	assert_eq!(answer["basis"], "NoConsent");
	let listed = ok(node.client(&["consent", "list", "eve"]).unwrap()).json;
	assert_eq!(listed["consents"][0]["effective"], "Revoked");
	assert_eq!(listed["consents"][0]["capacity"], "Patient");

	// A consent that ends in 40 s permits now, and denies after, without any transaction.
	let run = ok(as_signer(
		&node,
		PATIENT,
		&[
			"consent",
			"grant",
			"--grantee",
			"dave",
			"--scope",
			"all",
			"--purposes",
			"treatment",
			"--until",
			"+40s",
		],
	));
	let expiring = granted(&run);
	assert!(check(&node, "dave", "treatment").0);
	let finalized = ok(node.client(&["status"]).unwrap()).json["finalized"].as_u64().unwrap();
	node.wait_for_finalized(finalized + 8, Duration::from_secs(120)).expect("blocks go on");
	assert!(!check(&node, "dave", "treatment").0, "consent {expiring} expired");
	let shown = ok(node.client(&["consent", "show", &expiring]).unwrap()).json;
	assert_eq!(shown["effective"], "Expired");
	// An expired consent can be removed; its deposit returns.
	ok(as_signer(&node, PATIENT, &["consent", "remove", &expiring]));

	// Malformed input is refused before anything is signed, with the reason.
	let bad = as_signer(
		&node,
		PATIENT,
		&["consent", "grant", "--grantee", "dave", "--scope", "bogus", "--purposes", "treatment"],
	);
	assert_eq!(bad.code, 2, "{:?}", bad.json);
	let provision = serde_json::json!({
		"decision": "permit", "scope": "all", "actions": ["read"], "purposes": ["treatment"]
	});
	let file = tempfile::NamedTempFile::new().unwrap();
	let too_many = serde_json::json!({ "grantee": "dave", "provisions": vec![provision; 9] });
	std::fs::write(file.path(), too_many.to_string()).unwrap();
	let path = file.path().to_string_lossy().into_owned();
	let bad = as_signer(&node, PATIENT, &["consent", "grant", "--file", &path]);
	assert_eq!(bad.code, 2);
	assert!(
		bad.json["message"].as_str().unwrap().contains("at most 8 provisions"),
		"{:?}",
		bad.json
	);
}

#[test]
fn break_glass_needs_a_licence_and_is_audited() {
	let node = Node::start_dev().expect("dev node starts and finalizes");

	// Dave holds no licence: refused.
	let refused = as_signer(
		&node,
		GRANTEE,
		&["consent", "emergency", "open", "eve", "--justification", "life-threatening"],
	);
	assert_eq!(refused.error(), Some("consent.NotLicensed"));

	// A licensing board licenses Ferdie.
	licensed_doctor(&node);

	// Eve denied Ferdie everything; breaking the glass overrides it, for emergencies only.
	ok(as_signer(
		&node,
		PATIENT,
		&[
			"consent",
			"grant",
			"--grantee",
			"ferdie",
			"--deny",
			"--actions",
			"read,write,share",
			"--purposes",
			"treatment,emergency",
		],
	));
	assert!(!check(&node, "ferdie", "emergency").0);
	let run = ok(as_signer(
		&node,
		DOCTOR,
		&[
			"consent",
			"emergency",
			"open",
			"eve",
			"--justification",
			"patient-unable-to-consent",
			"--duration",
			"1h",
		],
	));
	let opened = run.event("Consent", "EmergencyAccessOpened").expect("announced to the patient");
	assert_eq!(opened["fields"]["justification"], "PatientUnableToConsent");
	let (permitted, answer) = check(&node, "ferdie", "emergency");
	assert!(permitted);
	assert!(answer["basis"]["Emergency"].is_object(), "{answer}");
	assert!(!check(&node, "ferdie", "treatment").0, "emergency purpose only");

	// It is in Eve's audit trail.
	let audit = ok(node.client(&["consent", "audit", "eve"]).unwrap()).json;
	let entry = &audit["entries"][0]["entry"];
	assert_eq!(entry["accessor"], ok(as_signer(&node, DOCTOR, &["account"])).json["account"]);
	assert_eq!(entry["purpose"], "Emergency");
	assert_eq!(entry["decision"]["decision"], "Permit");

	// Closing it ends the access.
	ok(as_signer(&node, DOCTOR, &["consent", "emergency", "close", "eve"]));
	assert!(!check(&node, "ferdie", "emergency").0);
}
