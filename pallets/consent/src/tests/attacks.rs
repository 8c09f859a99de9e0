//! The attacks of issue 9, each as a test of the secure behaviour. Versions of these tests in
//! the API of commit 98f996c failed there (the attacks succeeded); see the issue's closing note.

use super::*;
use crate::{Capacity, Error, Justification};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

/// Item 1: a rogue provider agent records an accomplice as guardian of a stranger. One agent
/// alone gives the accomplice nothing; another agent of the same provider cannot vouch for it;
/// the patient is told, and ends it.
#[test]
fn attack_rogue_provider_agent_makes_an_accomplice_guardian() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::record_representative(
			RuntimeOrigin::signed(HOSPITAL_AGENT),
			PATIENT,
			NOBODY,
			Capacity::Guardian,
			None,
			H256::repeat_byte(1),
		));
		assert!(matches!(last_event(), Event::RepresentativeRecorded { patient: PATIENT, .. }));
		assert_eq!(Consent::capacity_of(&NOBODY, &PATIENT), None, "one agent made a guardian");
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(NOBODY),
				PATIENT,
				Grantee::Account(NOBODY),
				BoundedVec::truncate_from(vec![provision(Decision::Permit, Scope::All)]),
				from_now()
			),
			Error::<Test>::NotAuthorized
		);
		assert_noop!(
			Consent::attest_representative(
				RuntimeOrigin::signed(HOSPITAL),
				PATIENT,
				HOSPITAL_ORG,
				NOBODY,
				H256::repeat_byte(1)
			),
			Error::<Test>::SameOrganisation
		);
		assert_ok!(Consent::withdraw_representative_record(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			HOSPITAL_ORG
		));
	});
}

/// Item 1: consents a representative granted stop permitting when the representation ends.
#[test]
fn attack_representatives_consents_outlive_the_representation() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			GUARDIAN,
			Capacity::Guardian,
			None,
			false
		));
		let id = grant_for(
			GUARDIAN,
			PATIENT,
			Grantee::Account(GUARDIAN),
			vec![provision(Decision::Permit, Scope::All)],
			from_now(),
		);
		let read = || check(GUARDIAN, record(DataCategory::Hiv), Action::Read, Purpose::Treatment);
		assert_eq!(read(), permit(id, 0));
		assert_ok!(Consent::remove_representative(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			GUARDIAN
		));
		assert_eq!(read().decision, Decision::Deny, "the removed guardian's self-grant permits");
	});
}

/// Item 1: a representative cannot revoke a denial the patient made themself.
#[test]
fn attack_representative_erases_the_patients_denial() {
	ExtBuilder::default().build_and_execute(|| {
		let denial = grant(Grantee::Account(GUARDIAN), vec![provision(Decision::Deny, Scope::All)]);
		assert_ok!(Consent::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			GUARDIAN,
			Capacity::Guardian,
			None,
			false
		));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(GUARDIAN), denial),
			Error::<Test>::NotAuthorized
		);
	});
}

/// Item 2: an organisation the consortium suspended keeps its consents.
#[test]
fn attack_suspended_organisation_keeps_permit() {
	ExtBuilder::default().build_and_execute(|| {
		grant(Grantee::Organisation(HOSPITAL_ORG), vec![provision(Decision::Permit, Scope::All)]);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(
			check(HOSPITAL_AGENT, record(DataCategory::Imaging), Action::Read, Purpose::Treatment)
				.decision,
			Decision::Deny,
			"a suspended organisation's agent is still permitted"
		);
	});
}

/// Item 3: break-glass outlives the revoked licence that justified it.
#[test]
fn attack_break_glass_outlives_the_licence() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			Justification::LifeThreatening,
			HOUR
		));
		assert_ok!(HealthTokens::revoke(
			RuntimeOrigin::signed(BOARD),
			0,
			pallet_health_tokens::RevocationReason::Disciplinary
		));
		assert_eq!(
			check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency).decision,
			Decision::Deny,
			"the practitioner keeps emergency access after the licence is revoked"
		);
	});
}

/// Item 3: the patient can close break-glass access.
#[test]
fn attack_patient_cannot_close_break_glass() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			Justification::LifeThreatening,
			HOUR
		));
		assert_ok!(Consent::close_emergency_access(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			DOCTOR
		));
		assert_eq!(
			check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency).decision,
			Decision::Deny
		);
	});
}

/// Item 4: a token-scoped deny applies when the custodian does not name the token.
#[test]
fn attack_token_deny_skipped_when_token_unnamed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(HealthTokens::issue_record(
			RuntimeOrigin::signed(HOSPITAL),
			PATIENT,
			pallet_registry::Role::Provider,
			pallet_health_tokens::DocumentRef {
				document_hash: sp_core::H256::repeat_byte(9),
				algorithm: pallet_health_tokens::HashAlgorithm::Sha256,
				locator: None,
			}
		));
		grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		grant(Grantee::Account(NOBODY), vec![provision(Decision::Deny, Scope::Token(1))]);
		assert_eq!(
			check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment).decision,
			Decision::Deny,
			"a token deny is skipped when the custodian does not name the token"
		);
	});
}

/// Item 5: the audit trail's stored type holds nothing about the record (no category, date or
/// token) nor about the decision: its size is fixed by accounts, ids, one commitment and times.
#[test]
fn attack_audit_entry_stores_the_category() {
	use codec::MaxEncodedLen;
	// accessor + Option<custodian> + recorded_by + depositor + deposit + kind (a commitment or
	// a licence) + at + block: nothing about the record, the action, the purpose or the
	// decision.
	assert_eq!(
		crate::AccessRecordOf::<Test>::max_encoded_len(),
		8 + (1 + 4) + 8 + 8 + 8 + (1 + 32) + 8 + 8
	);
}

/// Item 11 of the second review: a consent to an organisation permitted its agents while it
/// was in good standing in *any* role, so a hospital whose provider accreditation was revoked
/// but which is still a data custodian kept its treatment permits. A permit to an organisation
/// now holds only while it is accredited in a role that fits the purpose.
#[test]
fn attack_an_organisation_grant_permits_only_in_the_role_that_fits_the_purpose() {
	ExtBuilder::default().build_and_execute(|| {
		let every_purpose = Purposes {
			treatment: true,
			payment: true,
			research: true,
			emergency: true,
			operations: true,
		};
		let permit_all = Provision {
			decision: Decision::Permit,
			scope: Scope::All,
			actions: READ,
			purposes: every_purpose,
			data_period: None,
		};
		let id = grant(Grantee::Organisation(HOSPITAL_ORG), vec![permit_all]);
		let read =
			|purpose| check(HOSPITAL_AGENT, record(DataCategory::Imaging), Action::Read, purpose);
		// A provider and data custodian: treatment, emergency and operations; not payment nor
		// research (no insurer, researcher or sponsor accreditation).
		assert_eq!(read(Purpose::Treatment), permit(id, 0));
		assert_eq!(read(Purpose::Emergency), permit(id, 0));
		assert_eq!(read(Purpose::Operations), permit(id, 0));
		assert_eq!(read(Purpose::Payment), no_consent());
		assert_eq!(read(Purpose::Research), no_consent());
		// Its provider accreditation revoked, it is still in good standing as a data custodian:
		// no treatment or emergency permit any more, operations still.
		assert_ok!(Registry::revoke_accreditation(
			RuntimeOrigin::root(),
			HOSPITAL_ORG,
			pallet_registry::Role::Provider
		));
		assert!(<Registry as crate::AccreditationInspect<u64>>::in_good_standing(HOSPITAL_ORG));
		assert_eq!(read(Purpose::Treatment), no_consent());
		assert_eq!(read(Purpose::Emergency), no_consent());
		assert_eq!(read(Purpose::Operations), permit(id, 0));
	});
}

/// Every kind of deposit the pallet holds is reconciled by `try_state`: a hold that does not
/// match what a depositor pays for (here, a consent's) is caught, not only an audit entry's.
#[test]
fn try_state_reconciles_every_kind_of_deposit() {
	ExtBuilder::default().build().execute_with(|| {
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		// A consent and a representative paid by the patient, a grant paid by the doctor.
		grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		assert_ok!(Consent::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			GUARDIAN,
			Capacity::Guardian,
			None,
			false
		));
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			Justification::Other,
			HOUR
		));
		assert_ok!(Consent::do_try_state());
		for (reason, who) in [
			(crate::HoldReason::ConsentDeposit, PATIENT),
			(crate::HoldReason::RepresentativeDeposit, PATIENT),
			(crate::HoldReason::EmergencyDeposit, DOCTOR),
		] {
			// One unit more on hold than the storage pays for.
			assert_ok!(Balances::hold(&reason.into(), &who, 1));
			assert!(Consent::do_try_state().is_err(), "{reason:?} not reconciled");
			assert_ok!(Balances::release(&reason.into(), &who, 1, Precision::Exact));
		}
		assert_ok!(Consent::do_try_state());
	});
}

/// The lists a patient's wallet reads that anyone else can grow (one recorded representative
/// per provider organisation, one emergency grant per practitioner) come a page at a time.
#[test]
fn attack_lists_others_can_grow_are_read_a_page_at_a_time() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			Justification::Other,
			HOUR
		));
		let first = Consent::emergency_access_of(&PATIENT, None, 1);
		assert_eq!((first.items.len(), first.next), (1, None));
		assert_eq!(first.items[0].0, DOCTOR);
		assert!(Consent::emergency_access_of(&PATIENT2, None, 1).items.is_empty());
		for (recorder, evidence) in [(HOSPITAL_AGENT, 1), (CLINIC, 2)] {
			assert_ok!(Consent::record_representative(
				RuntimeOrigin::signed(recorder),
				MINOR,
				GUARDIAN,
				Capacity::Guardian,
				None,
				H256::repeat_byte(evidence)
			));
		}
		let page = Consent::recorded_representatives_of(&MINOR, None, 1);
		assert_eq!(page.items.len(), 1);
		let rest = Consent::recorded_representatives_of(&MINOR, page.next, 1);
		assert_eq!((rest.items.len(), rest.next), (1, None));
		assert_ne!(page.items[0].0, rest.items[0].0);
	});
}
