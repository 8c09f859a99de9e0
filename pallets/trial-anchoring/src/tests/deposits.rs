//! Deposits that move: the sponsor's admin takes over what an agent who left paid.

use super::*;

/// An agent who anchored for the sponsor leaves; the admin takes over the deposit of each kind
/// of anchor (registration, document version, milestone, checkpoint): held from the admin,
/// released to the agent; who anchored does not change.
#[test]
fn the_sponsors_admin_takes_over_every_kind_of_anchor_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		anchor(DocumentKind::Protocol, 1, ChangeReason::Initial);
		milestone(Milestone::FirstEnrolment);
		checkpoint(&merkle_log::Tree::from_leaves(leaves(0..2)), 2);
		assert_eq!(
			held(CRO_AGENT),
			TRIAL_DEPOSIT + DOCUMENT_DEPOSIT + MILESTONE_DEPOSIT + CHECKPOINT_DEPOSIT
		);
		assert_ok!(Registry::remove_agent(origin(PHARMA), PHARMA_ORG, CRO_AGENT));
		for anchor in [
			AnchorRef::Registration,
			AnchorRef::Document { kind: DocumentKind::Protocol, version: 1 },
			AnchorRef::Milestone(Milestone::FirstEnrolment),
			AnchorRef::Checkpoint(0),
		] {
			assert_ok!(Trials::change_deposit_owner(origin(PHARMA), id(NCT), anchor));
			assert_eq!(
				last_event(),
				Event::DepositOwnerChanged { trial: id(NCT), anchor, from: CRO_AGENT, to: PHARMA }
			);
			assert_noop!(
				Trials::change_deposit_owner(origin(PHARMA), id(NCT), anchor),
				Error::<Test>::AlreadyDepositor
			);
		}
		assert_eq!(held(CRO_AGENT), 0);
		assert_eq!(
			held(PHARMA),
			TRIAL_DEPOSIT + DOCUMENT_DEPOSIT + MILESTONE_DEPOSIT + CHECKPOINT_DEPOSIT
		);
		let document =
			crate::Documents::<Test>::get(id(NCT), (0, DocumentKind::Protocol, 1)).unwrap();
		assert_eq!((document.anchored_by, document.depositor), (CRO_AGENT, PHARMA));
	});
}

#[test]
fn change_deposit_owner_fails_when_not_admin_unknown_or_unpaid() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		for who in [CRO_AGENT, RIVAL, NOBODY] {
			assert_noop!(
				Trials::change_deposit_owner(origin(who), id(NCT), AnchorRef::Registration),
				Error::<Test>::NotAdmin
			);
		}
		assert_noop!(
			Trials::change_deposit_owner(
				origin(PHARMA),
				id(b"NCT00000001"),
				AnchorRef::Registration
			),
			Error::<Test>::TrialNotFound
		);
		for (anchor, error) in [
			(
				AnchorRef::Document { kind: DocumentKind::Protocol, version: 1 },
				Error::<Test>::AnchorNotFound,
			),
			(AnchorRef::Milestone(Milestone::FirstEnrolment), Error::<Test>::NotReached),
			(AnchorRef::Checkpoint(0), Error::<Test>::CheckpointNotFound),
		] {
			assert_noop!(Trials::change_deposit_owner(origin(PHARMA), id(NCT), anchor), error);
		}
		// An admin who cannot pay changes nothing.
		let all = Balances::free_balance(PHARMA);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&PHARMA,
			&NOBODY,
			all - 1,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_noop!(
			Trials::change_deposit_owner(origin(PHARMA), id(NCT), AnchorRef::Registration),
			Error::<Test>::InsufficientBalance
		);
	});
}

/// After the consortium reclaims a squatted trial, the real sponsor's admin cannot take over
/// (and so release to the squatter) the squatter's deposits: its registration, its void
/// versions and checkpoints stay held from it.
#[test]
fn attack_a_squatters_deposits_stay_with_the_squatter() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Trials::register_trial(origin(RIVAL), id(NCT)));
		assert_ok!(Trials::anchor_document(
			origin(RIVAL),
			id(NCT),
			DocumentKind::Protocol,
			doc(60),
			ChangeReason::Initial
		));
		let junk = merkle_log::Tree::from_leaves(leaves(200..201));
		assert_ok!(Trials::anchor_checkpoint(
			origin(RIVAL),
			id(NCT),
			1,
			junk.root(),
			proof(vec![])
		));
		assert_ok!(Trials::force_reclaim_trial(
			RuntimeOrigin::root(),
			id(NCT),
			PHARMA_ORG,
			VoidReason::Squatted
		));
		let squatter_held = held(RIVAL);
		for (anchor, error) in [
			(AnchorRef::Registration, Error::<Test>::Void),
			(AnchorRef::Checkpoint(0), Error::<Test>::Void),
			// Version 1 of the current tenure does not exist: the squatter's is tenure 0's.
			(
				AnchorRef::Document { kind: DocumentKind::Protocol, version: 1 },
				Error::<Test>::AnchorNotFound,
			),
		] {
			assert_noop!(Trials::change_deposit_owner(origin(PHARMA), id(NCT), anchor), error);
		}
		assert_eq!(held(RIVAL), squatter_held);
	});
}
