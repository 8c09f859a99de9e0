//! Milestones: in order, each once, after the documents they need, each with its deposit.

use super::*;

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
		assert_eq!(held(CRO_AGENT), TRIAL_DEPOSIT + DOCUMENT_DEPOSIT + MILESTONE_DEPOSIT);
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
		anchor(DocumentKind::StatisticalAnalysisPlan, 2, ChangeReason::Initial);
		milestone(Milestone::DatabaseLock);
		let lock = Trials::milestones(&id(NCT));
		assert_eq!(lock.len(), 2);
		assert_eq!((lock[1].1.log_size, lock[1].1.head), (5, Some(0)));
		milestone(Milestone::Unblinding);
		milestone(Milestone::ResultsPosted);
		// Each milestone holds its own deposit.
		assert_eq!(
			held(CRO_AGENT),
			TRIAL_DEPOSIT + 2 * DOCUMENT_DEPOSIT + CHECKPOINT_DEPOSIT + 4 * MILESTONE_DEPOSIT
		);
	});
}

/// ICH E9: the statistical analysis plan is final before the data are seen. Database lock and
/// unblinding are refused while the holder's lineage has no analysis plan; first enrolment
/// needs only the protocol (the plan may be finalised during the trial, and the audit flags
/// one anchored after enrolment).
#[test]
fn database_lock_and_unblinding_need_an_analysis_plan() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		milestone(Milestone::FirstEnrolment);
		assert_noop!(
			Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), Milestone::DatabaseLock),
			Error::<Test>::NoAnalysisPlan
		);
		anchor(DocumentKind::StatisticalAnalysisPlan, 2, ChangeReason::Initial);
		milestone(Milestone::DatabaseLock);
		milestone(Milestone::Unblinding);
	});
}

/// Unblinding too, when database lock was reached without one: a plan anchored in an earlier
/// tenure does not count (the consortium reclaimed the trial), so the new holder's unblinding
/// needs its own.
#[test]
fn unblinding_needs_the_holders_own_analysis_plan() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Trials::register_trial(origin(RIVAL), id(NCT)));
		for (kind, byte) in
			[(DocumentKind::Protocol, 1), (DocumentKind::StatisticalAnalysisPlan, 2)]
		{
			assert_ok!(Trials::anchor_document(
				origin(RIVAL),
				id(NCT),
				kind,
				doc(byte),
				ChangeReason::Initial
			));
		}
		assert_ok!(Trials::force_reclaim_trial(
			RuntimeOrigin::root(),
			id(NCT),
			PHARMA_ORG,
			VoidReason::Squatted
		));
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		milestone(Milestone::FirstEnrolment);
		for milestone in [Milestone::DatabaseLock, Milestone::Unblinding] {
			let error = if milestone == Milestone::DatabaseLock {
				Error::<Test>::NoAnalysisPlan
			} else {
				Error::<Test>::MilestoneOutOfOrder
			};
			assert_noop!(Trials::anchor_milestone(origin(CRO_AGENT), id(NCT), milestone), error);
		}
	});
}

/// A milestone records which version of each document of the holder's lineage was in force
/// when it was anchored, and holds its deposit from the agent; without the deposit, nothing.
#[test]
fn a_milestone_records_the_versions_in_force_and_needs_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		anchor(DocumentKind::InformedConsentForm, 2, ChangeReason::Initial);
		anchor(DocumentKind::Protocol, 3, ChangeReason::Correction);
		assert_ok!(Registry::add_agent(origin(PHARMA), PHARMA_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), PHARMA_ORG));
		assert_noop!(
			Trials::anchor_milestone(origin(POOR), id(NCT), Milestone::FirstEnrolment),
			Error::<Test>::InsufficientBalance
		);
		milestone(Milestone::FirstEnrolment);
		let record = crate::Milestones::<Test>::get(id(NCT), Milestone::FirstEnrolment).unwrap();
		assert_eq!(
			record.in_force.into_inner(),
			vec![(DocumentKind::Protocol, 2), (DocumentKind::InformedConsentForm, 1)]
		);
		assert_eq!((record.depositor, record.deposit), (CRO_AGENT, MILESTONE_DEPOSIT));
	});
}
