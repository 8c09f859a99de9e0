//! The validator set's rules, and the attacks on them: only the consortium changes the set; a
//! validator must be an account acting for an organisation in good standing, with session keys,
//! and is left out of the next session's set as soon as that stops being true; the set never
//! shrinks below its minimum or empties; a finality recovery forces GRANDPA exactly when the
//! set without the dead validators takes effect. One file per area.

mod membership;
mod recovery;
mod sessions;

pub(crate) use crate::{
	mock::*, Error, Event, LeftOut, Operators, PendingRecovery, RecoveryDeferred, SessionManager,
	StandingError,
};
pub(crate) use frame_support::{assert_noop, assert_ok, BoundedVec};

pub(crate) fn validators() -> Vec<u64> {
	crate::Validators::<Test>::get().into_inner()
}

pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}

pub(crate) fn add(who: u64, org: u32) -> sp_runtime::DispatchResult {
	ValidatorSet::add_validator(RuntimeOrigin::root(), who, org)
}

pub(crate) fn bounded(v: Vec<u64>) -> BoundedVec<u64, frame_support::traits::ConstU32<MAX>> {
	v.try_into().unwrap()
}

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	sp_io::TestExternalities::default().execute_with(|| {
		<ValidatorSet as Hooks<u64>>::integrity_test();
	});
}
