//! Unit tests of every call and every error, and the attacks the threat model names: a rogue
//! agent of another sponsor, an agent who left, a sponsor whose accreditation ended, and a
//! sponsor rewriting its own data log.

use crate::{
	merkle_log, mock::*, AccreditationError, ChangeReason, DocumentKind, Error, Event, Hash,
	HoldReason, InclusionError, Milestone, ProofError, TrialId,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};
use pallet_registry::Role;

const NCT: &[u8] = b"NCT04368728";

fn id(raw: &[u8]) -> TrialId {
	TrialId::truncate_from(raw.to_vec())
}

fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AnchorDeposit.into(), &who)
}

fn doc(byte: u8) -> Hash {
	[byte; 32]
}

fn register() {
	assert_ok!(Trials::register_trial(origin(CRO_AGENT), id(NCT)));
}

fn anchor(kind: DocumentKind, byte: u8, reason: ChangeReason) {
	assert_ok!(Trials::anchor_document(origin(CRO_AGENT), id(NCT), kind, doc(byte), reason));
}

fn milestone(milestone: Milestone) {
	assert_ok!(Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), milestone));
}

fn leaves(range: core::ops::Range<u64>) -> Vec<Hash> {
	range
		.map(|i| merkle_log::record_leaf_hash(&[i as u8; 32], &[7; 32], &format!("batch/{i}.csv")))
		.collect()
}

fn proof(hashes: Vec<Hash>) -> crate::ConsistencyProof {
	BoundedVec::try_from(hashes).expect("at most 64 hashes")
}

/// Anchor the first `size` leaves of `tree` as the next checkpoint, with the right proof.
fn checkpoint(tree: &merkle_log::Tree, size: u64) {
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

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Trials(event) => Some(event),
			_ => None,
		})
		.expect("an event of the pallet")
}

#[test]
fn an_accredited_sponsors_agent_registers_a_trial_and_pays_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let trial = Trials::trial(&id(NCT)).expect("registered");
		assert_eq!(trial.sponsor, PHARMA_ORG);
		assert_eq!(trial.registered_by, CRO_AGENT);
		assert_eq!((trial.log_size, trial.log_root), (0, merkle_log::empty_root()));
		assert_eq!(held(CRO_AGENT), TRIAL_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::TrialRegistered { trial: id(NCT), sponsor: PHARMA_ORG, by: CRO_AGENT }
		);
		// An EU CT number too.
		assert_ok!(Trials::register_trial(origin(PHARMA_AGENT), id(b"2023-503245-41-00")));
	});
}

#[test]
fn registration_refuses_bad_ids_duplicates_and_the_unaccredited() {
	ExtBuilder::default().build_and_execute(|| {
		for bad in [&b"NCT123"[..], b"nct04368728", b"ISRCTN1234567", b"2023-503245-41-0X", b""] {
			assert_noop!(
				Trials::register_trial(origin(CRO_AGENT), id(bad)),
				Error::<Test>::InvalidTrialId
			);
		}
		register();
		// Nobody registers the same trial twice, not even its rival claiming it first.
		assert_noop!(
			Trials::register_trial(origin(RIVAL), id(NCT)),
			Error::<Test>::AlreadyRegistered
		);
		assert_noop!(
			Trials::register_trial(origin(HOSPITAL), id(b"NCT00000001")),
			Error::<Test>::Accreditation(AccreditationError::NotAccredited)
		);
		assert_noop!(
			Trials::register_trial(origin(NOBODY), id(b"NCT00000001")),
			Error::<Test>::Accreditation(AccreditationError::NotAnAgent)
		);
	});
}

#[test]
fn registration_needs_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::add_agent(origin(PHARMA), PHARMA_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), PHARMA_ORG));
		assert_noop!(
			Trials::register_trial(origin(POOR), id(NCT)),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn documents_get_versions_each_replacing_the_last_with_its_reason() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		assert_eq!(
			last_event(),
			Event::DocumentAnchored {
				trial: id(NCT),
				kind: DocumentKind::Protocol,
				version: 1,
				replaces: None,
				document_hash: doc(1),
				reason: ChangeReason::Initial,
				by: CRO_AGENT,
			}
		);
		anchor(DocumentKind::StatisticalAnalysisPlan, 2, ChangeReason::Initial);
		anchor(DocumentKind::Protocol, 3, ChangeReason::SubstantialAmendment);
		assert_eq!(
			last_event(),
			Event::DocumentAnchored {
				trial: id(NCT),
				kind: DocumentKind::Protocol,
				version: 2,
				replaces: Some(1),
				document_hash: doc(3),
				reason: ChangeReason::SubstantialAmendment,
				by: CRO_AGENT,
			}
		);
		let lineage = Trials::lineage(&id(NCT), DocumentKind::Protocol);
		assert_eq!(
			lineage.iter().map(|(v, d)| (*v, d.document_hash, d.replaces)).collect::<Vec<_>>(),
			vec![(1, doc(1), None), (2, doc(3), Some(1))]
		);
		let all = Trials::documents(&id(NCT));
		assert_eq!(
			all.iter().map(|(k, v, d)| (*k, *v, d.anchored.seq)).collect::<Vec<_>>(),
			vec![
				(DocumentKind::Protocol, 1, 1),
				(DocumentKind::StatisticalAnalysisPlan, 1, 2),
				(DocumentKind::Protocol, 2, 3)
			]
		);
		assert_eq!(held(CRO_AGENT), TRIAL_DEPOSIT + 3 * DOCUMENT_DEPOSIT);
	});
}

#[test]
fn a_document_needs_the_right_reason_a_change_and_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let try_anchor = |who, kind, byte, reason| {
			Trials::anchor_document(origin(who), id(NCT), kind, doc(byte), reason)
		};
		assert_noop!(
			try_anchor(CRO_AGENT, DocumentKind::Protocol, 1, ChangeReason::Correction),
			Error::<Test>::InvalidReason
		);
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		assert_noop!(
			try_anchor(CRO_AGENT, DocumentKind::Protocol, 2, ChangeReason::Initial),
			Error::<Test>::InvalidReason
		);
		assert_noop!(
			try_anchor(CRO_AGENT, DocumentKind::Protocol, 1, ChangeReason::Correction),
			Error::<Test>::Unchanged
		);
		assert_noop!(
			Trials::anchor_document(
				origin(CRO_AGENT),
				id(b"NCT00000001"),
				DocumentKind::Protocol,
				doc(1),
				ChangeReason::Initial
			),
			Error::<Test>::UnknownTrial
		);
		assert_ok!(Registry::add_agent(origin(PHARMA), PHARMA_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), PHARMA_ORG));
		assert_noop!(
			try_anchor(POOR, DocumentKind::Protocol, 2, ChangeReason::Correction),
			Error::<Test>::InsufficientBalance
		);
	});
}

/// A rogue agent of another accredited sponsor, an unaccredited organisation's admin and a
/// stranger cannot anchor anything for a trial they do not sponsor: no document, no milestone,
/// no checkpoint.
#[test]
fn attack_only_the_sponsors_agents_anchor_for_its_trial() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		let tree = merkle_log::Tree::from_leaves(leaves(0..3));
		for (who, error) in [
			(RIVAL, Error::<Test>::NotSponsor),
			(HOSPITAL, Error::<Test>::Accreditation(AccreditationError::NotAccredited)),
			(NOBODY, Error::<Test>::Accreditation(AccreditationError::NotAnAgent)),
		] {
			let error = sp_runtime::DispatchError::from(error);
			assert_noop!(
				Trials::anchor_document(
					origin(who),
					id(NCT),
					DocumentKind::StatisticalAnalysisPlan,
					doc(9),
					ChangeReason::Initial
				),
				error
			);
			assert_noop!(
				Trials::anchor_milestone(origin(who), id(NCT), Milestone::FirstEnrolment),
				error
			);
			assert_noop!(
				Trials::anchor_checkpoint(origin(who), id(NCT), 3, tree.root(), proof(vec![])),
				error
			);
		}
	});
}

/// The permission ends with the representation and the accreditation behind it, checked when
/// it is used: an agent who left anchors nothing more; when the consortium suspends the
/// sponsor's accreditation (or the organisation), or it expires, its trials accept no anchor
/// until it is reinstated or renewed.
#[test]
fn attack_anchoring_ends_with_the_agency_and_the_accreditation() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		let try_sap = |who| {
			Trials::anchor_document(
				origin(who),
				id(NCT),
				DocumentKind::StatisticalAnalysisPlan,
				doc(2),
				ChangeReason::Initial,
			)
		};
		assert_ok!(Registry::remove_agent(origin(PHARMA), PHARMA_ORG, CRO_AGENT));
		assert_noop!(
			try_sap(CRO_AGENT),
			Error::<Test>::Accreditation(AccreditationError::NotAnAgent)
		);

		assert_ok!(Registry::suspend_accreditation(
			RuntimeOrigin::root(),
			PHARMA_ORG,
			Role::TrialSponsor
		));
		assert_noop!(
			try_sap(PHARMA_AGENT),
			Error::<Test>::Accreditation(AccreditationError::Suspended)
		);
		assert_noop!(
			Trials::anchor_milestone(origin(PHARMA_AGENT), id(NCT), Milestone::FirstEnrolment),
			Error::<Test>::Accreditation(AccreditationError::Suspended)
		);
		assert_ok!(Registry::reinstate_accreditation(
			RuntimeOrigin::root(),
			PHARMA_ORG,
			Role::TrialSponsor
		));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), PHARMA_ORG));
		assert_noop!(
			try_sap(PHARMA_AGENT),
			Error::<Test>::Accreditation(AccreditationError::OrganisationSuspended)
		);
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), PHARMA_ORG));
		assert_ok!(try_sap(PHARMA_AGENT));

		Now::set(START + 100 * DAY);
		assert_noop!(
			Trials::anchor_document(
				origin(PHARMA_AGENT),
				id(NCT),
				DocumentKind::InformedConsentForm,
				doc(3),
				ChangeReason::Initial
			),
			Error::<Test>::Accreditation(AccreditationError::Expired)
		);
	});
}

#[test]
fn milestones_are_anchored_once_in_order_after_a_protocol() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		assert_noop!(
			Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), Milestone::FirstEnrolment),
			Error::<Test>::NoProtocol
		);
		assert_noop!(
			Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), Milestone::DatabaseLock),
			Error::<Test>::MilestoneOutOfOrder
		);
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		milestone(Milestone::FirstEnrolment);
		assert_eq!(
			last_event(),
			Event::MilestoneReached {
				trial: id(NCT),
				milestone: Milestone::FirstEnrolment,
				log_size: 0,
				by: CRO_AGENT
			}
		);
		assert_noop!(
			Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), Milestone::FirstEnrolment),
			Error::<Test>::AlreadyReached
		);
		assert_noop!(
			Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), Milestone::Unblinding),
			Error::<Test>::MilestoneOutOfOrder
		);
		let tree = merkle_log::Tree::from_leaves(leaves(0..5));
		checkpoint(&tree, 5);
		milestone(Milestone::DatabaseLock);
		let lock = Trials::milestones(&id(NCT));
		assert_eq!(lock.len(), 2);
		assert_eq!((lock[1].1.log_size, lock[1].1.head), (5, Some(0)));
		milestone(Milestone::Unblinding);
		milestone(Milestone::ResultsPosted);
		// Milestones are covered by the registration deposit.
		assert_eq!(held(CRO_AGENT), TRIAL_DEPOSIT + DOCUMENT_DEPOSIT + CHECKPOINT_DEPOSIT);
	});
}

/// The auditor's questions: which versions were in force at each milestone, whether a SAP
/// was anchored before unblinding, and what changed after first enrolment, and why.
#[test]
fn auditors_see_what_was_in_force_and_what_changed_after_enrolment() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		anchor(DocumentKind::StatisticalAnalysisPlan, 2, ChangeReason::Initial);
		assert_eq!(Trials::in_force_at(&id(NCT), Milestone::FirstEnrolment), None);
		milestone(Milestone::FirstEnrolment);
		// In the same block, after enrolment: the sequence orders them.
		anchor(DocumentKind::StatisticalAnalysisPlan, 3, ChangeReason::SubstantialAmendment);
		System::set_block_number(2);
		anchor(DocumentKind::Protocol, 4, ChangeReason::NonSubstantialAmendment);
		milestone(Milestone::DatabaseLock);
		milestone(Milestone::Unblinding);
		anchor(DocumentKind::StatisticalAnalysisPlan, 5, ChangeReason::Correction);

		assert_eq!(
			Trials::in_force_at(&id(NCT), Milestone::FirstEnrolment),
			Some(vec![(DocumentKind::Protocol, 1), (DocumentKind::StatisticalAnalysisPlan, 1)])
		);
		assert_eq!(
			Trials::in_force_at(&id(NCT), Milestone::Unblinding),
			Some(vec![(DocumentKind::Protocol, 2), (DocumentKind::StatisticalAnalysisPlan, 2)])
		);
		let sap = DocumentKind::StatisticalAnalysisPlan;
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 2, Milestone::Unblinding), Some(true));
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 3, Milestone::Unblinding), Some(false));
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 4, Milestone::Unblinding), None);
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 1, Milestone::ResultsPosted), None);
		let changed = Trials::changes_after(&id(NCT), Milestone::FirstEnrolment).expect("reached");
		assert_eq!(
			changed.iter().map(|(k, v, d)| (*k, *v, d.reason)).collect::<Vec<_>>(),
			vec![
				(sap, 2, ChangeReason::SubstantialAmendment),
				(DocumentKind::Protocol, 2, ChangeReason::NonSubstantialAmendment),
				(sap, 3, ChangeReason::Correction),
			]
		);
		assert_eq!(Trials::changes_after(&id(NCT), Milestone::ResultsPosted), None);
	});
}

#[test]
fn checkpoints_grow_the_log_and_every_record_is_provable() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let tree = merkle_log::Tree::from_leaves(leaves(0..12));
		checkpoint(&tree, 5);
		assert_eq!(
			last_event(),
			Event::CheckpointAnchored {
				trial: id(NCT),
				index: 0,
				size: 5,
				root: tree.root_at(5).unwrap(),
				by: CRO_AGENT
			}
		);
		checkpoint(&tree, 12);
		let info = Trials::trial(&id(NCT)).unwrap();
		assert_eq!(
			(info.checkpoints, info.head, info.log_size, info.log_root),
			(2, Some(1), 12, tree.root())
		);
		assert_eq!(crate::Checkpoints::<Test>::get(id(NCT), 1).map(|c| c.parent), Some(Some(0)));
		assert_eq!(held(CRO_AGENT), TRIAL_DEPOSIT + 2 * CHECKPOINT_DEPOSIT);
		for (index, size) in [(0u32, 5u64), (1, 12)] {
			for leaf in 0..size {
				let path = tree.inclusion_proof(leaf, size).unwrap();
				let hash = tree.leaves()[leaf as usize];
				assert_eq!(Trials::verify_inclusion(&id(NCT), index, leaf, &hash, &path), Ok(()));
			}
		}
		let path = tree.inclusion_proof(7, 12).unwrap();
		let hash = tree.leaves()[7];
		// Record 7 is not in checkpoint 0 (5 records), another leaf is not record 7.
		assert_eq!(
			Trials::verify_inclusion(&id(NCT), 0, 7, &hash, &path),
			Err(InclusionError::Proof(ProofError::IndexOutOfRange))
		);
		assert!(Trials::verify_inclusion(&id(NCT), 1, 7, &tree.leaves()[6], &path).is_err());
		assert_eq!(
			Trials::verify_inclusion(&id(NCT), 2, 7, &hash, &path),
			Err(InclusionError::UnknownCheckpoint)
		);
		assert_eq!(
			Trials::verify_inclusion(&id(b"NCT00000001"), 0, 7, &hash, &path),
			Err(InclusionError::UnknownTrial)
		);
	});
}

/// The sponsor itself is the attacker here: after anchoring a checkpoint, it tries to anchor a
/// log in which an anchored record was changed, dropped or reordered (with the proof its own
/// rewritten log yields, and with the honest log's proof). Every attempt is refused with
/// `InconsistentLog` and changes nothing; the honest continuation is accepted.
#[test]
fn attack_a_sponsor_cannot_anchor_a_rewritten_log() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let honest = leaves(0..10);
		let tree = merkle_log::Tree::from_leaves(honest.clone());
		checkpoint(&tree, 6);
		let mut rewrites = Vec::new();
		let mut changed = honest.clone();
		changed[2][0] ^= 1;
		rewrites.push(changed);
		let mut dropped = honest.clone();
		dropped.remove(4);
		rewrites.push(dropped);
		let mut reordered = honest.clone();
		reordered.swap(0, 1);
		rewrites.push(reordered);
		for rewrite in rewrites {
			let forged = merkle_log::Tree::from_leaves(rewrite);
			let size = forged.len();
			for consistency in [
				forged.consistency_proof(6, size).unwrap(),
				tree.consistency_proof(6, size).unwrap(),
			] {
				assert_noop!(
					Trials::anchor_checkpoint(
						origin(CRO_AGENT),
						id(NCT),
						size,
						forged.root(),
						proof(consistency)
					),
					Error::<Test>::InconsistentLog
				);
			}
		}
		checkpoint(&tree, 10);
	});
}

#[test]
fn a_checkpoint_must_grow_the_log_and_prove_it() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let tree = merkle_log::Tree::from_leaves(leaves(0..8));
		let try_checkpoint = |size: u64, root: Hash, hashes: Vec<Hash>| {
			Trials::anchor_checkpoint(origin(CRO_AGENT), id(NCT), size, root, proof(hashes))
		};
		assert_noop!(
			try_checkpoint(0, merkle_log::empty_root(), vec![]),
			Error::<Test>::LogNotGrown
		);
		// The first checkpoint carries no proof: a proof there is refused.
		assert_noop!(
			try_checkpoint(3, tree.root_at(3).unwrap(), vec![[0; 32]]),
			Error::<Test>::InconsistentLog
		);
		checkpoint(&tree, 3);
		assert_noop!(
			try_checkpoint(3, tree.root_at(3).unwrap(), vec![]),
			Error::<Test>::LogNotGrown
		);
		assert_noop!(
			try_checkpoint(2, tree.root_at(2).unwrap(), vec![]),
			Error::<Test>::LogNotGrown
		);
		// No proof, a proof for other sizes, the right proof with another root.
		assert_noop!(try_checkpoint(8, tree.root(), vec![]), Error::<Test>::InconsistentLog);
		assert_noop!(
			try_checkpoint(8, tree.root(), tree.consistency_proof(2, 8).unwrap()),
			Error::<Test>::InconsistentLog
		);
		assert_noop!(
			try_checkpoint(1 << 63, tree.root(), tree.consistency_proof(3, 8).unwrap()),
			Error::<Test>::LogTooLarge
		);
		assert_noop!(
			Trials::anchor_checkpoint(
				origin(CRO_AGENT),
				id(b"NCT00000001"),
				1,
				[0; 32],
				proof(vec![])
			),
			Error::<Test>::UnknownTrial
		);
		assert_ok!(Registry::add_agent(origin(PHARMA), PHARMA_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), PHARMA_ORG));
		assert_noop!(
			Trials::anchor_checkpoint(
				origin(POOR),
				id(NCT),
				8,
				tree.root(),
				proof(tree.consistency_proof(3, 8).unwrap())
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

/// An agent of the sponsor (a careless temp, or one about to be removed) anchors a checkpoint of
/// records the sponsor does not hold: the chain cannot tell, and no honest log extends it. The
/// consortium rewinds the log to the last good checkpoint; the bad one stays stored, reads as
/// superseded, and proves nothing any more; the honest log goes on from the good one.
#[test]
fn attack_a_rogue_agent_freezes_the_log_and_the_consortium_rewinds_it() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let honest = merkle_log::Tree::from_leaves(leaves(0..8));
		checkpoint(&honest, 4);
		// The rogue checkpoint: the first four records, then made-up ones, to a huge size.
		let mut forged = honest.leaves()[..4].to_vec();
		forged.extend(leaves(100..104));
		let forged = merkle_log::Tree::from_leaves(forged);
		assert_ok!(Trials::anchor_checkpoint(
			origin(PHARMA_AGENT),
			id(NCT),
			8,
			forged.root(),
			proof(forged.consistency_proof(4, 8).unwrap())
		));
		// The honest continuation is now refused.
		assert_noop!(
			Trials::anchor_checkpoint(
				origin(CRO_AGENT),
				id(NCT),
				8,
				honest.root(),
				proof(honest.consistency_proof(4, 8).unwrap())
			),
			Error::<Test>::LogNotGrown
		);
		// Only the consortium rewinds, and only to a checkpoint that exists.
		assert_noop!(
			Trials::force_rewind_log(origin(PHARMA), id(NCT), Some(0)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), Some(7)),
			Error::<Test>::UnknownCheckpoint
		);
		assert_noop!(
			Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), Some(1)),
			Error::<Test>::AlreadyHead
		);
		assert_ok!(Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), Some(0)));
		assert_eq!(last_event(), Event::LogRewound { trial: id(NCT), from: Some(1), to: Some(0) });
		assert_eq!(Trials::in_log(&id(NCT), 1), Some(false));
		let path = forged.inclusion_proof(5, 8).unwrap();
		assert_eq!(
			Trials::verify_inclusion(&id(NCT), 1, 5, &forged.leaves()[5], &path),
			Err(InclusionError::Superseded)
		);
		// The honest log goes on from checkpoint 0, as checkpoint 2.
		checkpoint(&honest, 8);
		assert_eq!(crate::Checkpoints::<Test>::get(id(NCT), 2).map(|c| c.parent), Some(Some(0)));
		assert_eq!(
			(Trials::in_log(&id(NCT), 0), Trials::in_log(&id(NCT), 2)),
			(Some(true), Some(true))
		);
		assert_eq!(Trials::in_log(&id(NCT), 3), None);
		let path = honest.inclusion_proof(5, 8).unwrap();
		assert_eq!(Trials::verify_inclusion(&id(NCT), 2, 5, &honest.leaves()[5], &path), Ok(()));
		// Rewinding to the empty log is possible too.
		assert_ok!(Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), None));
		let info = Trials::trial(&id(NCT)).unwrap();
		assert_eq!((info.head, info.log_size), (None, 0));
	});
}

/// A rival sponsor registers another company's trial id first (registry ids are public and
/// sequential). The consortium transfers the trial to its real sponsor; what the squatter
/// anchored stays visible, before the sequence number from which the real sponsor holds it.
#[test]
fn attack_a_squatted_trial_id_is_transferred_by_the_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Trials::register_trial(origin(RIVAL), id(NCT)));
		assert_ok!(Trials::anchor_document(
			origin(RIVAL),
			id(NCT),
			DocumentKind::Protocol,
			doc(66),
			ChangeReason::Initial
		));
		assert_noop!(
			Trials::anchor_document(
				origin(CRO_AGENT),
				id(NCT),
				DocumentKind::Protocol,
				doc(1),
				ChangeReason::Correction
			),
			Error::<Test>::NotSponsor
		);
		assert_noop!(
			Trials::force_transfer_trial(origin(PHARMA), id(NCT), PHARMA_ORG),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Trials::force_transfer_trial(RuntimeOrigin::root(), id(NCT), 77),
			Error::<Test>::UnknownOrganisation
		);
		assert_noop!(
			Trials::force_transfer_trial(RuntimeOrigin::root(), id(NCT), RIVAL_ORG),
			Error::<Test>::AlreadySponsor
		);
		assert_noop!(
			Trials::force_transfer_trial(RuntimeOrigin::root(), id(b"NCT00000001"), PHARMA_ORG),
			Error::<Test>::UnknownTrial
		);
		assert_ok!(Trials::force_transfer_trial(RuntimeOrigin::root(), id(NCT), PHARMA_ORG));
		assert_eq!(
			last_event(),
			Event::TrialTransferred { trial: id(NCT), from: RIVAL_ORG, to: PHARMA_ORG }
		);
		let info = Trials::trial(&id(NCT)).unwrap();
		assert_eq!((info.sponsor, info.sponsor_since), (PHARMA_ORG, 2));
		// The rival is out; the real sponsor's agents anchor, after the squatter's version.
		assert_noop!(
			Trials::anchor_document(
				origin(RIVAL),
				id(NCT),
				DocumentKind::StatisticalAnalysisPlan,
				doc(67),
				ChangeReason::Initial
			),
			Error::<Test>::NotSponsor
		);
		anchor(DocumentKind::Protocol, 1, ChangeReason::Correction);
		let lineage = Trials::lineage(&id(NCT), DocumentKind::Protocol);
		assert_eq!(lineage[0].1.anchored.seq, 1);
		assert_eq!((lineage[1].1.anchored.seq, lineage[1].1.anchored_by), (2, CRO_AGENT));
	});
}

#[test]
fn integrity_test_passes_for_the_mock() {
	ExtBuilder::default().build_and_execute(|| {
		use frame_support::traits::Hooks;
		<crate::Pallet<Test> as Hooks<u64>>::integrity_test();
	});
}
