//! Guardians and legal representatives: appointed by the patient or recorded by a provider.

use super::*;
use crate::{Appointer, Capacity, Error, RepresentativeCount, Representatives};
use frame_support::{assert_noop, assert_ok};

#[test]
fn appoint_representative_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			GUARDIAN,
			Capacity::LegalRepresentative,
			Some(START + DAY)
		));
		let info = Representatives::<Test>::get(PATIENT, GUARDIAN).unwrap();
		assert_eq!(
			(info.capacity, info.appointed_by, info.depositor),
			(Capacity::LegalRepresentative, Appointer::Patient, PATIENT)
		);
		assert_eq!(held(PATIENT), REPRESENTATIVE_DEPOSIT);
		assert_eq!(Consent::capacity_of(&GUARDIAN, &PATIENT), Some(Capacity::LegalRepresentative));
		assert_eq!(
			last_event(),
			Event::RepresentativeAppointed {
				patient: PATIENT,
				representative: GUARDIAN,
				capacity: Capacity::LegalRepresentative,
				appointed_by: Appointer::Patient,
			}
		);
		// The appointment ends by itself.
		Now::set(START + DAY);
		assert_eq!(Consent::capacity_of(&GUARDIAN, &PATIENT), None);
	});
}

#[test]
fn appoint_representative_fails_for_bad_terms() {
	ExtBuilder::default().build_and_execute(|| {
		let appoint = |who, capacity, until| {
			Consent::appoint_representative(RuntimeOrigin::signed(PATIENT), who, capacity, until)
		};
		assert_noop!(appoint(PATIENT, Capacity::Guardian, None), Error::<Test>::SameAccount);
		assert_noop!(appoint(GUARDIAN, Capacity::Patient, None), Error::<Test>::InvalidCapacity);
		assert_noop!(
			appoint(GUARDIAN, Capacity::Guardian, Some(START)),
			Error::<Test>::ExpiryInPast
		);
		assert_ok!(appoint(GUARDIAN, Capacity::Guardian, None));
		assert_noop!(
			appoint(GUARDIAN, Capacity::Guardian, None),
			Error::<Test>::AlreadyRepresentative
		);
		assert_ok!(appoint(NOBODY, Capacity::Guardian, None));
		assert_noop!(
			appoint(DOCTOR, Capacity::Guardian, None),
			Error::<Test>::TooManyRepresentatives
		);
	});
}

#[test]
fn appoint_representative_fails_when_the_patient_cannot_pay() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::appoint_representative(
				RuntimeOrigin::signed(POOR),
				GUARDIAN,
				Capacity::Guardian,
				None
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn record_representative_works_for_a_provider() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::record_representative(
			RuntimeOrigin::signed(HOSPITAL_AGENT),
			MINOR,
			GUARDIAN,
			Capacity::Guardian,
			Some(START + 365 * DAY)
		));
		let info = Representatives::<Test>::get(MINOR, GUARDIAN).unwrap();
		assert_eq!(info.appointed_by, Appointer::Provider { organisation: HOSPITAL_ORG });
		assert_eq!(
			(info.depositor, held(HOSPITAL_AGENT), held(MINOR)),
			(HOSPITAL_AGENT, REPRESENTATIVE_DEPOSIT, 0)
		);
		// The guardian now grants for the minor, in the capacity the record says.
		let id = grant_for(
			GUARDIAN,
			MINOR,
			Grantee::Account(DOCTOR),
			vec![provision(Decision::Permit, Scope::All)],
			from_now(),
		);
		assert_eq!(crate::Consents::<Test>::get(id).unwrap().capacity, Capacity::Guardian);
	});
}

#[test]
fn record_representative_fails_when_not_an_accredited_provider() {
	ExtBuilder::default().build_and_execute(|| {
		let record = |who| {
			Consent::record_representative(
				RuntimeOrigin::signed(who),
				MINOR,
				GUARDIAN,
				Capacity::Guardian,
				None,
			)
		};
		assert_noop!(record(NOBODY), Error::<Test>::CallerNotAnAgent);
		assert_noop!(record(LAB), Error::<Test>::CallerNotAccredited);
		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			pallet_registry::Role::Provider
		));
		assert_noop!(record(HOSPITAL), Error::<Test>::CallerAccreditationSuspended);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_noop!(record(HOSPITAL), Error::<Test>::CallerOrganisationSuspended);
	});
}

#[test]
fn record_representative_fails_when_the_accreditation_expired() {
	ExtBuilder::default().build_and_execute(|| {
		Now::set(START + 100 * DAY);
		assert_noop!(
			Consent::record_representative(
				RuntimeOrigin::signed(HOSPITAL),
				MINOR,
				GUARDIAN,
				Capacity::Guardian,
				None
			),
			Error::<Test>::CallerAccreditationExpired
		);
	});
}

#[test]
fn remove_representative_works_for_the_patient_the_representative_and_the_recorder() {
	ExtBuilder::default().build_and_execute(|| {
		for remover in [PATIENT, GUARDIAN] {
			assert_ok!(Consent::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				GUARDIAN,
				Capacity::Guardian,
				None
			));
			assert_ok!(Consent::remove_representative(
				RuntimeOrigin::signed(remover),
				PATIENT,
				GUARDIAN
			));
			assert_eq!(
				last_event(),
				Event::RepresentativeRemoved {
					patient: PATIENT,
					representative: GUARDIAN,
					by: remover
				}
			);
			assert_eq!(held(PATIENT), 0);
		}
		assert_ok!(Consent::record_representative(
			RuntimeOrigin::signed(HOSPITAL_AGENT),
			MINOR,
			GUARDIAN,
			Capacity::Guardian,
			None
		));
		// Another agent of the recording provider may correct the record; the deposit returns
		// to the agent who paid it.
		assert_ok!(Consent::remove_representative(
			RuntimeOrigin::signed(HOSPITAL),
			MINOR,
			GUARDIAN
		));
		assert_eq!(held(HOSPITAL_AGENT), 0);
		assert_eq!(RepresentativeCount::<Test>::get(MINOR), 0);
	});
}

#[test]
fn remove_representative_fails_when_not_authorized_or_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::remove_representative(RuntimeOrigin::signed(PATIENT), PATIENT, GUARDIAN),
			Error::<Test>::RepresentativeNotFound
		);
		assert_ok!(Consent::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			GUARDIAN,
			Capacity::Guardian,
			None
		));
		// A provider cannot remove a representative the patient appointed.
		for who in [NOBODY, HOSPITAL] {
			assert_noop!(
				Consent::remove_representative(RuntimeOrigin::signed(who), PATIENT, GUARDIAN),
				Error::<Test>::NotAuthorized
			);
		}
	});
}
