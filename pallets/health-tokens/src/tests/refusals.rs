//! `refuse`: an owner removes a record or certificate issued to them that they did not want.

use super::*;
use crate::{Error, TokenByHash, Tokens, TokensOf, VersionReason, Versions};
use frame_support::{assert_noop, assert_ok};

#[test]
fn refuse_removes_the_token_and_returns_every_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let before = (held(HOSPITAL), held(HOSPITAL_AGENT));
		let id = record(PATIENT, 1);
		// A second version by another agent, who paid for it.
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL_AGENT),
			id,
			doc(2),
			VersionReason::Appended,
			None
		));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(last_event(), Event::TokenRefused { token: id, owner: PATIENT });
		// Nothing links the patient to it any more, and whoever paid is paid back.
		assert!(!Tokens::<Test>::contains_key(id));
		assert!(!TokensOf::<Test>::contains_key(PATIENT, id));
		assert!(Versions::<Test>::get(id, 0).is_none() && Versions::<Test>::get(id, 1).is_none());
		assert!(!TokenByHash::<Test>::contains_key(doc(1).document_hash));
		assert_eq!(HealthTokens::verify(doc(2).document_hash), None);
		assert_eq!((held(HOSPITAL), held(HOSPITAL_AGENT)), before);
		// The ids are not reused, and the hash can be anchored again.
		record(PATIENT2, 1);
		assert_eq!(last_id(), id + 1);
	});
}

#[test]
fn refuse_works_for_a_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_certificate(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			Role::Laboratory,
			doc(1),
			None
		));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), last_id()));
	});
}

#[test]
fn refuse_fails_for_a_revoked_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_certificate(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			Role::Laboratory,
			doc(1),
			None
		));
		let id = last_id();
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(LAB),
			id,
			crate::RevocationReason::Fraudulent
		));
		// Whoever holds the document must still be told it was revoked.
		assert_noop!(
			HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotActive
		);
		assert!(HealthTokens::verify(doc(1).document_hash).is_some());
	});
}

#[test]
fn refuse_fails_for_anyone_but_the_owner() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		for who in [HOSPITAL, PATIENT2, NOBODY] {
			assert_noop!(
				HealthTokens::refuse(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotOwner
			);
		}
		assert_noop!(
			HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), 99),
			Error::<Test>::NotFound
		);
	});
}

#[test]
fn refuse_fails_for_licences_and_sessions() {
	ExtBuilder::default().build_and_execute(|| {
		// A practitioner must not erase a licence (and its suspension) by refusing it.
		let licence = license_doctor(1, 365);
		assert_noop!(
			HealthTokens::refuse(RuntimeOrigin::signed(DOCTOR), licence),
			Error::<Test>::NotSupportedForClass
		);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(2),
			None
		));
		// A patient declines a session with `cancel_session` instead.
		assert_noop!(
			HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), last_id()),
			Error::<Test>::NotSupportedForClass
		);
	});
}
