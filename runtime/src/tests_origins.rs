//! Who is the consortium: root, or two thirds of the council — never fewer members, whatever
//! threshold a proposer chose for their motion.

use crate::{configs::ConsortiumOrigin, AccountId, RuntimeOrigin};
use frame_support::traits::EnsureOrigin;

/// The origin a council motion executes with: `yes` of `total` members approved it.
fn members(yes: u32, total: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, crate::configs::CouncilCollective>::Members(
		yes, total,
	)
	.into()
}

#[test]
fn the_consortium_is_root_or_two_thirds_of_the_council() {
	// A motion proposed with threshold 1 executes at once, with one member's approval.
	assert!(ConsortiumOrigin::try_origin(members(1, 4)).is_err(), "one member of four");
	assert!(ConsortiumOrigin::try_origin(members(2, 4)).is_err(), "half is not two thirds");
	assert!(ConsortiumOrigin::try_origin(members(3, 4)).is_ok(), "three of four");
	assert!(ConsortiumOrigin::try_origin(members(1, 1)).is_ok(), "a council of one (--dev)");
	assert!(ConsortiumOrigin::try_origin(RuntimeOrigin::root()).is_ok());
	let alice = AccountId::new([1; 32]);
	assert!(ConsortiumOrigin::try_origin(RuntimeOrigin::signed(alice)).is_err());
}

#[test]
fn root_through_the_council_is_two_thirds_and_nothing_else() {
	use crate::configs::CouncilAsRoot;
	assert!(CouncilAsRoot::try_origin(members(2, 4)).is_err(), "half is not two thirds");
	assert!(CouncilAsRoot::try_origin(members(3, 4)).is_ok(), "three of four");
	// Root (a development chain's sudo) and accounts do not go through it.
	assert!(CouncilAsRoot::try_origin(RuntimeOrigin::root()).is_err());
	assert!(CouncilAsRoot::try_origin(RuntimeOrigin::signed(AccountId::new([1; 32]))).is_err());
}

#[test]
fn a_member_who_did_not_vote_counts_as_nay_even_with_a_prime() {
	use pallet_collective::DefaultVote;
	// A prime's aye does not turn the others' silence into ayes (which would make one member's
	// aye a unanimous motion once it reaches its end).
	assert!(!crate::configs::AbstentionIsNay::default_vote(Some(true), 1, 0, 4));
	assert!(!crate::configs::AbstentionIsNay::default_vote(None, 3, 0, 4));
}

/// Every pallet's `integrity_test` holds for this runtime's configuration: each bound and
/// constant a pallet relies on (non-zero deposits, `MinValidators ≤ MaxValidators`, a recovery
/// delay below a session, a root origin that is no single key, …).
#[test]
fn every_pallets_integrity_test_holds_for_the_runtime() {
	use frame_support::traits::IntegrityTest;
	sp_io::TestExternalities::default().execute_with(|| {
		crate::AllPalletsWithSystem::integrity_test();
	});
}
