//! The insurance files and presentations, without a chain.

use super::*;

fn alice() -> Keypair {
	crate::keys::keypair_from_suri("//Alice").unwrap()
}

fn claims_file() -> ClaimsFile {
	serde_json::from_str(
		r#"{ "plan": "GOLD-2026", "member": "M-0012345",
		     "coverage": ["telemedicine", "inpatient"], "network_tier": "preferred",
		     "period": { "start": "2026-01-01", "end": "2026-12-31" } }"#,
	)
	.unwrap()
}

#[test]
fn dates_round_trip() {
	assert_eq!(parse_date("1970-01-01").unwrap(), 0);
	assert_eq!(parse_date("2026-01-01").unwrap(), 1_767_225_600_000);
	assert_eq!(parse_date("2024-02-29").unwrap(), 1_709_164_800_000);
	for text in ["2026-01-01", "2024-02-29", "2000-12-31", "2100-03-01"] {
		assert_eq!(date(parse_date(text).unwrap()), text);
	}
	for bad in ["2026-13-01", "2025-02-29", "2026-1-1", "26-01-01", "1969-12-31", "x"] {
		assert!(parse_date(bad).is_err(), "{bad}");
	}
}

#[test]
fn a_claims_file_gives_its_claims_and_refuses_bad_ones() {
	let file = claims_file();
	let claims = file.claims().unwrap();
	let names: Vec<&str> = claims.iter().map(ClaimJson::name).collect();
	assert_eq!(names, ["plan", "member", "inpatient", "telemedicine", "network_tier", "period"]);
	assert_eq!(
		claims.last(),
		Some(&ClaimJson::Period { start: 1_767_225_600_000, end: 1_798_761_600_000 })
	);
	let toml: ClaimsFile = toml::from_str(
		"plan = \"GOLD-2026\"\nmember = \"M-1\"\ncoverage = [\"dental\"]\n\
		 [period]\nstart = \"2026-01-01\"\nend = \"2026-01-01\"\n",
	)
	.unwrap();
	assert_eq!(toml.period().unwrap(), (1_767_225_600_000, 1_767_225_600_000 + DAY_MS));
	let mut twice = claims_file();
	twice.coverage.push(CoverageClass::Inpatient);
	assert!(twice.claims().unwrap_err().to_string().contains("twice"));
	let mut none = claims_file();
	none.coverage.clear();
	assert!(none.claims().unwrap_err().to_string().contains("no class"));
	let mut long = claims_file();
	long.member = "x".repeat(65);
	assert!(long.claims().unwrap_err().to_string().contains("member must have 1 to 64"));
	let mut backwards = claims_file();
	backwards.period.end = "2025-12-30".into();
	assert!(backwards.claims().unwrap_err().to_string().contains("before it starts"));
	assert!(
		serde_json::from_str::<ClaimsFile>(r#"{"plan": "p", "coverage": ["cosmetic"]}"#).is_err()
	);
}

#[test]
fn a_credential_proves_each_claim_and_a_presentation_is_signed() {
	let patient = alice().public_key().to_account_id();
	let claims = claims_file().claims().unwrap();
	let credential = Credential::new(Hash32([1; 32]), &patient, claims.clone()).unwrap();
	credential.check().unwrap();
	// Positions are random: two credentials of the same claims differ everywhere.
	let other = Credential::new(Hash32([1; 32]), &patient, claims).unwrap();
	assert_ne!(credential.commitment, other.commitment);
	let disclosed = credential.disclose(&["telemedicine".into(), "plan".into()]).unwrap();
	assert_eq!(disclosed.len(), 2);
	for d in &disclosed {
		let proof = d.proof().unwrap();
		assert_eq!(
			coverage::verify_claim(&credential.commitment.0, &d.claim.claim(), &d.salt.0, &proof),
			Ok(())
		);
	}
	assert!(credential.disclose(&["dental".into()]).unwrap_err().to_string().contains("no claim"));
	let challenge = challenge().unwrap();
	let presentation = Presentation::sign(&alice(), Hash32([1; 32]), 7, challenge, disclosed);
	assert!(presentation.signature_is_valid());
	// Any change breaks the signature: the challenge, a claim, the signer named.
	let mut replayed = presentation.clone();
	replayed.challenge = Hash32([2; 32]);
	assert!(!replayed.signature_is_valid());
	let mut edited = presentation.clone();
	edited.disclosed[1].claim = ClaimJson::Plan("PLATINUM".into());
	assert!(!edited.signature_is_valid());
	let mut other_signer = presentation.clone();
	other_signer.patient = crate::keys::parse_account("bob").unwrap().to_string();
	assert!(!other_signer.signature_is_valid());
	// The polkadot.js `signRaw` form does not: a web page's prompt is no presentation.
	let message = Presentation::message(
		&presentation.genesis_hash,
		&presentation.challenge,
		7,
		&patient,
		&presentation.disclosed,
	);
	let wrapped = [b"<Bytes>".as_slice(), &message, b"</Bytes>"].concat();
	let mut raw = presentation.clone();
	raw.signature = format!("0x{}", hex::encode(alice().sign(&wrapped).0));
	assert!(!raw.signature_is_valid());
	// Texts are shown escaped; an oversized one is out of bounds.
	assert_eq!(
		ClaimJson::Plan("A\r\x1b[2KIN FORCE".into()).describe(),
		"plan A\\r\\u{1b}[2KIN FORCE"
	);
	let mut long = presentation.clone();
	long.disclosed[1].claim = ClaimJson::Plan("x".repeat(65));
	assert!(long.within_bounds().unwrap_err().contains("65 bytes"));
	assert_eq!(presentation.within_bounds(), Ok(()));
}

#[test]
fn a_credential_file_is_private_and_checked_when_read() {
	let dir = tempfile::tempdir().unwrap();
	let path = dir.path().join("coverage.json");
	let patient = alice().public_key().to_account_id();
	let credential =
		Credential::new(Hash32([1; 32]), &patient, claims_file().claims().unwrap()).unwrap();
	credential.write(&path).unwrap();
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		let mode = std::fs::metadata(&path).unwrap().permissions().mode();
		assert_eq!(mode & 0o777, 0o600);
	}
	assert_eq!(Credential::read(&path).unwrap(), credential);
	let mut tampered = credential.clone();
	tampered.claims[0].claim = ClaimJson::Plan("PLATINUM".into());
	tampered.write(&path).unwrap();
	let error = Credential::read(&path).unwrap_err().to_string();
	assert!(error.contains("is not its leaf"), "{error}");
}
