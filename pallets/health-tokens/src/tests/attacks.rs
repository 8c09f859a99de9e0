//! The attacks of issue 9 on the ledger, written against the API at commit 98f996c.

use super::*;
use frame_support::assert_ok;

/// Item 7: `verify` says in force for a licence whose board lost its authority.
#[test]
fn attack_verify_in_force_after_board_deaccredited() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 100);
		assert_ok!(Registry::revoke_accreditation(
			RuntimeOrigin::root(),
			BOARD_ORG,
			Role::LicensingBoard
		));
		let verification = verify(doc(1).document_hash).unwrap();
		assert!(!verification.valid_now, "a licence of a de-accredited board verifies as in force");
	});
}

/// Item 8: a board that deregisters leaves its practitioners unlicensable.
#[test]
fn attack_practitioner_made_unlicensable() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 100);
		// The board loses its accreditation; its licence no longer licenses.
		assert_ok!(Registry::revoke_accreditation(
			RuntimeOrigin::root(),
			BOARD_ORG,
			Role::LicensingBoard
		));
		// Another accredited board (the hospital, accredited as licensing board here) licenses.
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			Role::LicensingBoard,
			START + 100 * DAY
		));
		assert_ok!(HealthTokens::issue_licence(
			RuntimeOrigin::signed(HOSPITAL),
			DOCTOR,
			Profession::Physician,
			doc(2),
			START + 100 * DAY
		));
	});
}

/// Item 9 of the second review: an agent of another provider sees a pending issuance in the
/// pool and anchors a copy of its document hash first, with a higher tip. The real issuance
/// goes through all the same (a hash is unique per issuer, not chain wide), and a verifier who
/// knows the document's issuer is named the real token; one who does not is shown both.
#[test]
fn attack_a_copied_hash_neither_blocks_the_issuer_nor_is_taken_for_its_token() {
	ExtBuilder::default().build_and_execute(|| {
		use crate::{Error, Issuer};
		use frame_support::assert_noop;
		// The copy, first.
		assert_ok!(HealthTokens::issue_record(
			RuntimeOrigin::signed(OTHER_HOSPITAL),
			NOBODY,
			Role::Provider,
			doc(1)
		));
		let copy = last_id();
		// The real one, after.
		let real = record(PATIENT, 1);
		let hash = doc(1).document_hash;
		let mine = HealthTokens::verify(hash, &Issuer::Organisation(HOSPITAL_ORG)).unwrap();
		assert_eq!((mine.token.id, mine.token.token.owner), (real, Some(PATIENT)));
		let theirs = HealthTokens::verify(hash, &Issuer::Organisation(1)).unwrap();
		assert_eq!(theirs.token.id, copy);
		let all = HealthTokens::anchors_of(hash, None, 10);
		let mut ids: Vec<_> = all.items.iter().map(|v| v.token.id).collect();
		ids.sort();
		assert_eq!((ids, all.next), (vec![copy, real], None));
		// Paged one at a time, the cursor leads to the other.
		let first = HealthTokens::anchors_of(hash, None, 1);
		let second = HealthTokens::anchors_of(hash, first.next.clone(), 1);
		assert_eq!(first.items.len() + second.items.len(), 2);
		assert_ne!(first.items[0].token.id, second.items[0].token.id);
		assert_eq!(second.next, None);
		// Within one issuer a hash is still anchored once.
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL_AGENT),
				PATIENT2,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::HashInUse
		);
	});
}
