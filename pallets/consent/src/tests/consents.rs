//! Granting, revoking and removing consents; their limits and deposits.

use super::*;
use crate::{Capacity, ConsentEffectiveStatus, ConsentStatus, Consents, ConsentsOf, Error};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn try_grant(
	who: u64,
	grantee: Grantee<u64>,
	provisions: Vec<Provision>,
	period: Period,
) -> sp_runtime::DispatchResult {
	Consent::grant(
		RuntimeOrigin::signed(who),
		PATIENT,
		grantee,
		BoundedVec::truncate_from(provisions),
		period,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn all() -> Vec<Provision> {
	vec![provision(Decision::Permit, Scope::All)]
}

#[test]
fn grant_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), all());
		let consent = Consents::<Test>::get(id).unwrap();
		assert_eq!(
			(consent.patient, consent.grantor, consent.capacity),
			(PATIENT, PATIENT, Capacity::Patient)
		);
		assert_eq!(consent.grantee, Grantee::Account(NOBODY));
		assert_eq!(consent.status, ConsentStatus::Active);
		assert_eq!(ConsentsOf::<Test>::get(PATIENT).into_inner(), vec![id]);
		assert_eq!(held(PATIENT), CONSENT_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::ConsentGranted {
				consent: id,
				patient: PATIENT,
				grantor: PATIENT,
				capacity: Capacity::Patient,
				grantee: Grantee::Account(NOBODY),
			}
		);
	});
}

#[test]
fn grant_fails_when_unsigned() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::none(),
				PATIENT,
				Grantee::Account(NOBODY),
				BoundedVec::truncate_from(all()),
				from_now()
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn grant_fails_when_not_the_patient_or_a_representative() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [NOBODY, HOSPITAL, GUARDIAN] {
			assert_noop!(
				try_grant(who, Grantee::Account(NOBODY), all(), from_now()),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

#[test]
fn grant_fails_for_malformed_provisions() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), vec![], from_now()),
			Error::<Test>::NoProvisions
		);
		let mut no_actions = provision(Decision::Permit, Scope::All);
		no_actions.actions = Actions::default();
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), vec![no_actions], from_now()),
			Error::<Test>::NoActions
		);
		let mut no_purposes = provision(Decision::Permit, Scope::All);
		no_purposes.purposes = Purposes::default();
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), vec![no_purposes], from_now()),
			Error::<Test>::NoPurposes
		);
		let mut bad_period = provision(Decision::Permit, Scope::All);
		bad_period.data_period = Some(Period { start: START, end: Some(START) });
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), vec![bad_period], from_now()),
			Error::<Test>::InvalidPeriod
		);
	});
}

#[test]
fn grant_fails_for_a_bad_period() {
	ExtBuilder::default().build_and_execute(|| {
		let backwards = Period { start: START + DAY, end: Some(START + 1) };
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), all(), backwards),
			Error::<Test>::InvalidPeriod
		);
		let ended = Period { start: 0, end: Some(START) };
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), all(), ended),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn grant_fails_for_a_token_the_patient_does_not_own() {
	ExtBuilder::default().build_and_execute(|| {
		// Token 0 is the doctor's licence; token 9 does not exist.
		for token in [0, 9] {
			assert_noop!(
				try_grant(
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Token(token))],
					from_now()
				),
				Error::<Test>::TokenNotOwned
			);
		}
	});
}

#[test]
fn grant_fails_for_an_unknown_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			try_grant(PATIENT, Grantee::Organisation(77), all(), from_now()),
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn grant_fails_when_too_many_consents() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..MAX_CONSENTS {
			grant(Grantee::Account(NOBODY), all());
		}
		assert_noop!(
			try_grant(PATIENT, Grantee::Account(NOBODY), all(), from_now()),
			Error::<Test>::TooManyConsents
		);
	});
}

#[test]
fn grant_fails_when_the_grantor_cannot_pay_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(POOR),
				POOR,
				Grantee::Account(NOBODY),
				BoundedVec::truncate_from(all()),
				from_now()
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn revoke_works_and_takes_effect_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), all());
		assert_eq!(
			check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
			permit(id, 0)
		);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(
			last_event(),
			Event::ConsentRevoked { consent: id, patient: PATIENT, by: PATIENT }
		);
		assert_eq!(Consents::<Test>::get(id).unwrap().status, ConsentStatus::Revoked { at: START });
		assert_eq!(
			check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
			no_consent()
		);
	});
}

/// A grant is weighed for the worst case and charged for the case it was: the patient's own
/// grant to an account is charged `grant(n, 0, 0, 0)`, a representative's grant to an
/// organisation `grant(n, 1, 1, 0)` (the mock has no sponsors).
#[test]
fn a_grant_is_charged_for_the_case_it_was() {
	use crate::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	ExtBuilder::default().build_and_execute(|| {
		let provisions = || BoundedVec::truncate_from(all());
		let call = crate::Call::<Test>::grant {
			patient: PATIENT,
			grantee: Grantee::Account(NOBODY),
			provisions: provisions(),
			period: from_now(),
		};
		let worst = <() as WeightInfo>::grant(1, 1, 1, 1);
		assert_eq!(call.get_dispatch_info().call_weight, worst);
		let own = Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			Grantee::Account(NOBODY),
			provisions(),
			from_now(),
		)
		.unwrap();
		assert_eq!(own.actual_weight, Some(<() as WeightInfo>::grant(1, 0, 0, 0)));

		appoint_guardian(false);
		let representative = Consent::grant(
			RuntimeOrigin::signed(GUARDIAN),
			PATIENT,
			Grantee::Organisation(LAB_ORG),
			provisions(),
			from_now(),
		)
		.unwrap();
		assert_eq!(representative.actual_weight, Some(<() as WeightInfo>::grant(1, 1, 1, 0)));
		let [own, representative] = [own, representative].map(|info| info.actual_weight.unwrap());
		assert!(own.ref_time() < representative.ref_time(), "{own} {representative}");
		assert!(representative.all_lte(worst), "{representative} {worst}");
	});
}

/// `PATIENT` appoints `GUARDIAN`, with or without power over the patient's own consents.
fn appoint_guardian(may_revoke_patient_consents: bool) {
	assert_ok!(Consent::appoint_representative(
		RuntimeOrigin::signed(PATIENT),
		GUARDIAN,
		Capacity::Guardian,
		None,
		may_revoke_patient_consents
	));
}

#[test]
fn grant_by_a_representative_records_the_representation() {
	ExtBuilder::default().build_and_execute(|| {
		appoint_guardian(false);
		let representation = crate::Representatives::<Test>::get(PATIENT, GUARDIAN).unwrap().id;
		let id = grant_for(GUARDIAN, PATIENT, Grantee::Account(NOBODY), all(), from_now());
		let consent = Consents::<Test>::get(id).unwrap();
		assert_eq!(
			(consent.grantor, consent.capacity, consent.representation),
			(GUARDIAN, Capacity::Guardian, Some(representation))
		);
		assert!(!Consent::consent_view(id).unwrap().lapsed);
		assert_ok!(Consent::remove_representative(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			GUARDIAN
		));
		let view = Consent::consent_view(id).unwrap();
		assert!(view.lapsed, "the representation ended: the consent's permits no longer count");
		assert_eq!(view.effective, ConsentEffectiveStatus::Active);
	});
}

#[test]
fn revoke_by_a_representative_works_for_representatives_consents() {
	ExtBuilder::default().build_and_execute(|| {
		appoint_guardian(false);
		let id = grant_for(GUARDIAN, PATIENT, Grantee::Account(NOBODY), all(), from_now());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id));
	});
}

#[test]
fn revoke_by_a_representative_fails_for_the_patients_own_consent_without_the_power() {
	ExtBuilder::default().build_and_execute(|| {
		// The patient's own denial cannot be erased by a representative...
		let denial = grant(Grantee::Account(NOBODY), vec![provision(Decision::Deny, Scope::All)]);
		appoint_guardian(false);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(GUARDIAN), denial),
			Error::<Test>::NotAuthorized
		);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), denial));
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(GUARDIAN), denial),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn revoke_by_a_representative_fails_for_another_representatives_consent() {
	ExtBuilder::default().build_and_execute(|| {
		appoint_guardian(false);
		assert_ok!(Consent::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			NOBODY,
			Capacity::LegalRepresentative,
			None,
			false
		));
		let denial = grant_for(
			NOBODY,
			PATIENT,
			Grantee::Account(DOCTOR),
			vec![provision(Decision::Deny, Scope::All)],
			from_now(),
		);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(GUARDIAN), denial),
			Error::<Test>::NotAuthorized
		);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(NOBODY), denial));
	});
}

#[test]
fn revoke_by_a_representative_works_for_the_patients_own_consent_with_the_power() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), all());
		// ... unless the patient appointed them with that power.
		appoint_guardian(true);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id));
		assert_ok!(Consent::remove(RuntimeOrigin::signed(GUARDIAN), id));
	});
}

#[test]
fn revoke_fails_when_not_authorized() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), all());
		// Not even the grantee may revoke it.
		for who in [NOBODY, GUARDIAN, PATIENT2] {
			assert_noop!(
				Consent::revoke(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

#[test]
fn revoke_fails_when_not_found_or_already_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), 5),
			Error::<Test>::ConsentNotFound
		);
		let id = grant(Grantee::Account(NOBODY), all());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::AlreadyRevoked
		);
	});
}

#[test]
fn remove_works_for_revoked_and_expired_consents_and_returns_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let revoked = grant(Grantee::Account(NOBODY), all());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), revoked));
		let expiring = grant_for(
			PATIENT,
			PATIENT,
			Grantee::Account(NOBODY),
			all(),
			Period { start: START, end: Some(START + DAY) },
		);
		assert_eq!(held(PATIENT), 2 * CONSENT_DEPOSIT);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(PATIENT), revoked));
		assert_eq!(
			last_event(),
			Event::ConsentRemoved { consent: revoked, patient: PATIENT, by: PATIENT }
		);
		Now::set(START + DAY);
		assert_eq!(
			Consent::consent_view(expiring).unwrap().effective,
			ConsentEffectiveStatus::Expired
		);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(PATIENT), expiring));
		assert_eq!(held(PATIENT), 0);
		assert!(ConsentsOf::<Test>::get(PATIENT).is_empty());
	});
}

#[test]
fn remove_returns_the_deposit_to_the_grantor() {
	ExtBuilder::default().build_and_execute(|| {
		appoint_guardian(false);
		let id = grant_for(GUARDIAN, PATIENT, Grantee::Account(NOBODY), all(), from_now());
		assert_eq!(held(GUARDIAN), CONSENT_DEPOSIT);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_ok!(Consent::remove(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(held(GUARDIAN), 0);
	});
}

#[test]
fn remove_fails_while_in_force() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), all());
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::StillInForce
		);
		let later = grant_for(
			PATIENT,
			PATIENT,
			Grantee::Account(NOBODY),
			all(),
			Period { start: START + DAY, end: None },
		);
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(PATIENT), later),
			Error::<Test>::StillInForce
		);
	});
}

#[test]
fn remove_fails_when_not_authorized_or_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		let id = grant(Grantee::Account(NOBODY), all());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(NOBODY), id),
			Error::<Test>::NotAuthorized
		);
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(PATIENT), 42),
			Error::<Test>::ConsentNotFound
		);
	});
}

#[test]
fn consents_of_lists_every_consent_with_its_status() {
	ExtBuilder::default().build_and_execute(|| {
		let a = grant(Grantee::Account(NOBODY), all());
		let b = grant(Grantee::Organisation(HOSPITAL_ORG), all());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), a));
		let listed: Vec<_> =
			Consent::consents_of(&PATIENT).into_iter().map(|c| (c.id, c.effective)).collect();
		assert_eq!(
			listed,
			vec![(a, ConsentEffectiveStatus::Revoked), (b, ConsentEffectiveStatus::Active)]
		);
	});
}
