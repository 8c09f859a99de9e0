//! Clinical-trial integrity through the real node and the real client, as a sponsor, its CRO
//! and an auditor would use them: documents with lineage, milestones, a data log anchored in
//! two batches with a proof per file, a tampered file caught, a rewritten log refused.

use super::{as_signer, ok, tokens::organisation};
use healthchain_e2e::Node;
use std::path::Path;

/// Bob administers the sponsor (accredited as trial sponsor).
const SPONSOR: &str = "//Bob";
/// Charlie is the CRO's data manager, an agent of the sponsor.
const CRO: &str = "//Charlie";
/// Dave administers another sponsor.
const RIVAL: &str = "//Dave";

const TRIAL: &str = "NCT04368728";

fn write(dir: &Path, name: &str, content: &[u8]) {
	let file = dir.join(name);
	std::fs::create_dir_all(file.parent().expect("in a folder")).expect("folder");
	std::fs::write(file, content).expect("written");
}

fn path(p: &Path) -> &str {
	p.to_str().expect("UTF-8 path")
}

#[test]
fn a_trial_anchors_its_documents_and_data_and_every_record_is_verifiable() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let org = organisation(&node, SPONSOR, "trial-sponsor", &["trial-sponsor"]);
	organisation(&node, RIVAL, "trial-sponsor", &["trial-sponsor"]);
	ok(as_signer(&node, SPONSOR, &["registry", "add-agent", &org, "charlie"]));
	ok(as_signer(&node, CRO, &["registry", "accept", &org]));

	// The CRO registers the trial and anchors the protocol and the analysis plan.
	ok(as_signer(&node, CRO, &["trial", "register", TRIAL]));
	let refused = as_signer(&node, RIVAL, &["trial", "register", TRIAL]);
	assert_eq!(refused.error(), Some("trialanchoring.AlreadyRegistered"), "{}", refused.json);
	write(dir.path(), "protocol-v1.pdf", b"protocol: primary outcome = HbA1c at 26 weeks");
	write(dir.path(), "sap-v1.pdf", b"SAP: ANCOVA on HbA1c at 26 weeks");
	write(dir.path(), "sap-v2.pdf", b"SAP: ANCOVA on fasting glucose at 12 weeks");
	let anchored = ok(as_signer(
		&node,
		CRO,
		&["trial", "document", "add", TRIAL, "protocol", path(&dir.path().join("protocol-v1.pdf"))],
	));
	let event = anchored.event("TrialAnchoring", "DocumentAnchored").expect("anchored");
	assert_eq!(event["fields"]["version"], 1);
	ok(as_signer(
		&node,
		CRO,
		&[
			"trial",
			"document",
			"add",
			TRIAL,
			"statistical-analysis-plan",
			path(&dir.path().join("sap-v1.pdf")),
		],
	));
	// A rival's agent anchors nothing for it.
	let refused = as_signer(&node, RIVAL, &["trial", "milestone", TRIAL, "first-enrolment"]);
	assert_eq!(refused.error(), Some("trialanchoring.NotSponsor"), "{}", refused.json);

	// Enrolment starts, then the SAP's outcome is switched: the audit flags it.
	ok(as_signer(&node, CRO, &["trial", "milestone", TRIAL, "first-enrolment"]));
	let unexplained = as_signer(
		&node,
		CRO,
		&[
			"trial",
			"document",
			"add",
			TRIAL,
			"statistical-analysis-plan",
			path(&dir.path().join("sap-v2.pdf")),
		],
	);
	assert_eq!(unexplained.code, 2, "a later version needs a reason: {}", unexplained.json);
	ok(as_signer(
		&node,
		CRO,
		&[
			"trial",
			"document",
			"add",
			TRIAL,
			"statistical-analysis-plan",
			path(&dir.path().join("sap-v2.pdf")),
			"--reason",
			"substantial-amendment",
		],
	));
	let audit = ok(node.client(&["trial", "audit", TRIAL]).unwrap()).json;
	let flagged = audit["flagged"].as_array().expect("flagged changes");
	assert_eq!(flagged.len(), 1, "{audit}");
	assert_eq!(flagged[0]["key"]["kind"], "statistical_analysis_plan");
	assert_eq!(flagged[0]["key"]["version"], 2);
	assert_eq!(flagged[0]["document"]["reason"], "substantial_amendment");
	let in_force = &audit["in_force_at_first_enrolment"];
	assert!(
		in_force
			.as_array()
			.unwrap()
			.iter()
			.any(|v| v["kind"] == "statistical_analysis_plan" && v["version"] == 1),
		"{audit}"
	);

	// Two batches of data, each anchored with a consistency proof, a proof per file.
	let data = dir.path().join("data");
	let state = dir.path().join("trial.log");
	write(&data, "batch1/site-01/crf.csv", b"subject,visit,hba1c\n001,1,7.9\n");
	write(&data, "batch1/site-01/lab.json", b"{\"subject\":\"001\",\"glucose\":8.1}");
	write(&data, "batch1/site-02/crf.csv", &vec![b'x'; 2 << 20]);
	let first = ok(as_signer(
		&node,
		CRO,
		&["trial", "log", "append", TRIAL, path(&data.join("batch1")), "--state", path(&state)],
	));
	assert_eq!(first.json["size"], 3, "{}", first.json);
	assert_eq!(first.json["finalized"], true);
	let seconds = first.json["seconds"].as_f64().expect("timed");
	eprintln!("trial log append of 3 files to a final, verifiable proof: {seconds:.1} s");
	assert!(seconds < 20.0, "a final proof in under 20 s on a dev node, not {seconds} s");
	// The database is locked after the first batch; the second comes after it.
	ok(as_signer(&node, CRO, &["trial", "milestone", TRIAL, "database-lock"]));
	write(&data, "batch2/site-01/crf.csv", b"subject,visit,hba1c\n001,2,7.1\n");
	write(&data, "batch2/ecoa.json", b"{\"subject\":\"001\",\"score\":4}");
	let second = ok(as_signer(
		&node,
		CRO,
		&["trial", "log", "append", TRIAL, path(&data.join("batch2")), "--state", path(&state)],
	));
	assert_eq!((&second.json["size"], &second.json["checkpoint"]["index"]), (&5.into(), &1.into()));

	let proofs = dir.path().join("proofs");
	let records = [
		"batch1/site-01/crf.csv",
		"batch1/site-01/lab.json",
		"batch1/site-02/crf.csv",
		"batch2/ecoa.json",
		"batch2/site-01/crf.csv",
	];
	let verify = |record: &str| {
		let proof = proofs.join(format!("{record}.proof.json"));
		node.client(&["trial", "verify", path(&data.join(record)), path(&proof)]).unwrap()
	};
	for record in records {
		let verified = verify(record);
		assert!(verified.ok(), "{record}: {}", verified.json);
	}

	// A proof edited to point at another chain, or at another log, says so.
	let original = proofs.join("batch1/site-02/crf.csv.proof.json");
	let proof: serde_json::Value =
		serde_json::from_slice(&std::fs::read(&original).unwrap()).unwrap();
	let edited = |field: &[&str], value: &str| {
		let mut proof = proof.clone();
		let mut at = &mut proof;
		for key in field {
			at = &mut at[*key];
		}
		*at = serde_json::Value::from(value);
		let file = dir.path().join("edited.proof.json");
		std::fs::write(&file, proof.to_string()).unwrap();
		let file = file.to_str().unwrap().to_string();
		node.client(&["trial", "verify", path(&data.join("batch1/site-02/crf.csv")), &file])
			.unwrap()
	};
	let other_chain = edited(&["genesis_hash"], &format!("0x{}", "11".repeat(32)));
	assert_eq!(other_chain.code, 1, "{}", other_chain.json);
	assert!(other_chain.json["failures"].to_string().contains("checkpoint not on this chain"));
	let other_log = edited(&["checkpoint", "root"], &format!("0x{}", "22".repeat(32)));
	assert_eq!(other_log.code, 1, "{}", other_log.json);
	assert!(other_log.json["failures"].to_string().contains("proof for another log"));

	// One byte of one file changes: exactly that file fails, and says why.
	write(&data, "batch1/site-01/lab.json", b"{\"subject\":\"001\",\"glucose\":6.1}");
	for record in records {
		let verified = verify(record);
		if record == "batch1/site-01/lab.json" {
			assert_eq!(verified.code, 1, "{}", verified.json);
			let failures = verified.json["failures"].to_string();
			assert!(failures.contains("file changed"), "{failures}");
		} else {
			assert!(verified.ok(), "{record}: {}", verified.json);
		}
	}
	// Whether a record came before a milestone, when asked: batch 1 before the database lock,
	// batch 2 after it.
	let before_lock = |record: &str| {
		node.client(&[
			"trial",
			"verify",
			path(&data.join(record)),
			path(&proofs.join(format!("{record}.proof.json"))),
			"--before",
			"database-lock",
		])
		.unwrap()
	};
	let early = before_lock("batch1/site-02/crf.csv");
	assert!(early.ok(), "{}", early.json);
	let late = before_lock("batch2/ecoa.json");
	assert_eq!(late.code, 1, "{}", late.json);
	assert!(late.json["failures"].to_string().contains("record added after"), "{}", late.json);

	// The same verdicts from the client library, typed: what a verifier built on it sees.
	{
		use healthchain_client::{
			hash::Hash32,
			trial_log::{ChainFailure, OfflineFailure, RecordFailure, RecordProof},
			trials::Milestone,
		};
		let verdict = |record: &str, before: Option<Milestone>| {
			let proof = proofs.join(format!("{record}.proof.json"));
			let proof: RecordProof =
				serde_json::from_slice(&std::fs::read(proof).unwrap()).unwrap();
			let content = Hash32::sha256(&std::fs::read(data.join(record)).unwrap()).0;
			tokio::runtime::Runtime::new().expect("a tokio runtime").block_on(async {
				let chain =
					healthchain_client::Chain::connect(&node.url()).await.expect("connects");
				chain.verify_record(&proof, &content, before).await.expect("verified or not")
			})
		};
		let lock = Some(Milestone::DatabaseLock);
		assert!(verdict("batch1/site-02/crf.csv", lock).is_verified());
		assert_eq!(
			verdict("batch2/ecoa.json", lock).failures,
			vec![RecordFailure::Chain(ChainFailure::AfterMilestone {
				milestone: Milestone::DatabaseLock,
				leaf_index: 3,
				log_size: 3,
			})]
		);
		assert_eq!(
			verdict("batch1/site-01/lab.json", None).failures,
			vec![RecordFailure::Offline(OfflineFailure::FileChanged)]
		);
	}

	// The sponsor rewrites its log (the changed lab file in place of the original) and tries to
	// anchor it: the client sees it is not the anchored log, and the chain refuses it too.
	let rewritten = dir.path().join("rewritten.log");
	let text = std::fs::read_to_string(&state).unwrap();
	let changed_hash =
		healthchain_client::hash::Hash32::sha256(b"{\"subject\":\"001\",\"glucose\":6.1}")
			.to_string()
			.trim_start_matches("0x")
			.to_string();
	let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
	let line = lines.iter().position(|l| l.ends_with("batch1/site-01/lab.json")).expect("logged");
	let salt_and_path = lines[line].split_once(' ').expect("hash, salt, path").1.to_string();
	lines[line] = format!("{changed_hash} {salt_and_path}");
	std::fs::write(&rewritten, lines.join("\n") + "\n").unwrap();
	write(&data, "batch3/crf.csv", b"subject,visit,hba1c\n001,3,6.8\n");
	let local = as_signer(
		&node,
		CRO,
		&["trial", "log", "append", TRIAL, path(&data.join("batch3")), "--state", path(&rewritten)],
	);
	assert_eq!(local.code, 2, "{}", local.json);
	assert!(local.stderr.contains("not the log anchored"), "{}", local.stderr);
	let before_refusal = std::fs::read(&rewritten).unwrap();
	let chain = as_signer(
		&node,
		CRO,
		&[
			"trial",
			"log",
			"append",
			TRIAL,
			path(&data.join("batch3")),
			"--state",
			path(&rewritten),
			"--unchecked",
		],
	);
	assert_eq!(chain.error(), Some("trialanchoring.InconsistentLog"), "{}", chain.json);
	// Refused, so not anchored: the state file is as it was.
	assert_eq!(std::fs::read(&rewritten).unwrap(), before_refusal);
	// The honest log still grows.
	ok(as_signer(
		&node,
		CRO,
		&["trial", "log", "append", TRIAL, path(&data.join("batch3")), "--state", path(&state)],
	));
}

/// The client's record hashes are what `sha256sum` prints for the same files, whatever their
/// size (the hashing streams in blocks, on every core).
#[test]
fn the_clients_record_hashes_are_sha256sums() {
	let dir = tempfile::tempdir().unwrap();
	let batch = dir.path().join("batch");
	for i in 0..40u32 {
		write(
			&batch,
			&format!("site-{}/subject-{i:03}.csv", i % 3),
			format!("row {i}\n").as_bytes(),
		);
	}
	write(&batch, "large/imaging-export.bin", &vec![0xa5; 5 << 20]);
	write(&batch, "empty.txt", b"");
	let run = healthchain_e2e::run_client_in(
		dir.path(),
		"ws://127.0.0.1:1",
		&["trial", "log", "hash", "batch"],
	)
	.expect("client runs");
	assert!(run.ok(), "{}", run.stderr);
	let mut ours: Vec<String> = run.json["records"]
		.as_array()
		.expect("records")
		.iter()
		.map(|r| {
			let hash = r["content_sha256"].as_str().unwrap().trim_start_matches("0x");
			format!("{hash}  {}", r["path"].as_str().unwrap())
		})
		.collect();
	let files = std::process::Command::new("find")
		.current_dir(dir.path())
		.args(["batch", "-type", "f"])
		.output()
		.expect("find runs");
	let files: Vec<String> =
		String::from_utf8(files.stdout).unwrap().lines().map(str::to_string).collect();
	let sums = std::process::Command::new("sha256sum")
		.current_dir(dir.path())
		.args(&files)
		.output()
		.expect("sha256sum runs");
	let mut theirs: Vec<String> =
		String::from_utf8(sums.stdout).unwrap().lines().map(str::to_string).collect();
	assert_eq!(ours.len(), 42);
	ours.sort();
	theirs.sort();
	assert_eq!(ours, theirs);
}

/// Items 1 and 2 of the second review, as an attacker, the consortium and the real sponsor
/// meet them: a rival sponsor's agent registers a public trial id first and anchors a protocol,
/// an analysis plan and every milestone, poisoning the trial's record for good. The consortium
/// gives the trial back clean to its real sponsor: the squatter's anchors are kept, attributed
/// and void; the sponsor's own record starts afresh, and its database lock needs an analysis
/// plan (ICH E9) before it.
#[test]
fn attack_a_squatted_trial_is_given_back_clean_to_its_sponsor() {
	const SQUATTED: &str = "NCT05000001";
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let org = organisation(&node, SPONSOR, "trial-sponsor", &["trial-sponsor"]);
	organisation(&node, RIVAL, "trial-sponsor", &["trial-sponsor"]);
	ok(as_signer(&node, SPONSOR, &["registry", "add-agent", &org, "charlie"]));
	ok(as_signer(&node, CRO, &["registry", "accept", &org]));
	write(dir.path(), "fake-protocol.pdf", b"a protocol the real sponsor never wrote");
	write(dir.path(), "fake-sap.pdf", b"an analysis plan the real sponsor never wrote");
	write(dir.path(), "protocol.pdf", b"the real protocol");
	write(dir.path(), "sap.pdf", b"the real analysis plan");

	// The squatter: registered first, with a protocol, a plan, and every milestone.
	ok(as_signer(&node, RIVAL, &["trial", "register", SQUATTED]));
	for (kind, file) in
		[("protocol", "fake-protocol.pdf"), ("statistical-analysis-plan", "fake-sap.pdf")]
	{
		ok(as_signer(
			&node,
			RIVAL,
			&["trial", "document", "add", SQUATTED, kind, path(&dir.path().join(file))],
		));
	}
	for milestone in ["first-enrolment", "database-lock", "unblinding", "results-posted"] {
		ok(as_signer(&node, RIVAL, &["trial", "milestone", SQUATTED, milestone]));
	}
	let refused = as_signer(&node, CRO, &["trial", "milestone", SQUATTED, "first-enrolment"]);
	assert_eq!(refused.error(), Some("trialanchoring.NotSponsor"), "{}", refused.json);

	// Only the consortium gives it back: not the sponsor itself.
	let reclaim = ["trial", "reclaim", SQUATTED, &org, "--reason", "squatted", "--via", "sudo"];
	let refused = as_signer(&node, SPONSOR, &reclaim);
	assert!(!refused.ok(), "{}", refused.json);
	let run = ok(as_signer(&node, "//Alice", &reclaim));
	assert!(run.event("TrialAnchoring", "TrialReclaimed").is_some(), "{}", run.json);

	// The real sponsor's record, from version 1; its database lock needs its own analysis
	// plan (the squatter's is void).
	ok(as_signer(
		&node,
		CRO,
		&["trial", "document", "add", SQUATTED, "protocol", path(&dir.path().join("protocol.pdf"))],
	));
	ok(as_signer(&node, CRO, &["trial", "milestone", SQUATTED, "first-enrolment"]));
	let refused = as_signer(&node, CRO, &["trial", "milestone", SQUATTED, "database-lock"]);
	assert_eq!(refused.error(), Some("trialanchoring.NoAnalysisPlan"), "{}", refused.json);
	ok(as_signer(
		&node,
		CRO,
		&[
			"trial",
			"document",
			"add",
			SQUATTED,
			"statistical-analysis-plan",
			path(&dir.path().join("sap.pdf")),
		],
	));
	ok(as_signer(&node, CRO, &["trial", "milestone", SQUATTED, "database-lock"]));
	ok(as_signer(&node, CRO, &["trial", "milestone", SQUATTED, "unblinding"]));

	// The audit: the squatter's versions listed, void and attributed; the voiding on record;
	// the sponsor's own milestones and lineage; nothing flagged after its enrolment.
	let audit = ok(node.client(&["trial", "audit", SQUATTED]).unwrap()).json;
	assert_eq!(audit["tenure"], 1, "{audit}");
	let documents = audit["documents"].as_array().unwrap();
	let void: Vec<_> = documents.iter().filter(|d| d["void"] == true).collect();
	let current: Vec<_> = documents.iter().filter(|d| d["void"] == false).collect();
	assert_eq!((void.len(), current.len()), (2, 2), "{audit}");
	assert!(void.iter().all(|d| d["key"]["tenure"] == 0));
	let rival = ok(as_signer(&node, RIVAL, &["account"])).json["account"].clone();
	assert!(void.iter().all(|d| d["document"]["anchored_by"] == rival), "{audit}");
	let voidings = audit["voidings"].as_array().unwrap();
	assert_eq!(voidings.len(), 1, "{audit}");
	assert_eq!(voidings[0]["voiding"]["reason"], "squatted");
	let milestones: Vec<_> =
		audit["milestones"].as_array().unwrap().iter().map(|m| m["milestone"].clone()).collect();
	assert_eq!(milestones, ["first_enrolment", "database_lock", "unblinding"]);
	assert_eq!(audit["flagged"].as_array().map(Vec::len), Some(1), "the plan came after enrolment");
	let lineage =
		ok(node.client(&["trial", "document", "lineage", SQUATTED, "protocol"]).unwrap()).json;
	assert_eq!(lineage.as_array().map(Vec::len), Some(1), "{lineage}");
}
