//! Guardians and legal representatives: appointed by the patient, or recorded by one provider
//! and attested by another provider or the consortium.

use super::*;
use crate::{
	Appointer, Attester, Capacity, Error, RecordedRepresentatives, RepresentativeCount,
	Representatives,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::DispatchResult;

const EVIDENCE: H256 = H256::repeat_byte(0xe1);

fn appoint(who: u64, capacity: Capacity, until: Option<u64>) -> DispatchResult {
	Consent::appoint_representative(RuntimeOrigin::signed(PATIENT), who, capacity, until, false)
}

/// Agent `by` records `GUARDIAN` for `MINOR`.
fn record(by: u64) -> DispatchResult {
	Consent::record_representative(
		RuntimeOrigin::signed(by),
		MINOR,
		GUARDIAN,
		Capacity::Guardian,
		Some(START + 365 * DAY),
		EVIDENCE,
	)
}

/// `origin` attests the hospital's record of `GUARDIAN` for `MINOR`.
fn attest(origin: RuntimeOrigin) -> DispatchResult {
	Consent::attest_representative(origin, MINOR, HOSPITAL_ORG, GUARDIAN, EVIDENCE)
}

#[test]
fn appoint_representative_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(appoint(GUARDIAN, Capacity::LegalRepresentative, Some(START + DAY)));
		let info = Representatives::<Test>::get(PATIENT, GUARDIAN).unwrap();
		assert_eq!(
			(info.capacity, info.appointed_by, info.depositor, info.evidence),
			(Capacity::LegalRepresentative, Appointer::Patient, PATIENT, None)
		);
		assert!(!info.may_revoke_patient_consents);
		assert_eq!(held(PATIENT), REPRESENTATIVE_DEPOSIT);
		assert_eq!(Consent::capacity_of(&GUARDIAN, &PATIENT), Some(Capacity::LegalRepresentative));
		assert_eq!(
			last_event(),
			Event::RepresentativeAppointed {
				patient: PATIENT,
				representative: GUARDIAN,
				representation: info.id,
				capacity: Capacity::LegalRepresentative,
				appointed_by: Appointer::Patient,
				by: Some(PATIENT),
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
				None,
				false
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn record_representative_records_without_giving_any_power() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_eq!(
			last_event(),
			Event::RepresentativeRecorded {
				patient: MINOR,
				representative: GUARDIAN,
				capacity: Capacity::Guardian,
				organisation: HOSPITAL_ORG,
				evidence: EVIDENCE,
				by: HOSPITAL_AGENT,
			}
		);
		let recorded = RecordedRepresentatives::<Test>::get(MINOR, HOSPITAL_ORG).unwrap();
		assert_eq!((recorded.representative, recorded.evidence), (GUARDIAN, EVIDENCE));
		// The recording provider pays, not the patient; and one agent alone empowers nobody.
		assert_eq!((held(HOSPITAL_AGENT), held(MINOR)), (REPRESENTATIVE_DEPOSIT, 0));
		assert_eq!(Consent::capacity_of(&GUARDIAN, &MINOR), None);
		assert_eq!(RepresentativeCount::<Test>::get(MINOR), 0);
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(GUARDIAN),
				MINOR,
				Grantee::Account(GUARDIAN),
				BoundedVec::truncate_from(vec![provision(Decision::Permit, Scope::All)]),
				from_now()
			),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn attest_representative_by_another_provider_makes_it_take_effect() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_ok!(attest(RuntimeOrigin::signed(CLINIC)));
		let info = Representatives::<Test>::get(MINOR, GUARDIAN).unwrap();
		let appointed_by = Appointer::Providers {
			recorded_by: HOSPITAL_ORG,
			attested_by: Attester::Provider { organisation: CLINIC_ORG },
		};
		assert_eq!(
			(info.appointed_by, info.evidence, info.depositor),
			(appointed_by, Some(EVIDENCE), HOSPITAL_AGENT)
		);
		assert!(!info.may_revoke_patient_consents);
		assert_eq!(
			last_event(),
			Event::RepresentativeAppointed {
				patient: MINOR,
				representative: GUARDIAN,
				representation: info.id,
				capacity: Capacity::Guardian,
				appointed_by,
				by: Some(CLINIC),
			}
		);
		assert!(RecordedRepresentatives::<Test>::get(MINOR, HOSPITAL_ORG).is_none());
		// The deposit stays held from the recording agent; the guardian now grants for the minor.
		assert_eq!(held(HOSPITAL_AGENT), REPRESENTATIVE_DEPOSIT);
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
fn attest_representative_by_the_consortium_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_ok!(attest(RuntimeOrigin::root()));
		let info = Representatives::<Test>::get(MINOR, GUARDIAN).unwrap();
		assert_eq!(
			info.appointed_by,
			Appointer::Providers { recorded_by: HOSPITAL_ORG, attested_by: Attester::Consortium }
		);
		assert_eq!(Consent::capacity_of(&GUARDIAN, &MINOR), Some(Capacity::Guardian));
	});
}

#[test]
fn attest_representative_fails_from_the_recording_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		// Neither the agent who recorded it nor another agent of the same provider.
		for who in [HOSPITAL_AGENT, HOSPITAL] {
			assert_noop!(attest(RuntimeOrigin::signed(who)), Error::<Test>::SameOrganisation);
		}
	});
}

#[test]
fn record_and_attest_fail_for_agents_naming_themselves() {
	ExtBuilder::default().build_and_execute(|| {
		let record = |by, representative| {
			Consent::record_representative(
				RuntimeOrigin::signed(by),
				MINOR,
				representative,
				Capacity::Guardian,
				None,
				EVIDENCE,
			)
		};
		assert_noop!(record(HOSPITAL_AGENT, HOSPITAL_AGENT), Error::<Test>::SameAccount);
		// The hospital records the clinic's agent; the clinic's agent cannot attest themself.
		assert_ok!(record(HOSPITAL_AGENT, CLINIC));
		assert_noop!(
			Consent::attest_representative(
				RuntimeOrigin::signed(CLINIC),
				MINOR,
				HOSPITAL_ORG,
				CLINIC,
				EVIDENCE
			),
			Error::<Test>::SameAccount
		);
	});
}

#[test]
fn attest_representative_fails_when_not_an_accredited_provider() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_noop!(
			attest(RuntimeOrigin::signed(NOBODY)),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
		assert_noop!(
			attest(RuntimeOrigin::signed(LAB)),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
		assert_noop!(
			attest(RuntimeOrigin::signed(GUARDIAN)),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
		assert_noop!(attest(RuntimeOrigin::none()), sp_runtime::DispatchError::BadOrigin);
	});
}

#[test]
fn attest_representative_fails_for_another_record_than_the_one_named() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(attest(RuntimeOrigin::signed(CLINIC)), Error::<Test>::RecordNotFound);
		assert_ok!(record(HOSPITAL_AGENT));
		assert_noop!(
			Consent::attest_representative(
				RuntimeOrigin::signed(CLINIC),
				MINOR,
				HOSPITAL_ORG,
				NOBODY,
				EVIDENCE
			),
			Error::<Test>::RecordMismatch
		);
		assert_noop!(
			Consent::attest_representative(
				RuntimeOrigin::signed(CLINIC),
				MINOR,
				HOSPITAL_ORG,
				GUARDIAN,
				H256::zero()
			),
			Error::<Test>::RecordMismatch
		);
	});
}

#[test]
fn attest_representative_fails_when_the_patient_has_enough_representatives() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [NOBODY, DOCTOR] {
			assert_ok!(Consent::appoint_representative(
				RuntimeOrigin::signed(MINOR),
				who,
				Capacity::Guardian,
				None,
				false
			));
		}
		assert_ok!(record(HOSPITAL_AGENT));
		assert_noop!(attest(RuntimeOrigin::signed(CLINIC)), Error::<Test>::TooManyRepresentatives);
	});
}

#[test]
fn record_representative_fails_when_not_an_accredited_provider() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			record(NOBODY),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
		assert_noop!(
			record(LAB),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			pallet_registry::Role::Provider
		));
		assert_noop!(
			record(HOSPITAL),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Suspended)
		);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_noop!(
			record(HOSPITAL),
			Error::<Test>::Accreditation(
				healthchain_primitives::AccreditationError::OrganisationSuspended
			)
		);
	});
}

#[test]
fn record_representative_fails_when_the_accreditation_expired() {
	ExtBuilder::default().build_and_execute(|| {
		Now::set(START + 100 * DAY);
		assert_noop!(
			record(HOSPITAL),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Expired)
		);
	});
}

#[test]
fn record_representative_is_one_per_organisation_so_nobody_fills_the_list() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_noop!(record(HOSPITAL), Error::<Test>::AlreadyRecorded);
		// Another provider can still record, whatever the first one did.
		assert_ok!(record(CLINIC));
		assert_eq!(Consent::recorded_representatives_of(&MINOR, None, 10).items.len(), 2);
	});
}

#[test]
fn withdraw_representative_record_works_for_the_patient_the_recorder_and_the_consortium() {
	for by in [Some(MINOR), Some(HOSPITAL), None] {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(record(HOSPITAL_AGENT));
			let origin = by.map_or(RuntimeOrigin::root(), RuntimeOrigin::signed);
			assert_ok!(Consent::withdraw_representative_record(origin, MINOR, HOSPITAL_ORG));
			assert_eq!(
				last_event(),
				Event::RepresentativeRecordWithdrawn {
					patient: MINOR,
					organisation: HOSPITAL_ORG,
					representative: GUARDIAN,
					by,
				}
			);
			// The deposit returns to the agent who paid it.
			assert_eq!(held(HOSPITAL_AGENT), 0);
			assert_noop!(attest(RuntimeOrigin::signed(CLINIC)), Error::<Test>::RecordNotFound);
		});
	}
}

#[test]
fn withdraw_representative_record_fails_for_others() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::withdraw_representative_record(
				RuntimeOrigin::signed(MINOR),
				MINOR,
				HOSPITAL_ORG
			),
			Error::<Test>::RecordNotFound
		);
		assert_ok!(record(HOSPITAL_AGENT));
		for who in [GUARDIAN, CLINIC, NOBODY] {
			assert_noop!(
				Consent::withdraw_representative_record(
					RuntimeOrigin::signed(who),
					MINOR,
					HOSPITAL_ORG
				),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

#[test]
fn remove_representative_works_for_the_patient_the_representative_and_the_consortium() {
	for remover in [Some(PATIENT), Some(GUARDIAN), None] {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(appoint(GUARDIAN, Capacity::Guardian, None));
			let origin = remover.map_or(RuntimeOrigin::root(), RuntimeOrigin::signed);
			assert_ok!(Consent::remove_representative(origin, PATIENT, GUARDIAN));
			assert_eq!(
				last_event(),
				Event::RepresentativeRemoved {
					patient: PATIENT,
					representative: GUARDIAN,
					by: remover
				}
			);
			assert_eq!(held(PATIENT), 0);
			assert_eq!(RepresentativeCount::<Test>::get(PATIENT), 0);
		});
	}
}

#[test]
fn remove_representative_returns_the_deposit_to_the_recording_agent() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_ok!(attest(RuntimeOrigin::signed(CLINIC)));
		// The minor, on coming of age, ends it.
		assert_ok!(Consent::remove_representative(RuntimeOrigin::signed(MINOR), MINOR, GUARDIAN));
		assert_eq!(held(HOSPITAL_AGENT), 0);
	});
}

#[test]
fn remove_representative_fails_for_providers_and_strangers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::remove_representative(RuntimeOrigin::signed(PATIENT), PATIENT, GUARDIAN),
			Error::<Test>::RepresentativeNotFound
		);
		assert_ok!(record(HOSPITAL_AGENT));
		assert_ok!(attest(RuntimeOrigin::signed(CLINIC)));
		// Once in force, neither the recording nor the attesting provider can end it alone.
		for who in [NOBODY, HOSPITAL, HOSPITAL_AGENT, CLINIC] {
			assert_noop!(
				Consent::remove_representative(RuntimeOrigin::signed(who), MINOR, GUARDIAN),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

#[test]
fn a_provider_recorded_representation_ends_with_the_providers_accreditation() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(record(HOSPITAL_AGENT));
		assert_ok!(attest(RuntimeOrigin::signed(CLINIC)));
		assert_eq!(Consent::capacity_of(&GUARDIAN, &MINOR), Some(Capacity::Guardian));
		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			pallet_registry::Role::Provider
		));
		assert_eq!(Consent::capacity_of(&GUARDIAN, &MINOR), None, "checked when used");
		assert_ok!(Registry::reinstate_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			pallet_registry::Role::Provider
		));
		assert_eq!(Consent::capacity_of(&GUARDIAN, &MINOR), Some(Capacity::Guardian));
		// A representation the patient made depends on no provider.
		assert_ok!(appoint(NOBODY, Capacity::Guardian, None));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(Consent::capacity_of(&NOBODY, &PATIENT), Some(Capacity::Guardian));
		assert_eq!(Consent::capacity_of(&GUARDIAN, &MINOR), None);
	});
}
