//! Practitioner licences: issuance, renewal, suspension, revocation, expiry, the licence check.

use super::*;
use crate::{
	Error, LicenceError, LicenceInspect, LicenceOf, RevocationReason, TokenEffectiveStatus,
	TokenStatus, Tokens, VersionReason,
};
use frame_support::{assert_noop, assert_ok};

#[test]
fn issue_licence_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(
			token.details,
			crate::TokenDetails::Licence { profession: Profession::Physician }
		);
		assert_eq!(token.owner, Some(DOCTOR));
		assert_eq!(token.valid_until, Some(START + 365 * DAY));
		assert_eq!(LicenceOf::<Test>::get(DOCTOR, Profession::Physician), Some(id));
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(id));
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Nurse),
			Err(LicenceError::NotLicensed)
		);
	});
}

#[test]
fn issue_licence_fails_when_not_a_licensing_board() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_licence(
				RuntimeOrigin::signed(HOSPITAL),
				DOCTOR,
				Profession::Physician,
				doc(1),
				START + DAY
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
	});
}

#[test]
fn issue_licence_fails_when_already_licensed() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		assert_noop!(
			HealthTokens::issue_licence(
				RuntimeOrigin::signed(BOARD),
				DOCTOR,
				Profession::Physician,
				doc(2),
				START + DAY
			),
			Error::<Test>::AlreadyLicensed
		);
	});
}

#[test]
fn issue_licence_works_again_after_revocation() {
	ExtBuilder::default().build_and_execute(|| {
		let old = license_doctor(1, 365);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(BOARD),
			old,
			RevocationReason::Disciplinary
		));
		let new = license_doctor(2, 365);
		assert_eq!(LicenceOf::<Test>::get(DOCTOR, Profession::Physician), Some(new));
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(new));
	});
}

#[test]
fn issue_licence_fails_when_expiry_in_past() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_licence(
				RuntimeOrigin::signed(BOARD),
				DOCTOR,
				Profession::Physician,
				doc(1),
				START - 1
			),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn licence_expires_without_a_transaction_and_renewal_revives_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 10);
		Now::set(START + 10 * DAY);
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Physician),
			Err(LicenceError::Expired)
		);
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(BOARD),
			id,
			doc(2),
			VersionReason::Renewed,
			Some(START + 50 * DAY)
		));
		assert_eq!(Tokens::<Test>::get(id).unwrap().valid_until, Some(START + 50 * DAY));
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(id));
		// The earlier version keeps the validity it had.
		assert_eq!(
			crate::Versions::<Test>::get(id, 0).unwrap().valid_until,
			Some(START + 10 * DAY)
		);
	});
}

#[test]
fn update_fails_when_new_expiry_in_past() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 10);
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(BOARD),
				id,
				doc(2),
				VersionReason::Renewed,
				Some(START)
			),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn suspend_and_reinstate_work() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_eq!(last_event(), Event::TokenSuspended { token: id, by: BOARD });
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Physician),
			Err(LicenceError::Suspended)
		);
		assert_ok!(HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), id));
		assert_eq!(last_event(), Event::TokenReinstated { token: id, by: BOARD });
		assert_eq!(Tokens::<Test>::get(id).unwrap().status, TokenStatus::Active);
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(id));
	});
}

#[test]
fn suspend_fails_when_already_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_noop!(
			HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id),
			Error::<Test>::AlreadySuspended
		);
	});
}

#[test]
fn suspend_fails_when_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_ok!(HealthTokens::revoke(RuntimeOrigin::signed(BOARD), id, RevocationReason::Other));
		assert_noop!(
			HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn suspend_and_reinstate_fail_when_not_issuer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_noop!(
			HealthTokens::suspend(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::NotIssuer
		);
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_noop!(
			HealthTokens::reinstate(RuntimeOrigin::signed(HOSPITAL), id),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn suspend_and_reinstate_fail_when_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::suspend(RuntimeOrigin::signed(BOARD), 4),
			Error::<Test>::TokenNotFound
		);
		assert_noop!(
			HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), 4),
			Error::<Test>::TokenNotFound
		);
	});
}

#[test]
fn reinstate_fails_when_not_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_noop!(
			HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), id),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn reinstate_fails_when_the_board_is_no_longer_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_ok!(Registry::revoke_accreditation(
			RuntimeOrigin::root(),
			BOARD_ORG,
			Role::LicensingBoard
		));
		assert_noop!(
			HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), id),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
	});
}

#[test]
fn licence_stops_licensing_when_its_board_loses_accreditation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			BOARD_ORG,
			Role::LicensingBoard
		));
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Physician),
			Err(LicenceError::IssuerNotAccredited)
		);
		let view = HealthTokens::token_view(id).unwrap();
		assert_eq!(view.effective, TokenEffectiveStatus::Active);
		assert!(!view.authority_valid_now);
	});
}

#[test]
fn any_licence_reports_a_valid_licence_or_the_reason() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(HealthTokens::any_licence(&DOCTOR), Err(LicenceError::NotLicensed));
		let id = license_doctor(1, 365);
		assert_eq!(HealthTokens::any_licence(&DOCTOR), Ok((id, Profession::Physician)));
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_eq!(HealthTokens::any_licence(&DOCTOR), Err(LicenceError::Suspended));
	});
}

#[test]
fn licence_in_force_answers_for_a_licence_token_when_it_is_used() {
	ExtBuilder::default().build_and_execute(|| {
		let in_force = |id| <HealthTokens as LicenceInspect<u64>>::licence_in_force(id);
		let id = license_doctor(1, 365);
		assert_eq!(in_force(id), Ok(Profession::Physician));
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_eq!(in_force(id), Err(LicenceError::Suspended));
		assert_ok!(HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), id));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), BOARD_ORG));
		assert_eq!(in_force(id), Err(LicenceError::IssuerNotAccredited));
		// Not a licence, or no token at all.
		assert_eq!(in_force(record(PATIENT, 2)), Err(LicenceError::NotLicensed));
		assert_eq!(in_force(99), Err(LicenceError::NotLicensed));
	});
}

#[test]
fn issue_licence_works_when_the_old_licence_no_longer_licenses() {
	for lapse in ["expired", "suspended", "board gone"] {
		ExtBuilder::default().build_and_execute(|| {
			let old = license_doctor(1, 10);
			match lapse {
				"expired" => Now::set(START + 10 * DAY),
				"suspended" => {
					assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), old));
				},
				_ => {
					assert_ok!(Registry::revoke_accreditation(
						RuntimeOrigin::root(),
						BOARD_ORG,
						Role::LicensingBoard
					));
				},
			}
			// Another accredited board (the hospital here) licenses them again.
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
				START + 50 * DAY
			));
			let new = last_id();
			assert_ok!(HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), new));
			assert_eq!(crate::LicenceOf::<Test>::get(DOCTOR, Profession::Physician), Some(new));
			assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(new));
		});
	}
}

#[test]
fn force_revoke_works_for_any_licence() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		// The board leaves: nobody acts for it any more.
		assert_ok!(Registry::revoke_accreditation(
			RuntimeOrigin::root(),
			BOARD_ORG,
			Role::LicensingBoard
		));
		assert_ok!(Registry::deregister_organisation(RuntimeOrigin::signed(BOARD), BOARD_ORG));
		assert_noop!(
			HealthTokens::revoke(RuntimeOrigin::signed(BOARD), id, RevocationReason::Fraudulent),
			Error::<Test>::NotIssuer
		);
		// The consortium still can.
		assert_ok!(HealthTokens::force_revoke(
			RuntimeOrigin::root(),
			id,
			RevocationReason::Fraudulent
		));
		assert_eq!(
			last_event(),
			Event::TokenRevoked { token: id, reason: RevocationReason::Fraudulent, by: None }
		);
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Physician),
			Err(LicenceError::Revoked)
		);
	});
}

#[test]
fn force_revoke_fails_for_others_and_for_records() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_noop!(
			HealthTokens::force_revoke(
				RuntimeOrigin::signed(BOARD),
				id,
				RevocationReason::Fraudulent
			),
			Error::<Test>::NotConsortium
		);
		let record = record(PATIENT, 2);
		assert_noop!(
			HealthTokens::force_revoke(RuntimeOrigin::root(), record, RevocationReason::Other),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(
			HealthTokens::force_revoke(RuntimeOrigin::root(), 99, RevocationReason::Other),
			Error::<Test>::TokenNotFound
		);
	});
}

#[test]
fn archive_and_transfer_fail_for_a_licence() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 365);
		assert_noop!(
			HealthTokens::archive(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(
			HealthTokens::transfer(RuntimeOrigin::signed(DOCTOR), id, NOBODY),
			Error::<Test>::NonTransferable
		);
	});
}

/// A rogue licensing board cannot impose a licence on a practitioner: it licenses nothing
/// until the practitioner accepts it (as an agent accepts an invitation), and the practitioner
/// can refuse it, which removes it.
#[test]
fn attack_a_licence_takes_effect_only_once_accepted_and_can_be_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_licence(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			Profession::Psychologist,
			doc(1),
			START + 365 * DAY
		));
		let id = last_id();
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.status, TokenStatus::Pending);
		assert_eq!(LicenceOf::<Test>::get(DOCTOR, Profession::Psychologist), None);
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Psychologist),
			Err(LicenceError::NotLicensed)
		);
		// Pending: no session can be opened on it, the board cannot suspend it to leave a
		// lasting mark.
		assert_noop!(
			HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(2), None),
			Error::<Test>::Licence(LicenceError::NotLicensed)
		);
		assert_noop!(
			HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id),
			Error::<Test>::NotActive
		);
		let board_held = held(BOARD);
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(DOCTOR), id));
		assert_eq!(last_event(), Event::TokenRefused { token: id, owner: DOCTOR });
		assert!(!Tokens::<Test>::contains_key(id));
		assert_eq!(by_hash(doc(1).document_hash), None);
		assert_eq!(held(BOARD), board_held - TOKEN_DEPOSIT);
	});
}

#[test]
fn accept_licence_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_licence(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			Profession::Physician,
			doc(1),
			START + 365 * DAY
		));
		let id = last_id();
		assert_ok!(HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), id));
		assert_eq!(last_event(), Event::LicenceAccepted { token: id, practitioner: DOCTOR });
		assert_eq!(Tokens::<Test>::get(id).unwrap().status, TokenStatus::Active);
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(id));
		// Accepted, it cannot be refused: a practitioner must not erase a suspension.
		assert_noop!(
			HealthTokens::refuse(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::NotSupportedForClass
		);
	});
}

#[test]
fn accept_licence_fails_when_not_the_practitioners_pending_licence() {
	ExtBuilder::default().build_and_execute(|| {
		let record = record(PATIENT, 9);
		assert_noop!(
			HealthTokens::accept_licence(RuntimeOrigin::signed(PATIENT), record),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(
			HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), 99),
			Error::<Test>::TokenNotFound
		);
		let id = license_doctor(1, 365);
		assert_noop!(
			HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::NotPending
		);
		// A second licence for the same profession, while the first licenses: refused at
		// acceptance too (another board issued it while the first was suspended).
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), id));
		assert_ok!(HealthTokens::issue_licence(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			Profession::Physician,
			doc(2),
			START + 365 * DAY
		));
		let second = last_id();
		assert_noop!(
			HealthTokens::accept_licence(RuntimeOrigin::signed(PATIENT), second),
			Error::<Test>::NotOwner
		);
		assert_ok!(HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), id));
		assert_noop!(
			HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), second),
			Error::<Test>::AlreadyLicensed
		);
	});
}

/// A board's agent licenses itself, to open telemedicine sessions on its own word: refused,
/// as any issuer issuing a token to itself.
#[test]
fn attack_an_issuer_cannot_issue_to_itself() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_licence(
				RuntimeOrigin::signed(BOARD),
				BOARD,
				Profession::Physician,
				doc(1),
				START + DAY
			),
			Error::<Test>::SelfIssued
		);
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL),
				HOSPITAL,
				Role::Provider,
				doc(2)
			),
			Error::<Test>::SelfIssued
		);
		assert_noop!(
			HealthTokens::issue_certificate(
				RuntimeOrigin::signed(LAB),
				LAB,
				Role::Laboratory,
				doc(3),
				None
			),
			Error::<Test>::SelfIssued
		);
	});
}

/// A board that learns, before the practitioner accepted, that a licence must not take effect
/// (fraudulent credentials) withdraws it by revoking it — or the consortium does: it is removed,
/// so it can no longer be accepted, and no revocation stays under an account that never
/// accepted the licence (which a rogue board could otherwise impose, issuing and revoking).
#[test]
fn revoking_a_pending_licence_withdraws_it() {
	ExtBuilder::default().build_and_execute(|| {
		for by_consortium in [false, true] {
			assert_ok!(HealthTokens::issue_licence(
				RuntimeOrigin::signed(BOARD),
				DOCTOR,
				Profession::Psychologist,
				doc(if by_consortium { 2 } else { 1 }),
				START + 365 * DAY
			));
			let id = last_id();
			let board_held = held(BOARD);
			if by_consortium {
				assert_ok!(HealthTokens::force_revoke(
					RuntimeOrigin::root(),
					id,
					RevocationReason::Fraudulent
				));
			} else {
				assert_ok!(HealthTokens::revoke(
					RuntimeOrigin::signed(BOARD),
					id,
					RevocationReason::Fraudulent
				));
			}
			assert!(!Tokens::<Test>::contains_key(id));
			assert_eq!(held(BOARD), board_held - TOKEN_DEPOSIT);
			assert_noop!(
				HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), id),
				Error::<Test>::TokenNotFound
			);
		}
	});
}

/// A board does not license one of its own agents (a colleague, or a second key of the same
/// agent that acts for the board): the licence it would vouch for is its own.
#[test]
fn issue_licence_fails_for_an_agent_of_the_board() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(BOARD), BOARD_ORG, NOBODY));
		assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(NOBODY), BOARD_ORG));
		assert_noop!(
			HealthTokens::issue_licence(
				RuntimeOrigin::signed(BOARD),
				NOBODY,
				Profession::Physician,
				doc(1),
				START + DAY
			),
			Error::<Test>::SelfIssued
		);
	});
}

/// `SelfIssued` is checked when a licence is issued; a practitioner licensed first who then
/// joins the board that licensed them would act on their own board's word. The licence is
/// checked when used: it does not license while its holder acts for its board, and again once
/// they leave.
#[test]
fn attack_a_practitioner_who_joins_their_board_is_not_licensed_by_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = license_doctor(1, 30);
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(id));
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(BOARD), BOARD_ORG, DOCTOR));
		assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(DOCTOR), BOARD_ORG));
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Physician),
			Err(LicenceError::SelfLicensed)
		);
		assert_eq!(HealthTokens::licence_in_force(id), Err(LicenceError::SelfLicensed));
		assert_noop!(
			HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(9), None),
			Error::<Test>::Licence(LicenceError::SelfLicensed)
		);
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(DOCTOR), BOARD_ORG));
		assert_eq!(HealthTokens::check_licence(&DOCTOR, Profession::Physician), Ok(id));
	});
}
