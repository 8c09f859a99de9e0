//! Certificates and test results: validity, revocation, archiving, transfer.

use super::*;
use crate::{Error, RevocationReason, TokenEffectiveStatus, TokenStatus, Tokens, TokensOf};
use frame_support::{assert_noop, assert_ok};

/// Issue a certificate from the laboratory to [`PATIENT`], valid for `days` days.
fn certificate(n: u8, days: Option<u64>) -> TokenId {
	assert_ok!(HealthTokens::issue_certificate(
		RuntimeOrigin::signed(LAB),
		PATIENT,
		Role::Laboratory,
		doc(n),
		days.map(|days| START + days * DAY)
	));
	last_id()
}

#[test]
fn issue_certificate_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, Some(30));
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.class(), crate::TokenClass::Certificate);
		assert_eq!(token.valid_until, Some(START + 30 * DAY));
		assert_eq!(token.owner, Some(PATIENT));
		assert_eq!(token.issuer, LAB);
	});
}

#[test]
fn issue_certificate_by_a_provider_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_certificate(
			RuntimeOrigin::signed(HOSPITAL),
			PATIENT,
			Role::Provider,
			doc(1),
			None
		));
	});
}

#[test]
fn issue_certificate_fails_when_expiry_in_past() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_certificate(
				RuntimeOrigin::signed(LAB),
				PATIENT,
				Role::Laboratory,
				doc(1),
				Some(START)
			),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn issue_certificate_fails_when_role_not_allowed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_certificate(
				RuntimeOrigin::signed(LAB),
				PATIENT,
				Role::Insurer,
				doc(1),
				None
			),
			Error::<Test>::RoleNotAllowed
		);
	});
}

#[test]
fn certificate_expires_without_a_transaction() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, Some(30));
		assert_eq!(HealthTokens::token_view(id).unwrap().effective, TokenEffectiveStatus::Active);
		Now::set(START + 30 * DAY);
		assert_eq!(HealthTokens::token_view(id).unwrap().effective, TokenEffectiveStatus::Expired);
		assert!(!verify(doc(1).document_hash).unwrap().valid_now);
	});
}

#[test]
fn revoke_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(LAB),
			id,
			RevocationReason::Withdrawn
		));
		assert_eq!(
			last_event(),
			Event::TokenRevoked { token: id, reason: RevocationReason::Withdrawn, by: Some(LAB) }
		);
		assert_eq!(
			Tokens::<Test>::get(id).unwrap().status,
			TokenStatus::Revoked { reason: RevocationReason::Withdrawn }
		);
		assert!(!verify(doc(1).document_hash).unwrap().valid_now);
	});
}

#[test]
fn revoke_works_after_the_issuer_lost_its_accreditation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		Now::set(START + 200 * DAY);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(LAB),
			id,
			RevocationReason::Fraudulent
		));
	});
}

#[test]
fn revoke_fails_when_not_issuer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		for who in [HOSPITAL, PATIENT, NOBODY] {
			assert_noop!(
				HealthTokens::revoke(RuntimeOrigin::signed(who), id, RevocationReason::Withdrawn),
				Error::<Test>::NotIssuer
			);
		}
	});
}

#[test]
fn revoke_fails_when_already_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(LAB),
			id,
			RevocationReason::Withdrawn
		));
		assert_noop!(
			HealthTokens::revoke(RuntimeOrigin::signed(LAB), id, RevocationReason::Other),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn revoke_fails_when_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::revoke(RuntimeOrigin::signed(LAB), 9, RevocationReason::Other),
			Error::<Test>::TokenNotFound
		);
	});
}

#[test]
fn suspend_fails_for_a_certificate() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_noop!(
			HealthTokens::suspend(RuntimeOrigin::signed(LAB), id),
			Error::<Test>::NotSupportedForClass
		);
	});
}

#[test]
fn archive_certificate_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_ok!(HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(HealthTokens::token_view(id).unwrap().effective, TokenEffectiveStatus::Archived);
	});
}

#[test]
fn transfer_works_where_the_runtime_allows_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_ok!(HealthTokens::transfer(RuntimeOrigin::signed(PATIENT), id, PATIENT2));
		assert_eq!(
			last_event(),
			Event::TokenTransferred { token: id, from: PATIENT, to: PATIENT2 }
		);
		assert_eq!(Tokens::<Test>::get(id).unwrap().owner, Some(PATIENT2));
		assert!(!TokensOf::<Test>::contains_key(PATIENT, id));
		assert!(TokensOf::<Test>::contains_key(PATIENT2, id));
	});
}

#[test]
fn transfer_fails_when_not_owner() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_noop!(
			HealthTokens::transfer(RuntimeOrigin::signed(LAB), id, PATIENT2),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn transfer_fails_when_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = certificate(1, None);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(LAB),
			id,
			RevocationReason::Withdrawn
		));
		assert_noop!(
			HealthTokens::transfer(RuntimeOrigin::signed(PATIENT), id, PATIENT2),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn transfer_fails_when_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::transfer(RuntimeOrigin::signed(PATIENT), 5, PATIENT2),
			Error::<Test>::TokenNotFound
		);
	});
}
