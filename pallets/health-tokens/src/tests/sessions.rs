//! Telemedicine sessions: open, accept (afterwards or pre-signed), close, cancel.

use super::*;
use crate::{
	acceptance_message, Error, LicenceError, RevocationReason, SessionAcceptance, TokenDetails,
	TokenStatus, Tokens, TokensOf, VersionReason, Versions,
};
use frame_support::{assert_noop, assert_ok};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{testing::TestSignature, traits::Zero};

/// Open a session of [`DOCTOR`] with [`PATIENT`], reference `doc(n)`, not yet accepted.
fn open(n: u8) -> TokenId {
	assert_ok!(HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(n), None));
	last_id()
}

/// `signer`'s acceptance of a session of [`DOCTOR`] with [`PATIENT`], reference `doc(n)`.
fn acceptance(signer: u64, n: u8, deadline: u64) -> SessionAcceptance<TestSignature, u64> {
	let genesis = System::block_hash(BlockNumberFor::<Test>::zero());
	let message = acceptance_message(&genesis, &DOCTOR, &PATIENT, &doc(n).document_hash, &deadline);
	SessionAcceptance { deadline, signature: TestSignature(signer, message) }
}

#[test]
fn open_accept_close_works() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let before = held(DOCTOR);
		let id = open(2);
		assert_eq!(held(DOCTOR), before + TOKEN_DEPOSIT);
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.status, TokenStatus::Pending);
		assert_eq!((token.issuer, token.owner), (DOCTOR, Some(PATIENT)));
		// Licensed, but which licence (and so which profession) is not under the patient's
		// account.
		assert_eq!(token.authority, crate::Authority::Licensed);

		Now::set(START + 1_000);
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(
			last_event(),
			Event::SessionAccepted { token: id, practitioner: DOCTOR, patient: PATIENT }
		);
		assert_eq!(Tokens::<Test>::get(id).unwrap().status, TokenStatus::Active);

		Now::set(START + 2_000);
		assert_ok!(HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(3)));
		assert_eq!(
			last_event(),
			Event::SessionClosed { token: id, record_hash: doc(3).document_hash }
		);
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.status, TokenStatus::Closed);
		assert_eq!(
			token.details,
			TokenDetails::TelemedicineSession {
				accepted_at: Some(START + 1_000),
				closed_at: Some(START + 2_000)
			}
		);
		assert_eq!(Versions::<Test>::get(id, 1).unwrap().reason, VersionReason::SessionClosed);
		let verification = verify(doc(3).document_hash).unwrap();
		assert!(verification.valid_now && verification.is_current_version);
	});
}

#[test]
fn open_session_with_a_pre_signed_acceptance_works() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(2),
			Some(acceptance(PATIENT, 2, 5))
		));
		let id = last_id();
		assert_eq!(
			last_event(),
			Event::SessionAccepted { token: id, practitioner: DOCTOR, patient: PATIENT }
		);
		assert_eq!(Tokens::<Test>::get(id).unwrap().status, TokenStatus::Active);
		assert_ok!(HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(3)));
	});
}

#[test]
fn open_session_fails_when_the_acceptance_is_not_the_patients() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		assert_noop!(
			HealthTokens::open_session(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				doc(2),
				Some(acceptance(PATIENT2, 2, 5))
			),
			Error::<Test>::BadSignature
		);
		// Signed for another session reference.
		assert_noop!(
			HealthTokens::open_session(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				doc(4),
				Some(acceptance(PATIENT, 2, 5))
			),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn open_session_fails_when_the_acceptance_deadline_passed() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		System::set_block_number(6);
		assert_noop!(
			HealthTokens::open_session(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				doc(2),
				Some(acceptance(PATIENT, 2, 5))
			),
			Error::<Test>::AcceptanceExpired
		);
	});
}

#[test]
fn open_session_fails_when_an_acceptance_is_replayed() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let open_accepted = || {
			HealthTokens::open_session(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				doc(2),
				Some(acceptance(PATIENT, 2, 5)),
			)
		};
		assert_ok!(open_accepted());
		assert_noop!(open_accepted(), Error::<Test>::HashInUse);
	});
}

#[test]
fn open_session_fails_when_unlicensed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(2), None),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::NotLicensed)
		);
		// A licence in any profession will do; the session does not say which.
		license_doctor(1, 365);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(2),
			None
		));
	});
}

#[test]
fn a_session_records_no_profession_under_the_patients_account() {
	ExtBuilder::default().build_and_execute(|| {
		// A psychologist: the session must not say so.
		assert_ok!(HealthTokens::issue_licence(
			RuntimeOrigin::signed(BOARD),
			DOCTOR,
			Profession::Psychologist,
			doc(1),
			START + DAY
		));
		assert_ok!(HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), last_id()));
		let id = open(2);
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.authority, crate::Authority::Licensed);
		assert_eq!(
			token.details,
			TokenDetails::TelemedicineSession { accepted_at: None, closed_at: None }
		);
		assert!(matches!(
			last_event(),
			Event::TokenIssued { authority: crate::Authority::Licensed, .. }
		));
		// The session still ends its authority with the practitioner's licences.
		assert!(HealthTokens::token_view(id).unwrap().authority_valid_now);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(BOARD),
			0,
			RevocationReason::Disciplinary
		));
		assert!(!HealthTokens::token_view(id).unwrap().authority_valid_now);
	});
}

#[test]
fn open_session_fails_when_the_licence_expired() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 10);
		Now::set(START + 10 * DAY);
		assert_noop!(
			HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(2), None),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Expired)
		);
	});
}

#[test]
fn open_session_fails_when_the_licence_is_suspended_or_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		let licence = license_doctor(1, 365);
		let try_open =
			|| HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(2), None);
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), licence));
		assert_noop!(
			try_open(),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Suspended)
		);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(BOARD),
			licence,
			RevocationReason::Disciplinary
		));
		assert_noop!(
			try_open(),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Revoked)
		);
	});
}

#[test]
fn open_session_fails_when_the_board_is_no_longer_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), BOARD_ORG));
		assert_noop!(
			HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), PATIENT, doc(2), None),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::IssuerNotAccredited)
		);
	});
}

#[test]
fn open_session_fails_with_oneself() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		assert_noop!(
			HealthTokens::open_session(RuntimeOrigin::signed(DOCTOR), DOCTOR, doc(2), None),
			Error::<Test>::SameAccount
		);
	});
}

#[test]
fn accept_session_fails_when_not_the_patient() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		for who in [DOCTOR, PATIENT2] {
			assert_noop!(
				HealthTokens::accept_session(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotOwner
			);
		}
	});
}

#[test]
fn accept_session_fails_when_not_pending() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::SessionNotPending
		);
	});
}

#[test]
fn accept_session_fails_when_the_licence_lapsed_since_opening() {
	ExtBuilder::default().build_and_execute(|| {
		let licence = license_doctor(1, 365);
		let id = open(2);
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), licence));
		assert_noop!(
			HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Suspended)
		);
		assert_eq!(
			HealthTokens::check_licence(&DOCTOR, Profession::Physician),
			Err(LicenceError::Suspended)
		);
	});
}

#[test]
fn session_calls_fail_for_other_classes_and_unknown_tokens() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_noop!(
			HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(
			HealthTokens::close_session(RuntimeOrigin::signed(HOSPITAL), id, doc(3)),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(
			HealthTokens::cancel_session(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(
			HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), 77),
			Error::<Test>::TokenNotFound
		);
	});
}

#[test]
fn close_session_fails_when_not_the_practitioner() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			HealthTokens::close_session(RuntimeOrigin::signed(PATIENT), id, doc(3)),
			Error::<Test>::NotIssuer
		);
	});
}

#[test]
fn close_session_fails_when_not_in_progress() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		assert_noop!(
			HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(3)),
			Error::<Test>::SessionNotInProgress
		);
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id));
		assert_ok!(HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(3)));
		assert_noop!(
			HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(4)),
			Error::<Test>::SessionNotInProgress
		);
	});
}

#[test]
fn update_fails_for_a_session() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(DOCTOR),
				id,
				doc(3),
				VersionReason::Amended,
				None
			),
			Error::<Test>::NotSupportedForClass
		);
	});
}

#[test]
fn cancel_session_by_either_party_works_and_returns_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		for canceller in [DOCTOR, PATIENT] {
			let before = held(DOCTOR);
			let id = open(2);
			assert_ok!(HealthTokens::cancel_session(RuntimeOrigin::signed(canceller), id));
			assert_eq!(last_event(), Event::SessionCancelled { token: id, by: canceller });
			assert_eq!(held(DOCTOR), before);
			assert!(!Tokens::<Test>::contains_key(id));
			assert!(!Versions::<Test>::contains_key(id, 0));
			assert!(!TokensOf::<Test>::contains_key(PATIENT, id));
			// The reference may be used again for a new proposal.
			assert!(by_hash(doc(2).document_hash).is_none());
		}
	});
}

#[test]
fn cancel_session_fails_when_not_a_party() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		assert_noop!(
			HealthTokens::cancel_session(RuntimeOrigin::signed(PATIENT2), id),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn cancel_session_fails_once_accepted() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let id = open(2);
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			HealthTokens::cancel_session(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::SessionNotPending
		);
	});
}

/// A practitioner whose licence ended attests nothing more: closing a session in progress is
/// refused as accepting it would be, until a licence licenses them again.
#[test]
fn close_session_fails_when_the_licence_ended() {
	ExtBuilder::default().build_and_execute(|| {
		let licence = license_doctor(1, 365);
		let id = open(2);
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), id));
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), licence));
		assert_noop!(
			HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(3)),
			Error::<Test>::Licence(LicenceError::Suspended)
		);
		assert_ok!(HealthTokens::reinstate(RuntimeOrigin::signed(BOARD), licence));
		assert_ok!(HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), id, doc(3)));
	});
}
