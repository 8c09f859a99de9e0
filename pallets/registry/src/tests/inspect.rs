//! What other pallets and the runtime API see: `AccreditationInspect` and the query helpers.

use super::*;
use crate::{AccreditationEffectiveStatus, AccreditationError, AccreditationInspect, Role};

fn ensure(who: u64, role: Role) -> Result<OrganisationId, AccreditationError> {
	<Registry as AccreditationInspect<u64>>::ensure_accredited(&who, role)
}

/// Organisation 0: admin ALICE, agent BOB, provider until [`DAY_LATER`].
fn provider() -> OrganisationId {
	let id = register(ALICE);
	add_agent(ALICE, id, BOB);
	assert_ok!(Registry::grant_accreditation(RuntimeOrigin::root(), id, Role::Provider, DAY_LATER));
	id
}

#[test]
fn ensure_accredited_works_for_admin_and_agents() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		assert_eq!(ensure(ALICE, Role::Provider), Ok(id));
		assert_eq!(ensure(BOB, Role::Provider), Ok(id));
		assert!(<Registry as AccreditationInspect<u64>>::is_accredited(id, Role::Provider));
	});
}

#[test]
fn ensure_accredited_fails_when_account_acts_for_no_organisation() {
	ExtBuilder::default().build_and_execute(|| {
		provider();
		assert_eq!(ensure(CHARLIE, Role::Provider), Err(AccreditationError::NotAnAgent));
	});
}

#[test]
fn ensure_accredited_fails_when_role_not_accredited() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		assert_eq!(ensure(ALICE, Role::Laboratory), Err(AccreditationError::NotAccredited));
		assert!(!<Registry as AccreditationInspect<u64>>::is_accredited(id, Role::Laboratory));
		assert!(!<Registry as AccreditationInspect<u64>>::is_accredited(id + 1, Role::Provider));
	});
}

#[test]
fn ensure_accredited_fails_when_accreditation_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_eq!(ensure(BOB, Role::Provider), Err(AccreditationError::Suspended));
		assert_ok!(Registry::reinstate_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_eq!(ensure(BOB, Role::Provider), Ok(id));
	});
}

#[test]
fn ensure_accredited_fails_when_organisation_suspended() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), id));
		assert_eq!(ensure(BOB, Role::Provider), Err(AccreditationError::OrganisationSuspended));
		assert!(!<Registry as AccreditationInspect<u64>>::is_accredited(id, Role::Provider));
	});
}

#[test]
fn ensure_accredited_fails_from_the_moment_of_expiry_without_a_transaction() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		Now::set(DAY_LATER - 1);
		assert_eq!(ensure(ALICE, Role::Provider), Ok(id));
		Now::set(DAY_LATER);
		assert_eq!(ensure(ALICE, Role::Provider), Err(AccreditationError::Expired));
	});
}

#[test]
fn ensure_accredited_fails_when_agent_removed_or_revoked() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		assert_ok!(Registry::remove_agent(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(ensure(BOB, Role::Provider), Err(AccreditationError::NotAnAgent));
		assert_ok!(Registry::revoke_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_eq!(ensure(ALICE, Role::Provider), Err(AccreditationError::NotAccredited));
	});
}

#[test]
fn accreditations_of_reports_the_status_now() {
	ExtBuilder::default().build_and_execute(|| {
		let id = provider();
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::DataCustodian,
			DAY_LATER * 2
		));
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::Laboratory,
			DAY_LATER
		));
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Laboratory));
		Now::set(DAY_LATER);
		let seen: Vec<_> =
			Registry::accreditations_of(id).into_iter().map(|a| (a.role, a.effective)).collect();
		assert_eq!(
			seen,
			vec![
				(Role::Provider, AccreditationEffectiveStatus::Expired),
				(Role::Laboratory, AccreditationEffectiveStatus::Suspended),
				(Role::DataCustodian, AccreditationEffectiveStatus::Active),
			]
		);
	});
}

#[test]
fn organisation_storage_holds_no_personal_data() {
	// An organisation is a kind, account ids, a hash, a status, a block, a deposit and a count:
	// its encoding has a fixed size, so no free text can hide in it.
	use codec::MaxEncodedLen;
	assert_eq!(crate::OrganisationOf::<Test>::max_encoded_len(), 1 + 8 + 32 + 1 + 8 + 8 + 4 + 4);
}

#[test]
fn in_good_standing_needs_registration_no_suspension_and_an_accreditation_in_force() {
	use crate::StandingError::*;
	ExtBuilder::default().build_and_execute(|| {
		let standing = |id| <Registry as AccreditationInspect<u64>>::standing(id);
		let good = |id| <Registry as AccreditationInspect<u64>>::in_good_standing(id);
		let id = register(ALICE);
		assert_eq!(standing(id), Err(NoAccreditationInForce), "registered, accredited for nothing");
		assert!(!good(id));
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::Provider,
			DAY_LATER
		));
		assert_eq!(standing(id), Ok(()));
		assert!(good(id));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), id));
		assert_eq!(standing(id), Err(OrganisationSuspended));
		assert!(!good(id));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), id));
		assert_ok!(Registry::suspend_accreditation(RuntimeOrigin::root(), id, Role::Provider));
		assert_eq!(standing(id), Err(NoAccreditationInForce), "its only accreditation suspended");
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::DataCustodian,
			DAY_LATER * 2
		));
		assert_eq!(standing(id), Ok(()), "another accreditation in force");
		Now::set(DAY_LATER * 2);
		assert_eq!(standing(id), Err(NoAccreditationInForce), "every one expired, no transaction");
		assert_eq!(standing(id + 1), Err(OrganisationNotRegistered));
		assert!(!good(id + 1));
	});
}

#[test]
fn acting_for_an_organisation_needs_its_agency_then_its_standing() {
	use crate::StandingError::*;
	ExtBuilder::default().build_and_execute(|| {
		let acts = |who, id| <Registry as AccreditationInspect<u64>>::ensure_acts_for(&who, id);
		let id = register(ALICE);
		assert_eq!(acts(BOB, id), Err(NotAnAgent), "a stranger, whatever the standing");
		assert_eq!(acts(ALICE, id), Err(NoAccreditationInForce), "the admin, not in standing");
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			id,
			Role::Provider,
			DAY_LATER
		));
		assert_eq!(acts(ALICE, id), Ok(()));
		assert_eq!(acts(ALICE, id + 1), Err(NotAnAgent), "another organisation's");
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn make_accredited_accredits_a_fresh_or_existing_agent() {
	ExtBuilder::default().build_and_execute(|| {
		let id = <Registry as AccreditationInspect<u64>>::make_accredited(&POOR, Role::Insurer);
		assert_eq!(ensure(POOR, Role::Insurer), Ok(id));
		// Again, and for a second role: same organisation.
		assert_eq!(
			<Registry as AccreditationInspect<u64>>::make_accredited(&POOR, Role::Insurer),
			id
		);
		assert_eq!(
			<Registry as AccreditationInspect<u64>>::make_accredited(&POOR, Role::Provider),
			id
		);
		assert_eq!(ensure(POOR, Role::Provider), Ok(id));
	});
}
