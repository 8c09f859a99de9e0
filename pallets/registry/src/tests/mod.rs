//! Unit tests, one file per area.

mod accreditations;
mod agents;
mod inspect;
mod migrations;
mod organisations;

use crate::{mock::*, OrganisationId, OrganisationKind};
use frame_support::assert_ok;
use sp_core::H256;

/// Register an organisation with `admin` as its admin; its id.
fn register(admin: u64) -> OrganisationId {
	assert_ok!(Registry::register_organisation(
		RuntimeOrigin::signed(admin),
		OrganisationKind::Hospital,
		H256::repeat_byte(1)
	));
	crate::NextOrganisationId::<Test>::get() - 1
}

/// `admin` invites `agent` to organisation `id` and `agent` accepts: it acts for `id`.
fn add_agent(admin: u64, id: OrganisationId, agent: u64) {
	assert_ok!(Registry::add_agent(RuntimeOrigin::signed(admin), id, agent));
	assert_ok!(Registry::accept_invitation(RuntimeOrigin::signed(agent), id));
}

/// A valid-until time one day after the mock clock's start.
const DAY_LATER: u64 = START + 86_400_000;
