//! The auditors' questions, answered a page at a time.

use super::*;

/// The auditor's questions: which versions were in force at each milestone, whether a SAP
/// was anchored before unblinding, and what changed after first enrolment, and why.
#[test]
fn auditors_see_what_was_in_force_and_what_changed_after_enrolment() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		anchor(DocumentKind::StatisticalAnalysisPlan, 2, ChangeReason::Initial);
		assert_eq!(Trials::in_force_at(&id(NCT), Milestone::FirstEnrolment), None);
		assert_eq!(changes_after(Milestone::FirstEnrolment), None);
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
		assert_eq!(
			changes_after(Milestone::FirstEnrolment).expect("reached"),
			vec![
				(sap, 2, ChangeReason::SubstantialAmendment),
				(DocumentKind::Protocol, 2, ChangeReason::NonSubstantialAmendment),
				(sap, 3, ChangeReason::Correction),
			]
		);
		assert_eq!(changes_after(Milestone::ResultsPosted), None);
	});
}

/// A sponsor's agent can anchor as many versions and checkpoints as it pays for; no answer
/// reads more than a page of them: lineages, the documents and the changes come a page at a
/// time (at most `MaxPageSize` items), and whether a checkpoint is in the log is a few reads
/// however long the log.
#[test]
fn attack_a_long_record_is_answered_a_page_at_a_time() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 0, ChangeReason::Initial);
		milestone(Milestone::FirstEnrolment);
		for byte in 1..=10 {
			anchor(DocumentKind::Protocol, byte, ChangeReason::Correction);
		}
		let first = Trials::lineage(&id(NCT), DocumentKind::Protocol, None, u32::MAX);
		assert_eq!((first.items.len(), first.next), (PAGE as usize, Some(PAGE)));
		assert_eq!(lineage(DocumentKind::Protocol).len(), 11);
		// A page scans at most `MaxPageSize` sequence numbers (one of these is the milestone's).
		let page = Trials::documents(&id(NCT), None, 1_000);
		assert_eq!((page.items.len(), page.next), (PAGE as usize - 1, Some(PAGE)));
		assert_eq!(documents().len(), 11);
		assert_eq!(changes_after(Milestone::FirstEnrolment).map(|all| all.len()), Some(10));
		let tree = merkle_log::Tree::from_leaves(leaves(0..40));
		for log_size in 1..=40 {
			checkpoint(&tree, log_size);
		}
		for index in 0..40 {
			assert_eq!(Trials::in_log(&id(NCT), index), Some(true));
		}
		assert_ok!(Trials::force_rewind_log(RuntimeOrigin::root(), id(NCT), Some(9)));
		for index in 0..40 {
			assert_eq!(Trials::in_log(&id(NCT), index), Some(index <= 9), "checkpoint {index}");
		}
		// An unknown trial answers empty pages.
		assert_eq!(Trials::documents(&id(b"NCT00000001"), None, PAGE).items.len(), 0);
		assert_eq!(Trials::voidings(&id(b"NCT00000001"), None, PAGE).next, None);
	});
}
