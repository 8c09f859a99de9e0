//! `register_organisation`, `update_profile`, `deregister_organisation`,
//! `suspend_organisation`, `reinstate_organisation`.

use super::*;
use crate::{
	Accreditations, AgentOf, Error, Event, HoldReason, OrganisationStatus, Organisations, Role,
};
use frame_support::{assert_noop, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

#[test]
fn register_organisation_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Registry::register_organisation(
			RuntimeOrigin::signed(ALICE),
			OrganisationKind::Laboratory,
			H256::repeat_byte(9)
		));
		let organisation = Organisations::<Test>::get(0).unwrap();
		assert_eq!(organisation.kind, OrganisationKind::Laboratory);
		assert_eq!(organisation.admin, ALICE);
		assert_eq!(organisation.profile_hash, H256::repeat_byte(9));
		assert_eq!(organisation.status, OrganisationStatus::Active);
		assert_eq!(organisation.deposit, ORG_DEPOSIT);
		assert_eq!(held(ALICE, HoldReason::OrganisationDeposit), ORG_DEPOSIT);
		assert_eq!(Registry::organisation_of(&ALICE), Some(0));
		System::assert_last_event(
			Event::OrganisationRegistered {
				organisation: 0,
				kind: OrganisationKind::Laboratory,
				admin: ALICE,
				profile_hash: H256::repeat_byte(9),
			}
			.into(),
		);
	});
}

#[test]
fn register_organisation_assigns_sequential_ids() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(register(ALICE), 0);
		assert_eq!(register(BOB), 1);
		assert_eq!(register(CHARLIE), 2);
	});
}

#[test]
fn register_organisation_fails_when_caller_already_acts_for_one() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
		for who in [ALICE, BOB] {
			assert_noop!(
				Registry::register_organisation(
					RuntimeOrigin::signed(who),
					OrganisationKind::Clinic,
					H256::zero()
				),
				Error::<Test>::AlreadyAgent
			);
		}
	});
}

#[test]
fn register_organisation_fails_when_deposit_cannot_be_paid() {
	ExtBuilder::default().with_balance(POOR, ORG_DEPOSIT / 2).build_and_execute(|| {
		assert_noop!(
			Registry::register_organisation(
				RuntimeOrigin::signed(POOR),
				OrganisationKind::Clinic,
				H256::zero()
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn register_organisation_fails_when_unsigned() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::register_organisation(
				RuntimeOrigin::none(),
				OrganisationKind::Clinic,
				H256::zero()
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn update_profile_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::update_profile(
			RuntimeOrigin::signed(ALICE),
			id,
			H256::repeat_byte(5)
		));
		assert_eq!(Organisations::<Test>::get(id).unwrap().profile_hash, H256::repeat_byte(5));
		System::assert_last_event(
			Event::ProfileUpdated { organisation: id, profile_hash: H256::repeat_byte(5) }.into(),
		);
	});
}

#[test]
fn update_profile_fails_when_not_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
		// An agent is not the admin, and neither is a stranger.
		for who in [BOB, CHARLIE] {
			assert_noop!(
				Registry::update_profile(RuntimeOrigin::signed(who), id, H256::zero()),
				Error::<Test>::NotAuthorized
			);
		}
	});
}

#[test]
fn update_profile_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::update_profile(RuntimeOrigin::signed(ALICE), 7, H256::zero()),
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn deregister_organisation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::Provider,
			DAY_LATER
		));
		assert_ok!(Registry::deregister_organisation(RuntimeOrigin::signed(ALICE), id));
		assert!(Organisations::<Test>::get(id).is_none());
		assert!(AgentOf::<Test>::get(ALICE).is_none());
		assert!(Accreditations::<Test>::get(id, Role::Provider).is_none());
		assert_eq!(held(ALICE, HoldReason::OrganisationDeposit), 0);
		System::assert_last_event(Event::OrganisationDeregistered { organisation: id }.into());
		// Ids are never reused.
		assert_eq!(register(ALICE), id + 1);
	});
}

#[test]
fn deregister_organisation_fails_when_it_has_agents() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
		assert_noop!(
			Registry::deregister_organisation(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::HasAgents
		);
	});
}

#[test]
fn deregister_organisation_fails_when_it_has_pending_invitations() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Registry::deregister_organisation(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::HasAgents
		);
	});
}

#[test]
fn deregister_organisation_fails_when_not_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::deregister_organisation(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn deregister_organisation_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::deregister_organisation(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn suspend_organisation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), id));
		assert_eq!(Organisations::<Test>::get(id).unwrap().status, OrganisationStatus::Suspended);
		System::assert_last_event(Event::OrganisationSuspended { organisation: id }.into());
	});
}

#[test]
fn suspend_organisation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		for who in [ALICE, BOB] {
			assert_noop!(
				Registry::suspend_organisation(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotConsortium
			);
		}
	});
}

#[test]
fn suspend_organisation_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::root(), 3),
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn suspend_organisation_fails_when_already_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), id));
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::root(), id),
			Error::<Test>::AlreadySuspended
		);
	});
}

#[test]
fn reinstate_organisation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), id));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), id));
		assert_eq!(Organisations::<Test>::get(id).unwrap().status, OrganisationStatus::Active);
		System::assert_last_event(Event::OrganisationReinstated { organisation: id }.into());
	});
}

#[test]
fn reinstate_organisation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), id));
		assert_noop!(
			Registry::reinstate_organisation(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotConsortium
		);
	});
}

#[test]
fn reinstate_organisation_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::reinstate_organisation(RuntimeOrigin::root(), 3),
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn reinstate_organisation_fails_when_not_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::reinstate_organisation(RuntimeOrigin::root(), id),
			Error::<Test>::NotSuspended
		);
	});
}
