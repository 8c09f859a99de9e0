//! Registering a trial, and who may anchor for it.

use super::*;

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
