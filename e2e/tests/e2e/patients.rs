//! Patients who hold nothing, through the real node and the real client: a hospital sponsors
//! the pseudonym Eve's wallet gives it, and she grants, revokes, removes, refuses an insurer
//! and allows it again without a single HCT in her account; the sponsor pays every fee and
//! deposit and gets the deposits back; a budget, an ended sponsorship and an account nobody
//! sponsors are refused.

use super::{as_signer, ok, tokens::organisation};
use healthchain_e2e::{ClientRun, Node};
use std::{path::Path, time::Instant};

/// Bob administers the hospital.
const HOSPITAL: &str = "//Bob";
/// Dave administers a second hospital.
const OTHER_HOSPITAL: &str = "//Dave";
/// Eve's wallet: the root secret from which each counter-party's pseudonym is derived.
const EVE: &str = "//Eve";

/// The pseudonym Eve's wallet gives organisation `organisation`: `<root>//healthchain//org//<id>`
/// (hard derivations; a numeric junction is a little-endian u64, as every Substrate wallet
/// derives it). It holds nothing: only the root was funded at genesis.
fn pseudonym(organisation: &str) -> String {
	format!("{EVE}//healthchain//org//{organisation}")
}

fn address(node: &Node, suri: &str) -> String {
	ok(as_signer(node, suri, &["account"])).json["account"].as_str().unwrap().to_string()
}

/// The account's free and held balance, as the client reports them.
fn holdings(node: &Node, suri: &str) -> (u128, u128) {
	let json = ok(as_signer(node, suri, &["account"])).json;
	let amount = |key: &str| json[key].as_str().unwrap().parse::<u128>().unwrap();
	(amount("free"), amount("held"))
}

/// What `organisation`'s sponsor account can spend and holds.
fn sponsor_account(node: &Node, organisation: &str) -> (String, u128, u128) {
	let json = ok(node.client(&["sponsorship", "account", organisation]).unwrap()).json;
	let amount = |key: &str| json[key].as_str().unwrap().parse::<u128>().unwrap();
	(json["account"].as_str().unwrap().to_string(), amount("spendable"), amount("held"))
}

/// Eve's wallet, as a patient's: each action signed by the pseudonym for its counter-party.
fn as_eve(node: &Node, args: &[&str]) -> ClientRun {
	let mut full = vec!["--as-patient"];
	full.extend_from_slice(args);
	as_signer(node, EVE, &full)
}

/// Eve's wallet grants `organisation` a consent to read her records for treatment: signed by
/// the pseudonym it gives that organisation.
fn grant(node: &Node, organisation: &str) -> ClientRun {
	as_eve(
		node,
		&[
			"consent",
			"grant",
			"--grantee",
			&format!("org:{organisation}"),
			"--scope",
			"all",
			"--purposes",
			"treatment",
		],
	)
}

fn fee_paid(run: &ClientRun) -> (String, u128) {
	let paid = run.event("TransactionPayment", "TransactionFeePaid").expect("a fee paid");
	let fee = paid["fields"]["actual_fee"]
		.as_str()
		.map(str::to_string)
		.unwrap_or_else(|| paid["fields"]["actual_fee"].to_string());
	(paid["fields"]["who"].as_str().unwrap().to_string(), fee.parse().unwrap())
}

#[test]
fn a_sponsored_patient_who_holds_nothing_acts_and_the_sponsor_pays() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let hospital = organisation(&node, HOSPITAL, "hospital", &["provider", "data-custodian"]);
	let eve = pseudonym(&hospital);
	let eve_address = address(&node, &eve);
	assert_eq!(holdings(&node, &eve), (0, 0), "Eve's pseudonym holds nothing");
	// Her wallet shows the hospital that pseudonym: the documented path from her root.
	let shown = ok(as_eve(&node, &["patient", "pseudonym", &format!("org:{hospital}")])).json;
	assert_eq!(shown["account"], eve_address.as_str());
	assert_eq!(shown["path"], format!("//healthchain//org//{hospital}"));
	assert_ne!(eve_address, address(&node, EVE), "not her root account");

	// Nobody sponsors her yet: she can do nothing, and it costs nobody anything.
	let refused = grant(&node, &hospital);
	assert_eq!(refused.error(), Some("Invalid.Payment"), "{:?}", refused.json);

	// The hospital funds its sponsor account; Eve's wallet signs an agreement naming it; the
	// hospital's admin sponsors her with 0.1 HCT a day.
	ok(as_signer(&node, HOSPITAL, &["sponsorship", "fund", &hospital, "5"]));
	let agreement = as_eve(&node, &["sponsorship", "agree", &hospital]);
	assert!(agreement.ok(), "{}", agreement.stderr);
	let agreement_file = dir.path().join("agreement.json");
	std::fs::write(&agreement_file, serde_json::to_vec(&agreement.json).unwrap()).unwrap();
	let sponsored = ok(as_signer(
		&node,
		HOSPITAL,
		&["sponsorship", "sponsor", agreement_file.to_str().unwrap(), "--budget", "0.1"],
	));
	let event = sponsored.event("Sponsorship", "Sponsored").expect("sponsored");
	assert_eq!(event["fields"]["patient"], eve_address.as_str());
	let (pot, spendable_before, held_before) = sponsor_account(&node, &hospital);

	// Eve grants a consent with nothing in her account: the sponsor pays fee and deposit.
	let started = Instant::now();
	let run = ok(grant(&node, &hospital));
	let to_finality = started.elapsed();
	let (payer, fee) = fee_paid(&run);
	assert_eq!(payer, pot, "the sponsor account paid the fee");
	let consent =
		run.event("Consent", "ConsentGranted").expect("granted")["fields"]["consent"].to_string();
	let shown = ok(node.client(&["consent", "show", &consent]).unwrap()).json;
	assert_eq!(shown["depositor"], pot.as_str(), "the sponsor paid the deposit: {shown}");
	assert_eq!(holdings(&node, &eve), (0, 0));
	let (_, spendable, held) = sponsor_account(&node, &hospital);
	assert_eq!(held, held_before + 10_000_000_000, "the consent deposit (0.01 HCT) held");
	assert_eq!(spendable, spendable_before - fee - 10_000_000_000);
	eprintln!(
		"a sponsored consent grant: fee {fee} (smallest unit), command to finality {:.1} s",
		to_finality.as_secs_f64()
	);

	// She revokes and removes it; the deposit goes back to the sponsor account.
	ok(as_eve(&node, &["consent", "revoke", &consent]));
	ok(as_eve(&node, &["consent", "remove", &consent]));
	assert_eq!(sponsor_account(&node, &hospital).2, held_before);
	// She refuses an insurer and allows it again, still holding nothing.
	ok(as_eve(&node, &["insurance", "refuse", &hospital]));
	ok(as_eve(&node, &["insurance", "allow", &hospital]));
	// The hospital issues a record to the pseudonym her wallet gave it; she refuses it (her
	// wallet finds the pseudonym from the record's issuer); she appoints a guardian and
	// removes it (the sponsor paying the representative's deposit, then getting it back).
	let unwanted = dir.path().join("unwanted.pdf");
	std::fs::write(&unwanted, "a record Eve did not ask for").unwrap();
	let issued = ok(as_signer(
		&node,
		HOSPITAL,
		&["token", "issue-record", &eve_address, "--file", unwanted.to_str().unwrap()],
	));
	let token =
		issued.event("HealthTokens", "TokenIssued").expect("issued")["fields"]["token"].to_string();
	let refused = ok(as_eve(&node, &["token", "refuse", &token]));
	assert_eq!(fee_paid(&refused).0, pot);
	let towards = format!("org:{hospital}");
	let appointed = ok(as_eve(
		&node,
		&[
			"--towards",
			&towards,
			"consent",
			"representative",
			"appoint",
			"dave",
			"--capacity",
			"guardian",
		],
	));
	assert_eq!(fee_paid(&appointed).0, pot);
	assert_eq!(sponsor_account(&node, &hospital).2, held_before + 10_000_000_000);
	ok(as_eve(
		&node,
		&["--towards", &towards, "consent", "representative", "remove", &eve_address, "dave"],
	));
	assert_eq!(sponsor_account(&node, &hospital).2, held_before);
	assert_eq!(holdings(&node, &eve), (0, 0));
	let view = ok(as_signer(&node, &eve, &["sponsorship", "show"])).json;
	assert_eq!(view["sponsor"].to_string(), hospital);
	assert!(view["spent"].as_str().unwrap().parse::<u128>().unwrap() > 0);

	// Over the budget: the hospital lowers it below what a grant costs; refused before the
	// pool, nothing paid.
	ok(as_signer(&node, HOSPITAL, &["sponsorship", "set-budget", &eve_address, "0"]));
	let spendable = sponsor_account(&node, &hospital).1;
	let refused = grant(&node, &hospital);
	assert_eq!(refused.error(), Some("Sponsorship.OverBudget"), "{:?}", refused.json);
	assert_eq!(sponsor_account(&node, &hospital).1, spendable);

	// The hospital ends the sponsorship: she can do nothing again, and keeps what she had.
	ok(as_signer(&node, HOSPITAL, &["sponsorship", "end", &eve_address]));
	let refused = grant(&node, &hospital);
	assert_eq!(refused.error(), Some("Invalid.Payment"), "{:?}", refused.json);
	let unsponsored = ok(as_signer(&node, &eve, &["sponsorship", "show"])).json;
	assert_eq!(unsponsored["sponsored"], false);

	// A second hospital sponsors the pseudonym her wallet gives it, another account; she
	// grants it a consent, and her wallet finds both pseudonyms again from her root alone.
	let other = organisation(&node, OTHER_HOSPITAL, "hospital", &["provider"]);
	ok(as_signer(&node, OTHER_HOSPITAL, &["sponsorship", "fund", &other, "1"]));
	let agreement = as_eve(&node, &["sponsorship", "agree", &other]);
	std::fs::write(&agreement_file, serde_json::to_vec(&agreement.json).unwrap()).unwrap();
	ok(as_signer(
		&node,
		OTHER_HOSPITAL,
		&["sponsorship", "sponsor", agreement_file.to_str().unwrap(), "--budget", "0.1"],
	));
	let run = ok(grant(&node, &other));
	let second = address(&node, &pseudonym(&other));
	assert_ne!(second, eve_address);
	assert_eq!(
		run.event("Consent", "ConsentGranted").unwrap()["fields"]["patient"],
		second.as_str()
	);
	let overview = ok(as_eve(&node, &["patient", "overview"])).json;
	let found = overview["pseudonyms"].as_array().expect("a list");
	let accounts: Vec<&str> = found.iter().map(|p| p["account"].as_str().unwrap()).collect();
	assert_eq!(accounts, [eve_address.as_str(), second.as_str()], "{overview}");
	assert_eq!(found[1]["sponsored_by"].to_string(), other);
	assert_eq!(found[1]["consents"].as_array().unwrap().len(), 1);
	assert_eq!(found[0]["sponsored_by"], serde_json::Value::Null);
}

/// Erin's wallet: her own 12-word mnemonic, the root of her pseudonyms. Its account is funded
/// by nobody and signs nothing.
const ERIN: &str =
	"sphere green repair damage turtle example baby stadium delay remember phone farm";
/// Grace, Erin's guardian: her wallet's root; it too holds nothing.
const GRACE: &str = "//Grace";
/// A laboratory's admin, an insurer's admin and a research institute's admin.
const LABORATORY: &str = "//Alice//stash";
const INSURER: &str = "//Bob//stash";
const RESEARCH: &str = "//Charlie//stash";
/// Ferdie, a licensed physician at the second hospital.
const DOCTOR: &str = "//Ferdie";

/// The pseudonym the wallet with root `root` gives `counterparty` (`org:<id>` or an account),
/// as the client shows it.
fn pseudonym_of(node: &Node, root: &str, counterparty: &str) -> String {
	let shown = ok(as_signer(node, root, &["--as-patient", "patient", "pseudonym", counterparty]));
	shown.json["account"].as_str().expect("an account").to_string()
}

/// `wallet` (with `towards` as the counter-party, if given) agrees that `organisation`
/// sponsors the pseudonym, and `admin` sponsors it with 0.1 HCT a day.
fn sponsor(node: &Node, dir: &Path, admin: &str, organisation: &str, wallet: &str, towards: &str) {
	let agreement = ok(as_signer(
		node,
		wallet,
		&["--as-patient", "--towards", towards, "sponsorship", "agree", organisation],
	));
	let file = dir.join(format!("agreement-{}.json", agreement.json["patient"]));
	std::fs::write(&file, serde_json::to_vec(&agreement.json).unwrap()).unwrap();
	ok(as_signer(
		node,
		admin,
		&["sponsorship", "sponsor", file.to_str().unwrap(), "--budget", "0.1"],
	));
}

/// Run `each` on every item at once, each on a thread of its own: for steps signed by
/// different accounts (no nonce shared), which then wait for finality side by side.
fn at_once<T: Sync, R: Send>(items: &[T], each: impl Fn(&T) -> R + Sync) -> Vec<R> {
	std::thread::scope(|scope| {
		let each = &each;
		let running: Vec<_> = items.iter().map(|item| scope.spawn(move || each(item))).collect();
		running.into_iter().map(|thread| thread.join().expect("the step succeeds")).collect()
	})
}

/// `admin` registers an organisation of `kind`; its id (accredited afterwards).
fn register(node: &Node, admin: &str, kind: &str) -> String {
	let profile = format!("0x{}", "cd".repeat(32));
	let run = ok(as_signer(
		node,
		admin,
		&["registry", "register", "--kind", kind, "--profile-hash", &profile],
	));
	run.event("Registry", "OrganisationRegistered").expect("registered")["fields"]["organisation"]
		.to_string()
}

fn bytes(address: &str) -> [u8; 32] {
	healthchain_client::keys::parse_account(address).expect("an address").0
}

fn erin(node: &Node, args: &[&str]) -> ClientRun {
	let mut full = vec!["--as-patient"];
	full.extend_from_slice(args);
	as_signer(node, ERIN, &full)
}

/// Erin, with records at two hospitals, a laboratory's certificate, an insurer's attestation, a
/// telemedicine session, consents to both hospitals and to a research institute, and a
/// guardian, each under the pseudonym her wallet gives that counter-party and paid for by the
/// organisation that knows it. What crosses pseudonyms works (her guardian acts for two of
/// them with a pseudonym of its own for each; a break-glass opening reaches the pseudonym the
/// custodian knows; her insurance presentation is signed by the pseudonym the insurer
/// attested), and an observer reading every block and every storage item links none of them
/// and never finds her root account — until she makes the mistake of appointing the same
/// guardian key from two pseudonyms, which it sees at once.
#[test]
fn what_crosses_pseudonyms_and_what_an_observer_cannot_link() {
	let node = Node::start_dev().expect("dev node starts and finalizes");
	let dir = tempfile::tempdir().unwrap();
	let dir = dir.path();
	// Five organisations register side by side; the consortium accredits them one by one.
	let organisations = [
		(HOSPITAL, "hospital", &["provider", "data-custodian"][..]),
		(OTHER_HOSPITAL, "hospital", &["provider", "data-custodian"]),
		(LABORATORY, "laboratory", &["laboratory"]),
		(INSURER, "insurer", &["insurer"]),
		(RESEARCH, "research-institute", &["researcher"]),
	];
	let ids = at_once(&organisations, |(admin, kind, _)| register(&node, admin, kind));
	for ((_, _, roles), id) in organisations.iter().zip(&ids) {
		for role in *roles {
			ok(as_signer(
				&node,
				"//Alice",
				&["registry", "accredit", id, role, "--valid-until", "+365d"],
			));
		}
	}
	let [first, second, laboratory, insurer, research] = ids.try_into().expect("five");
	super::tokens::licensed_doctor(&node);
	ok(as_signer(&node, OTHER_HOSPITAL, &["registry", "add-agent", &second, "ferdie"]));
	ok(as_signer(&node, DOCTOR, &["registry", "accept", &second]));
	let ferdie = address(&node, DOCTOR);
	let org = |id: &str| format!("org:{id}");

	// Her pseudonyms: one per counter-party, from her mnemonic alone.
	let at_first = pseudonym_of(&node, ERIN, &org(&first));
	let at_second = pseudonym_of(&node, ERIN, &org(&second));
	let at_laboratory = pseudonym_of(&node, ERIN, &org(&laboratory));
	let at_insurer = pseudonym_of(&node, ERIN, &org(&insurer));
	let with_ferdie = pseudonym_of(&node, ERIN, &ferdie);
	let root = address(&node, ERIN);
	let all = [&at_first, &at_second, &at_laboratory, &at_insurer, &with_ferdie];
	assert_eq!(all.iter().collect::<std::collections::HashSet<_>>().len(), 5);

	// Each hospital sponsors the pseudonym it knows.
	// (One after the other from here on, whenever a step names one of her pseudonyms: the
	// observer takes two transactions in the same block as linked, and so would a real one.)
	for (admin, id) in [(HOSPITAL, &first), (OTHER_HOSPITAL, &second)] {
		ok(as_signer(&node, admin, &["sponsorship", "fund", id, "5"]));
		sponsor(&node, dir, admin, id, ERIN, &org(id));
	}
	// Records at both hospitals and a laboratory certificate, each to its pseudonym.
	let issued = [
		(HOSPITAL, "issue-record", &at_first, "discharge.pdf"),
		(OTHER_HOSPITAL, "issue-record", &at_second, "scan.pdf"),
		(LABORATORY, "issue-certificate", &at_laboratory, "pcr.json"),
	];
	for (admin, class, to, name) in issued {
		let file = dir.join(name);
		std::fs::write(&file, format!("Erin's {name}")).unwrap();
		let mut args = vec!["token", class, to.as_str(), "--file", file.to_str().unwrap()];
		if class == "issue-certificate" {
			args.extend(["--valid-until", "+30d"]);
		}
		ok(as_signer(&node, admin, &args));
	}
	// Consents: each hospital, and the research institute from both hospitals' pseudonyms
	// (a consent is about the records held under the pseudonym that grants it).
	for (towards, pseudonym) in [(&first, &at_first), (&second, &at_second)] {
		for (grantee, purpose) in [(towards, "treatment"), (&research, "research")] {
			let run = ok(erin(
				&node,
				&[
					"--towards",
					&org(towards),
					"consent",
					"grant",
					"--grantee",
					&org(grantee),
					"--scope",
					"all",
					"--purposes",
					purpose,
				],
			));
			let granted = run.event("Consent", "ConsentGranted").expect("granted");
			assert_eq!(granted["fields"]["patient"], pseudonym.as_str());
		}
	}

	// A telemedicine session with Ferdie: her wallet signs the acceptance with the pseudonym
	// it gives him, and he opens the session for it.
	let reference = format!("0x{}", "7a".repeat(32));
	let signed =
		ok(erin(&node, &["session", "sign-acceptance", &ferdie, "--reference", &reference]));
	let acceptance = dir.join("acceptance.json");
	std::fs::write(&acceptance, signed.json.to_string()).unwrap();
	let opened = ok(as_signer(
		&node,
		DOCTOR,
		&["session", "open", &with_ferdie, "--acceptance", acceptance.to_str().unwrap()],
	));
	assert!(opened.event("HealthTokens", "SessionAccepted").is_some());

	// Insurance: the insurer attests the pseudonym it knows; her wallet presents with it.
	let claims = dir.join("claims.json");
	std::fs::write(&claims, super::readme::claims_from_now()).unwrap();
	let credential = dir.join("credential.json");
	ok(as_signer(
		&node,
		INSURER,
		&[
			"insurance",
			"attest",
			&at_insurer,
			"--claims",
			claims.to_str().unwrap(),
			"--out",
			credential.to_str().unwrap(),
		],
	));
	let challenge = ok(node.client(&["insurance", "challenge"]).unwrap()).json["challenge"]
		.as_str()
		.unwrap()
		.to_string();
	let presentation = dir.join("presentation.json");
	let present = |towards: Option<&str>, out: &Path| {
		let mut args = vec![];
		if let Some(towards) = towards {
			args.extend(["--towards", towards]);
		}
		args.extend([
			"insurance",
			"present",
			"--credential",
			credential.to_str().unwrap(),
			"--disclose",
			"plan",
			"--challenge",
			&challenge,
			"--out",
			out.to_str().unwrap(),
		]);
		erin(&node, &args)
	};
	ok(present(None, &presentation));
	let presented = healthchain_client::insurance::Presentation::read(&presentation).unwrap();
	assert_eq!(presented.patient, at_insurer, "signed by the pseudonym the insurer attested");
	let verified = ok(node
		.client(&["insurance", "verify", presentation.to_str().unwrap(), "--challenge", &challenge])
		.unwrap());
	assert_eq!(verified.json["reason"], "in_force", "{:?}", verified.json);
	// Signed by another of her pseudonyms, it is someone else's presentation: her wallet
	// refuses to make it, and a provider refuses one made by hand.
	let refused = present(Some(&org(&first)), &dir.join("wrong.json"));
	assert!(!refused.ok() && refused.stderr.contains("would link the two"), "{}", refused.stderr);
	let other_key =
		healthchain_client::keys::keypair_from_suri(&format!("{ERIN}//healthchain//org//{first}"))
			.unwrap();
	let by_other = healthchain_client::insurance::Presentation::sign(
		&other_key,
		presented.genesis_hash,
		presented.attestation,
		presented.challenge,
		presented.disclosed.clone(),
	);
	let by_other_path = dir.join("by-other.json");
	std::fs::write(&by_other_path, serde_json::to_vec(&by_other).unwrap()).unwrap();
	let run = node
		.client(&[
			"insurance",
			"verify",
			by_other_path.to_str().unwrap(),
			"--challenge",
			&challenge,
		])
		.unwrap();
	assert_eq!((run.code, run.json["reason"].as_str()), (1, Some("not_the_patient")));

	// Her guardian: Grace's wallet gives each of Erin's pseudonyms a pseudonym of its own;
	// Erin appoints each from the pseudonym it represents; the hospital that sponsors that
	// pseudonym sponsors the guardian's too.
	let guardian_first = pseudonym_of(&node, GRACE, &at_first);
	let guardian_second = pseudonym_of(&node, GRACE, &at_second);
	assert_ne!(guardian_first, guardian_second);
	let appointments = [
		(&first, &guardian_first, HOSPITAL, &at_first),
		(&second, &guardian_second, OTHER_HOSPITAL, &at_second),
	];
	for (towards, guardian, admin, patient) in appointments {
		let appointed = ok(erin(
			&node,
			&[
				"--towards",
				&org(towards),
				"consent",
				"representative",
				"appoint",
				guardian,
				"--capacity",
				"guardian",
			],
		));
		let event = appointed.event("Consent", "RepresentativeAppointed").expect("appointed");
		assert_eq!(event["fields"]["patient"], patient.as_str());
		sponsor(&node, dir, admin, towards, GRACE, patient);
	}
	// Grace acts for both pseudonyms, each time as the guardian appointed there, paid by the
	// sponsor of the pseudonym she acts for; she holds nothing.
	let grants = [
		(&at_first, &guardian_first, &first, &second),
		(&at_second, &guardian_second, &second, &first),
	];
	let mut granted_by_grace = Vec::new();
	for (patient, guardian, sponsor_org, grantee) in grants {
		let run = ok(as_signer(
			&node,
			GRACE,
			&[
				"--as-patient",
				"consent",
				"grant",
				"--patient",
				patient,
				"--grantee",
				&org(grantee),
				"--scope",
				"all",
				"--purposes",
				"treatment",
			],
		));
		let event = run.event("Consent", "ConsentGranted").expect("granted");
		assert_eq!(event["fields"]["patient"], patient.as_str());
		assert_eq!(event["fields"]["grantor"], guardian.as_str(), "{event}");
		assert_eq!(fee_paid(&run).0, sponsor_account(&node, sponsor_org).0);
		granted_by_grace.push(event["fields"]["consent"].to_string());
	}
	let revoked =
		ok(as_signer(&node, GRACE, &["--as-patient", "consent", "revoke", &granted_by_grace[1]]));
	assert_eq!(fee_paid(&revoked).0, sponsor_account(&node, &second).0, "signed by her second key");
	for patient in [&at_first, &at_second] {
		assert_eq!(holdings(&node, &format!("{GRACE}//healthchain//acct//{patient}")), (0, 0));
	}

	// Break-glass: Ferdie, at the second hospital, needs the first hospital's records; it
	// tells him the pseudonym it holds them under, and he opens emergency access to that one.
	ok(as_signer(
		&node,
		DOCTOR,
		&[
			"consent",
			"emergency",
			"open",
			&at_first,
			"--justification",
			"patient-unable-to-consent",
			"--duration",
			"1h",
		],
	));
	// The custodian records the access under the same pseudonym.
	ok(as_signer(
		&node,
		HOSPITAL,
		&[
			"consent",
			"log-access",
			&at_first,
			&ferdie,
			"--purpose",
			"emergency",
			"--receipt",
			dir.join("receipt.json").to_str().unwrap(),
		],
	));
	// Her wallet finds it under that pseudonym and closes it, paid by its sponsor.
	let overview = ok(erin(&node, &["patient", "overview", "--account", &ferdie])).json;
	let found = overview["pseudonyms"].as_array().expect("a list");
	// (In the order of the organisations' ids, which registering side by side left to chance.)
	let by_account: std::collections::HashMap<&str, &serde_json::Value> =
		found.iter().map(|p| (p["account"].as_str().unwrap(), p)).collect();
	let mut expected = all.map(String::as_str);
	expected.sort();
	let mut accounts: Vec<&str> = by_account.keys().copied().collect();
	accounts.sort();
	assert_eq!(accounts, expected, "{overview}");
	let (at_a, at_b) = (by_account[at_first.as_str()], by_account[at_second.as_str()]);
	assert_eq!(at_a["emergency_access"].as_array().map(Vec::len), Some(1), "{overview}");
	assert_eq!(at_a["representatives"].as_array().map(Vec::len), Some(1), "{overview}");
	assert_eq!(at_a["audit_entries"], 2, "the opening and the custodian's entry");
	assert_eq!(at_b["emergency_access"].as_array().map(Vec::len), Some(0));
	let closed =
		ok(erin(&node, &["consent", "emergency", "close", &at_first, "--practitioner", &ferdie]));
	assert_eq!(fee_paid(&closed).0, sponsor_account(&node, &first).0);
	for path in [&first, &second, &laboratory, &insurer]
		.map(|id| format!("org//{id}"))
		.into_iter()
		.chain([format!("acct//{ferdie}")])
	{
		let suri = format!("{ERIN}//healthchain//{path}");
		assert_eq!(holdings(&node, &suri), (0, 0), "{path}: holds nothing");
	}

	// The observer.
	let mut public = std::collections::HashSet::new();
	for id in [&first, &second, &laboratory, &insurer, &research] {
		let shown = ok(node.client(&["registry", "show", id]).unwrap()).json;
		for agent in
			shown["agent_accounts"].as_array().expect("agents").iter().chain([&shown["admin"]])
		{
			public.insert(bytes(agent.as_str().expect("an account")));
		}
		public.insert(bytes(&sponsor_account(&node, id).0));
	}
	let mut observed = super::observer::Observation::read(&node).expect("the chain read");
	let links = observed.links(&public);
	let erins: Vec<[u8; 32]> = all.iter().map(|a| bytes(a)).collect();
	let mut joined = Vec::new();
	for (i, a) in erins.iter().enumerate() {
		assert!(links.seen(a), "{} is on chain", all[i]);
		for (j, b) in erins.iter().enumerate().skip(i + 1) {
			if links.linked(a, b) {
				let path = observed.path(&public, a, b).join("\n");
				joined.push(format!("{} and {}:\n{path}", all[i], all[j]));
			}
		}
	}
	assert!(joined.is_empty(), "the observer linked\n{}", joined.join("\n"));
	// Each guardian key is linked to the pseudonym it represents (the observer does link what
	// the chain joins), and to no other.
	assert!(links.linked(&bytes(&at_first), &bytes(&guardian_first)));
	assert!(links.linked(&bytes(&at_second), &bytes(&guardian_second)));
	assert!(!links.linked(&bytes(&guardian_first), &bytes(&guardian_second)));
	// Her root account, and Grace's, are nowhere.
	for root in [&root, &address(&node, GRACE)] {
		assert_eq!(observed.holding(&bytes(root)), Vec::<&str>::new(), "{root} found");
	}
	eprintln!(
		"the observer read {} records ({} bytes) and linked none of Erin's five pseudonyms",
		observed.records.len(),
		observed.records.iter().map(|r| r.bytes.len()).sum::<usize>()
	);

	// The mistake: she appoints the second guardian key from her first pseudonym too. One
	// representative for two pseudonyms: the observer joins them.
	ok(erin(
		&node,
		&[
			"--towards",
			&org(&first),
			"consent",
			"representative",
			"appoint",
			&guardian_second,
			"--capacity",
			"guardian",
		],
	));
	observed = super::observer::Observation::read(&node).expect("the chain read");
	let links = observed.links(&public);
	assert!(links.linked(&bytes(&at_first), &bytes(&at_second)), "one guardian key joins them");
}
