//! Break-glass: only licensed practitioners, bounded in time, announced and audited.

use super::*;
use crate::{AccessLog, EmergencyAccess, Error, Justification};
use frame_support::{assert_noop, assert_ok};
use pallet_health_tokens::RevocationReason;

fn open(who: u64, duration: u64) -> sp_runtime::DispatchResult {
	Consent::open_emergency_access(
		RuntimeOrigin::signed(who),
		PATIENT,
		Justification::LifeThreatening,
		duration,
	)
}

#[test]
fn open_emergency_access_works_and_is_audited() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		let grant = EmergencyAccess::<Test>::get(PATIENT, DOCTOR).unwrap();
		assert_eq!(
			(grant.licence, grant.until, grant.justification),
			(0, START + HOUR, Justification::LifeThreatening)
		);
		assert!(System::events().iter().any(|record| record.event
			== RuntimeEvent::Consent(Event::EmergencyAccessOpened {
				patient: PATIENT,
				practitioner: DOCTOR,
				licence: 0,
				justification: Justification::LifeThreatening,
				until: START + HOUR,
			})));
		// It is in the patient's audit trail, as a permit on the emergency basis.
		let entry = AccessLog::<Test>::get(PATIENT, 0).unwrap();
		assert_eq!(
			(entry.accessor, entry.custodian, entry.purpose),
			(DOCTOR, None, Purpose::Emergency)
		);
		assert_eq!(
			entry.decision,
			AccessDecision { decision: Decision::Permit, basis: Basis::Emergency { licence: 0 } }
		);
		assert_eq!(held(DOCTOR), EMERGENCY_DEPOSIT + RECORD_DEPOSIT);
	});
}

#[test]
fn open_emergency_access_fails_for_an_unlicensed_account() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(open(NOBODY, HOUR), Error::<Test>::NotLicensed);
		assert_noop!(open(HOSPITAL, HOUR), Error::<Test>::NotLicensed);
	});
}

#[test]
fn open_emergency_access_fails_when_the_licence_lapsed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), 0));
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::LicenceSuspended);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(BOARD),
			0,
			RevocationReason::Disciplinary
		));
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::LicenceRevoked);
	});
}

#[test]
fn open_emergency_access_fails_when_the_licence_expired() {
	ExtBuilder::default().build_and_execute(|| {
		Now::set(START + 100 * DAY);
		// The board's own accreditation ends at the same moment; expiry is reported first.
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::LicenceExpired);
	});
}

#[test]
fn open_emergency_access_fails_when_the_board_is_no_longer_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), 2));
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::LicenceIssuerNotAccredited);
	});
}

#[test]
fn open_emergency_access_fails_for_a_bad_duration() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(open(DOCTOR, 0), Error::<Test>::InvalidDuration);
		assert_noop!(open(DOCTOR, MAX_EMERGENCY + 1), Error::<Test>::InvalidDuration);
	});
}

#[test]
fn open_emergency_access_fails_on_oneself() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::open_emergency_access(
				RuntimeOrigin::signed(DOCTOR),
				DOCTOR,
				Justification::Other,
				HOUR
			),
			Error::<Test>::SameAccount
		);
	});
}

#[test]
fn open_emergency_access_fails_while_open_and_works_again_after() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::AlreadyOpen);
		Now::set(START + HOUR);
		assert_ok!(open(DOCTOR, HOUR));
		// One emergency deposit held (the first returned), two audit entries.
		assert_eq!(held(DOCTOR), EMERGENCY_DEPOSIT + 2 * RECORD_DEPOSIT);
	});
}

#[test]
fn close_emergency_access_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		assert_ok!(Consent::close_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT));
		assert_eq!(
			last_event(),
			Event::EmergencyAccessClosed { patient: PATIENT, practitioner: DOCTOR }
		);
		assert!(!EmergencyAccess::<Test>::contains_key(PATIENT, DOCTOR));
		assert_eq!(held(DOCTOR), RECORD_DEPOSIT);
		assert_eq!(
			check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency),
			no_consent()
		);
	});
}

#[test]
fn close_emergency_access_fails_without_one() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::close_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT),
			Error::<Test>::NoEmergencyAccess
		);
	});
}
