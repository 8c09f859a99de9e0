//! Document versions and their lineage.

use super::*;

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
		assert_eq!(lineage(DocumentKind::Protocol), vec![(1, doc(1), None), (2, doc(3), Some(1))]);
		assert_eq!(
			documents(),
			vec![
				(0, DocumentKind::Protocol, 1, 1, false),
				(0, DocumentKind::StatisticalAnalysisPlan, 1, 2, false),
				(0, DocumentKind::Protocol, 2, 3, false)
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
			Error::<Test>::TrialNotFound
		);
		assert_ok!(Registry::add_agent(origin(PHARMA), PHARMA_ORG, POOR));
		assert_ok!(Registry::accept_invitation(origin(POOR), PHARMA_ORG));
		assert_noop!(
			try_anchor(POOR, DocumentKind::Protocol, 2, ChangeReason::Correction),
			Error::<Test>::InsufficientBalance
		);
	});
}
