//! `refuse`: an owner takes a token issued to them out of their list, whatever its status; a
//! pending session or licence is removed.

use super::*;
use crate::{
	Error, RevocationReason, TokenEffectiveStatus, TokenStatus, Tokens, TokensOf, Verdict,
	VersionReason, Versions,
};
use frame_support::{assert_noop, assert_ok};

#[test]
fn refuse_unlinks_the_token_and_keeps_what_the_issuer_anchored() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		// A second version by another agent, who paid for it.
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL_AGENT),
			id,
			doc(2),
			VersionReason::Appended,
			None
		));
		let before = (held(HOSPITAL), held(HOSPITAL_AGENT));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(last_event(), Event::TokenRefused { token: id, owner: PATIENT });
		// Nothing links the patient to it any more: not its list, not the token.
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!((token.owner, token.status), (None, TokenStatus::Refused));
		assert!(!TokensOf::<Test>::contains_key(PATIENT, id));
		assert!(HealthTokens::tokens_of(&PATIENT, None, 10).is_empty());
		// What the issuer anchored stays, verifiable by hash, not in force; its deposits stay
		// held for the storage that stays.
		assert!(Versions::<Test>::get(id, 0).is_some() && Versions::<Test>::get(id, 1).is_some());
		let verification = verify(doc(2).document_hash).unwrap();
		assert_eq!(verification.verdict, Verdict::NotInForce(TokenEffectiveStatus::Refused));
		assert!(!verification.valid_now);
		assert_eq!(verify(doc(1).document_hash).unwrap().verdict, verification.verdict);
		assert_eq!((held(HOSPITAL), held(HOSPITAL_AGENT)), before);
		// Nothing more can be done to it by anyone: it has no owner.
		assert_noop!(
			HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn refuse_works_for_a_certificate_an_archived_record_and_a_session() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_certificate(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			Role::Laboratory,
			doc(1),
			None
		));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), last_id()));
		let archived = record(PATIENT, 2);
		assert_ok!(HealthTokens::archive(RuntimeOrigin::signed(PATIENT), archived));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), archived));
		// A closed session: the patient takes it out of their list too.
		license_doctor(3, 365);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(4),
			None
		));
		let session = last_id();
		assert_ok!(HealthTokens::accept_session(RuntimeOrigin::signed(PATIENT), session));
		assert_ok!(HealthTokens::close_session(RuntimeOrigin::signed(DOCTOR), session, doc(5)));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), session));
		assert_eq!(Tokens::<Test>::get(session).unwrap().owner, None);
		assert!(HealthTokens::tokens_of(&PATIENT, None, 10).is_empty());
	});
}

/// The attack of the second review: an agent of an accredited laboratory issues a
/// certificate to a stranger and revokes it (as fraudulent) in the same batch, so that the
/// stranger can no longer refuse it and the link stays for good. The stranger refuses it all
/// the same: it names no owner any more, and still reads as revoked for whoever holds the
/// document.
#[test]
fn attack_a_revoked_token_can_still_be_refused() {
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
			RevocationReason::Fraudulent
		));
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id));
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.owner, None);
		assert_eq!(token.status, TokenStatus::Revoked { reason: RevocationReason::Fraudulent });
		assert!(!TokensOf::<Test>::contains_key(PATIENT, id));
		assert_eq!(
			verify(doc(1).document_hash).unwrap().verdict,
			Verdict::NotInForce(TokenEffectiveStatus::Revoked)
		);
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
			Error::<Test>::TokenNotFound
		);
	});
}

/// A pending session is declined by refusing it as well as by `cancel_session`: it never took
/// effect, so it is removed and its deposit returned.
#[test]
fn refuse_removes_a_pending_session() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		let before = held(DOCTOR);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(2),
			None
		));
		let id = last_id();
		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id));
		assert!(!Tokens::<Test>::contains_key(id));
		assert_eq!(held(DOCTOR), before);
	});
}
