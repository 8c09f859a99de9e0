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
		let verification = HealthTokens::verify(doc(1).document_hash).unwrap();
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
