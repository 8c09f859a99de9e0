//! Consent through the real node and the real client: a patient grants and revokes, a record
//! store asks `check_access`, expiry needs no transaction, break-glass needs a licence.

use super::{
	as_signer, ok,
	tokens::{licensed_doctor, organisation},
};
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
	assert_eq!(answer["basis"]["consent"]["consent"].to_string(), consent);
	assert!(!check(&node, "dave", "research").0, "wrong purpose");

	// Only the patient (or a representative) may revoke; once revoked, denied from the next
	// block on.
	let refused = as_signer(&node, GRANTEE, &["consent", "revoke", &consent]);
	assert_eq!(refused.error(), Some("consent.NotAuthorized"));
	ok(as_signer(&node, PATIENT, &["consent", "revoke", &consent]));
	let (permitted, answer) = check(&node, "dave", "treatment");
	assert!(!permitted);
	assert_eq!(answer["basis"], "no_consent");
	let listed = ok(node.client(&["consent", "list", "eve"]).unwrap()).json;
	assert_eq!(listed["consents"][0]["effective"], "revoked");
	assert_eq!(listed["consents"][0]["capacity"], "patient");

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
	assert_eq!(shown["effective"], "expired");
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
	assert_eq!(refused.error(), Some("consent.Licence.NotLicensed"));

	// A licensing board licenses Ferdie; a licence alone does not break the glass.
	licensed_doctor(&node);
	let alone = as_signer(
		&node,
		DOCTOR,
		&["consent", "emergency", "open", "eve", "--justification", "other", "--duration", "1h"],
	);
	assert_eq!(alone.error(), Some("consent.Accreditation.NotAnAgent"));
	// Ferdie practises at Bob's hospital, a provider: he is invited and accepts.
	let hospital = organisation(&node, "//Bob", "hospital", &["provider"]);
	ok(as_signer(&node, "//Bob", &["registry", "add-agent", &hospital, "ferdie"]));
	ok(as_signer(&node, DOCTOR, &["registry", "accept", &hospital]));

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
	assert_eq!(opened["fields"]["justification"], "patient_unable_to_consent");
	let (permitted, answer) = check(&node, "ferdie", "emergency");
	assert!(permitted);
	assert!(answer["basis"]["emergency"].is_object(), "{answer}");
	assert!(!check(&node, "ferdie", "treatment").0, "emergency purpose only");

	// It is in Eve's audit trail, about no record: a break-glass opening, under its licence.
	let audit = ok(node.client(&["consent", "audit", "eve"]).unwrap()).json;
	let entry = &audit["entries"][0]["entry"];
	assert_eq!(entry["accessor"], ok(as_signer(&node, DOCTOR, &["account"])).json["account"]);
	assert_eq!(entry["custodian"], serde_json::Value::Null);
	assert_eq!(entry["kind"]["break_glass"]["licence"].as_u64(), Some(0), "{entry}");

	// The patient closes it: the access ends, and it cannot be reopened at once.
	let refused = as_signer(
		&node,
		GRANTEE,
		&["consent", "emergency", "close", "eve", "--practitioner", "ferdie"],
	);
	assert_eq!(refused.error(), Some("consent.NotAuthorized"));
	let run = ok(as_signer(
		&node,
		PATIENT,
		&["consent", "emergency", "close", "eve", "--practitioner", "ferdie"],
	));
	let closed = run.event("Consent", "EmergencyAccessClosed").expect("closed");
	assert_eq!(closed["fields"]["by"], ok(as_signer(&node, PATIENT, &["account"])).json["account"]);
	assert!(!check(&node, "ferdie", "emergency").0);
	let again = as_signer(
		&node,
		DOCTOR,
		&["consent", "emergency", "open", "eve", "--justification", "other", "--duration", "1h"],
	);
	assert_eq!(again.error(), Some("consent.CoolingDown"));
}

/// Issue 9, item 1, as an attacker would try it: a rogue agent of one provider records an
/// accomplice as guardian of a patient it never dealt with. The accomplice gets nothing until
/// another provider attests it; once the patient ends it, the consents the accomplice granted
/// stop permitting. And what custodians log about accesses reveals nothing of the records.
#[test]
fn a_guardian_needs_two_providers_and_the_audit_trail_reveals_no_record() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	// Bob's hospital (also a data custodian) and Charlie's clinic are providers.
	let hospital = organisation(&node, "//Bob", "hospital", &["provider", "data-custodian"]);
	organisation(&node, "//Charlie", "clinic", &["provider"]);
	let (rogue, accomplice, attester) = ("//Bob", GRANTEE, "//Charlie");

	// The rogue agent records the accomplice as Eve's guardian, with some "evidence".
	let evidence = dir.path().join("court-order.pdf");
	std::fs::write(&evidence, "a forged court order").unwrap();
	let run = ok(as_signer(
		&node,
		rogue,
		&[
			"consent",
			"representative",
			"record",
			"eve",
			"dave",
			"--capacity",
			"guardian",
			"--file",
			&evidence.to_string_lossy(),
		],
	));
	let recorded = run.event("Consent", "RepresentativeRecorded").expect("the patient is told");
	let eve = ok(as_signer(&node, PATIENT, &["account"])).json["account"].clone();
	assert_eq!(recorded["fields"]["patient"], eve);
	let evidence_hash = recorded["fields"]["evidence"].as_str().unwrap().to_string();

	// Alone, that gives the accomplice nothing.
	let grant_all =
		["consent", "grant", "--patient", "eve", "--grantee", "dave", "--purposes", "treatment"];
	let refused = as_signer(&node, accomplice, &grant_all);
	assert_eq!(refused.error(), Some("consent.NotAuthorized"));
	assert!(!check(&node, "dave", "treatment").0);
	// The same provider cannot vouch for its own record.
	let attest = |signer: &str| {
		as_signer(
			&node,
			signer,
			&[
				"consent",
				"representative",
				"attest",
				"eve",
				"--organisation",
				&hospital,
				"--representative",
				"dave",
				"--evidence",
				&evidence_hash,
			],
		)
	};
	assert_eq!(attest(rogue).error(), Some("consent.SameOrganisation"));
	let listed = ok(node.client(&["consent", "representative", "list", "eve"]).unwrap()).json;
	assert_eq!(listed["representatives"].as_array().map(Vec::len), Some(0));
	assert_eq!(listed["awaiting_attestation"][0]["record"]["evidence"], evidence_hash);

	// A second, independent provider attests: now the guardian acts, and grants itself access.
	let run = ok(attest(attester));
	assert!(run.event("Consent", "RepresentativeAppointed").is_some());
	let granted = ok(as_signer(&node, accomplice, &grant_all));
	let consent =
		granted.event("Consent", "ConsentGranted").unwrap()["fields"]["consent"].to_string();
	assert!(check(&node, "dave", "treatment").0);

	// Eve deals with the hospital (a custodian records accesses only for patients who do).
	ok(as_signer(
		&node,
		PATIENT,
		&[
			"consent",
			"grant",
			"--grantee",
			&format!("org:{hospital}"),
			"--scope",
			"category:genomics",
			"--deny",
			"--purposes",
			"research",
		],
	));
	// The hospital logs an access by Dave to an HIV-labelled imaging study: only a commitment
	// goes on chain, and the receipt lets the patient check it.
	let receipt = dir.path().join("access-receipt.json");
	let receipt = receipt.to_string_lossy().into_owned();
	let logged = ok(as_signer(
		&node,
		rogue,
		&[
			"consent",
			"log-access",
			"eve",
			"dave",
			"--category",
			"imaging,hiv",
			"--purpose",
			"treatment",
			"--receipt",
			&receipt,
		],
	));
	// Item 5 of the second review: neither the event nor the entry says which consent (and so,
	// the patient's provisions being public, which category, action and purpose) decided the
	// access, nor whether it was permitted: who, which custodian, a commitment, when, and whose
	// deposit.
	let recorded = logged.event("Consent", "AccessRecorded").expect("recorded");
	let mut fields: Vec<&str> =
		recorded["fields"].as_object().unwrap().keys().map(String::as_str).collect();
	fields.sort();
	assert_eq!(fields, ["accessor", "by", "custodian", "index", "patient"]);
	let audit = ok(node.client(&["consent", "audit", "eve"]).unwrap()).json;
	let entry = &audit["entries"][0]["entry"];
	assert!(entry["kind"]["reported"]["commitment"].is_string(), "{entry}");
	let mut fields: Vec<&str> = entry.as_object().unwrap().keys().map(String::as_str).collect();
	fields.sort();
	assert_eq!(
		fields,
		["accessor", "at", "block", "custodian", "deposit", "depositor", "kind", "recorded_by"]
	);
	// The patient, holding the receipt, still learns which consent decided it, and checks it.
	let written: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&receipt).unwrap()).unwrap();
	assert_eq!(written["decision"]["basis"]["consent"]["consent"].to_string(), consent);
	ok(node.client(&["consent", "verify-access", &receipt]).unwrap());
	// A receipt altered to claim another decision does not verify.
	let mut denied = written.clone();
	denied["decision"] = serde_json::json!({ "decision": "deny", "basis": "no_consent" });
	let forged = dir.path().join("denied-receipt.json");
	std::fs::write(&forged, denied.to_string()).unwrap();
	let refused = node.client(&["consent", "verify-access", &forged.to_string_lossy()]).unwrap();
	assert_eq!((refused.code, &refused.json["verified"]), (1, &serde_json::Value::Bool(false)));
	// A receipt altered to claim another category does not verify.
	let mut altered: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&receipt).unwrap()).unwrap();
	altered["scope"]["labels"] = serde_json::json!(["imaging"]);
	let forged = dir.path().join("altered-receipt.json");
	std::fs::write(&forged, altered.to_string()).unwrap();
	let refused = node.client(&["consent", "verify-access", &forged.to_string_lossy()]).unwrap();
	assert_eq!((refused.code, &refused.json["verified"]), (1, &serde_json::Value::Bool(false)));

	// Eve ends the representation: the accomplice's consent stops permitting at once.
	ok(as_signer(&node, PATIENT, &["consent", "representative", "remove", "eve", "dave"]));
	let (permitted, answer) = check(&node, "dave", "treatment");
	assert!(!permitted, "the removed guardian's consent still permits: {answer}");
	let shown = ok(node.client(&["consent", "show", &consent]).unwrap()).json;
	assert_eq!(shown["lapsed"], true);
}

/// A deny over HIV records whose category no reader of the chain learns: Eve's wallet commits
/// to the category with a fresh salt and writes the opening for the custodian; the chain stores
/// and shows only the commitment; the custodian's `check_access` applies it once opened, and
/// without the opening the deny covers every record. The access receipt carries the opening, so
/// Eve's check of the audit entry re-asks the same question.
#[test]
fn a_committed_deny_hides_its_category_and_the_custodian_opens_it() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let hospital = organisation(&node, "//Bob", "hospital", &["provider", "data-custodian"]);
	let grantee = format!("org:{hospital}");
	let grant = |extra: &[&str]| {
		let mut args = vec!["consent", "grant", "--grantee", &grantee, "--purposes", "treatment"];
		args.extend_from_slice(extra);
		as_signer(&node, PATIENT, &args)
	};
	ok(grant(&["--scope", "all"]));
	// Without somewhere to write the opening, nothing is granted.
	let refused = grant(&["--deny", "--scope", "committed:hiv"]);
	assert_eq!(refused.code, 2, "{:?} {}", refused.json, refused.stderr);
	assert!(refused.stderr.contains("--openings-out"), "{}", refused.stderr);
	let openings = dir.path().join("openings.json");
	let run = ok(grant(&[
		"--deny",
		"--scope",
		"committed:hiv",
		"--openings-out",
		openings.to_str().unwrap(),
	]));
	let deny = granted(&run);
	let opening: serde_json::Value =
		serde_json::from_slice(&std::fs::read(&openings).unwrap()).unwrap();
	assert_eq!(opening["format"], "healthchain-scope-openings/1");
	assert_eq!(opening["openings"][0]["category"], "hiv");
	// What the chain shows: a commitment, no category.
	let shown = ok(node.client(&["consent", "show", &deny]).unwrap()).json;
	let text = shown.to_string();
	assert!(!text.to_lowercase().contains("hiv"), "{text}");
	assert_eq!(
		shown["provisions"][0]["scope"]["committed"], opening["openings"][0]["commitment"],
		"{shown}"
	);

	let ask = |labels: &str, openings_file: Option<&str>| {
		let mut args =
			vec!["consent", "check", "bob", "eve", "--category", labels, "--purpose", "treatment"];
		if let Some(file) = openings_file {
			args.extend(["--openings", file]);
		}
		let run = node.client(&args).unwrap();
		assert!(run.code == 0 || run.code == 1, "{:?} {}", run.json, run.stderr);
		run.code == 0
	};
	let file = openings.to_str().unwrap();
	assert!(!ask("imaging", None), "unopened, the committed deny covers every record");
	assert!(ask("imaging", Some(file)), "opened, it is a deny over HIV only");
	assert!(!ask("imaging,hiv", Some(file)), "a record labelled HIV is denied");

	// The same questions as a custodian's batch (JSON lines in, JSON lines out, in order), with
	// lines that are not questions (not JSON, a misspelt field, empty) and one about another
	// patient, whom the openings do not concern: each answered as `consent check` answers it.
	let input = [
		r#"{"id": "a", "accessor": "bob", "patient": "eve", "labels": ["imaging"], "purpose": "treatment"}"#,
		r#"{"id": "b", "accessor": "bob", "patient": "eve", "labels": ["imaging", "hiv"], "purpose": "treatment"}"#,
		"not a question",
		r#"{"id": "d", "accessor": "bob", "patient": "eve", "label": ["imaging"], "purpose": "treatment"}"#,
		"",
		r#"{"id": "f", "accessor": "bob", "patient": "ferdie", "labels": ["imaging"], "purpose": "treatment"}"#,
	]
	.join("\n");
	let (code, lines) = healthchain_e2e::run_client_with_input(
		&node.url(),
		&["consent", "check-batch", "--openings", file],
		&input,
	)
	.unwrap();
	assert_eq!(code, 0, "{lines:?}");
	let answers: Vec<serde_json::Value> =
		lines.iter().map(|line| serde_json::from_str(line).expect("a JSON line")).collect();
	assert_eq!(answers.len(), 6, "one answer per line: {answers:#?}");
	let lines_answered: Vec<_> = answers.iter().map(|a| a["line"].as_u64().unwrap()).collect();
	assert_eq!(lines_answered, [1, 2, 3, 4, 5, 6], "in order");
	assert_eq!((&answers[0]["id"], &answers[0]["permitted"]), (&"a".into(), &true.into()));
	assert_eq!(answers[1]["permitted"], false, "{}", answers[1]);
	assert_eq!(answers[1]["decision"]["basis"]["consent"]["consent"], deny.parse::<u64>().unwrap());
	assert!(answers[2]["error"].as_str().unwrap().starts_with("not a question"), "{}", answers[2]);
	assert!(
		answers[3]["error"].as_str().unwrap().contains("label"),
		"a misspelt field: {}",
		answers[3]
	);
	assert_eq!(
		answers[3]["id"],
		serde_json::Value::Null,
		"a line that is not a question has no id"
	);
	assert_eq!(answers[4]["error"], "an empty line", "{}", answers[4]);
	assert_eq!(answers[5]["decision"]["basis"], "no_consent", "{}", answers[5]);
	assert!(answers[5]["block"].as_u64().is_some(), "the block that decided: {}", answers[5]);

	// The custodian logs an access with the opening; Eve's receipt check re-asks it.
	let receipt = dir.path().join("receipt.json");
	ok(as_signer(
		&node,
		"//Bob",
		&[
			"consent",
			"log-access",
			"eve",
			"bob",
			"--category",
			"imaging",
			"--purpose",
			"treatment",
			"--openings",
			file,
			"--receipt",
			receipt.to_str().unwrap(),
		],
	));
	let held: serde_json::Value =
		serde_json::from_slice(&std::fs::read(&receipt).unwrap()).unwrap();
	assert_eq!(held["decision"]["decision"], "permit", "{held}");
	assert_eq!(held["scope"]["openings"][0], opening["openings"][0], "the opening travels with it");
	ok(node.client(&["consent", "verify-access", receipt.to_str().unwrap()]).unwrap());
}
