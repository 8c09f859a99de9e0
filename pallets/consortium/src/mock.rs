//! A mock runtime with a council of three (accounts 1, 2 and 3) whose two-thirds motions
//! dispatch as root through this pallet.

use crate as pallet_consortium;
use frame_support::{derive_impl, parameter_types, traits::ConstU32, weights::Weight};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Council: pallet_collective::<Instance1>,
		Consortium: pallet_consortium,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub MaxProposalWeight: Weight = Weight::from_parts(1_000_000_000_000, u64::MAX);
}

/// Two thirds of the council.
pub type TwoThirds =
	pallet_collective::EnsureProportionAtLeast<u64, pallet_collective::Instance1, 2, 3>;

impl pallet_collective::Config<pallet_collective::Instance1> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = frame_support::traits::ConstU64<10>;
	type MaxProposals = ConstU32<10>;
	type MaxMembers = ConstU32<10>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = frame_system::EnsureRoot<u64>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = frame_system::EnsureRoot<u64>;
	type KillOrigin = frame_system::EnsureRoot<u64>;
	type Consideration = ();
}

impl pallet_consortium::Config for Test {
	type RuntimeCall = RuntimeCall;
	type ConsortiumOrigin = TwoThirds;
	type WeightInfo = ();
}

/// The council members.
pub const MEMBERS: [u64; 3] = [1, 2, 3];

/// Externalities at block 1 with the council of [`MEMBERS`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_collective::GenesisConfig::<Test, pallet_collective::Instance1> {
		members: MEMBERS.to_vec(),
		phantom: Default::default(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
