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

/// Item 13 of the second review: council motions cost nothing, so one member could fill the
/// proposal slots with large motions and delay every other. Each proposal now holds a deposit
/// from its proposer, the more the more motions are open, returned once the motion is closed.
#[test]
fn a_council_proposal_holds_a_growing_deposit_returned_when_it_closes() {
	use crate::{Balances, Council, Runtime, RuntimeCall, UNIT};
	use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::{traits::Hash, BuildStorage};
	let members: Vec<AccountId> =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|who| who.to_account_id())
			.collect();
	let mut storage = frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Runtime> {
		balances: members.iter().map(|who| (who.clone(), 1_000 * UNIT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		assert_ok!(Council::set_members(RuntimeOrigin::root(), members.clone(), None, 0));
		let alice = members[0].clone();
		let held =
			|| Balances::balance_on_hold(&crate::configs::CouncilProposalHoldReason::get(), &alice);
		let remark = |n: u8| -> Box<RuntimeCall> {
			Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![n] }))
		};
		let propose = |n: u8| {
			let proposal = remark(n);
			let length = codec::Encode::encoded_size(&proposal) as u32;
			Council::propose(RuntimeOrigin::signed(alice.clone()), 3, proposal, length)
		};
		assert_ok!(propose(1));
		assert_eq!(held(), UNIT);
		assert_ok!(propose(2));
		assert_eq!(held(), UNIT + 2 * UNIT);
		// A closed motion's deposit returns (released by anyone once it is closed).
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&remark(1));
		assert_noop!(
			Council::release_proposal_cost(RuntimeOrigin::signed(alice.clone()), hash),
			pallet_collective::Error::<Runtime, crate::configs::CouncilCollective>::ProposalActive
		);
		assert_ok!(Council::disapprove_proposal(RuntimeOrigin::root(), hash));
		assert_ok!(Council::release_proposal_cost(RuntimeOrigin::signed(members[1].clone()), hash));
		assert_eq!(held(), 2 * UNIT);
	});
}

/// A proposal identical to a closed motion whose deposit is still held is refused, so that the
/// first deposit's record is not overwritten (and that deposit held for good); once released,
/// the proposal can be made again.
#[test]
fn a_proposal_over_a_held_deposit_is_refused_until_it_is_released() {
	use crate::{configs::NoProposalOverAHeldDeposit, Council, Runtime, RuntimeCall, UNIT};
	use frame_support::{assert_ok, traits::Contains};
	use sp_keyring::Sr25519Keyring;
	use sp_runtime::{traits::Hash, BuildStorage};
	let members: Vec<AccountId> =
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|who| who.to_account_id())
			.collect();
	let mut storage = frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Runtime> {
		balances: members.iter().map(|who| (who.clone(), 1_000 * UNIT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		assert_ok!(Council::set_members(RuntimeOrigin::root(), members.clone(), None, 0));
		let proposal =
			Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![7] }));
		let length = codec::Encode::encoded_size(&proposal) as u32;
		let propose = RuntimeCall::Council(pallet_collective::Call::propose {
			threshold: 3,
			proposal: proposal.clone(),
			length_bound: length,
		});
		assert!(NoProposalOverAHeldDeposit::contains(&propose));
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(members[0].clone()),
			3,
			proposal.clone(),
			length
		));
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&proposal);
		assert_ok!(Council::disapprove_proposal(RuntimeOrigin::root(), hash));
		// Closed, its deposit still held: the same proposal is refused.
		assert!(!NoProposalOverAHeldDeposit::contains(&propose));
		assert_ok!(Council::release_proposal_cost(RuntimeOrigin::signed(members[1].clone()), hash));
		assert!(NoProposalOverAHeldDeposit::contains(&propose));
		// Other calls are never filtered.
		assert!(NoProposalOverAHeldDeposit::contains(&RuntimeCall::System(
			frame_system::Call::remark { remark: vec![] }
		)));
	});
}
