//! Unit tests of every call and every error, one file per area, the lifecycle as a verifier
//! reads it, and the attacks the threat model names (`attacks.rs`): a rogue agent of another
//! insurer, an agent attesting their own coverage, an agent who left, an insurer whose
//! accreditation ended, a stranger removing a patient's attestation, an insurer filling a
//! patient's list.

mod attacks;
mod attestations;
mod claims;
mod migrations;
mod refusals;
mod status;

pub(crate) use crate::{
	coverage, mock::*, AccreditationError, AttestationId, Attestations, AttestationsOf, Claim,
	ClaimError, CoverageClass, Error, Event, Hash, HoldReason, InForce, NotInForce, ProofError,
	Status,
};
pub(crate) use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
pub(crate) use pallet_registry::Role;

pub(crate) const YEAR: u64 = 365 * DAY;

pub(crate) fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AttestationDeposit.into(), &who)
}

pub(crate) fn last_event() -> Event<Test> {
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
pub(crate) fn claims() -> Vec<Claim> {
	vec![
		Claim::Plan(b"GOLD-2026".to_vec()),
		Claim::Member(b"M-0012345".to_vec()),
		Claim::Coverage(CoverageClass::Telemedicine),
		Claim::Coverage(CoverageClass::Inpatient),
		Claim::Period { start: START, end: START + YEAR },
	]
}

/// The salt of claim `i`: no 32 bytes that storage holds anyway (a parent hash of zeros).
pub(crate) fn salt(i: usize) -> [u8; 32] {
	[0xa0 + i as u8; 32]
}

pub(crate) fn leaves() -> Vec<Hash> {
	let claims = claims();
	(0..coverage::CLAIM_TREE_LEAVES as usize)
		.map(|i| match claims.get(i) {
			Some(claim) => coverage::claim_leaf_hash(claim, &salt(i)),
			None => [0xee; 32],
		})
		.collect()
}

pub(crate) fn root() -> Hash {
	coverage::claim_tree_root(&leaves()).expect("32 leaves")
}

/// `AGENT` attests the test coverage for `PATIENT`, from now for a year; its id.
pub(crate) fn attest() -> AttestationId {
	let id = crate::NextAttestationId::<Test>::get();
	assert_ok!(Insurance::attest(origin(AGENT), PATIENT, root(), START, START + YEAR));
	id
}

pub(crate) fn status(id: AttestationId) -> Result<InForce<u64>, NotInForce> {
	Insurance::coverage_status(id)
}

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	ExtBuilder::default().build_and_execute(|| {
		<Insurance as Hooks<u64>>::integrity_test();
	});
}
