//! The attacks the threat model names: an insurer whose accreditation ended, a rogue agent of
//! another insurer or one who left, an agent attesting their own coverage, a stranger removing
//! a patient's attestation, an insurer re-attesting a patient who refused it or filling their
//! list.

use super::*;

/// The insurer's accreditation is checked when the attestation is *read*: suspended, expired or
/// revoked, or its organisation suspended, and nothing it attested is in force; reinstated, and
/// it is again.
#[test]
fn attack_an_attestation_is_in_force_only_while_its_insurer_is_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		let root_origin = RuntimeOrigin::root;
		assert_ok!(Registry::suspend_accreditation(root_origin(), INSURER_ORG, Role::Insurer));
		assert_eq!(status(id), Err(NotInForce::InsurerNotAccredited));
		assert_ok!(Registry::reinstate_accreditation(root_origin(), INSURER_ORG, Role::Insurer));
		assert!(status(id).is_ok());
		assert_ok!(Registry::suspend_organisation(root_origin(), INSURER_ORG));
		assert_eq!(status(id), Err(NotInForce::InsurerNotAccredited));
		assert_ok!(Registry::reinstate_organisation(root_origin(), INSURER_ORG));
		// Suspended by the insurer and the insurer not accredited: the insurer's standing first.
		assert_ok!(Insurance::suspend(origin(AGENT), id));
		Now::set(START + 400 * DAY);
		assert_eq!(status(id), Err(NotInForce::InsurerNotAccredited));
		// Expired accreditation: no attesting, renewing or reinstating, ...
		assert_noop!(
			Insurance::reinstate(origin(AGENT), id),
			Error::<Test>::Accreditation(AccreditationError::Expired)
		);
		assert_noop!(
			Insurance::attest(origin(AGENT), PATIENT, root(), START, START + 500 * DAY),
			Error::<Test>::Accreditation(AccreditationError::Expired)
		);
		assert_noop!(
			Insurance::renew(origin(AGENT), id, root(), START, START + 500 * DAY),
			Error::<Test>::Accreditation(AccreditationError::Expired)
		);
		// ... but withdrawing coverage is never refused to the insurer's agents.
		assert_ok!(Insurance::revoke(origin(AGENT), id));
		assert_eq!(status(id), Err(NotInForce::Revoked));
	});
}

#[test]
fn attack_only_the_insurers_current_agents_act_on_its_attestations() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		// Another insurer's admin: accredited, but not this attestation's insurer.
		assert_noop!(Insurance::suspend(origin(RIVAL), id), Error::<Test>::NotInsurer);
		assert_noop!(Insurance::revoke(origin(RIVAL), id), Error::<Test>::NotInsurer);
		assert_noop!(Insurance::reinstate(origin(RIVAL), id), Error::<Test>::NotInsurer);
		assert_noop!(
			Insurance::renew(origin(RIVAL), id, root(), START, START + YEAR),
			Error::<Test>::NotInsurer
		);
		// The patient and strangers neither.
		assert_noop!(Insurance::revoke(origin(PATIENT), id), Error::<Test>::NotInsurer);
		assert_noop!(
			Insurance::renew(origin(PATIENT), id, root(), START, START + YEAR),
			Error::<Test>::Accreditation(AccreditationError::NotAnAgent)
		);
		// An agent who left the insurer does nothing more to its attestations.
		assert_ok!(Registry::remove_agent(origin(INSURER), INSURER_ORG, AGENT));
		assert_noop!(Insurance::suspend(origin(AGENT), id), Error::<Test>::NotInsurer);
		assert_noop!(Insurance::revoke(origin(AGENT), id), Error::<Test>::NotInsurer);
		assert_noop!(
			Insurance::renew(origin(AGENT), id, root(), START, START + YEAR),
			Error::<Test>::Accreditation(AccreditationError::NotAnAgent)
		);
		assert!(status(id).is_ok());
	});
}

/// An agent cannot grant themselves coverage, nor renew one of theirs: a second agent must.
#[test]
fn attack_an_agent_cannot_attest_or_renew_their_own_coverage() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Insurance::attest(origin(AGENT), AGENT, root(), START, START + YEAR),
			Error::<Test>::SelfAttestation
		);
		assert_ok!(Insurance::attest(origin(OTHER_AGENT), AGENT, root(), START, START + YEAR));
		assert_noop!(
			Insurance::renew(origin(AGENT), 0, root(), START, START + 2 * YEAR),
			Error::<Test>::SelfAttestation
		);
	});
}

/// A rogue agent can attest a coverage the patient never had under the patient's account; the
/// patient removes it, at any time and in any state.
#[test]
fn attack_the_patient_removes_an_attestation_they_do_not_want() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		assert_ok!(Insurance::remove_attestation(origin(PATIENT), id));
		assert_eq!(last_event(), Event::Removed { attestation: id, by: PATIENT });
		assert_eq!(held(AGENT), 0);
		assert_eq!(Insurance::attestations_of(&PATIENT, None, 10).attestations, vec![]);
	});
}

/// Item 10 of the second review: each removal returns the deposit to the insurer, which can
/// attest the patient again at once, in a loop. The patient refuses the insurer: it can attest
/// (and renew) them no more, until the patient allows it again; other insurers are not
/// affected, and the refusal's deposit returns when it is lifted.
#[test]
fn attack_an_insurer_cannot_reattest_a_patient_who_refused_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		assert_ok!(Insurance::remove_attestation(origin(PATIENT), id));
		// Without a refusal, the insurer is back at once.
		let again = attest();
		let refusals =
			|| Balances::balance_on_hold(&crate::HoldReason::RefusalDeposit.into(), &PATIENT);
		let before = refusals();
		assert_ok!(Insurance::refuse_insurer(origin(PATIENT), INSURER_ORG));
		assert_eq!(last_event(), Event::InsurerRefused { patient: PATIENT, insurer: INSURER_ORG });
		assert_eq!(refusals(), before + REFUSAL_DEPOSIT);
		assert_noop!(
			Insurance::attest(origin(AGENT), PATIENT, root(), START, START + YEAR),
			Error::<Test>::RefusedByPatient
		);
		assert_noop!(
			Insurance::renew(origin(OTHER_AGENT), again, root(), START, START + YEAR),
			Error::<Test>::RefusedByPatient
		);
		assert_noop!(
			Insurance::refuse_insurer(origin(PATIENT), INSURER_ORG),
			Error::<Test>::AlreadyRefused
		);
		// The patient still removes what the insurer attested before.
		assert_ok!(Insurance::remove_attestation(origin(PATIENT), again));
		// Another insurer, and another patient, are not affected.
		assert_ok!(Insurance::attest(origin(AGENT), OTHER_PATIENT, root(), START, START + YEAR));
		assert_ok!(Insurance::attest(origin(RIVAL), PATIENT, root(), START, START + YEAR));
		// Allowed again, it attests; the deposit is back.
		assert_ok!(Insurance::allow_insurer(origin(PATIENT), INSURER_ORG));
		assert_eq!(last_event(), Event::InsurerAllowed { patient: PATIENT, insurer: INSURER_ORG });
		assert_eq!(refusals(), before);
		attest();
	});
}

/// A patient's attestations are read page by page; an insurer attesting many for a patient
/// fills no bounded list: another insurer still attests, and every page is reachable.
#[test]
fn attack_a_patients_attestations_cannot_be_filled_and_are_paged() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..7 {
			attest();
		}
		assert_ok!(Insurance::attest(origin(RIVAL), PATIENT, root(), START, START + YEAR));
		assert_eq!(held(AGENT), 7 * DEPOSIT);
		let mut seen = Vec::new();
		let mut cursor = None;
		loop {
			let page = Insurance::attestations_of(&PATIENT, cursor, 100);
			assert!(page.attestations.len() <= PAGE as usize, "capped at MaxPageSize");
			seen.extend(page.attestations.iter().map(|(id, info)| {
				assert_eq!(info.patient, PATIENT);
				*id
			}));
			match page.next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		seen.sort_unstable();
		assert_eq!(seen, (0..8).collect::<Vec<_>>());
		// A limit of 0 reads as 1; another patient's list is empty.
		assert_eq!(Insurance::attestations_of(&PATIENT, None, 0).attestations.len(), 1);
		let empty = Insurance::attestations_of(&OTHER_PATIENT, None, 3);
		assert_eq!((empty.attestations.len(), empty.next), (0, None));
	});
}
