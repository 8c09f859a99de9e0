//! Only a two-thirds council motion dispatches as root: not a member alone (a motion with a
//! threshold of one), not a signed account, not root itself.

use crate::{mock::*, Event};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use sp_runtime::{traits::Hash, DispatchError};

/// A root-only call with an effect we can see: `system.set_storage`.
fn root_only() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(b"flag".to_vec(), b"set".to_vec())],
	})
}

fn as_root(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Consortium(crate::Call::dispatch_as_root { call: Box::new(call) })
}

fn flag() -> Option<Vec<u8>> {
	sp_io::storage::get(b"flag").map(|b| b.to_vec())
}

fn propose(who: u64, threshold: u32, call: RuntimeCall) -> (sp_runtime::testing::H256, u32) {
	let length = codec::Encode::encode(&call).len() as u32;
	let hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Test, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(RuntimeOrigin::signed(who), threshold, Box::new(call), length));
	(hash, index)
}

fn close(hash: sp_runtime::testing::H256, index: u32, call: &RuntimeCall) {
	let length = codec::Encode::encode(call).len() as u32;
	assert_ok!(Council::close(
		RuntimeOrigin::signed(3),
		hash,
		index,
		call.get_dispatch_info().call_weight,
		length
	));
}

#[test]
fn a_two_thirds_motion_dispatches_as_root() {
	new_test_ext().execute_with(|| {
		let call = as_root(root_only());
		let (hash, index) = propose(1, 2, call.clone());
		assert_ok!(Council::vote(RuntimeOrigin::signed(1), hash, index, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(2), hash, index, true));
		close(hash, index, &call);
		assert_eq!(flag(), Some(b"set".to_vec()));
		let call_hash = <Test as frame_system::Config>::Hashing::hash_of(&root_only());
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Consortium(Event::DispatchedAsRoot { call_hash, result: Ok(()) })));
	});
}

#[test]
fn one_member_alone_cannot_dispatch_as_root() {
	new_test_ext().execute_with(|| {
		// A motion with a threshold of one executes at once, with one aye of three: refused.
		propose(1, 1, as_root(root_only()));
		assert_eq!(flag(), None);
		let refused: DispatchError = crate::Error::<Test>::NotConsortium.into();
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Executed { result: Err(error), .. })
				if error == refused
		)));
		// One aye of three, closed after the motion's end with the other two absent: refused.
		let call = as_root(root_only());
		let (hash, index) = propose(2, 2, call.clone());
		assert_ok!(Council::vote(RuntimeOrigin::signed(2), hash, index, true));
		System::set_block_number(20);
		close(hash, index, &call);
		assert_eq!(flag(), None);
	});
}

#[test]
fn neither_an_account_nor_root_dispatches_through_it() {
	new_test_ext().execute_with(|| {
		for origin in [RuntimeOrigin::signed(1), RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(
				Consortium::dispatch_as_root(origin, Box::new(root_only())),
				crate::Error::<Test>::NotConsortium
			);
		}
		assert_eq!(flag(), None);
	});
}

#[test]
fn the_dispatched_calls_failure_is_reported_and_its_weight_counted() {
	new_test_ext().execute_with(|| {
		// The dispatched call's weight is part of the weight used.
		let inner = RuntimeCall::System(frame_system::Call::kill_prefix {
			prefix: b"flag".to_vec(),
			subkeys: 1,
		});
		let weight = inner.get_dispatch_info().call_weight;
		let origin: RuntimeOrigin =
			pallet_collective::RawOrigin::<u64, pallet_collective::Instance1>::Members(2, 3).into();
		let post = Consortium::dispatch_as_root(origin.clone(), Box::new(inner)).unwrap();
		assert!(post.actual_weight.unwrap().all_gte(weight));
		// `system.remark_with_event` wants a signed origin: as root it fails, the event says
		// so, and `dispatch_as_root` itself succeeds.
		let bad = RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] });
		assert_ok!(Consortium::dispatch_as_root(origin, Box::new(bad.clone())));
		let call_hash = <Test as frame_system::Config>::Hashing::hash_of(&bad);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Consortium(Event::DispatchedAsRoot {
				call_hash,
				result: Err(DispatchError::BadOrigin)
			})));
	});
}

#[test]
fn an_operational_call_does_not_lend_its_class() {
	use frame_support::dispatch::DispatchClass;
	let operational = RuntimeCall::System(frame_system::Call::set_heap_pages { pages: 1 });
	assert_eq!(operational.get_dispatch_info().class, DispatchClass::Operational);
	assert_eq!(as_root(operational).get_dispatch_info().class, DispatchClass::Normal);
}

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	sp_io::TestExternalities::default().execute_with(|| {
		<Consortium as Hooks<u64>>::integrity_test();
	});
}
