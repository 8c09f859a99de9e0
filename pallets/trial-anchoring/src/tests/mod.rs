//! Unit tests of every call and every error, one file per area, and the attacks the threat
//! model names: a rogue agent of another sponsor, an agent who left, a sponsor whose
//! accreditation ended, a sponsor rewriting its own data log, a squatter poisoning a trial's
//! record.

mod checkpoints;
mod consortium;
mod deposits;
mod documents;
mod migrations;
mod milestones;
mod queries;
mod registration;

pub(crate) use crate::{
	merkle_log, mock::*, AccreditationError, AnchorRef, ChangeReason, DocumentKind, Error, Event,
	Hash, HoldReason, InclusionError, Milestone, ProofError, TrialId, VoidReason,
};
pub(crate) use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
pub(crate) use pallet_registry::Role;

pub(crate) const NCT: &[u8] = b"NCT04368728";

pub(crate) fn id(raw: &[u8]) -> TrialId {
	TrialId::truncate_from(raw.to_vec())
}

pub(crate) fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(crate) fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AnchorDeposit.into(), &who)
}

pub(crate) fn doc(byte: u8) -> Hash {
	[byte; 32]
}

pub(crate) fn register() {
	assert_ok!(Trials::register_trial(origin(CRO_AGENT), id(NCT)));
}

pub(crate) fn anchor(kind: DocumentKind, byte: u8, reason: ChangeReason) {
	assert_ok!(Trials::anchor_document(origin(CRO_AGENT), id(NCT), kind, doc(byte), reason));
}

pub(crate) fn milestone(milestone: Milestone) {
	assert_ok!(Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), milestone));
}

pub(crate) fn leaves(range: core::ops::Range<u64>) -> Vec<Hash> {
	range
		.map(|i| merkle_log::record_leaf_hash(&[i as u8; 32], &[7; 32], &format!("batch/{i}.csv")))
		.collect()
}

pub(crate) fn proof(hashes: Vec<Hash>) -> crate::ConsistencyProof {
	BoundedVec::try_from(hashes).expect("at most 64 hashes")
}

/// Anchor the first `size` leaves of `tree` as the next checkpoint, with the right proof.
pub(crate) fn checkpoint(tree: &merkle_log::Tree, size: u64) {
	let info = Trials::trial(&id(NCT)).expect("registered");
	let consistency = tree.consistency_proof(info.log_size, size).expect("within the tree");
	assert_ok!(Trials::anchor_checkpoint(
		origin(CRO_AGENT),
		id(NCT),
		size,
		tree.root_at(size).expect("within the tree"),
		proof(consistency)
	));
}

pub(crate) fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Trials(event) => Some(event),
			_ => None,
		})
		.expect("an event of the pallet")
}

/// Every version of `kind` in the current holder's lineage: (version, hash, replaces), page
/// by page.
pub(crate) fn lineage(kind: DocumentKind) -> Vec<(u32, Hash, Option<u32>)> {
	let mut all = Vec::new();
	let mut cursor = None;
	loop {
		let page = Trials::lineage(&id(NCT), kind, cursor, PAGE);
		assert!(page.items.len() <= PAGE as usize, "a page longer than the page size");
		all.extend(page.items.into_iter().map(|(v, d)| (v, d.document_hash, d.replaces)));
		match page.next {
			Some(next) => cursor = Some(next),
			None => return all,
		}
	}
}

/// Every document version of the trial, page by page: (tenure, kind, version, seq, void).
pub(crate) fn documents() -> Vec<(u32, DocumentKind, u32, u32, bool)> {
	collect(|cursor| Trials::documents(&id(NCT), cursor, PAGE))
}

/// What `changes_after(milestone)` lists, page by page: (kind, version, reason); `None` if not
/// reached.
pub(crate) fn changes_after(
	milestone: Milestone,
) -> Option<Vec<(DocumentKind, u32, ChangeReason)>> {
	Trials::changes_after(&id(NCT), milestone, None, PAGE)?;
	let mut all = Vec::new();
	let mut cursor = None;
	loop {
		let page = Trials::changes_after(&id(NCT), milestone, cursor, PAGE).expect("reached");
		assert!(page.items.len() <= PAGE as usize, "a page longer than the page size");
		all.extend(page.items.into_iter().map(|e| (e.key.kind, e.key.version, e.document.reason)));
		match page.next {
			Some(next) => cursor = Some(next),
			None => return Some(all),
		}
	}
}

/// Read every page of a list of document entries.
fn collect(
	page: impl Fn(Option<u32>) -> crate::Page<crate::DocumentEntryOf<Test>, u32>,
) -> Vec<(u32, DocumentKind, u32, u32, bool)> {
	let mut all = Vec::new();
	let mut cursor = None;
	loop {
		let page = page(cursor);
		assert!(page.items.len() <= PAGE as usize, "a page longer than the page size");
		all.extend(
			page.items.into_iter().map(|e| {
				(e.key.tenure, e.key.kind, e.key.version, e.document.anchored.seq, e.void)
			}),
		);
		match page.next {
			Some(next) => cursor = Some(next),
			None => return all,
		}
	}
}

#[test]
fn integrity_test_passes_for_the_mock() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::Hooks;
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	});
}
