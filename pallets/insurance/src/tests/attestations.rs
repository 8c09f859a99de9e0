//! `attest`, `renew` and `remove_attestation`: what an attestation stores, the deposit it
//! holds and who gets it back, and the errors of each.

use super::*;

#[test]
fn an_accredited_insurers_agent_attests_coverage_and_pays_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		assert_eq!(id, 0);
		let info = Insurance::attestation(id).expect("stored");
		assert_eq!(
			(info.insurer, info.patient, info.commitment, info.starts, info.ends),
			(INSURER_ORG, PATIENT, root(), START, START + YEAR)
		);
		assert_eq!((info.status, info.replaces, info.attested_by), (Status::Active, None, AGENT));
		assert_eq!((info.depositor, info.deposit), (AGENT, DEPOSIT));
		assert_eq!(held(AGENT), DEPOSIT);
		assert!(AttestationsOf::<Test>::contains_key(PATIENT, id));
		assert_eq!(
			last_event(),
			Event::Attested {
				attestation: id,
				insurer: INSURER_ORG,
				patient: PATIENT,
				starts: START,
				ends: START + YEAR,
				by: AGENT
			}
		);
		assert_eq!(
			status(id),
			Ok(InForce {
				insurer: INSURER_ORG,
				patient: PATIENT,
				starts: START,
				ends: START + YEAR
			})
		);
		// The admin attests too; ids are sequential.
		assert_ok!(Insurance::attest(origin(INSURER), OTHER_PATIENT, root(), START, START + DAY));
		assert_eq!(crate::NextAttestationId::<Test>::get(), 2);
	});
}

#[test]
fn attesting_refuses_the_unaccredited_bad_periods_self_attestation_and_the_poor() {
	ExtBuilder::default().build_and_execute(|| {
		let attest_by = |who, patient, starts, ends| {
			Insurance::attest(origin(who), patient, root(), starts, ends)
		};
		assert_noop!(
			attest_by(NOBODY, PATIENT, START, START + YEAR),
			Error::<Test>::Accreditation(AccreditationError::NotAnAgent)
		);
		assert_noop!(
			attest_by(HOSPITAL, PATIENT, START, START + YEAR),
			Error::<Test>::Accreditation(AccreditationError::NotAccredited)
		);
		assert_noop!(attest_by(AGENT, AGENT, START, START + YEAR), Error::<Test>::SelfAttestation);
		assert_noop!(attest_by(AGENT, PATIENT, START, START), Error::<Test>::InvalidPeriod);
		assert_noop!(attest_by(AGENT, PATIENT, START + 2, START + 1), Error::<Test>::InvalidPeriod);
		assert_noop!(attest_by(AGENT, PATIENT, START - 10, START), Error::<Test>::AlreadyEnded);
		assert_noop!(
			attest_by(AGENT, PATIENT, START, START + 3 * YEAR + 1),
			Error::<Test>::PeriodTooLong
		);
		assert_ok!(attest_by(AGENT, PATIENT, START, START + 3 * YEAR));
		// Short, but far in the future: it would hold its deposit for ever, never expiring.
		assert_noop!(
			attest_by(AGENT, PATIENT, START + 10 * YEAR, START + 10 * YEAR + DAY),
			Error::<Test>::PeriodTooLong
		);
		// A period that began in the past (a coverage attested late) is fine.
		assert_ok!(attest_by(AGENT, PATIENT, START - 10, START + 1));
		// The poor: an agent who cannot pay the deposit.
		assert_ok!(Registry::add_agent(origin(INSURER), INSURER_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), INSURER_ORG));
		assert_noop!(
			attest_by(POOR, PATIENT, START, START + YEAR),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn a_renewal_replaces_the_attestation_which_reads_as_superseded() {
	ExtBuilder::default().build_and_execute(|| {
		let old = attest();
		assert_ok!(Insurance::suspend(origin(AGENT), old));
		let renewed = [9; 32];
		assert_ok!(Insurance::renew(origin(OTHER_AGENT), old, renewed, START, START + 2 * YEAR));
		let new = old + 1;
		assert_eq!(
			last_event(),
			Event::Renewed {
				attestation: new,
				replaces: old,
				starts: START,
				ends: START + 2 * YEAR,
				by: OTHER_AGENT
			}
		);
		assert_eq!(status(old), Err(NotInForce::Superseded { by: new }));
		let info = Insurance::attestation(new).expect("stored");
		assert_eq!((info.patient, info.replaces, info.commitment), (PATIENT, Some(old), renewed));
		assert_eq!(info.status, Status::Active);
		assert!(status(new).is_ok());
		assert_eq!((held(AGENT), held(OTHER_AGENT)), (DEPOSIT, DEPOSIT));
		// An expired attestation is renewed too (a lapsed coverage picked up again), by an insurer
		// whose accreditation the consortium renewed meanwhile.
		assert_ok!(Registry::renew_accreditation(
			RuntimeOrigin::root(),
			INSURER_ORG,
			Role::Insurer,
			START + 10 * YEAR
		));
		Now::set(START + 2 * YEAR);
		assert_eq!(status(new), Err(NotInForce::Expired));
		assert_ok!(Insurance::renew(origin(AGENT), new, renewed, START, START + 3 * YEAR));
		assert_eq!(status(new), Err(NotInForce::Superseded { by: new + 1 }));
		assert_noop!(
			Insurance::renew(origin(AGENT), new + 1, renewed, START, START + YEAR),
			Error::<Test>::AlreadyEnded
		);
		assert_noop!(
			Insurance::renew(origin(AGENT), new + 1, renewed, START + 3 * YEAR, START),
			Error::<Test>::InvalidPeriod
		);
	});
}

#[test]
fn removal_returns_the_deposit_to_whom_it_may() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		// The insurer's side: only once final or expired.
		assert_noop!(Insurance::remove_attestation(origin(AGENT), id), Error::<Test>::NotFinal);
		assert_noop!(
			Insurance::remove_attestation(origin(OTHER_AGENT), id),
			Error::<Test>::NotFinal
		);
		// Strangers never.
		for stranger in [RIVAL, NOBODY, OTHER_PATIENT] {
			assert_noop!(
				Insurance::remove_attestation(origin(stranger), id),
				Error::<Test>::NotAllowed
			);
		}
		assert_ok!(Insurance::revoke(origin(AGENT), id));
		assert_ok!(Insurance::remove_attestation(origin(OTHER_AGENT), id));
		assert_eq!(last_event(), Event::Removed { attestation: id, by: OTHER_AGENT });
		assert_eq!(held(AGENT), 0);
		assert!(!Attestations::<Test>::contains_key(id));
		assert!(!AttestationsOf::<Test>::contains_key(PATIENT, id));
		assert_eq!(status(id), Err(NotInForce::AttestationNotFound));
		assert_noop!(
			Insurance::remove_attestation(origin(AGENT), id),
			Error::<Test>::AttestationNotFound
		);

		// An insurer that left the registry: its depositor recovers the deposit of a live one.
		assert_ok!(Insurance::attest(origin(RIVAL), PATIENT, root(), START, START + YEAR));
		let rivals = crate::NextAttestationId::<Test>::get() - 1;
		assert_noop!(Insurance::remove_attestation(origin(RIVAL), rivals), Error::<Test>::NotFinal);
		assert_ok!(Registry::deregister_organisation(origin(RIVAL), RIVAL_ORG));
		assert_eq!(status(rivals), Err(NotInForce::InsurerNotAccredited));
		assert_ok!(Insurance::remove_attestation(origin(RIVAL), rivals));
		assert_eq!(held(RIVAL), 0);

		// Expired: the depositor removes it, even after leaving the insurer.
		let expired = attest();
		Now::set(START + YEAR);
		assert_ok!(Registry::remove_agent(origin(INSURER), INSURER_ORG, AGENT));
		assert_ok!(Insurance::remove_attestation(origin(AGENT), expired));
		assert_eq!(held(AGENT), 0);
	});
}

#[test]
fn an_exhausted_id_counter_is_refused_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		crate::NextAttestationId::<Test>::put(AttestationId::MAX);
		assert_noop!(
			Insurance::attest(origin(AGENT), PATIENT, root(), START, START + YEAR),
			Error::<Test>::Overflow
		);
		assert_eq!(held(AGENT), 0);
	});
}
