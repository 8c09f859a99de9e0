//! Break-glass: only licensed practitioners of the allowed professions, bounded in time,
//! announced and audited, ended by the licence's end, closable by the patient's side, and not
//! renewable into standing access.

use super::*;
use crate::{AccessLog, EmergencyAccess, Error, Justification};
use frame_support::{assert_noop, assert_ok};
use pallet_health_tokens::{DocumentRef, HashAlgorithm, Profession, RevocationReason};

fn open(who: u64, duration: u64) -> sp_runtime::DispatchResult {
	Consent::open_emergency_access(
		RuntimeOrigin::signed(who),
		PATIENT,
		Justification::LifeThreatening,
		duration,
	)
}

fn close(origin: RuntimeOrigin) -> sp_runtime::DispatchResult {
	Consent::close_emergency_access(origin, PATIENT, DOCTOR)
}

/// What `check_access` answers for [`DOCTOR`] reading an imaging record for an emergency.
fn emergency_read() -> AccessDecision {
	check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency)
}

/// Permitted on the emergency basis of licence 0.
fn by_emergency() -> AccessDecision {
	AccessDecision { decision: Decision::Permit, basis: Basis::Emergency { licence: 0 } }
}

/// The board licenses `who` in `profession` (token `n`'s document).
fn license(who: u64, profession: Profession, n: u8) {
	assert_ok!(HealthTokens::issue_licence(
		RuntimeOrigin::signed(BOARD),
		who,
		profession,
		DocumentRef {
			document_hash: sp_core::H256::repeat_byte(n),
			algorithm: HashAlgorithm::Sha256,
			locator: None
		},
		START + 100 * DAY
	));
	let licence = pallet_health_tokens::NextTokenId::<Test>::get() - 1;
	assert_ok!(HealthTokens::accept_licence(RuntimeOrigin::signed(who), licence));
}

#[test]
fn open_emergency_access_works_and_is_audited() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		let grant = EmergencyAccess::<Test>::get(PATIENT, DOCTOR).unwrap();
		assert_eq!(
			(grant.licence, grant.until, grant.justification, grant.closed_by),
			(0, START + HOUR, Justification::LifeThreatening, None)
		);
		assert!(System::events().iter().any(|record| record.event
			== RuntimeEvent::Consent(Event::EmergencyAccessOpened {
				patient: PATIENT,
				practitioner: DOCTOR,
				licence: 0,
				justification: Justification::LifeThreatening,
				until: START + HOUR,
			})));
		// It is in the patient's audit trail, as a break-glass opening under its licence, about
		// no record.
		let entry = AccessLog::<Test>::get(PATIENT, 0).unwrap();
		assert_eq!((entry.accessor, entry.custodian), (DOCTOR, None));
		assert_eq!(entry.kind, crate::AccessKind::BreakGlass { licence: 0 });
		assert_eq!(held(DOCTOR), EMERGENCY_DEPOSIT + RECORD_DEPOSIT);
		assert_eq!(emergency_read(), by_emergency());
	});
}

#[test]
fn emergency_access_permits_only_emergency_reads() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		let scope = record(DataCategory::Imaging);
		assert_eq!(check(DOCTOR, scope.clone(), Action::Read, Purpose::Treatment), no_consent());
		assert_eq!(check(DOCTOR, scope.clone(), Action::Share, Purpose::Emergency), no_consent());
		assert_eq!(
			check(DOCTOR, scope.clone(), Action::Write, Purpose::Emergency),
			no_consent(),
			"writing only where the runtime allows it"
		);
		EmergencyWriteAllowed::set(true);
		assert_eq!(check(DOCTOR, scope, Action::Write, Purpose::Emergency), by_emergency());
		EmergencyWriteAllowed::set(false);
	});
}

#[test]
fn emergency_access_ends_with_the_licence() {
	for end in ["suspended", "revoked", "expired", "board de-accredited"] {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(open(DOCTOR, 4 * HOUR));
			assert_eq!(emergency_read(), by_emergency());
			match end {
				"suspended" => {
					assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), 0));
				},
				"revoked" => {
					assert_ok!(HealthTokens::revoke(
						RuntimeOrigin::signed(BOARD),
						0,
						RevocationReason::Disciplinary
					));
				},
				"expired" => {
					// The licence ends in 100 days; an emergency grant is at most 4 hours, so
					// move the licence's end into the grant instead.
					pallet_health_tokens::Tokens::<Test>::mutate(0, |token| {
						token.as_mut().unwrap().valid_until = Some(START + HOUR)
					});
					Now::set(START + HOUR);
				},
				_ => {
					assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), BOARD_ORG));
				},
			}
			assert_eq!(emergency_read(), no_consent(), "licence {end}: access ends at once");
		});
	}
}

#[test]
fn open_emergency_access_fails_for_a_licensed_practitioner_of_no_provider() {
	ExtBuilder::default().build_and_execute(|| {
		// A licence is one board's word; the practitioner must also act for a provider.
		license(NOBODY, Profession::Paramedic, 8);
		assert_noop!(
			Consent::open_emergency_access(
				RuntimeOrigin::signed(NOBODY),
				PATIENT,
				Justification::Other,
				HOUR
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			CLINIC_ORG,
			pallet_registry::Role::Provider
		));
		assert_noop!(
			open(DOCTOR, HOUR),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Suspended)
		);
	});
}

#[test]
fn emergency_access_ends_when_the_practitioner_leaves_the_provider() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		assert_eq!(emergency_read(), by_emergency());
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(DOCTOR), CLINIC_ORG));
		assert_eq!(emergency_read(), no_consent(), "checked when used");
	});
}

#[test]
fn open_emergency_access_fails_for_an_unlicensed_account() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			open(NOBODY, HOUR),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::NotLicensed)
		);
		assert_noop!(
			open(HOSPITAL, HOUR),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::NotLicensed)
		);
	});
}

#[test]
fn open_emergency_access_fails_for_a_profession_that_may_not_break_the_glass() {
	ExtBuilder::default().build_and_execute(|| {
		license(NOBODY, Profession::Psychologist, 8);
		assert_noop!(
			Consent::open_emergency_access(
				RuntimeOrigin::signed(NOBODY),
				PATIENT,
				Justification::Other,
				HOUR
			),
			Error::<Test>::ProfessionNotAllowed
		);
		// A nurse may (practising at the clinic).
		license(NOBODY, Profession::Nurse, 9);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(CLINIC), CLINIC_ORG, NOBODY));
		assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(NOBODY), CLINIC_ORG));
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(NOBODY),
			PATIENT,
			Justification::Other,
			HOUR
		));
	});
}

#[test]
fn open_emergency_access_fails_when_the_licence_lapsed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::suspend(RuntimeOrigin::signed(BOARD), 0));
		assert_noop!(
			open(DOCTOR, HOUR),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Suspended)
		);
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(BOARD),
			0,
			RevocationReason::Disciplinary
		));
		assert_noop!(
			open(DOCTOR, HOUR),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Revoked)
		);
	});
}

#[test]
fn open_emergency_access_fails_when_the_licence_expired() {
	ExtBuilder::default().build_and_execute(|| {
		Now::set(START + 100 * DAY);
		// The board's own accreditation ends at the same moment; expiry is reported first.
		assert_noop!(
			open(DOCTOR, HOUR),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::Expired)
		);
	});
}

#[test]
fn open_emergency_access_fails_when_the_board_is_no_longer_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), 2));
		assert_noop!(
			open(DOCTOR, HOUR),
			Error::<Test>::Licence(healthchain_primitives::LicenceError::IssuerNotAccredited)
		);
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
fn open_emergency_access_fails_while_open_and_during_the_cooldown() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(open(DOCTOR, HOUR));
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::AlreadyOpen);
		// Ended, but not renewable into standing access: a day's cool-down.
		Now::set(START + HOUR);
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::CoolingDown);
		Now::set(START + HOUR + EMERGENCY_COOLDOWN - 1);
		assert_noop!(open(DOCTOR, HOUR), Error::<Test>::CoolingDown);
		Now::set(START + HOUR + EMERGENCY_COOLDOWN);
		assert_ok!(open(DOCTOR, HOUR));
		// One emergency deposit held (the first returned), two audit entries.
		assert_eq!(held(DOCTOR), EMERGENCY_DEPOSIT + 2 * RECORD_DEPOSIT);
	});
}

#[test]
fn close_emergency_access_works_for_the_practitioner_the_patient_a_representative_and_the_consortium(
) {
	for closer in [DOCTOR, PATIENT, GUARDIAN, 0] {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Consent::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				GUARDIAN,
				Capacity::Guardian,
				None,
				false
			));
			assert_ok!(open(DOCTOR, HOUR));
			Now::set(START + 10);
			let (origin, by) = match closer {
				0 => (RuntimeOrigin::root(), None),
				who => (RuntimeOrigin::signed(who), Some(who)),
			};
			assert_ok!(close(origin));
			assert_eq!(
				last_event(),
				Event::EmergencyAccessClosed { patient: PATIENT, practitioner: DOCTOR, by }
			);
			assert_eq!(emergency_read(), no_consent());
			let grant = EmergencyAccess::<Test>::get(PATIENT, DOCTOR).unwrap();
			assert_eq!((grant.until, grant.closed_by), (START + 10, by));
			// Closing does not restart the clock: the cool-down runs from the close.
			assert_noop!(open(DOCTOR, HOUR), Error::<Test>::CoolingDown);
		});
	}
}

#[test]
fn close_emergency_access_fails_for_strangers_or_without_open_access() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(close(RuntimeOrigin::signed(DOCTOR)), Error::<Test>::NoEmergencyAccess);
		assert_ok!(open(DOCTOR, HOUR));
		for stranger in [NOBODY, HOSPITAL, PATIENT2] {
			assert_noop!(close(RuntimeOrigin::signed(stranger)), Error::<Test>::NotAuthorized);
		}
		Now::set(START + HOUR);
		assert_noop!(close(RuntimeOrigin::signed(DOCTOR)), Error::<Test>::NoEmergencyAccess);
	});
}

#[test]
fn clear_emergency_access_returns_the_deposit_after_the_cooldown() {
	ExtBuilder::default().build_and_execute(|| {
		let clear = || Consent::clear_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT);
		assert_noop!(clear(), Error::<Test>::NoEmergencyAccess);
		assert_ok!(open(DOCTOR, HOUR));
		assert_noop!(clear(), Error::<Test>::AlreadyOpen);
		Now::set(START + HOUR);
		assert_noop!(clear(), Error::<Test>::CoolingDown);
		Now::set(START + HOUR + EMERGENCY_COOLDOWN);
		assert_ok!(clear());
		assert_eq!(
			last_event(),
			Event::EmergencyAccessCleared { patient: PATIENT, practitioner: DOCTOR }
		);
		assert!(!EmergencyAccess::<Test>::contains_key(PATIENT, DOCTOR));
		assert_eq!(held(DOCTOR), RECORD_DEPOSIT);
	});
}
