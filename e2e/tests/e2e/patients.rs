//! Patients who hold nothing, through the real node and the real client: a hospital sponsors
//! the pseudonym Eve's wallet gives it, and she grants, revokes, removes, refuses an insurer
//! and allows it again without a single HCT in her account; the sponsor pays every fee and
//! deposit and gets the deposits back; a budget, an ended sponsorship and an account nobody
//! sponsors are refused.

use super::{as_signer, ok, tokens::organisation};
use healthchain_e2e::{ClientRun, Node};
use std::time::Instant;

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
