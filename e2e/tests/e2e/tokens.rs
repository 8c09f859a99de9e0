//! Health tokens through the real node and the real client, as issuers, patients,
//! practitioners and verifiers would use them.

use super::{as_signer, ok};
use healthchain_e2e::{ClientRun, Node};
use serde_json::Value;
use std::{path::Path, time::Duration};

/// Alice holds the dev chain's sudo key: she acts as the consortium.
const CONSORTIUM: &str = "//Alice";
/// Bob registers and administers the hospital (accredited as provider and laboratory).
const HOSPITAL: &str = "//Bob";
/// Charlie administers the licensing board.
const BOARD: &str = "//Charlie";
/// Dave acts for no organisation and holds no licence.
const STRANGER: &str = "//Dave";
/// Eve is a patient with funds for fees.
const PATIENT: &str = "//Eve";
/// Ferdie is a practitioner.
const DOCTOR: &str = "//Ferdie";
/// A patient with no funds at all: accepts sessions by signature only.
const UNFUNDED_PATIENT: &str = "//Alice//patient";

/// The id of the token a transaction issued.
fn issued(run: &ClientRun) -> String {
	let event = run.event("HealthTokens", "TokenIssued").expect("TokenIssued emitted");
	event["fields"]["token"].as_u64().expect("token id").to_string()
}

/// Register an organisation of `kind` administered by `admin` and accredit it for `roles`; its
/// id.
pub(super) fn organisation(node: &Node, admin: &str, kind: &str, roles: &[&str]) -> String {
	let registered = ok(as_signer(
		node,
		admin,
		&[
			"registry",
			"register",
			"--kind",
			kind,
			"--profile-hash",
			&format!("0x{}", "cd".repeat(32)),
		],
	));
	let id = registered.event("Registry", "OrganisationRegistered").expect("registered")["fields"]
		["organisation"]
		.to_string();
	for role in roles {
		ok(as_signer(
			node,
			CONSORTIUM,
			&["registry", "accredit", &id, role, "--valid-until", "+365d"],
		));
	}
	id
}

fn write(dir: &Path, name: &str, content: &str) -> String {
	let path = dir.join(name);
	std::fs::write(&path, content).expect("write test document");
	path.to_string_lossy().into_owned()
}

fn verify(node: &Node, file: &str) -> ClientRun {
	node.client(&["token", "verify", file]).expect("client runs")
}

fn show(node: &Node, token: &str) -> Value {
	ok(node.client(&["token", "show", token]).unwrap()).json
}

fn address(node: &Node, suri: &str) -> String {
	ok(as_signer(node, suri, &["account"])).json["account"].as_str().unwrap().to_string()
}

#[test]
fn records_and_certificates_through_the_client() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	organisation(&node, HOSPITAL, "hospital", &["provider", "laboratory"]);

	// The hospital issues a record of a document that stays on this machine.
	let report = write(dir.path(), "discharge.pdf", "discharge summary, version 1");
	let run = ok(as_signer(
		&node,
		HOSPITAL,
		&["token", "issue-record", "eve", "--file", &report, "--locator", "s3://bucket/enc/1"],
	));
	let record = issued(&run);
	let verified = ok(verify(&node, &report)).json;
	assert_eq!(verified["authentic"], true);
	assert_eq!(verified["valid_now"], true);
	assert_eq!(verified["verdict"], "in_force");
	assert_eq!(verified["token"]["class"], "medical_record");
	assert_eq!(verified["token"]["token"]["owner"], address(&node, PATIENT));
	assert_eq!(verified["authorized_at_issuance"], true);

	// What went on chain is a salted commitment, its salt in the bundle beside the document:
	// hashing the document (or a guess of it) finds nothing, and without the bundle the
	// document cannot be verified.
	let bundle = format!("{report}.healthchain.json");
	let written: Value = serde_json::from_str(&std::fs::read_to_string(&bundle).unwrap()).unwrap();
	assert_eq!(written["algorithm"], "salted-sha256");
	assert_eq!(verified["document_hash"], written["hash"]);
	assert_eq!(verified["token"]["token"]["versions"], 1);
	let plain = healthchain_client::hash::Hash32::sha256(&std::fs::read(&report).unwrap());
	let guessed = node.client(&["token", "verify", "--hash", &plain.to_string()]).unwrap();
	assert_eq!((guessed.code, &guessed.json["authentic"]), (1, &Value::Bool(false)));
	let hidden = dir.path().join("bundle-elsewhere.json");
	std::fs::rename(&bundle, &hidden).unwrap();
	assert_eq!(verify(&node, &report).json["authentic"], false, "no salt, no confirmation");
	let with_bundle =
		node.client(&["token", "verify", &report, "--bundle", &hidden.to_string_lossy()]).unwrap();
	assert_eq!(ok(with_bundle).json["valid_now"], true);
	std::fs::rename(&hidden, &bundle).unwrap();

	// Wrong issuers and a non-transferable record are refused, and nothing changes.
	let refused = as_signer(
		&node,
		STRANGER,
		&["token", "issue-record", "eve", "--hash", &format!("0x{}", "11".repeat(32))],
	);
	assert_eq!(refused.error(), Some("healthtokens.Accreditation.NotAnAgent"));
	let correction = write(dir.path(), "discharge-v2.pdf", "discharge summary, version 2");
	let refused = as_signer(
		&node,
		STRANGER,
		&["token", "update", &record, "--reason", "corrected", "--file", &correction],
	);
	assert_eq!(refused.error(), Some("healthtokens.NotIssuer"));
	let refused = as_signer(&node, PATIENT, &["token", "transfer", &record, "dave"]);
	assert_eq!(refused.error(), Some("healthtokens.NonTransferable"));
	assert_eq!(show(&node, &record)["token"]["owner"], address(&node, PATIENT));
	assert_eq!(show(&node, &record)["token"]["versions"], 1);

	// The issuer corrects it: a new version; the old document is still found, as superseded.
	ok(as_signer(
		&node,
		HOSPITAL,
		&["token", "update", &record, "--reason", "corrected", "--file", &correction],
	));
	let old = verify(&node, &report);
	assert_eq!(old.code, 1, "a superseded version is not in force");
	assert_eq!(old.json["authentic"], true);
	assert_eq!(old.json["is_current_version"], false);
	assert_eq!(ok(verify(&node, &correction)).json["version"], 1);
	let history = show(&node, &record)["history"].clone();
	assert_eq!(history.as_array().map(Vec::len), Some(2));
	assert_eq!(history[0]["reason"], "issued");
	assert_eq!(history[1]["reason"], "corrected");

	// The patient archives it: still authentic, no longer in force.
	ok(as_signer(&node, PATIENT, &["token", "archive", &record]));
	let archived = verify(&node, &correction);
	assert_eq!(
		(archived.code, archived.json["token"]["effective"].as_str()),
		(1, Some("archived"))
	);

	// A laboratory certificate, verified, then revoked with a reason.
	let result = write(dir.path(), "pcr.json", r#"{"test":"pcr","result":"negative"}"#);
	let run = ok(as_signer(
		&node,
		HOSPITAL,
		&[
			"token",
			"issue-certificate",
			"eve",
			"--file",
			&result,
			"--algorithm",
			"blake2-256",
			"--valid-until",
			"+30d",
		],
	));
	let certificate = issued(&run);
	// Anchored unsalted (as older clients did): it still verifies, without a bundle.
	assert!(!Path::new(&format!("{result}.healthchain.json")).exists());
	assert_eq!(ok(verify(&node, &result)).json["token"]["class"], "certificate");
	// Issued while the laboratory was accredited, a test result stays valid when it no longer
	// is — and the verifier is told.
	ok(as_signer(&node, CONSORTIUM, &["registry", "suspend", "0", "laboratory"]));
	let lapsed = ok(verify(&node, &result));
	assert_eq!(lapsed.json["verdict"], "in_force_issuer_no_longer_authorized");
	assert_eq!(lapsed.json["token"]["authority_valid_now"], false);
	ok(as_signer(&node, CONSORTIUM, &["registry", "reinstate", "0", "laboratory"]));
	let refused =
		as_signer(&node, PATIENT, &["token", "revoke", &certificate, "--reason", "withdrawn"]);
	assert_eq!(refused.error(), Some("healthtokens.NotIssuer"));
	let run =
		ok(as_signer(&node, HOSPITAL, &["token", "revoke", &certificate, "--reason", "withdrawn"]));
	assert_eq!(run.event("HealthTokens", "TokenRevoked").unwrap()["fields"]["reason"], "withdrawn");
	let revoked = verify(&node, &result);
	assert_eq!((revoked.code, revoked.json["token"]["effective"].as_str()), (1, Some("revoked")));

	// The patient's tokens, and a document no token anchors.
	let listed = ok(node.client(&["token", "list", "eve", "--all"]).unwrap()).json;
	let mut ids: Vec<String> =
		listed["tokens"].as_array().unwrap().iter().map(|id| id.to_string()).collect();
	ids.sort();
	assert_eq!(ids, vec![record.clone(), certificate.clone()]);
	let forged = write(dir.path(), "forged.pdf", "discharge summary, forged");
	let unknown = verify(&node, &forged);
	assert_eq!((unknown.code, &unknown.json["authentic"]), (1, &Value::Bool(false)));

	// A record the patient did not want: refused, it leaves her list and names no owner; its
	// document, which the issuer anchored, still verifies (as refused, not in force).
	let unwanted = write(dir.path(), "unwanted.pdf", "a record eve never asked for");
	let run =
		ok(as_signer(&node, HOSPITAL, &["token", "issue-record", "eve", "--file", &unwanted]));
	let unwanted_id = issued(&run);
	let refused = as_signer(&node, STRANGER, &["token", "refuse", &unwanted_id]);
	assert_eq!(refused.error(), Some("healthtokens.NotOwner"));
	let run = ok(as_signer(&node, PATIENT, &["token", "refuse", &unwanted_id]));
	assert!(run.event("HealthTokens", "TokenRefused").is_some());
	assert_eq!(show(&node, &unwanted_id)["token"]["owner"], Value::Null);
	let after = verify(&node, &unwanted);
	assert_eq!((after.code, after.json["token"]["effective"].as_str()), (1, Some("refused")));
	let listed = ok(node.client(&["token", "list", "eve", "--all"]).unwrap()).json;
	let unwanted_id: u64 = unwanted_id.parse().unwrap();
	assert!(!listed["tokens"]
		.as_array()
		.unwrap()
		.iter()
		.any(|id| id.as_u64() == Some(unwanted_id)));

	// Malformed input gets a clear message and exit status 2.
	let missing = node.client(&["token", "verify", "/nonexistent/file.pdf"]).unwrap();
	assert_eq!(missing.code, 2);
	let unknown = node.client(&["token", "show", "999"]).unwrap();
	assert_eq!(unknown.code, 2);
	assert!(unknown.json["message"].as_str().unwrap().contains("unknown token 999"));
}

/// A licensing board run by Charlie, which licenses Ferdie as a physician for a day, and
/// Ferdie accepts; the licence's id.
pub(super) fn licensed_doctor(node: &Node) -> String {
	organisation(node, BOARD, "licensing-board", &["licensing-board"]);
	let run = ok(as_signer(
		node,
		BOARD,
		&[
			"token",
			"issue-licence",
			"ferdie",
			"physician",
			"--valid-until",
			"+1d",
			"--hash",
			&format!("0x{}", "22".repeat(32)),
		],
	));
	let licence = issued(&run);
	ok(as_signer(node, DOCTOR, &["token", "accept-licence", &licence]));
	licence
}

#[test]
fn licences_through_the_client() {
	let mut node = Node::start_dev().expect("dev node starts and finalizes");
	// Only a licensing board licenses: Bob acts for no organisation here.
	let refused = as_signer(
		&node,
		HOSPITAL,
		&[
			"token",
			"issue-licence",
			"ferdie",
			"physician",
			"--valid-until",
			"+1d",
			"--hash",
			&format!("0x{}", "21".repeat(32)),
		],
	);
	assert_eq!(refused.error(), Some("healthtokens.Accreditation.NotAnAgent"));
	let licence = licensed_doctor(&node);
	let check = ok(node.client(&["token", "licence-check", "ferdie", "physician"]).unwrap()).json;
	assert_eq!(check["licensed"], true);
	assert_eq!(check["licence"].to_string(), licence);
	let check = ok(node.client(&["token", "licence-check", "ferdie", "nurse"]).unwrap()).json;
	assert_eq!(
		(check["licensed"].as_bool(), check["reason"].as_str()),
		(Some(false), Some("not_licensed"))
	);

	// A suspended licence stops the practitioner at once; reinstated, it licenses again.
	let refused = as_signer(&node, DOCTOR, &["token", "suspend", &licence]);
	assert_eq!(refused.error(), Some("healthtokens.NotIssuer"));
	ok(as_signer(&node, BOARD, &["token", "suspend", &licence]));
	let check = ok(node.client(&["token", "licence-check", "ferdie", "physician"]).unwrap()).json;
	assert_eq!(
		(check["licensed"].as_bool(), check["reason"].as_str()),
		(Some(false), Some("suspended"))
	);
	let refused = as_signer(&node, DOCTOR, &["session", "open", "eve"]);
	assert_eq!(refused.error(), Some("healthtokens.Licence.Suspended"));
	// A nested error reads as the outer error's context and the inner error's reason.
	let message = refused.json["message"].as_str().unwrap_or_default();
	assert!(
		message.starts_with(
			"The practitioner's licence does not license now: The practitioner's \
		                     licence is suspended by its licensing board"
		),
		"{}",
		refused.json
	);
	ok(as_signer(&node, BOARD, &["token", "reinstate", &licence]));
	let check = ok(node.client(&["token", "licence-check", "ferdie", "physician"]).unwrap()).json;
	assert_eq!(check["licensed"], true);

	// An expired licence stops them too, without any transaction: license Dave for 40 s.
	let run = ok(as_signer(
		&node,
		BOARD,
		&[
			"token",
			"issue-licence",
			"dave",
			"nurse",
			"--valid-until",
			"+40s",
			"--hash",
			&format!("0x{}", "23".repeat(32)),
		],
	));
	let short = issued(&run);
	ok(as_signer(&node, STRANGER, &["token", "accept-licence", &short]));
	let finalized = ok(node.client(&["status"]).unwrap()).json["finalized"].as_u64().unwrap();
	node.wait_for_finalized(finalized + 8, Duration::from_secs(120)).expect("blocks go on");
	let check = ok(node.client(&["token", "licence-check", "dave", "nurse"]).unwrap()).json;
	assert_eq!(check["reason"], "expired", "licence {short}: {check}");
	let refused = as_signer(&node, STRANGER, &["session", "open", "eve"]);
	assert_eq!(refused.error(), Some("healthtokens.Licence.Expired"));

	// A licence stops licensing when its board loses its accreditation: `verify` says so and
	// exits 1.
	let licence_hash = format!("0x{}", "22".repeat(32));
	let verified = ok(node.client(&["token", "verify", "--hash", &licence_hash]).unwrap()).json;
	assert_eq!(verified["verdict"], "in_force");
	ok(as_signer(&node, CONSORTIUM, &["registry", "suspend", "0"]));
	let lapsed = node.client(&["token", "verify", "--hash", &licence_hash]).unwrap();
	assert_eq!(
		(lapsed.code, &lapsed.json["verdict"]),
		(1, &Value::from("issuer_authority_lapsed"))
	);
	// Its board can no longer act on it, but the consortium can revoke it.
	let run = ok(as_signer(
		&node,
		CONSORTIUM,
		&["token", "force-revoke", &licence, "--reason", "disciplinary"],
	));
	let revoked = run.event("HealthTokens", "TokenRevoked").expect("revoked");
	assert_eq!(revoked["fields"]["by"], Value::Null, "by the consortium");
	let check = ok(node.client(&["token", "licence-check", "ferdie", "physician"]).unwrap()).json;
	assert_eq!(check["reason"], "revoked");
}

#[test]
fn telemedicine_sessions_through_the_client() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let licence = licensed_doctor(&node);

	// An unlicensed account cannot open a session.
	let refused = as_signer(&node, STRANGER, &["session", "open", "eve"]);
	assert_eq!(refused.error(), Some("healthtokens.Licence.NotLicensed"));

	// Practitioner first, then the patient accepts; closed with the record's hash.
	let run = ok(as_signer(&node, DOCTOR, &["session", "open", "eve"]));
	let session = issued(&run);
	assert_eq!(show(&node, &session)["effective"], "pending");
	let refused = as_signer(&node, STRANGER, &["session", "accept", &session]);
	assert_eq!(refused.error(), Some("healthtokens.NotOwner"));
	let run = ok(as_signer(&node, PATIENT, &["session", "accept", &session]));
	assert!(run.event("HealthTokens", "SessionAccepted").is_some());
	let notes = write(dir.path(), "session-notes.txt", "telemedicine session notes");
	let refused = as_signer(&node, PATIENT, &["session", "close", &session, "--file", &notes]);
	assert_eq!(refused.error(), Some("healthtokens.NotIssuer"));
	ok(as_signer(&node, DOCTOR, &["session", "close", &session, "--file", &notes]));
	let closed = ok(verify(&node, &notes)).json;
	assert_eq!(closed["token"]["effective"], "closed");
	assert_eq!(closed["token"]["token"]["issuer"], address(&node, DOCTOR));
	assert_eq!(closed["token"]["token"]["owner"], address(&node, PATIENT));
	// Licensed, but which licence (and so which profession) is not under the patient's account.
	assert_eq!(closed["token"]["token"]["authority"], "licensed", "licence {licence}");

	// Patient first: an account without any funds signs an acceptance off chain.
	let patient = address(&node, UNFUNDED_PATIENT);
	let reference = format!("0x{}", "5e".repeat(32));
	let signed = ok(as_signer(
		&node,
		UNFUNDED_PATIENT,
		&["session", "sign-acceptance", "ferdie", "--reference", &reference],
	));
	let acceptance = dir.path().join("acceptance.json");
	std::fs::write(&acceptance, signed.json.to_string()).unwrap();
	let acceptance = acceptance.to_string_lossy().into_owned();
	// Ferdie cannot use it for another patient.
	let misused =
		as_signer(&node, DOCTOR, &["session", "open", "eve", "--acceptance", &acceptance]);
	assert_eq!(misused.error(), Some("healthtokens.BadSignature"));
	let run =
		ok(as_signer(&node, DOCTOR, &["session", "open", &patient, "--acceptance", &acceptance]));
	assert!(run.event("HealthTokens", "SessionAccepted").is_some(), "accepted at once");
	let opened = show(&node, &issued(&run));
	assert_eq!(opened["effective"], "active");
	assert_eq!(opened["token"]["owner"], patient);
	// The same acceptance cannot open a second session.
	let replayed =
		as_signer(&node, DOCTOR, &["session", "open", &patient, "--acceptance", &acceptance]);
	assert_eq!(replayed.error(), Some("healthtokens.HashInUse"));

	// A proposal nobody accepted can be withdrawn.
	let run = ok(as_signer(&node, DOCTOR, &["session", "open", "eve"]));
	let proposal = issued(&run);
	ok(as_signer(&node, PATIENT, &["session", "cancel", &proposal]));
	assert_eq!(node.client(&["token", "show", &proposal]).unwrap().code, 2);
}

/// Item 6 of the second review, as an attacker and its victims would meet it: an agent of an
/// accredited laboratory issues a certificate to a stranger and revokes it (as fraudulent), so
/// that she could no longer refuse it; she refuses it all the same, and it names her no more
/// (the revocation still tells whoever holds the document). A licensing board's agent issues a
/// licence nobody asked for: it licenses nothing until accepted, and is refused. And a board's
/// agent cannot license itself.
#[test]
fn attack_no_token_can_be_imposed_on_a_patient_or_a_practitioner() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	organisation(&node, HOSPITAL, "hospital", &["provider", "laboratory"]);
	let smear = write(dir.path(), "smear.json", r#"{"test":"hiv","result":"positive"}"#);
	let run = ok(as_signer(
		&node,
		HOSPITAL,
		&["token", "issue-certificate", "eve", "--role", "laboratory", "--file", &smear],
	));
	let certificate = issued(&run);
	ok(as_signer(&node, HOSPITAL, &["token", "revoke", &certificate, "--reason", "fraudulent"]));
	let run = ok(as_signer(&node, PATIENT, &["token", "refuse", &certificate]));
	assert!(run.event("HealthTokens", "TokenRefused").is_some());
	let token = show(&node, &certificate);
	assert_eq!(token["token"]["owner"], Value::Null, "{token}");
	assert_eq!(token["effective"], "revoked");
	let listed = ok(node.client(&["token", "list", "eve", "--all"]).unwrap()).json;
	assert_eq!(listed["tokens"], serde_json::json!([]));
	let verified = verify(&node, &smear);
	assert_eq!((verified.code, verified.json["token"]["effective"].as_str()), (1, Some("revoked")));

	// A licence nobody asked for: pending, licensing nothing, refused and gone.
	organisation(&node, BOARD, "licensing-board", &["licensing-board"]);
	let run = ok(as_signer(
		&node,
		BOARD,
		&[
			"token",
			"issue-licence",
			"dave",
			"psychologist",
			"--valid-until",
			"+1d",
			"--hash",
			&format!("0x{}", "31".repeat(32)),
		],
	));
	let imposed = issued(&run);
	assert_eq!(show(&node, &imposed)["effective"], "pending");
	let check = ok(node.client(&["token", "licence-check", "dave", "psychologist"]).unwrap()).json;
	assert_eq!(check["licensed"], false);
	let refused = as_signer(&node, STRANGER, &["session", "open", "eve"]);
	assert_eq!(refused.error(), Some("healthtokens.Licence.NotLicensed"));
	ok(as_signer(&node, STRANGER, &["token", "refuse", &imposed]));
	assert_eq!(node.client(&["token", "show", &imposed]).unwrap().code, 2);

	// A board's agent licensing itself.
	let refused = as_signer(
		&node,
		BOARD,
		&[
			"token",
			"issue-licence",
			"charlie",
			"physician",
			"--valid-until",
			"+1d",
			"--hash",
			&format!("0x{}", "32".repeat(32)),
		],
	);
	assert_eq!(refused.error(), Some("healthtokens.SelfIssued"));
}
