//! `add_agent` and `remove_agent`.

use super::*;
use crate::{Error, Event, HoldReason, Organisations};
use frame_support::{assert_noop, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

fn agent_deposit_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AgentDeposit.into(), &who)
}

#[test]
fn add_agent_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(Registry::organisation_of(&BOB), Some(id));
		assert_eq!(Organisations::<Test>::get(id).unwrap().agents, 1);
		// The admin pays, not the agent.
		assert_eq!(agent_deposit_held(ALICE), AGENT_DEPOSIT);
		assert_eq!(agent_deposit_held(BOB), 0);
		assert_eq!(Registry::agents_of(id).len(), 2);
		System::assert_last_event(Event::AgentAdded { organisation: id, agent: BOB }.into());
	});
}

#[test]
fn add_agent_fails_when_not_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Registry::add_agent(RuntimeOrigin::signed(BOB), id, CHARLIE),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn add_agent_fails_when_unsigned() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(Registry::add_agent(RuntimeOrigin::root(), id, BOB), DispatchError::BadOrigin);
	});
}

#[test]
fn add_agent_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::add_agent(RuntimeOrigin::signed(ALICE), 4, BOB),
			Error::<Test>::NotFound
		);
	});
}

#[test]
fn add_agent_fails_when_account_already_acts_for_an_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		let first = register(ALICE);
		let second = register(BOB);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), first, CHARLIE));
		// Already an agent here, an agent elsewhere, and another organisation's admin.
		for (admin, id, agent) in
			[(ALICE, first, CHARLIE), (BOB, second, CHARLIE), (ALICE, first, BOB)]
		{
			assert_noop!(
				Registry::add_agent(RuntimeOrigin::signed(admin), id, agent),
				Error::<Test>::AlreadyAgent
			);
		}
	});
}

#[test]
fn add_agent_fails_when_too_many_agents() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		for agent in 10..10 + u64::from(MAX_AGENTS) {
			assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, agent));
		}
		assert_noop!(
			Registry::add_agent(RuntimeOrigin::signed(ALICE), id, 50),
			Error::<Test>::TooManyAgents
		);
	});
}

#[test]
fn add_agent_fails_when_deposit_cannot_be_paid() {
	// Enough for the registration and the existential deposit, not for an agent.
	ExtBuilder::default().with_balance(POOR, ORG_DEPOSIT + 1).build_and_execute(|| {
		let id = register(POOR);
		assert_noop!(
			Registry::add_agent(RuntimeOrigin::signed(POOR), id, BOB),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn remove_agent_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Registry::remove_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(Registry::organisation_of(&BOB), None);
		assert_eq!(Organisations::<Test>::get(id).unwrap().agents, 0);
		assert_eq!(agent_deposit_held(ALICE), 0);
		System::assert_last_event(Event::AgentRemoved { organisation: id, agent: BOB }.into());
	});
}

#[test]
fn remove_agent_fails_when_not_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Registry::remove_agent(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::NotAuthorized
		);
	});
}

#[test]
fn remove_agent_fails_when_removing_the_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::remove_agent(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::CannotRemoveAdmin
		);
	});
}

#[test]
fn remove_agent_fails_when_account_is_not_its_agent() {
	ExtBuilder::default().build_and_execute(|| {
		let first = register(ALICE);
		let second = register(BOB);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(BOB), second, CHARLIE));
		// A stranger, and another organisation's agent.
		for agent in [DAVE, CHARLIE] {
			assert_noop!(
				Registry::remove_agent(RuntimeOrigin::signed(ALICE), first, agent),
				Error::<Test>::AgentNotFound
			);
		}
	});
}

#[test]
fn remove_agent_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::remove_agent(RuntimeOrigin::signed(ALICE), 0, BOB),
			Error::<Test>::NotFound
		);
	});
}
