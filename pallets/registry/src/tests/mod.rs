//! Unit tests, one file per area.

mod accreditations;
mod agents;
mod inspect;
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

/// A valid-until time one day after the mock clock's start.
const DAY_LATER: u64 = START + 86_400_000;
