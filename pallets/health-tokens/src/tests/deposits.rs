//! Deposits: the admin of the issuing organisation takes over a version's deposit from an
//! agent who has left, and removal returns each deposit to whoever holds it then.

use super::*;
use crate::{Error, Versions};
use frame_support::assert_noop;

/// A record issued by [`HOSPITAL_AGENT`] to [`PATIENT`], with a second version by the same
/// agent; the agent then leaves the hospital.
fn record_by_departed_agent() -> TokenId {
	assert_ok!(HealthTokens::issue_record(
		RuntimeOrigin::signed(HOSPITAL_AGENT),
		PATIENT,
		Role::Provider,
		doc(1)
	));
	let id = last_id();
	assert_ok!(HealthTokens::update(
		RuntimeOrigin::signed(HOSPITAL_AGENT),
		id,
		doc(2),
		crate::VersionReason::Amended,
		None
	));
	assert_ok!(Registry::remove_agent(
		RuntimeOrigin::signed(HOSPITAL),
		HOSPITAL_ORG,
		HOSPITAL_AGENT
	));
	id
}

#[test]
fn the_admin_takes_over_a_departed_agents_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record_by_departed_agent();
		let (agent_before, admin_before) = (held(HOSPITAL_AGENT), held(HOSPITAL));
		assert_eq!(agent_before, TOKEN_DEPOSIT + VERSION_DEPOSIT);

		assert_ok!(HealthTokens::change_deposit_owner(RuntimeOrigin::signed(HOSPITAL), id, 1));

		assert_eq!(
			last_event(),
			Event::DepositOwnerChanged {
				token: id,
				version: 1,
				from: HOSPITAL_AGENT,
				to: HOSPITAL
			}
		);
		assert_eq!(held(HOSPITAL_AGENT), agent_before - VERSION_DEPOSIT);
		assert_eq!(held(HOSPITAL), admin_before + VERSION_DEPOSIT);
		let version = Versions::<Test>::get(id, 1).unwrap();
		// Who wrote it is history: only who holds the deposit changes.
		assert_eq!((version.author, version.depositor), (HOSPITAL_AGENT, HOSPITAL));
		assert_eq!(Versions::<Test>::get(id, 0).unwrap().depositor, HOSPITAL_AGENT);
		HealthTokens::do_try_state().unwrap();
	});
}

/// A refused token stays stored (for whoever holds its documents), and so do its deposits,
/// with whoever holds them.
#[test]
fn a_refused_record_keeps_each_deposit_with_whoever_holds_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record_by_departed_agent();
		assert_ok!(HealthTokens::change_deposit_owner(RuntimeOrigin::signed(HOSPITAL), id, 0));
		let before = (held(HOSPITAL), held(HOSPITAL_AGENT));

		assert_ok!(HealthTokens::refuse(RuntimeOrigin::signed(PATIENT), id));

		assert_eq!((held(HOSPITAL), held(HOSPITAL_AGENT)), before);
		HealthTokens::do_try_state().unwrap();
	});
}

/// The attack: an agent (or another organisation's admin) moving deposits it does not
/// manage. Only the issuing organisation's admin may, and nothing changes otherwise.
#[test]
fn attack_only_the_issuers_admin_may_take_over_a_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record_by_departed_agent();
		for who in [HOSPITAL_AGENT, POOR, OTHER_HOSPITAL, LAB, PATIENT, NOBODY] {
			assert_noop!(
				HealthTokens::change_deposit_owner(RuntimeOrigin::signed(who), id, 0),
				Error::<Test>::NotAdmin
			);
		}
	});
}

#[test]
fn change_deposit_owner_refuses_what_it_cannot_do() {
	ExtBuilder::default().build_and_execute(|| {
		let id = record_by_departed_agent();
		let admin = RuntimeOrigin::signed(HOSPITAL);
		assert_noop!(
			HealthTokens::change_deposit_owner(admin.clone(), id + 1, 0),
			Error::<Test>::TokenNotFound
		);
		assert_noop!(
			HealthTokens::change_deposit_owner(admin.clone(), id, 2),
			Error::<Test>::VersionNotFound
		);
		assert_ok!(HealthTokens::change_deposit_owner(admin.clone(), id, 0));
		assert_noop!(
			HealthTokens::change_deposit_owner(admin, id, 0),
			Error::<Test>::AlreadyDepositor
		);
		// An admin who cannot pay the deposit changes nothing.
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), HOSPITAL, 1));
		assert_noop!(
			HealthTokens::change_deposit_owner(RuntimeOrigin::signed(HOSPITAL), id, 1),
			Error::<Test>::InsufficientBalance
		);
	});
}

/// A session is its practitioner's, issued under their own licence: no organisation takes
/// over its deposit.
#[test]
fn a_sessions_deposit_stays_with_its_practitioner() {
	ExtBuilder::default().build_and_execute(|| {
		license_doctor(1, 365);
		assert_ok!(HealthTokens::open_session(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			doc(2),
			None
		));
		let session = last_id();
		for who in [HOSPITAL, BOARD] {
			assert_noop!(
				HealthTokens::change_deposit_owner(RuntimeOrigin::signed(who), session, 0),
				Error::<Test>::NotSupportedForClass
			);
		}
	});
}
