//! The audit trail: custodians record accesses with the chain's decision; patients list them.

use super::*;
use crate::{AccessLogLength, Error};
use frame_support::{assert_noop, assert_ok};

fn record_access(custodian: u64, accessor: u64, purpose: Purpose) -> sp_runtime::DispatchResult {
	Consent::record_access(
		RuntimeOrigin::signed(custodian),
		PATIENT,
		accessor,
		record(DataCategory::Imaging),
		Action::Read,
		purpose,
	)
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
				decision: permit(id, 0),
			}
		);
		// An access outside any consent is recorded too, as denied: the trail shows it.
		assert_ok!(record_access(LAB, NOBODY, Purpose::Research));
		let trail = Consent::audit_log(&PATIENT, 0, 10);
		assert_eq!(trail.len(), 2);
		assert_eq!(trail[1].1.decision, no_consent());
		assert_eq!(trail[1].1.custodian, Some(LAB_ORG));
		assert_eq!(held(LAB), before + 2 * RECORD_DEPOSIT);
	});
}

#[test]
fn record_access_fails_when_not_an_accredited_custodian() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			record_access(NOBODY, NOBODY, Purpose::Treatment),
			Error::<Test>::CallerNotAnAgent
		);
		assert_noop!(
			record_access(BOARD, NOBODY, Purpose::Treatment),
			Error::<Test>::CallerNotAccredited
		);
		Now::set(START + 100 * DAY);
		assert_noop!(
			record_access(LAB, NOBODY, Purpose::Treatment),
			Error::<Test>::CallerAccreditationExpired
		);
	});
}

#[test]
fn audit_log_pages_through_the_trail() {
	ExtBuilder::default().build_and_execute(|| {
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
