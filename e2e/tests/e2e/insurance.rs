//! Insurance attestations through the real node and the real client, as an insurer, a patient's
//! wallet and a provider would use them: attest → present → verify, through suspension,
//! reinstatement, the insurer's accreditation suspended and a renewal; and the presentations a
//! provider must refuse, each with its own reason.

use super::{as_signer, ok, tokens::organisation};
use healthchain_client::insurance::{ClaimJson, Credential, Presentation};
use healthchain_e2e::{ClientRun, Node};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Bob administers the insurer.
const INSURER: &str = "//Bob";
/// Charlie is one of its agents.
const AGENT: &str = "//Charlie";
/// Eve is the patient.
const PATIENT: &str = "//Eve";
/// Ferdie is a provider's front desk, and later someone else presenting Eve's claims.
const OTHER: &str = "//Ferdie";
const CONSORTIUM: &str = "//Alice";

/// The claims file of a coverage of `plan` that began a month ago and lasts a year (member
/// `M-0012345`, four classes of care, tier `preferred`, co-payment class `B`).
fn claims(plan: &str) -> String {
	super::readme::claims_from_now().replace("\"GOLD\"", &format!("{plan:?}"))
}

fn path(p: &Path) -> &str {
	p.to_str().expect("UTF-8 path")
}

/// An insurer (Bob) accredited as insurer, with Charlie as its agent; its id.
fn insurer(node: &Node) -> String {
	let org = organisation(node, INSURER, "insurer", &["insurer"]);
	ok(as_signer(node, INSURER, &["registry", "add-agent", &org, "charlie"]));
	ok(as_signer(node, AGENT, &["registry", "accept", &org]));
	org
}

/// Charlie attests the coverage of `claims` for Eve; the attestation's id and the credential.
fn attest(node: &Node, dir: &Path, claims: &str, name: &str) -> (u64, PathBuf) {
	let claims_file = dir.join(format!("{name}.json"));
	std::fs::write(&claims_file, claims).expect("claims written");
	let credential = dir.join(format!("{name}.credential.json"));
	let run = ok(as_signer(
		node,
		AGENT,
		&["insurance", "attest", "eve", "--claims", path(&claims_file), "--out", path(&credential)],
	));
	assert_eq!(run.json["credential"], path(&credential));
	(run.json["attestation"].as_u64().expect("an attestation id"), credential)
}

/// A fresh challenge from the provider's client.
fn challenge(node: &Node) -> String {
	let run = ok(node.client(&["insurance", "challenge"]).expect("client runs"));
	run.json["challenge"].as_str().expect("a challenge").to_string()
}

/// Eve presents `disclose` from `credential` for `challenge`; the presentation's path.
fn present(node: &Node, credential: &Path, disclose: &str, challenge: &str, out: &Path) -> PathBuf {
	ok(as_signer(
		node,
		PATIENT,
		&[
			"insurance",
			"present",
			"--credential",
			path(credential),
			"--disclose",
			disclose,
			"--challenge",
			challenge,
			"--out",
			path(out),
		],
	));
	out.to_path_buf()
}

/// The provider verifies `presentation` against `challenge`.
fn verify(node: &Node, presentation: &Path, challenge: &str) -> ClientRun {
	node.client(&["insurance", "verify", path(presentation), "--challenge", challenge])
		.expect("client runs")
}

/// Assert a verification failed (exit 1) for `reason`; its message.
fn refused(run: &ClientRun, reason: &str) -> String {
	assert_eq!(run.code, 1, "{:?} {}", run.json, run.stderr);
	assert_eq!(run.json["in_force"], false, "{:?}", run.json);
	assert_eq!(run.json["reason"], reason, "{:?}", run.json);
	run.json["message"].as_str().expect("a message").to_string()
}

fn edit(presentation: &Path, to: &Path, change: impl FnOnce(&mut Value)) -> PathBuf {
	let mut json: Value =
		serde_json::from_slice(&std::fs::read(presentation).expect("read")).expect("JSON");
	change(&mut json);
	std::fs::write(to, serde_json::to_vec_pretty(&json).expect("JSON")).expect("written");
	to.to_path_buf()
}

#[test]
fn coverage_is_attested_presented_verified_suspended_and_renewed() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	insurer(&node);

	// The insurer's agent attests Eve's coverage; the credential is hers alone.
	let (id, credential) = attest(&node, dir, &claims("GOLD-2026"), "coverage");
	let held = Credential::read(&credential).expect("a valid credential");
	assert_eq!(held.attestation, Some(id));
	assert_eq!(held.claims.len(), 9, "plan, member, 4 classes, tier, co-payment, period");

	// The provider gives a challenge; Eve discloses telemedicine and her plan only.
	let c1 = challenge(&node);
	let p1 = present(&node, &credential, "telemedicine,plan", &c1, &dir.join("p1.json"));
	let presentation = Presentation::read(&p1).expect("a presentation");
	let disclosed: Vec<&ClaimJson> = presentation.disclosed.iter().map(|d| &d.claim).collect();
	assert_eq!(
		disclosed,
		[
			&ClaimJson::Coverage(healthchain_client::insurance::CoverageClass::Telemedicine),
			&ClaimJson::Plan("GOLD-2026".into())
		]
	);
	let text = std::fs::read_to_string(&p1).unwrap();
	assert!(!text.contains("M-0012345") && !text.contains("inpatient"), "only what she chose");
	let run = ok(verify(&node, &p1, &c1));
	assert_eq!(
		(run.json["in_force"].clone(), run.json["reason"].clone()),
		(true.into(), "in_force".into())
	);
	// The same verdicts from the client library, typed: what a verifier built on it sees.
	{
		use healthchain_client::{
			hash::Hash32,
			insurance::{PresentationFailure, PresentationVerdict},
		};
		let asked: Hash32 = c1.parse().expect("a challenge");
		let other = Hash32([7; 32]);
		let [right, wrong] =
			tokio::runtime::Runtime::new().expect("a tokio runtime").block_on(async {
				let chain =
					healthchain_client::Chain::connect(&node.url()).await.expect("connects");
				let check = |challenge| chain.check_presentation(&presentation, challenge, &[]);
				[check(asked).await.expect("checked"), check(other).await.expect("checked")]
			});
		assert!(matches!(right, PresentationVerdict::InForce(_)), "{right:?}");
		assert_eq!(
			wrong,
			PresentationVerdict::Refused(PresentationFailure::WrongChallenge {
				answered: asked,
				asked: other
			})
		);
	}

	// A provider that needs maternity cover requires it: not disclosed, not shown.
	let run = node
		.client(&["insurance", "verify", path(&p1), "--challenge", &c1, "--require", "maternity"])
		.unwrap();
	assert!(refused(&run, "not_disclosed").contains("maternity"));
	let run = node
		.client(&[
			"insurance",
			"verify",
			path(&p1),
			"--challenge",
			&c1,
			"--require",
			"telemedicine",
		])
		.unwrap();
	ok(run);

	// The presentations a provider must refuse, each with its own reason.
	let replayed = verify(&node, &p1, &challenge(&node));
	assert!(refused(&replayed, "wrong_challenge").contains("replayed"));
	let not_covered = edit(&p1, &dir.join("dental.json"), |json| {
		json["disclosed"][0]["value"] = "dental".into();
	});
	let message = refused(&verify(&node, &not_covered, &c1), "claim_not_committed");
	assert!(message.contains("coverage dental"), "{message}");
	let changed = edit(&p1, &dir.join("platinum.json"), |json| {
		json["disclosed"][1]["value"] = "PLATINUM-2026".into();
	});
	let message = refused(&verify(&node, &changed, &c1), "claim_not_committed");
	assert!(message.contains("plan PLATINUM-2026"), "{message}");
	// Ferdie signs Eve's claims as himself: a valid signature, but not the patient's.
	let ferdie = healthchain_client::keys::keypair_from_suri(OTHER).unwrap();
	let by_ferdie = Presentation::sign(
		&ferdie,
		presentation.genesis_hash,
		id,
		presentation.challenge,
		presentation.disclosed.clone(),
	);
	let by_ferdie_path = dir.join("ferdie.json");
	std::fs::write(&by_ferdie_path, serde_json::to_vec(&by_ferdie).unwrap()).unwrap();
	let message = refused(&verify(&node, &by_ferdie_path, &c1), "not_the_patient");
	assert!(message.contains("only its patient can present it"), "{message}");
	// ... or claims to be Eve with his signature.
	let forged = edit(&by_ferdie_path, &dir.join("forged.json"), |json| {
		json["patient"] = presentation.patient.clone().into();
	});
	let message = refused(&verify(&node, &forged, &c1), "bad_signature");
	assert!(message.contains("signed by another account"), "{message}");
	// Ferdie's client refuses to present a credential that is not his.
	let theirs = as_signer(
		&node,
		OTHER,
		&[
			"insurance",
			"present",
			"--credential",
			path(&credential),
			"--disclose",
			"plan",
			"--challenge",
			&c1,
			"--out",
			path(&dir.join("x.json")),
		],
	);
	assert_eq!(theirs.code, 2, "{:?}", theirs.json);
	assert!(theirs.stderr.contains("only its patient can present it"), "{}", theirs.stderr);

	// Suspended: verify says so; reinstated: in force again.
	ok(as_signer(&node, AGENT, &["insurance", "suspend", &id.to_string()]));
	refused(&verify(&node, &p1, &c1), "suspended");
	ok(as_signer(&node, INSURER, &["insurance", "reinstate", &id.to_string()]));
	ok(verify(&node, &p1, &c1));

	// Renewed (a new plan year): the old presentation reads as superseded, a new one in force.
	let renewed_claims = dir.join("renewed.json");
	std::fs::write(&renewed_claims, claims("GOLD-2027")).unwrap();
	let renewed_credential = dir.join("renewed.credential.json");
	let run = ok(as_signer(
		&node,
		AGENT,
		&[
			"insurance",
			"renew",
			&id.to_string(),
			"--claims",
			path(&renewed_claims),
			"--out",
			path(&renewed_credential),
		],
	));
	let new_id = run.json["attestation"].as_u64().expect("the new attestation");
	assert_eq!(run.json["replaces"], id);
	let message = refused(&verify(&node, &p1, &c1), "superseded");
	assert!(message.contains(&format!("superseded by attestation {new_id}")), "{message}");
	let c2 = challenge(&node);
	let p2 = present(&node, &renewed_credential, "plan", &c2, &dir.join("p2.json"));
	let run = ok(verify(&node, &p2, &c2));
	assert_eq!(run.json["disclosed"][0]["value"], "GOLD-2027");

	// Eve's attestations, paged; the old one removed by the insurer returns its deposit.
	let list = ok(node.client(&["insurance", "list", "eve", "--limit", "1"]).unwrap());
	assert_eq!(list.json["attestations"].as_array().map(Vec::len), Some(1), "{:?}", list.json);
	let next = list.json["next"].as_u64().expect("a second page");
	let rest =
		ok(node.client(&["insurance", "list", "eve", "--after", &next.to_string()]).unwrap());
	assert_eq!(rest.json["attestations"].as_array().map(Vec::len), Some(1), "{:?}", rest.json);
	assert_eq!(rest.json["next"], Value::Null);
	let removed = ok(as_signer(&node, INSURER, &["insurance", "remove", &id.to_string()]));
	assert!(removed.event("Insurance", "Removed").is_some(), "{:?}", removed.json);
	let message = refused(&verify(&node, &p1, &c1), "attestation_not_found");
	assert!(message.contains("no such attestation"), "{message}");
}

/// The insurer's accreditation is checked when a presentation is verified; and after an
/// attestation, no claim value, salt or leaf hash is anywhere in the chain's storage.
#[test]
fn coverage_ends_with_the_insurers_accreditation_and_storage_holds_no_claim() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	let org = insurer(&node);
	let (id, credential) = attest(&node, dir, &claims("GOLD-2026"), "coverage");
	// A client that lost sight of its transaction left the credential without its id: `find`
	// writes it back from the chain.
	let mut lost: Value = serde_json::from_slice(&std::fs::read(&credential).unwrap()).unwrap();
	lost["attestation"] = Value::Null;
	std::fs::write(&credential, serde_json::to_vec_pretty(&lost).unwrap()).unwrap();
	let found = ok(node
		.client(&["insurance", "find", "--credential", path(&credential)])
		.expect("client runs"));
	assert_eq!(found.json["attestation"], id);
	assert_eq!(Credential::read(&credential).unwrap().attestation, Some(id));

	// Every key and value of the finalized state.
	let finalized = node.rpc("chain_getFinalizedHead", serde_json::json!([])).unwrap();
	let mut keys: Vec<Value> = Vec::new();
	loop {
		let start = keys.last().cloned().unwrap_or(Value::Null);
		let page = node
			.rpc("state_getKeysPaged", serde_json::json!(["0x", 1000, start, finalized.clone()]))
			.unwrap();
		let page = page.as_array().cloned().unwrap_or_default();
		let done = page.len() < 1000;
		keys.extend(page);
		if done {
			break;
		}
	}
	let changes = node.rpc("state_queryStorageAt", serde_json::json!([keys, finalized])).unwrap();
	let mut storage = String::new();
	for change in changes[0]["changes"].as_array().expect("changes") {
		storage.push_str(change[0].as_str().unwrap_or_default());
		storage.push_str(change[1].as_str().unwrap_or_default());
	}
	let held = Credential::read(&credential).unwrap();
	let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
	assert!(storage.contains(&hex(&held.commitment.0)), "the commitment is stored (search works)");
	for claim in &held.claims {
		assert!(!storage.contains(&hex(&claim.salt.0)), "a salt is in storage");
		let leaf = &held.leaves[usize::from(claim.index)];
		assert!(!storage.contains(&hex(&leaf.0)), "a leaf hash is in storage");
	}
	for value in ["GOLD-2026", "M-0012345", "preferred"] {
		assert!(!storage.contains(&hex(value.as_bytes())), "{value} is in storage");
	}

	// The consortium suspends the insurer's accreditation: the attestation is not in force.
	let c1 = challenge(&node);
	let p1 = present(&node, &credential, "inpatient", &c1, &dir.join("p1.json"));
	ok(verify(&node, &p1, &c1));
	ok(as_signer(&node, CONSORTIUM, &["registry", "suspend", &org, "insurer"]));
	let message = refused(&verify(&node, &p1, &c1), "insurer_not_accredited");
	assert!(message.contains("not accredited as insurer now"), "{message}");
	let shown = ok(node.client(&["insurance", "show", &id.to_string()]).unwrap());
	assert_eq!(shown.json["reason"], "insurer_not_accredited");
	// Its agents attest nothing more; reinstated, the attestation is in force again, and its
	// patient removes it.
	let claims_file = dir.join("coverage.json");
	let refused_attest = as_signer(
		&node,
		AGENT,
		&[
			"insurance",
			"attest",
			"eve",
			"--claims",
			path(&claims_file),
			"--out",
			path(&dir.join("again.json")),
		],
	);
	assert_eq!(
		refused_attest.error(),
		Some("insurance.Accreditation.Suspended"),
		"{:?}",
		refused_attest.json
	);
	assert!(!dir.join("again.json").exists(), "a refused attestation leaves no credential");
	ok(as_signer(&node, CONSORTIUM, &["registry", "reinstate", &org, "insurer"]));
	ok(verify(&node, &p1, &c1));
	ok(as_signer(&node, PATIENT, &["insurance", "remove", &id.to_string()]));

	// Item 10 of the second review: the removal returned the deposit to the insurer, which
	// could attest her again at once, in a loop. Eve refuses the insurer: it attests her no
	// more, until she allows it again.
	ok(as_signer(&node, PATIENT, &["insurance", "refuse", &org]));
	let again = as_signer(
		&node,
		AGENT,
		&[
			"insurance",
			"attest",
			"eve",
			"--claims",
			path(&claims_file),
			"--out",
			path(&dir.join("refused.json")),
		],
	);
	assert_eq!(again.error(), Some("insurance.RefusedByPatient"), "{:?}", again.json);
	ok(as_signer(&node, PATIENT, &["insurance", "allow", &org]));
	ok(as_signer(
		&node,
		AGENT,
		&[
			"insurance",
			"attest",
			"eve",
			"--claims",
			path(&claims_file),
			"--out",
			path(&dir.join("allowed.json")),
		],
	));
}
