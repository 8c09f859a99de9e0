//! What the runtime API answers: verification, an owner's tokens, versions; and the check
//! that nothing but fixed-size hashes and ids is stored.

use super::*;
use crate::{TokenEffectiveStatus, TokenOf, Verdict, VersionOf, VersionReason};
use codec::MaxEncodedLen;
use frame_support::assert_ok;

#[test]
fn verify_finds_every_version_and_says_which_is_current() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL),
			id,
			doc(2),
			VersionReason::Corrected,
			None
		));
		let old = verify(doc(1).document_hash).unwrap();
		assert_eq!((old.token.id, old.version, old.is_current_version), (id, 0, false));
		assert!(!old.valid_now);
		let new = verify(doc(2).document_hash).unwrap();
		assert_eq!((new.version, new.is_current_version, new.valid_now), (1, true, true));
		assert!(new.authorized_at_issuance && new.token.authority_valid_now);
		assert_eq!(new.token.effective, TokenEffectiveStatus::Active);
		assert_eq!(verify(doc(9).document_hash), None);
	});
}

#[test]
fn verify_reports_an_issuer_no_longer_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		record(PATIENT, 1);
		Now::set(START + 100 * DAY);
		let verification = verify(doc(1).document_hash).unwrap();
		// Issued while accredited, so still in force (a record); the answer says the issuer's
		// authority has lapsed since.
		assert!(verification.valid_now);
		assert!(!verification.token.authority_valid_now);
		assert_eq!(verification.verdict, Verdict::InForceIssuerNoLongerAuthorized);
	});
}

#[test]
fn verify_decides_per_class_when_the_issuer_loses_its_authority() {
	ExtBuilder::default().build_and_execute(|| {
		let licence = license_doctor(1, 365);
		assert_ok!(HealthTokens::issue_certificate(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			Role::Laboratory,
			doc(2),
			None
		));
		for hash in [doc(1).document_hash, doc(2).document_hash] {
			assert_eq!(verify(hash).unwrap().verdict, Verdict::InForce);
		}
		assert_ok!(Registry::revoke_accreditation(
			RuntimeOrigin::root(),
			BOARD_ORG,
			Role::LicensingBoard
		));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), LAB_ORG));
		// A licence licenses only while its board may license.
		let verification = verify(doc(1).document_hash).unwrap();
		assert_eq!(verification.token.id, licence);
		assert_eq!(
			(verification.valid_now, verification.verdict),
			(false, Verdict::IssuerAuthorityLapsed)
		);
		// A test result issued while the lab was accredited stays valid, and says so.
		let verification = verify(doc(2).document_hash).unwrap();
		assert_eq!(
			(verification.valid_now, verification.verdict),
			(true, Verdict::InForceIssuerNoLongerAuthorized)
		);
	});
}

#[test]
fn verify_says_why_a_document_is_not_in_force() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL),
			id,
			doc(2),
			VersionReason::Corrected,
			None
		));
		assert_eq!(verify(doc(1).document_hash).unwrap().verdict, Verdict::Superseded);
		assert_ok!(HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id));
		let verification = verify(doc(2).document_hash).unwrap();
		assert_eq!(
			(verification.valid_now, verification.verdict),
			(false, Verdict::NotInForce(TokenEffectiveStatus::Archived))
		);
	});
}

#[test]
fn tokens_of_pages_through_every_token_once() {
	ExtBuilder::default().build_and_execute(|| {
		let mut issued: Vec<_> = (1..=7).map(|n| record(PATIENT, n)).collect();
		record(PATIENT2, 8);
		let mut seen = Vec::new();
		let mut cursor = None;
		loop {
			// Asking for more than MaxPageSize (3) returns at most 3.
			let page = HealthTokens::tokens_of(&PATIENT, cursor, 10);
			assert!(page.len() <= 3);
			if page.is_empty() {
				break;
			}
			cursor = page.last().copied();
			seen.extend(page);
		}
		seen.sort();
		issued.sort();
		assert_eq!(seen, issued);
		assert_eq!(HealthTokens::tokens_of(&NOBODY, None, 3), Vec::<TokenId>::new());
	});
}

#[test]
fn versions_of_lists_the_history_oldest_first() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL),
			id,
			doc(2),
			VersionReason::Amended,
			None
		));
		let history: Vec<_> = HealthTokens::versions_of(id)
			.into_iter()
			.map(|v| (v.document.document_hash, v.reason))
			.collect();
		assert_eq!(
			history,
			vec![
				(doc(1).document_hash, VersionReason::Issued),
				(doc(2).document_hash, VersionReason::Amended)
			]
		);
		assert!(HealthTokens::versions_of(99).is_empty());
	});
}

#[test]
fn licence_check_reports_the_licence_and_its_state() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 1);
		let check = HealthTokens::licence_check(&DOCTOR, Profession::Physician);
		assert_eq!((check.licence, check.result), (Some(id), Ok(id)));
		Now::set(START + DAY);
		let check = HealthTokens::licence_check(&DOCTOR, Profession::Physician);
		assert_eq!(check.result, Err(crate::LicenceError::Expired));
	});
}

/// Nothing but fixed-size hashes, ids, enums and times is stored: no field can carry free text
/// (a name, a diagnosis). The bounds below would fail if a variable-length field were added.
#[test]
fn stored_types_have_small_fixed_bounds() {
	// details (≤ 1 + 1 + 2×9) + issuer and owner (8 each in the mock) + authority (≤ 1 + 9)
	// + status (≤ 2) + valid_until (9) + issued_at (8) + block (8) + versions (4)
	assert!(TokenOf::<Test>::max_encoded_len() <= 90, "{}", TokenOf::<Test>::max_encoded_len());
	// document (32 + 1 + 33) + reason (1) + author and depositor (8 each) + deposit (8)
	// + valid_until (9) + written_at (8) + block (8)
	assert!(
		VersionOf::<Test>::max_encoded_len() <= 116,
		"{}",
		VersionOf::<Test>::max_encoded_len()
	);
}
