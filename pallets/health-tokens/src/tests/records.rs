//! Medical records: issue, update (new versions), archive; and the refusals.

use super::*;
use crate::{
	Authority, Error, TokenDetails, TokenStatus, Tokens, TokensOf, VersionReason, Versions,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn issue_record_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		let token = Tokens::<Test>::get(id).unwrap();
		assert_eq!(token.details, TokenDetails::MedicalRecord);
		assert_eq!(token.issuer, HOSPITAL);
		assert_eq!(
			token.authority,
			Authority::Accreditation { organisation: HOSPITAL_ORG, role: Role::Provider }
		);
		assert_eq!(token.owner, Some(PATIENT));
		assert_eq!(token.status, TokenStatus::Active);
		assert_eq!(token.valid_until, None);
		assert_eq!(token.issued_at, START);
		assert_eq!(token.versions, 1);
		let version = Versions::<Test>::get(id, 0).unwrap();
		assert_eq!(version.document, doc(1));
		assert_eq!(version.reason, VersionReason::Issued);
		assert_eq!(version.author, HOSPITAL);
		assert_eq!(by_hash(doc(1).document_hash), Some((id, 0)));
		assert!(TokensOf::<Test>::contains_key(PATIENT, id));
		assert_eq!(
			last_event(),
			Event::TokenIssued {
				token: id,
				class: crate::TokenClass::MedicalRecord,
				issuer: HOSPITAL,
				authority: token.authority,
				owner: PATIENT,
				document_hash: doc(1).document_hash,
			}
		);
	});
}

#[test]
fn issue_record_holds_the_deposit_from_the_issuer_not_the_patient() {
	ExtBuilder::default().build_and_execute(|| {
		let before = held(HOSPITAL);
		record(PATIENT, 1);
		assert_eq!(held(HOSPITAL), before + TOKEN_DEPOSIT);
		assert_eq!(held(PATIENT), 0);
	});
}

#[test]
fn issue_record_by_a_laboratory_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_record(
			RuntimeOrigin::signed(LAB),
			PATIENT,
			Role::Laboratory,
			doc(1)
		));
		let token = Tokens::<Test>::get(last_id()).unwrap();
		assert_eq!(
			token.authority,
			Authority::Accreditation { organisation: LAB_ORG, role: Role::Laboratory }
		);
	});
}

#[test]
fn issue_record_fails_when_unsigned() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_record(RuntimeOrigin::none(), PATIENT, Role::Provider, doc(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn issue_record_fails_when_role_not_allowed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(BOARD),
				PATIENT,
				Role::LicensingBoard,
				doc(1)
			),
			Error::<Test>::RoleNotAllowed
		);
	});
}

#[test]
fn issue_record_fails_when_not_an_agent() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(NOBODY),
				PATIENT,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAnAgent)
		);
	});
}

#[test]
fn issue_record_fails_when_not_accredited_for_the_role() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL),
				PATIENT,
				Role::Laboratory,
				doc(1)
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::NotAccredited)
		);
	});
}

#[test]
fn issue_record_fails_when_accreditation_expired() {
	ExtBuilder::default().build_and_execute(|| {
		Now::set(START + 100 * DAY);
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL),
				PATIENT,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Expired)
		);
	});
}

#[test]
fn issue_record_fails_when_accreditation_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			Role::Provider
		));
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL),
				PATIENT,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Suspended)
		);
	});
}

#[test]
fn issue_record_fails_when_organisation_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL),
				PATIENT,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::Accreditation(
				healthchain_primitives::AccreditationError::OrganisationSuspended
			)
		);
	});
}

/// A hash is anchored once per issuer: another agent of the same organisation cannot anchor
/// it again (another organisation can: see the front-running attack).
#[test]
fn issue_record_fails_when_hash_in_use() {
	ExtBuilder::default().build_and_execute(|| {
		record(PATIENT, 1);
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(HOSPITAL_AGENT),
				PATIENT2,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::HashInUse
		);
	});
}

#[test]
fn issue_record_fails_when_issuer_cannot_pay_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::issue_record(
				RuntimeOrigin::signed(POOR),
				PATIENT,
				Role::Provider,
				doc(1)
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn update_works_and_keeps_earlier_versions() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		let before = held(HOSPITAL_AGENT);
		// Another agent of the same organisation may write the correction.
		assert_ok!(HealthTokens::update(
			RuntimeOrigin::signed(HOSPITAL_AGENT),
			id,
			doc(2),
			VersionReason::Corrected,
			None
		));
		assert_eq!(
			last_event(),
			Event::TokenUpdated {
				token: id,
				version: 1,
				reason: VersionReason::Corrected,
				document_hash: doc(2).document_hash,
				valid_until: None,
			}
		);
		assert_eq!(Tokens::<Test>::get(id).unwrap().versions, 2);
		assert_eq!(Versions::<Test>::get(id, 0).unwrap().document, doc(1));
		let v1 = Versions::<Test>::get(id, 1).unwrap();
		assert_eq!(
			(v1.document, v1.reason, v1.author),
			(doc(2), VersionReason::Corrected, HOSPITAL_AGENT)
		);
		assert_eq!(by_hash(doc(1).document_hash), Some((id, 0)));
		assert_eq!(by_hash(doc(2).document_hash), Some((id, 1)));
		assert_eq!(held(HOSPITAL_AGENT), before + VERSION_DEPOSIT);
	});
}

#[test]
fn update_fails_when_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(HOSPITAL),
				7,
				doc(2),
				VersionReason::Corrected,
				None
			),
			Error::<Test>::TokenNotFound
		);
	});
}

#[test]
fn update_fails_when_not_issuer() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		for who in [OTHER_HOSPITAL, LAB, PATIENT, NOBODY] {
			assert_noop!(
				HealthTokens::update(
					RuntimeOrigin::signed(who),
					id,
					doc(2),
					VersionReason::Corrected,
					None
				),
				Error::<Test>::NotIssuer
			);
		}
	});
}

#[test]
fn update_fails_when_issuer_no_longer_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		Now::set(START + 100 * DAY);
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(HOSPITAL),
				id,
				doc(2),
				VersionReason::Corrected,
				None
			),
			Error::<Test>::Accreditation(healthchain_primitives::AccreditationError::Expired)
		);
	});
}

#[test]
fn update_fails_with_a_reason_only_the_pallet_writes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		for reason in [VersionReason::Issued, VersionReason::SessionClosed] {
			assert_noop!(
				HealthTokens::update(RuntimeOrigin::signed(HOSPITAL), id, doc(2), reason, None),
				Error::<Test>::NotSupportedForClass
			);
		}
	});
}

#[test]
fn update_fails_when_too_many_versions() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		for n in 2..=MAX_VERSIONS as u8 {
			assert_ok!(HealthTokens::update(
				RuntimeOrigin::signed(HOSPITAL),
				id,
				doc(n),
				VersionReason::Appended,
				None
			));
		}
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(HOSPITAL),
				id,
				doc(99),
				VersionReason::Appended,
				None
			),
			Error::<Test>::TooManyVersions
		);
	});
}

#[test]
fn update_fails_when_hash_in_use() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(HOSPITAL),
				id,
				doc(1),
				VersionReason::Corrected,
				None
			),
			Error::<Test>::HashInUse
		);
	});
}

#[test]
fn update_fails_when_archived() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(HOSPITAL),
				id,
				doc(2),
				VersionReason::Corrected,
				None
			),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn update_fails_when_issuer_cannot_pay_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_noop!(
			HealthTokens::update(
				RuntimeOrigin::signed(POOR),
				id,
				doc(2),
				VersionReason::Corrected,
				None
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn archive_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(last_event(), Event::TokenArchived { token: id, owner: PATIENT });
		assert_eq!(Tokens::<Test>::get(id).unwrap().status, TokenStatus::Archived);
		// The history stays readable and verifiable.
		assert_eq!(by_hash(doc(1).document_hash), Some((id, 0)));
		assert!(Versions::<Test>::contains_key(id, 0));
	});
}

#[test]
fn archive_fails_when_not_owner() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		for who in [HOSPITAL, PATIENT2] {
			assert_noop!(
				HealthTokens::archive(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotOwner
			);
		}
	});
}

#[test]
fn archive_fails_when_already_archived() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_ok!(HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			HealthTokens::archive(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn archive_fails_when_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			HealthTokens::archive(RuntimeOrigin::signed(PATIENT), 3),
			Error::<Test>::TokenNotFound
		);
	});
}

#[test]
fn transfer_fails_for_a_medical_record() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		assert_noop!(
			HealthTokens::transfer(RuntimeOrigin::signed(PATIENT), id, PATIENT2),
			Error::<Test>::NonTransferable
		);
	});
}

#[test]
fn revoke_suspend_and_reinstate_fail_for_a_medical_record() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record(PATIENT, 1);
		let origin = || RuntimeOrigin::signed(HOSPITAL);
		assert_noop!(
			HealthTokens::revoke(origin(), id, crate::RevocationReason::EnteredInError),
			Error::<Test>::NotSupportedForClass
		);
		assert_noop!(HealthTokens::suspend(origin(), id), Error::<Test>::NotSupportedForClass);
		assert_noop!(HealthTokens::reinstate(origin(), id), Error::<Test>::NotSupportedForClass);
	});
}
