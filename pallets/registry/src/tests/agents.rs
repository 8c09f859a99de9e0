//! `add_agent` (an invitation), `accept_invitation`, `remove_agent` and `leave_organisation`.

use super::*;
use crate::{Error, Event, HoldReason, Invitations, Organisations};
use frame_support::{assert_noop, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

fn agent_deposit_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AgentDeposit.into(), &who)
}

#[test]
fn add_agent_invites_and_the_invitee_acts_only_after_accepting() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		System::assert_last_event(
			Event::AgentInvited { organisation: id, agent: BOB, by: ALICE }.into(),
		);
		// Invited, not yet an agent: nobody acts for an organisation without agreeing.
		assert_eq!(Registry::organisation_of(&BOB), None);
		assert!(Invitations::<Test>::contains_key(id, BOB));
		assert_eq!(Organisations::<Test>::get(id).unwrap().invitations, 1);
		// The admin pays, not the agent.
		assert_eq!(agent_deposit_held(ALICE), AGENT_DEPOSIT);
		assert_eq!(agent_deposit_held(BOB), 0);

		assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(BOB), id));
		System::assert_last_event(Event::AgentAdded { organisation: id, agent: BOB }.into());
		assert_eq!(Registry::organisation_of(&BOB), Some(id));
		let organisation = Organisations::<Test>::get(id).unwrap();
		assert_eq!((organisation.agents, organisation.invitations), (1, 0));
		assert_eq!(Registry::agents_of(id).len(), 2);
		assert_eq!(agent_deposit_held(ALICE), AGENT_DEPOSIT);
	});
}

#[test]
fn add_agent_fails_when_not_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
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
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn add_agent_fails_when_account_already_acts_for_an_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		let first = register(ALICE);
		let second = register(BOB);
		add_agent(ALICE, first, CHARLIE);
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
fn add_agent_fails_when_already_invited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::AlreadyInvited
		);
	});
}

#[test]
fn add_agent_fails_when_too_many_agents_and_invitations() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		// Agents and pending invitations share the bound.
		add_agent(ALICE, id, 10);
		for agent in 11..10 + u64::from(MAX_AGENTS) {
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
fn accept_invitation_fails_when_not_invited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::accept_invitation(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotInvited
		);
	});
}

#[test]
fn accept_invitation_fails_when_already_acting_for_another_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		let first = register(ALICE);
		let second = register(BOB);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), first, CHARLIE));
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(BOB), second, CHARLIE));
		assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(CHARLIE), second));
		assert_noop!(
			Registry::accept_invitation(RuntimeOrigin::signed(CHARLIE), first),
			Error::<Test>::AlreadyAgent
		);
	});
}

#[test]
fn remove_agent_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
		assert_ok!(Registry::remove_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(Registry::organisation_of(&BOB), None);
		assert_eq!(Organisations::<Test>::get(id).unwrap().agents, 0);
		assert_eq!(agent_deposit_held(ALICE), 0);
		System::assert_last_event(
			Event::AgentRemoved { organisation: id, agent: BOB, by: ALICE }.into(),
		);
	});
}

#[test]
fn remove_agent_withdraws_an_invitation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Registry::remove_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		System::assert_last_event(
			Event::InvitationEnded { organisation: id, agent: BOB, by: ALICE }.into(),
		);
		assert!(!Invitations::<Test>::contains_key(id, BOB));
		assert_eq!(Organisations::<Test>::get(id).unwrap().invitations, 0);
		assert_eq!(agent_deposit_held(ALICE), 0);
		assert_noop!(
			Registry::accept_invitation(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotInvited
		);
	});
}

#[test]
fn remove_agent_fails_when_not_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
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
		add_agent(BOB, second, CHARLIE);
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
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn leave_organisation_works_and_returns_the_deposit_to_the_admin() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		add_agent(ALICE, id, BOB);
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(BOB), id));
		System::assert_last_event(
			Event::AgentRemoved { organisation: id, agent: BOB, by: BOB }.into(),
		);
		assert_eq!(Registry::organisation_of(&BOB), None);
		assert_eq!(agent_deposit_held(ALICE), 0);
		assert_eq!(Organisations::<Test>::get(id).unwrap().agents, 0);
	});
}

#[test]
fn leave_organisation_declines_an_invitation() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::add_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(BOB), id));
		System::assert_last_event(
			Event::InvitationEnded { organisation: id, agent: BOB, by: BOB }.into(),
		);
		assert_eq!(agent_deposit_held(ALICE), 0);
		assert_eq!(Organisations::<Test>::get(id).unwrap().invitations, 0);
	});
}

#[test]
fn leave_organisation_fails_for_the_admin_and_strangers() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::leave_organisation(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::CannotRemoveAdmin
		);
		assert_noop!(
			Registry::leave_organisation(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::AgentNotFound
		);
		assert_noop!(
			Registry::leave_organisation(RuntimeOrigin::signed(CHARLIE), 7),
			Error::<Test>::OrganisationNotFound
		);
	});
}
