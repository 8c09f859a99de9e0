//! The audit trail: custodians record accesses as commitments with the decision they were
//! given, checked on chain against the deciding consent; patients list and check them.

use super::*;
use crate::{AccessLog, AccessLogLength, AccessQuestion, Error};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

const SALT: [u8; 32] = [7; 32];

/// The question of `accessor` reading `PATIENT`'s `scope` for `purpose`.
fn question(accessor: u64, scope: RecordScope, purpose: Purpose) -> AccessQuestion<u64> {
	AccessQuestion { accessor, patient: PATIENT, scope, action: Action::Read, purpose }
}

/// `custodian` records `accessor`'s imaging read for `purpose`, with what `check_access`
/// answers now, as a custodian does.
fn record_access(custodian: u64, accessor: u64, purpose: Purpose) -> sp_runtime::DispatchResult {
	let question = question(accessor, record(DataCategory::Imaging), purpose);
	let decision = check(accessor, question.scope.clone(), Action::Read, purpose);
	Consent::record_access(
		RuntimeOrigin::signed(custodian),
		PATIENT,
		accessor,
		question.commitment(&SALT),
		decision,
	)
	.map(|_| ())
	.map_err(|refused| refused.error)
}

#[test]
fn record_access_works_with_the_decision_of_the_moment() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		let before = held(LAB);
		assert_ok!(record_access(LAB, NOBODY, Purpose::Treatment));
		assert_eq!(
			last_event(),
			Event::AccessRecorded {
				patient: PATIENT,
				index: 0,
				accessor: NOBODY,
				custodian: Some(LAB_ORG),
				by: LAB,
				decision: permit(id, 0),
			}
		);
		// An access outside any consent is recorded too, as denied: the trail shows it.
		assert_ok!(record_access(LAB, NOBODY, Purpose::Research));
		let trail = Consent::audit_log(&PATIENT, 0, 10);
		assert_eq!(trail.len(), 2);
		assert_eq!(trail[1].1.decision, no_consent());
		assert_eq!((trail[1].1.custodian, trail[1].1.recorded_by), (Some(LAB_ORG), LAB));
		assert_eq!(held(LAB), before + 2 * RECORD_DEPOSIT);
	});
}

#[test]
fn audit_entries_reveal_nothing_about_the_record() {
	ExtBuilder::default().build_and_execute(|| {
		// The patient deals with the lab (it may record accesses to her records).
		grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Deny, Scope::All)]);
		// Two custodians record the same accessor's reads, one of an HIV record, one of an
		// imaging study, the same day: the entries differ only in their commitments.
		let hiv = question(NOBODY, record(DataCategory::Hiv), Purpose::Treatment);
		let imaging = question(NOBODY, record(DataCategory::Imaging), Purpose::Treatment);
		for (question, salt) in [(&hiv, [1; 32]), (&imaging, [2; 32])] {
			assert_ok!(Consent::record_access(
				RuntimeOrigin::signed(LAB),
				PATIENT,
				NOBODY,
				question.commitment(&salt),
				no_consent()
			));
		}
		let first = AccessLog::<Test>::get(PATIENT, 0).unwrap();
		let second = AccessLog::<Test>::get(PATIENT, 1).unwrap();
		assert_ne!(first.question, second.question);
		let without_commitment = |mut entry: crate::AccessRecordOf<Test>| {
			entry.question = None;
			entry.encode()
		};
		assert_eq!(without_commitment(first), without_commitment(second));
		// Guessing the question without the salt confirms nothing.
		assert_ne!(
			Some(hiv.commitment(&[0; 32])),
			AccessLog::<Test>::get(PATIENT, 0).unwrap().question
		);
		// With the salt, the patient can check what the custodian shows them.
		assert!(Consent::audit_entry_matches(0, &hiv, &[1; 32]));
		assert!(!Consent::audit_entry_matches(0, &imaging, &[1; 32]));
		assert!(!Consent::audit_entry_matches(1, &hiv, &[1; 32]));
	});
}

#[test]
fn access_commitment_is_salted_blake2_over_the_scale_question() {
	let question =
		question(NOBODY, labelled(&[DataCategory::Hiv, DataCategory::Imaging]), Purpose::Research);
	let mut preimage = b"healthchain:access-question".to_vec();
	preimage.extend_from_slice(&SALT);
	preimage.extend_from_slice(&question.encode());
	assert_eq!(question.commitment(&SALT), H256(sp_io::hashing::blake2_256(&preimage)));
	assert_ne!(question.commitment(&SALT), question.commitment(&[8; 32]));
}

#[test]
fn record_access_fails_when_the_decision_is_not_supported() {
	ExtBuilder::default().build_and_execute(|| {
		let commitment = H256::repeat_byte(1);
		let record = |accessor, decision| {
			Consent::record_access(
				RuntimeOrigin::signed(LAB),
				PATIENT,
				accessor,
				commitment,
				decision,
			)
		};
		let id = grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		let denial = grant(Grantee::Account(GUARDIAN), vec![provision(Decision::Deny, Scope::All)]);
		// A permit nobody granted, a permit by another accessor's consent, a provision out of
		// range, a permit claimed from a deny, a deny claimed from a permit.
		assert_noop!(
			record(NOBODY, AccessDecision { decision: Decision::Permit, basis: Basis::NoConsent }),
			Error::<Test>::DecisionNotSupported
		);
		assert_noop!(record(GUARDIAN, permit(id, 0)), Error::<Test>::DecisionNotSupported);
		assert_noop!(record(NOBODY, permit(id, 1)), Error::<Test>::DecisionNotSupported);
		assert_noop!(record(GUARDIAN, permit(denial, 0)), Error::<Test>::DecisionNotSupported);
		assert_noop!(record(NOBODY, deny(id, 0)), Error::<Test>::DecisionNotSupported);
		// An emergency basis without an open grant.
		assert_noop!(
			record(
				DOCTOR,
				AccessDecision {
					decision: Decision::Permit,
					basis: Basis::Emergency { licence: 0 }
				}
			),
			Error::<Test>::DecisionNotSupported
		);
		// Another patient's consent.
		let other = grant_for(
			PATIENT2,
			PATIENT2,
			Grantee::Account(NOBODY),
			vec![provision(Decision::Permit, Scope::All)],
			from_now(),
		);
		assert_noop!(record(NOBODY, permit(other, 0)), Error::<Test>::DecisionNotSupported);
		// A revoked consent no longer supports a permit.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(record(NOBODY, permit(id, 0)), Error::<Test>::DecisionNotSupported);
		// What is supported goes through.
		assert_ok!(record(GUARDIAN, deny(denial, 0)));
		assert_ok!(record(NOBODY, no_consent()));
	});
}

#[test]
fn record_access_fails_to_link_a_patient_to_strangers() {
	ExtBuilder::default().build_and_execute(|| {
		let record = |accessor| {
			Consent::record_access(
				RuntimeOrigin::signed(LAB),
				PATIENT,
				accessor,
				H256::repeat_byte(1),
				no_consent(),
			)
		};
		// A patient who never dealt with the lab, nor with the accessor: no entry can name her.
		assert_noop!(record(DOCTOR), Error::<Test>::DecisionNotSupported);
		// A consent naming the accessor's organisation (even a deny) is a relationship...
		grant(Grantee::Organisation(CLINIC_ORG), vec![provision(Decision::Deny, Scope::All)]);
		assert_ok!(record(DOCTOR));
		// ... as is one naming the custodian, for any accessor.
		assert_noop!(record(NOBODY), Error::<Test>::DecisionNotSupported);
		grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Deny, Scope::All)]);
		assert_ok!(record(NOBODY));
	});
}

#[test]
fn record_access_fails_when_not_an_accredited_custodian() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			record_access(NOBODY, NOBODY, Purpose::Treatment),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
		assert_noop!(
			record_access(BOARD, NOBODY, Purpose::Treatment),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
		Now::set(START + 100 * DAY);
		assert_noop!(
			record_access(LAB, NOBODY, Purpose::Treatment),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Expired)
		);
	});
}

#[test]
fn audit_log_pages_through_the_trail() {
	ExtBuilder::default().build_and_execute(|| {
		grant(Grantee::Organisation(HOSPITAL_ORG), vec![provision(Decision::Deny, Scope::All)]);
		for _ in 0..5 {
			assert_ok!(record_access(HOSPITAL_AGENT, NOBODY, Purpose::Treatment));
		}
		assert_eq!(AccessLogLength::<Test>::get(PATIENT), 5);
		// The page size is capped at 3 in the mock.
		let first: Vec<u64> =
			Consent::audit_log(&PATIENT, 0, 10).into_iter().map(|(i, _)| i).collect();
		assert_eq!(first, vec![0, 1, 2]);
		let rest: Vec<u64> =
			Consent::audit_log(&PATIENT, 3, 10).into_iter().map(|(i, _)| i).collect();
		assert_eq!(rest, vec![3, 4]);
		assert!(Consent::audit_log(&PATIENT2, 0, 10).is_empty());
	});
}
