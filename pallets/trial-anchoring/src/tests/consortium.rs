//! What only the consortium does: rewind a frozen log, transfer a trial to a successor,
//! reclaim a squatted trial clean, withdraw a mistaken milestone.

use super::*;

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
			Error::<Test>::NotConsortium
		);
		assert_noop!(
			Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), Some(7)),
			Error::<Test>::CheckpointNotFound
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
			(Trials::in_log(&id(NCT), 0), Trials::in_log(&id(NCT), 1), Trials::in_log(&id(NCT), 2)),
			(Some(true), Some(false), Some(true))
		);
		// The superseded checkpoint is not the log's any more: no rewinding back onto it.
		assert_noop!(
			Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), Some(1)),
			Error::<Test>::NotInLog
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

/// A sponsor's successor (a merger, an acquisition): the consortium transfers the trial, and
/// everything anchored before stays in force, before the sequence number from which the new
/// sponsor holds it.
#[test]
fn a_trial_is_transferred_to_a_successor_with_everything_anchored() {
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
			Error::<Test>::NotConsortium
		);
		assert_noop!(
			Trials::force_transfer_trial(RuntimeOrigin::root(), id(NCT), 77),
			Error::<Test>::OrganisationNotFound
		);
		assert_noop!(
			Trials::force_transfer_trial(RuntimeOrigin::root(), id(NCT), RIVAL_ORG),
			Error::<Test>::AlreadySponsor
		);
		assert_noop!(
			Trials::force_transfer_trial(RuntimeOrigin::root(), id(b"NCT00000001"), PHARMA_ORG),
			Error::<Test>::TrialNotFound
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
		assert_eq!(lineage(DocumentKind::Protocol), vec![(1, doc(66), None), (2, doc(1), Some(1))]);
		assert_eq!(
			documents(),
			vec![
				(0, DocumentKind::Protocol, 1, 1, false),
				(0, DocumentKind::Protocol, 2, 2, false)
			]
		);
	});
}

/// The attack of the second review: an agent of another accredited sponsor registers a public
/// registry id first and, in one batch, anchors a protocol and every milestone up to results
/// posted (and a data log). A successor's transfer would leave the real sponsor unable to
/// anchor any milestone (`AlreadyReached`) and its analysis plan reading as written after
/// unblinding. The consortium reclaims the trial instead: everything the squatter anchored is
/// kept, attributed to it and void; the real sponsor's lineage, milestones and log start clean,
/// and the queries answer from them.
#[test]
fn attack_a_squatter_poisons_a_trial_and_the_consortium_gives_it_back_clean() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Trials::register_trial(origin(RIVAL), id(NCT)));
		for (kind, byte) in
			[(DocumentKind::Protocol, 60), (DocumentKind::StatisticalAnalysisPlan, 61)]
		{
			assert_ok!(Trials::anchor_document(
				origin(RIVAL),
				id(NCT),
				kind,
				doc(byte),
				ChangeReason::Initial
			));
		}
		let junk = merkle_log::Tree::from_leaves(leaves(200..203));
		assert_ok!(Trials::anchor_checkpoint(
			origin(RIVAL),
			id(NCT),
			3,
			junk.root(),
			proof(vec![])
		));
		for milestone in Milestone::ALL {
			assert_ok!(Trials::anchor_milestone(origin(RIVAL), id(NCT), milestone));
		}
		let squatter_held = held(RIVAL);
		assert_noop!(
			Trials::force_reclaim_trial(origin(PHARMA), id(NCT), PHARMA_ORG, VoidReason::Squatted),
			Error::<Test>::NotConsortium
		);
		assert_noop!(
			Trials::force_reclaim_trial(RuntimeOrigin::root(), id(NCT), 77, VoidReason::Squatted),
			Error::<Test>::OrganisationNotFound
		);
		assert_noop!(
			Trials::force_reclaim_trial(
				RuntimeOrigin::root(),
				id(b"NCT00000001"),
				PHARMA_ORG,
				VoidReason::Squatted
			),
			Error::<Test>::TrialNotFound
		);
		assert_ok!(Trials::force_reclaim_trial(
			RuntimeOrigin::root(),
			id(NCT),
			PHARMA_ORG,
			VoidReason::Squatted
		));
		assert_eq!(
			last_event(),
			Event::TrialReclaimed {
				trial: id(NCT),
				from: RIVAL_ORG,
				to: PHARMA_ORG,
				tenure: 1,
				reason: VoidReason::Squatted,
				voiding: 0,
			}
		);
		// Clean: no lineage, no milestone, an empty log; the squatter's deposits stay held.
		let info = Trials::trial(&id(NCT)).unwrap();
		assert_eq!((info.sponsor, info.tenure, info.head, info.log_size), (PHARMA_ORG, 1, None, 0));
		assert!(lineage(DocumentKind::Protocol).is_empty());
		assert!(Trials::milestones(&id(NCT)).is_empty());
		assert_eq!(Trials::in_log(&id(NCT), 0), Some(false));
		let sap = DocumentKind::StatisticalAnalysisPlan;
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 1, Milestone::Unblinding), None);
		assert_eq!(held(RIVAL), squatter_held);
		assert_noop!(
			Trials::anchor_milestone(origin(RIVAL), id(NCT), Milestone::FirstEnrolment),
			Error::<Test>::NotSponsor
		);

		// The real sponsor's own record, from version 1 and the first milestone.
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		anchor(sap, 2, ChangeReason::Initial);
		let tree = merkle_log::Tree::from_leaves(leaves(0..4));
		checkpoint(&tree, 4);
		for milestone in Milestone::ALL {
			self::milestone(milestone);
		}
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 1, Milestone::Unblinding), Some(true));
		assert_eq!(
			Trials::in_force_at(&id(NCT), Milestone::FirstEnrolment),
			Some(vec![(DocumentKind::Protocol, 1), (sap, 1)])
		);
		assert_eq!(lineage(DocumentKind::Protocol), vec![(1, doc(1), None)]);
		assert_eq!(
			(Trials::in_log(&id(NCT), 0), Trials::in_log(&id(NCT), 1)),
			(Some(false), Some(true))
		);
		let path = junk.inclusion_proof(0, 3).unwrap();
		assert_eq!(
			Trials::verify_inclusion(&id(NCT), 0, 0, &junk.leaves()[0], &path),
			Err(InclusionError::Superseded)
		);

		// Nothing was deleted: the squatter's versions are listed, void, and the voiding holds
		// its milestones, attributed.
		assert_eq!(
			documents(),
			vec![
				(0, DocumentKind::Protocol, 1, 1, true),
				(0, sap, 1, 2, true),
				(1, DocumentKind::Protocol, 1, 8, false),
				(1, sap, 1, 9, false),
			]
		);
		let voidings = Trials::voidings(&id(NCT), None, PAGE);
		assert_eq!(voidings.next, None);
		let (index, voiding) = &voidings.items[0];
		assert_eq!((*index, voiding.reason, voiding.at.seq), (0, VoidReason::Squatted, 7));
		let crate::Voided::Reclaimed {
			from,
			to,
			tenure,
			milestones,
			first_checkpoint,
			checkpoints,
		} = &voiding.voided
		else {
			panic!("a reclaim")
		};
		assert_eq!(
			(*from, *to, *tenure, *first_checkpoint, *checkpoints),
			(RIVAL_ORG, PHARMA_ORG, 0, 0, 1)
		);
		assert_eq!(
			milestones.iter().map(|(m, r)| (*m, r.anchored_by)).collect::<Vec<_>>(),
			Milestone::ALL.into_iter().map(|m| (m, RIVAL)).collect::<Vec<_>>()
		);
	});
}

/// A careless agent of the real sponsor anchors unblinding before the trial is unblinded (and
/// before the final analysis plan): the consortium withdraws it, with a reason, on the record;
/// the plan is amended, and unblinding anchored when it happens reads as after the plan.
#[test]
fn attack_a_premature_unblinding_is_withdrawn_by_the_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		anchor(DocumentKind::StatisticalAnalysisPlan, 2, ChangeReason::Initial);
		milestone(Milestone::FirstEnrolment);
		milestone(Milestone::DatabaseLock);
		milestone(Milestone::Unblinding);
		// The final plan now reads as written after unblinding, and nobody can fix it.
		anchor(DocumentKind::StatisticalAnalysisPlan, 3, ChangeReason::SubstantialAmendment);
		let sap = DocumentKind::StatisticalAnalysisPlan;
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 2, Milestone::Unblinding), Some(false));
		assert_noop!(
			Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), Milestone::Unblinding),
			Error::<Test>::AlreadyReached
		);
		assert_noop!(
			Trials::force_withdraw_milestone(
				origin(PHARMA),
				id(NCT),
				Milestone::Unblinding,
				VoidReason::AnchoredInError
			),
			Error::<Test>::NotConsortium
		);
		assert_noop!(
			Trials::force_withdraw_milestone(
				RuntimeOrigin::root(),
				id(NCT),
				Milestone::ResultsPosted,
				VoidReason::AnchoredInError
			),
			Error::<Test>::NotReached
		);
		assert_noop!(
			Trials::force_withdraw_milestone(
				RuntimeOrigin::root(),
				id(b"NCT00000001"),
				Milestone::Unblinding,
				VoidReason::AnchoredInError
			),
			Error::<Test>::TrialNotFound
		);
		let before = held(CRO_AGENT);
		assert_ok!(Trials::force_withdraw_milestone(
			RuntimeOrigin::root(),
			id(NCT),
			Milestone::Unblinding,
			VoidReason::AnchoredInError
		));
		assert_eq!(
			last_event(),
			Event::MilestonesWithdrawn {
				trial: id(NCT),
				milestones: vec![Milestone::Unblinding],
				reason: VoidReason::AnchoredInError,
				voiding: 0,
			}
		);
		// Kept, with its deposit, in the voiding.
		assert_eq!(held(CRO_AGENT), before);
		let voiding = Trials::voidings(&id(NCT), None, PAGE).items.remove(0).1;
		assert_eq!(voiding.reason, VoidReason::AnchoredInError);
		assert!(matches!(
			&voiding.voided,
			crate::Voided::MilestonesWithdrawn { milestones }
				if milestones.len() == 1 && milestones[0].0 == Milestone::Unblinding
		));
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 2, Milestone::Unblinding), None);
		milestone(Milestone::Unblinding);
		assert_eq!(Trials::anchored_before(&id(NCT), sap, 2, Milestone::Unblinding), Some(true));
		assert_eq!(
			Trials::in_force_at(&id(NCT), Milestone::Unblinding),
			Some(vec![(DocumentKind::Protocol, 1), (sap, 2)])
		);
		// Withdrawing an earlier milestone withdraws every later one with it.
		milestone(Milestone::ResultsPosted);
		assert_ok!(Trials::force_withdraw_milestone(
			RuntimeOrigin::root(),
			id(NCT),
			Milestone::DatabaseLock,
			VoidReason::Other
		));
		assert_eq!(
			Trials::milestones(&id(NCT)).into_iter().map(|(m, _)| m).collect::<Vec<_>>(),
			vec![Milestone::FirstEnrolment]
		);
		assert_eq!(Trials::trial(&id(NCT)).unwrap().voidings, 2);
	});
}

/// A reclaim to the same sponsor starts it afresh: for a record an agent made without the
/// sponsor's authority.
#[test]
fn a_trial_can_be_reclaimed_for_its_own_sponsor() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		assert_ok!(Trials::force_reclaim_trial(
			RuntimeOrigin::root(),
			id(NCT),
			PHARMA_ORG,
			VoidReason::Unauthorised
		));
		assert!(lineage(DocumentKind::Protocol).is_empty());
		anchor(DocumentKind::Protocol, 2, ChangeReason::Initial);
		assert_eq!(lineage(DocumentKind::Protocol), vec![(1, doc(2), None)]);
		assert_eq!(Trials::trial(&id(NCT)).unwrap().tenure, 1);
	});
}
