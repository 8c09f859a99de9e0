//! `grant_accreditation`, `renew_accreditation`, `suspend_accreditation`,
//! `reinstate_accreditation`, `revoke_accreditation`.

use super::*;
use crate::{AccreditationStatus, Accreditations, Error, Event, Role};
use frame_support::assert_noop;

/// Organisation 0 (admin ALICE), accredited as a provider until [`DAY_LATER`].
fn accredited() -> OrganisationId {
	let id = register(ALICE);
	assert_ok!(Registry::grant_accreditation(RuntimeOrigin::root(), id, Role::Provider, DAY_LATER));
	id
}

fn status(id: OrganisationId) -> AccreditationStatus {
	Accreditations::<Test>::get(id, Role::Provider).unwrap().status
}

#[test]
fn grant_accreditation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::Provider,
			DAY_LATER
		));
		let accreditation = Accreditations::<Test>::get(id, Role::Provider).unwrap();
		assert_eq!(accreditation.valid_until, DAY_LATER);
		assert_eq!(accreditation.status, AccreditationStatus::Active);
		assert_eq!(accreditation.granted_at, 1);
		System::assert_last_event(
			Event::AccreditationGranted {
				organisation: id,
				role: Role::Provider,
				valid_until: DAY_LATER,
			}
			.into(),
		);
	});
}

#[test]
fn grant_accreditation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		// Not even the organisation's own admin may accredit it.
		for origin in
			[RuntimeOrigin::signed(ALICE), RuntimeOrigin::signed(BOB), RuntimeOrigin::none()]
		{
			assert_noop!(
				Registry::grant_accreditation(origin, id, Role::Provider, DAY_LATER),
				Error::<Test>::NotConsortium
			);
		}
	});
}

#[test]
fn grant_accreditation_fails_when_organisation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Registry::grant_accreditation(RuntimeOrigin::root(), 0, Role::Provider, DAY_LATER),
			Error::<Test>::OrganisationNotFound
		);
	});
}

#[test]
fn grant_accreditation_fails_when_already_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::grant_accreditation(RuntimeOrigin::root(), id, Role::Provider, DAY_LATER + 1),
			Error::<Test>::AlreadyAccredited
		);
	});
}

#[test]
fn grant_accreditation_fails_when_expiry_not_in_future() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		for valid_until in [0, START - 1, START] {
			assert_noop!(
				Registry::grant_accreditation(
					RuntimeOrigin::root(),
					id,
					Role::Provider,
					valid_until
				),
				Error::<Test>::ExpiryInPast
			);
		}
	});
}

#[test]
fn renew_accreditation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		// Even after expiry, a renewal makes it authorize again.
		Now::set(DAY_LATER + 5);
		let until = DAY_LATER * 2;
		assert_ok!(Registry::renew_accreditation(RuntimeOrigin::root(), id, Role::Provider, until));
		assert_eq!(Accreditations::<Test>::get(id, Role::Provider).unwrap().valid_until, until);
		assert_eq!(Registry::check_role(&ALICE, Role::Provider), Ok(id));
		System::assert_last_event(
			Event::AccreditationRenewed {
				organisation: id,
				role: Role::Provider,
				valid_until: until,
			}
			.into(),
		);
	});
}

#[test]
fn renew_accreditation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::renew_accreditation(
				RuntimeOrigin::signed(ALICE),
				id,
				Role::Provider,
				DAY_LATER * 2
			),
			Error::<Test>::NotConsortium
		);
	});
}

#[test]
fn renew_accreditation_fails_when_accreditation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::renew_accreditation(RuntimeOrigin::root(), id, Role::Insurer, DAY_LATER),
			Error::<Test>::AccreditationNotFound
		);
	});
}

#[test]
fn renew_accreditation_fails_when_expiry_not_in_future() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::renew_accreditation(RuntimeOrigin::root(), id, Role::Provider, START),
			Error::<Test>::ExpiryInPast
		);
	});
}

#[test]
fn suspend_accreditation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_eq!(status(id), AccreditationStatus::Suspended);
		System::assert_last_event(
			Event::AccreditationSuspended { organisation: id, role: Role::Provider }.into(),
		);
	});
}

#[test]
fn suspend_accreditation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::suspend_accreditation(RuntimeOrigin::signed(BOB), id, Role::Provider),
			Error::<Test>::NotConsortium
		);
	});
}

#[test]
fn suspend_accreditation_fails_when_accreditation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider),
			Error::<Test>::AccreditationNotFound
		);
	});
}

#[test]
fn suspend_accreditation_fails_when_already_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_noop!(
			Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider),
			Error::<Test>::AlreadySuspended
		);
	});
}

#[test]
fn reinstate_accreditation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_ok!(Registry::reinstate_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_eq!(status(id), AccreditationStatus::Active);
		System::assert_last_event(
			Event::AccreditationReinstated { organisation: id, role: Role::Provider }.into(),
		);
	});
}

#[test]
fn reinstate_accreditation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_noop!(
			Registry::reinstate_accreditation(RuntimeOrigin::signed(ALICE), id, Role::Provider),
			Error::<Test>::NotConsortium
		);
	});
}

#[test]
fn reinstate_accreditation_fails_when_accreditation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::reinstate_accreditation(RuntimeOrigin::root(), id, Role::Provider),
			Error::<Test>::AccreditationNotFound
		);
	});
}

#[test]
fn reinstate_accreditation_fails_when_not_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::reinstate_accreditation(RuntimeOrigin::root(), id, Role::Provider),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn reinstate_accreditation_fails_when_expired() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		Now::set(DAY_LATER);
		assert_noop!(
			Registry::reinstate_accreditation(RuntimeOrigin::root(), id, Role::Provider),
			Error::<Test>::Expired
		);
	});
}

/// What `Error::Expired` tells the user to do works: renewing keeps the suspension, and the
/// renewed accreditation can then be reinstated.
#[test]
fn an_expired_suspended_accreditation_is_renewed_then_reinstated() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		Now::set(DAY_LATER);
		let until = DAY_LATER + 86_400_000;
		assert_ok!(Registry::renew_accreditation(RuntimeOrigin::root(), id, Role::Provider, until));
		let renewed = Accreditations::<Test>::get(id, Role::Provider).unwrap();
		assert_eq!(renewed.status, AccreditationStatus::Suspended, "renewing lifts nothing");
		assert_ok!(Registry::reinstate_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		let reinstated = Accreditations::<Test>::get(id, Role::Provider).unwrap();
		assert_eq!(reinstated.status, AccreditationStatus::Active);
	});
}

#[test]
fn revoke_accreditation_works() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_ok!(Registry::revoke_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert!(Accreditations::<Test>::get(id, Role::Provider).is_none());
		System::assert_last_event(
			Event::AccreditationRevoked { organisation: id, role: Role::Provider }.into(),
		);
		// A revoked accreditation can be granted anew.
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::Provider,
			DAY_LATER
		));
	});
}

#[test]
fn revoke_accreditation_fails_when_not_consortium() {
	ExtBuilder::default().build_and_execute(|| {
		let id = accredited();
		assert_noop!(
			Registry::revoke_accreditation(RuntimeOrigin::signed(ALICE), id, Role::Provider),
			Error::<Test>::NotConsortium
		);
	});
}

#[test]
fn revoke_accreditation_fails_when_accreditation_not_found() {
	ExtBuilder::default().build_and_execute(|| {
		let id = register(ALICE);
		assert_noop!(
			Registry::revoke_accreditation(RuntimeOrigin::root(), id, Role::Provider),
			Error::<Test>::AccreditationNotFound
		);
	});
}
