//! The audit trail: custodians record accesses as salted commitments to the question and the
//! decision they were given, only for patients who deal with them or the accessor; patients
//! list the entries and check them against the receipts the custodians give them.

use super::*;
use crate::{AccessKind, AccessLog, AccessLogLength, AccessQuestion, Error};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

const SALT: [u8; 32] = [7; 32];

/// The question of `accessor` reading `PATIENT`'s `scope` for `purpose`.
fn question(accessor: u64, scope: RecordScope, purpose: Purpose) -> AccessQuestion<u64> {
	AccessQuestion { accessor, patient: PATIENT, scope, action: Action::Read, purpose }
}

/// The patient deals with the lab (a custodian records accesses only for patients who do): a
/// consent naming it, which decides nothing the tests ask.
fn deals_with_the_lab() {
	grant(
		Grantee::Organisation(LAB_ORG),
		vec![provision(Decision::Deny, Scope::Category(DataCategory::Genomics))],
	);
}

/// `custodian` records `accessor`'s imaging read for `purpose`, committing to what
/// `check_access` answers now, as a custodian does; the receipt it would give the patient.
fn record_access(
	custodian: u64,
	accessor: u64,
	purpose: Purpose,
) -> Result<(AccessQuestion<u64>, AccessDecision), sp_runtime::DispatchError> {
	let question = question(accessor, record(DataCategory::Imaging), purpose);
	let decision = check(accessor, question.scope.clone(), Action::Read, purpose);
	Consent::record_access(
		RuntimeOrigin::signed(custodian),
		PATIENT,
		accessor,
		question.commitment(&decision, &SALT),
	)
	.map(|_| (question, decision))
	.map_err(|refused| refused.error)
}

#[test]
fn record_access_works_and_the_receipt_checks_against_the_entry() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		deals_with_the_lab();
		let before = held(LAB);
		let (question, decision) = record_access(LAB, NOBODY, Purpose::Treatment).unwrap();
		assert_eq!(decision, permit(id, 0));
		assert_eq!(
			last_event(),
			Event::AccessRecorded {
				patient: PATIENT,
				index: 0,
				accessor: NOBODY,
				custodian: Some(LAB_ORG),
				by: LAB,
			}
		);
		// With the receipt (question, decision, salt), the patient checks the entry; another
		// decision, question or salt does not match.
		assert!(Consent::audit_entry_matches(0, &question, &decision, &SALT));
		assert!(!Consent::audit_entry_matches(0, &question, &no_consent(), &SALT));
		assert!(!Consent::audit_entry_matches(0, &question, &decision, &[8; 32]));
		let mut research = question.clone();
		research.purpose = Purpose::Research;
		assert!(!Consent::audit_entry_matches(0, &research, &decision, &SALT));
		// An access outside any consent is recorded too (the accessor is related by a consent):
		// the trail shows it, and only the receipt says it was denied.
		let (_, denied) = record_access(LAB, NOBODY, Purpose::Research).unwrap();
		assert_eq!(denied, no_consent());
		let trail = Consent::audit_log(&PATIENT, 0, 10);
		assert_eq!(trail.len(), 2);
		assert_eq!((trail[1].1.custodian, trail[1].1.recorded_by), (Some(LAB_ORG), LAB));
		assert_eq!(held(LAB), before + 2 * RECORD_DEPOSIT);
	});
}

/// The attack of the second review: an entry that stored the deciding consent and provision
/// told every observer the category (or token), the action and the purpose of the access, the
/// patient's provisions being public. Now two entries, one of a permitted read of an HIV
/// record for treatment, one of a denied read of an imaging study for research, by the same
/// accessor through the same custodian, differ only in their commitments: neither the record,
/// the action, the purpose, the deciding consent nor the decision can be read from them.
#[test]
fn attack_an_audit_entry_reveals_nothing_about_the_access() {
	ExtBuilder::default().build_and_execute(|| {
		let hiv_permit = provision(Decision::Permit, Scope::Category(DataCategory::Hiv));
		let id = grant(Grantee::Account(NOBODY), vec![hiv_permit]);
		deals_with_the_lab();
		let hiv = question(NOBODY, record(DataCategory::Hiv), Purpose::Treatment);
		let imaging = question(NOBODY, record(DataCategory::Imaging), Purpose::Research);
		let permitted = check(NOBODY, hiv.scope.clone(), Action::Read, Purpose::Treatment);
		let denied = check(NOBODY, imaging.scope.clone(), Action::Read, Purpose::Research);
		assert_eq!((permitted, denied), (permit(id, 0), no_consent()));
		for (question, decision, salt) in [(&hiv, permitted, [1; 32]), (&imaging, denied, [2; 32])]
		{
			assert_ok!(Consent::record_access(
				RuntimeOrigin::signed(LAB),
				PATIENT,
				NOBODY,
				question.commitment(&decision, &salt),
			));
		}
		let first = AccessLog::<Test>::get(PATIENT, 0).unwrap();
		let second = AccessLog::<Test>::get(PATIENT, 1).unwrap();
		assert_ne!(first.kind, second.kind);
		let without_commitment = |mut entry: crate::AccessRecordOf<Test>| {
			entry.kind = AccessKind::Reported { commitment: H256::zero() };
			entry.encode()
		};
		assert_eq!(without_commitment(first), without_commitment(second));
		// The events differ only in the entries' indices.
		let events: Vec<_> = System::events()
			.into_iter()
			.filter_map(|record| match record.event {
				RuntimeEvent::Consent(Event::AccessRecorded {
					index,
					accessor,
					custodian,
					by,
					..
				}) => Some((index, accessor, custodian, by)),
				_ => None,
			})
			.collect();
		assert_eq!(events, vec![(0, NOBODY, Some(LAB_ORG), LAB), (1, NOBODY, Some(LAB_ORG), LAB)]);
		// Guessing the question and the decision without the salt confirms nothing.
		assert_ne!(
			AccessKind::Reported { commitment: hiv.commitment(&permitted, &[0; 32]) },
			AccessLog::<Test>::get(PATIENT, 0).unwrap().kind
		);
		// With the salt, the patient can check what the custodian shows them.
		assert!(Consent::audit_entry_matches(0, &hiv, &permitted, &[1; 32]));
		assert!(!Consent::audit_entry_matches(0, &imaging, &denied, &[1; 32]));
		assert!(!Consent::audit_entry_matches(1, &hiv, &permitted, &[1; 32]));
	});
}

#[test]
fn access_commitment_is_salted_blake2_over_the_scale_question_and_decision() {
	let question =
		question(NOBODY, labelled(&[DataCategory::Hiv, DataCategory::Imaging]), Purpose::Research);
	let decision = no_consent();
	let mut preimage = b"healthchain:access-question:2".to_vec();
	preimage.extend_from_slice(&SALT);
	preimage.extend_from_slice(&question.encode());
	preimage.extend_from_slice(&decision.encode());
	assert_eq!(question.commitment(&decision, &SALT), H256(sp_io::hashing::blake2_256(&preimage)));
	assert_ne!(question.commitment(&decision, &SALT), question.commitment(&decision, &[8; 32]));
	assert_ne!(question.commitment(&decision, &SALT), question.commitment(&permit(0, 0), &SALT));
}

/// A custodian records accesses only for patients who deal with it: a consent naming it, or
/// naming the accessor while the accessor acts for it (or the accessor's emergency grant). Not
/// through an accessor's organisation the patient dealt with: otherwise any custodian (an
/// addiction service's, say) could write itself into the trail of a stranger who consented to
/// some hospital, naming one of the hospital's agents as accessor.
#[test]
fn attack_record_access_fails_to_link_a_patient_to_strangers() {
	ExtBuilder::default().build_and_execute(|| {
		let record = |custodian, accessor| {
			Consent::record_access(
				RuntimeOrigin::signed(custodian),
				PATIENT,
				accessor,
				H256::repeat_byte(1),
			)
		};
		// A patient who never dealt with the lab, nor with the accessor: no entry can name her.
		assert_noop!(record(LAB, DOCTOR), Error::<Test>::NotRelated);
		// Another patient's consent relates nobody but that patient.
		grant_for(
			PATIENT2,
			PATIENT2,
			Grantee::Organisation(LAB_ORG),
			vec![provision(Decision::Permit, Scope::All)],
			from_now(),
		);
		assert_noop!(record(LAB, DOCTOR), Error::<Test>::NotRelated);
		// A consent naming the accessor's organisation relates the patient to it, not to the
		// lab.
		grant(Grantee::Organisation(CLINIC_ORG), vec![provision(Decision::Deny, Scope::All)]);
		assert_noop!(record(LAB, DOCTOR), Error::<Test>::NotRelated);
		// A consent naming an agent of the hospital (even revoked) relates the patient to the
		// hospital, for that agent's accesses; not to the lab.
		let id =
			grant(Grantee::Account(HOSPITAL_AGENT), vec![provision(Decision::Permit, Scope::All)]);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_ok!(record(HOSPITAL, HOSPITAL_AGENT));
		assert_noop!(record(HOSPITAL, NOBODY), Error::<Test>::NotRelated);
		assert_noop!(record(LAB, HOSPITAL_AGENT), Error::<Test>::NotRelated);
		// A consent naming the lab (even a deny): for any accessor.
		grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Deny, Scope::All)]);
		assert_ok!(record(LAB, NOBODY));
		assert_ok!(record(LAB, DOCTOR));
	});
}

/// During an emergency grant, any custodian records the practitioner's accesses: the
/// practitioner breaks the glass on records wherever they are, and the opening is announced to
/// everyone.
#[test]
fn record_access_works_for_an_emergency_grant_at_any_custodian() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::record_access(RuntimeOrigin::signed(LAB), PATIENT, DOCTOR, H256::zero()),
			Error::<Test>::NotRelated
		);
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			crate::Justification::LifeThreatening,
			HOUR
		));
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			DOCTOR,
			H256::zero()
		));
		// Closed: an access made during it can still be recorded, within the cool-down.
		assert_ok!(Consent::close_emergency_access(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			DOCTOR
		));
		let closed = Now::get();
		Now::set(closed + EMERGENCY_COOLDOWN - 1);
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			DOCTOR,
			H256::zero()
		));
		// Past it, the grant (never cleared by its practitioner) relates nobody any more: no
		// custodian can use it to link the patient to anyone for good.
		Now::set(closed + EMERGENCY_COOLDOWN);
		assert!(crate::EmergencyAccess::<Test>::contains_key(PATIENT, DOCTOR));
		assert_noop!(
			Consent::record_access(RuntimeOrigin::signed(LAB), PATIENT, DOCTOR, H256::zero()),
			Error::<Test>::NotRelated
		);
	});
}

#[test]
fn record_access_fails_when_not_an_accredited_custodian() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			record_access(NOBODY, NOBODY, Purpose::Treatment).map(|_| ()),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
		assert_noop!(
			record_access(BOARD, NOBODY, Purpose::Treatment).map(|_| ()),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
		Now::set(START + 100 * DAY);
		assert_noop!(
			record_access(LAB, NOBODY, Purpose::Treatment).map(|_| ()),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Expired)
		);
	});
}

#[test]
fn audit_log_pages_through_the_trail() {
	ExtBuilder::default().build_and_execute(|| {
		grant(Grantee::Organisation(HOSPITAL_ORG), vec![provision(Decision::Deny, Scope::All)]);
		for _ in 0..5 {
			assert_ok!(record_access(HOSPITAL_AGENT, NOBODY, Purpose::Treatment).map(|_| ()));
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
