//! Unit tests of every call and every error, the lifecycle as a verifier reads it, and the
//! attacks the threat model names: a rogue agent of another insurer, an agent attesting their
//! own coverage, an agent who left, an insurer whose accreditation ended, a stranger removing a
//! patient's attestation, an insurer filling a patient's list.

use crate::{
	coverage, mock::*, AccreditationError, AttestationId, Attestations, AttestationsOf, Claim,
	ClaimError, CoverageClass, Error, Event, Hash, HoldReason, InForce, NotInForce, ProofError,
	Status,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use pallet_registry::Role;

const YEAR: u64 = 365 * DAY;

fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AttestationDeposit.into(), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Insurance(event) => Some(event),
			_ => None,
		})
		.expect("an event of the pallet")
}

/// The claims of the test coverage, each with salt `salt(i)` at leaf `i`; fillers elsewhere.
fn claims() -> Vec<Claim> {
	vec![
		Claim::Plan(b"GOLD-2026".to_vec()),
		Claim::Member(b"M-0012345".to_vec()),
		Claim::Coverage(CoverageClass::Telemedicine),
		Claim::Coverage(CoverageClass::Inpatient),
		Claim::Period { start: START, end: START + YEAR },
	]
}

/// The salt of claim `i`: no 32 bytes that storage holds anyway (a parent hash of zeros).
fn salt(i: usize) -> [u8; 32] {
	[0xa0 + i as u8; 32]
}

fn leaves() -> Vec<Hash> {
	let claims = claims();
	(0..coverage::CLAIM_TREE_LEAVES as usize)
		.map(|i| match claims.get(i) {
			Some(claim) => coverage::claim_leaf_hash(claim, &salt(i)),
			None => [0xee; 32],
		})
		.collect()
}

fn root() -> Hash {
	coverage::claim_tree_root(&leaves()).expect("32 leaves")
}

/// `AGENT` attests the test coverage for `PATIENT`, from now for a year; its id.
fn attest() -> AttestationId {
	let id = crate::NextAttestationId::<Test>::get();
	assert_ok!(Insurance::attest(origin(AGENT), PATIENT, root(), START, START + YEAR));
	id
}

fn status(id: AttestationId) -> Result<InForce<u64>, NotInForce> {
	Insurance::coverage_status(id)
}

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

/// The chain's storage after an attestation holds the root, the period, the patient and the
/// insurer: no claim value and no salt, in any key or value of the pallet.
#[test]
fn storage_holds_no_claim_value_and_no_salt() {
	ExtBuilder::default().build_and_execute(|| {
		attest();
		// Every key and value in storage, of every pallet.
		let mut everything = Vec::new();
		let mut key = Vec::new();
		while let Some(next) = sp_io::storage::next_key(&key) {
			everything.extend_from_slice(&next);
			everything.extend_from_slice(&sp_io::storage::get(&next).unwrap_or_default());
			key = next;
		}
		let contains = |needle: &[u8]| everything.windows(needle.len()).any(|w| w == needle);
		assert!(contains(&root()), "the commitment is stored (the search works)");
		for (i, claim) in claims().iter().enumerate() {
			assert!(!contains(&salt(i)), "the salt of {claim:?}");
			if let Claim::Plan(text) | Claim::Member(text) = claim {
				assert!(!contains(text), "{claim:?} in clear");
			}
			assert!(!contains(&coverage::claim_leaf_hash(claim, &salt(i))), "a leaf hash");
		}
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
fn suspend_reinstate_revoke_and_their_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		assert_noop!(Insurance::reinstate(origin(AGENT), id), Error::<Test>::NotSuspended);
		assert_ok!(Insurance::suspend(origin(OTHER_AGENT), id));
		assert_eq!(last_event(), Event::Suspended { attestation: id, by: OTHER_AGENT });
		assert_eq!(status(id), Err(NotInForce::Suspended));
		assert_noop!(Insurance::suspend(origin(AGENT), id), Error::<Test>::NotActive);
		assert_ok!(Insurance::reinstate(origin(AGENT), id));
		assert_eq!(last_event(), Event::Reinstated { attestation: id, by: AGENT });
		assert!(status(id).is_ok());
		assert_ok!(Insurance::suspend(origin(AGENT), id));
		assert_ok!(Insurance::revoke(origin(INSURER), id));
		assert_eq!(last_event(), Event::Revoked { attestation: id, by: INSURER });
		assert_eq!(status(id), Err(NotInForce::Revoked));
		assert_noop!(Insurance::revoke(origin(AGENT), id), Error::<Test>::Final);
		assert_noop!(Insurance::suspend(origin(AGENT), id), Error::<Test>::Final);
		assert_noop!(Insurance::reinstate(origin(AGENT), id), Error::<Test>::Final);
		assert_noop!(
			Insurance::renew(origin(AGENT), id, root(), START, START + YEAR),
			Error::<Test>::Final
		);
		for call in [Insurance::suspend, Insurance::revoke, Insurance::reinstate] {
			assert_noop!(call(origin(AGENT), 99), Error::<Test>::AttestationNotFound);
		}
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
fn status_follows_the_period_without_a_transaction() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Insurance::attest(origin(AGENT), PATIENT, root(), START + DAY, START + YEAR));
		assert_eq!(status(0), Err(NotInForce::NotYetStarted));
		Now::set(START + DAY);
		assert!(status(0).is_ok());
		Now::set(START + YEAR - 1);
		assert!(status(0).is_ok());
		Now::set(START + YEAR);
		assert_eq!(status(0), Err(NotInForce::Expired));
		assert_eq!(status(7), Err(NotInForce::AttestationNotFound));
	});
}

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

#[test]
fn claims_verify_against_the_commitment_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		let leaves = leaves();
		for (i, claim) in claims().iter().enumerate() {
			let proof = coverage::claim_proof(&leaves, i as u8).expect("a leaf");
			assert_eq!(Insurance::verify_claim(id, claim, &salt(i), &proof), Ok(()));
		}
		let proof = coverage::claim_proof(&leaves, 2).expect("a leaf");
		let telemedicine = Claim::Coverage(CoverageClass::Telemedicine);
		// Not in the commitment: dental is not covered.
		assert_eq!(
			Insurance::verify_claim(id, &Claim::Coverage(CoverageClass::Dental), &salt(2), &proof),
			Err(ClaimError::Proof(ProofError::RootMismatch))
		);
		// A changed value.
		let plan_proof = coverage::claim_proof(&leaves, 0).expect("a leaf");
		assert_eq!(
			Insurance::verify_claim(id, &Claim::Plan(b"PLATINUM".to_vec()), &salt(0), &plan_proof),
			Err(ClaimError::Proof(ProofError::RootMismatch))
		);
		assert_eq!(
			Insurance::verify_claim(id + 1, &telemedicine, &salt(2), &proof),
			Err(ClaimError::AttestationNotFound)
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

#[test]
fn refuse_insurer_and_allow_insurer_fail_as_they_should() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Insurance::refuse_insurer(origin(PATIENT), 77),
			Error::<Test>::OrganisationNotFound
		);
		assert_noop!(
			Insurance::allow_insurer(origin(PATIENT), INSURER_ORG),
			Error::<Test>::NotRefused
		);
		assert_noop!(
			Insurance::refuse_insurer(origin(POOR), INSURER_ORG),
			Error::<Test>::InsufficientBalance
		);
		// One patient's refusal is theirs alone: another cannot lift it.
		assert_ok!(Insurance::refuse_insurer(origin(PATIENT), INSURER_ORG));
		assert_noop!(
			Insurance::allow_insurer(origin(OTHER_PATIENT), INSURER_ORG),
			Error::<Test>::NotRefused
		);
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

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	ExtBuilder::default().build_and_execute(|| {
		<Insurance as Hooks<u64>>::integrity_test();
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

/// The storage version, and version 0's refusals (the deposit alone) rewritten with their
/// patient as depositor; running the migration again does nothing.
#[test]
fn migration_from_v0_names_each_refusals_patient_as_its_depositor() {
	use crate::{
		migrations::{v0, MigrateV0ToV1},
		Pallet, RefusedInsurers, STORAGE_VERSION,
	};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	assert_eq!(STORAGE_VERSION, 1);
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Insurance::refuse_insurer(origin(PATIENT), INSURER_ORG));
		RefusedInsurers::<Test>::remove(PATIENT, INSURER_ORG);
		v0::RefusedInsurers::<Test>::insert(PATIENT, INSURER_ORG, REFUSAL_DEPOSIT);
		StorageVersion::new(0).put::<Pallet<Test>>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		let refusal = RefusedInsurers::<Test>::get(PATIENT, INSURER_ORG).unwrap();
		assert_eq!((refusal.depositor, refusal.deposit), (PATIENT, REFUSAL_DEPOSIT));
		let db = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db.reads(1));
		// The deposit still returns to the patient.
		assert_ok!(Insurance::allow_insurer(origin(PATIENT), INSURER_ORG));
		assert_eq!(Balances::balance_on_hold(&HoldReason::RefusalDeposit.into(), &PATIENT), 0);
	});
}
