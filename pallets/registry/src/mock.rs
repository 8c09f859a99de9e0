//! A mock runtime for the registry's unit tests and benchmark tests.

use crate as pallet_registry;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
};
use sp_runtime::BuildStorage;

pub use crate::test_support::{MockTime, Now};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The mock clock's starting time.
pub const START: u64 = 1_000_000;
/// The registration deposit.
pub const ORG_DEPOSIT: u64 = 100;
/// The deposit per agent.
pub const AGENT_DEPOSIT: u64 = 10;
/// The most agents per organisation.
pub const MAX_AGENTS: u32 = 3;

/// An account with funds that registers organisations.
pub const ALICE: u64 = 1;
/// An account with funds.
pub const BOB: u64 = 2;
/// An account with funds.
pub const CHARLIE: u64 = 3;
/// An account with funds.
pub const DAVE: u64 = 4;
/// An account without funds.
pub const POOR: u64 = 99;

impl pallet_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Time = MockTime;
	type OrganisationDeposit = ConstU64<ORG_DEPOSIT>;
	type AgentDeposit = ConstU64<AGENT_DEPOSIT>;
	type MaxAgents = ConstU32<MAX_AGENTS>;
	type WeightInfo = ();
}

/// Builds test externalities; `build_and_execute` checks the registry's invariants after the
/// test body.
pub struct ExtBuilder {
	balances: Vec<(u64, u64)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: [ALICE, BOB, CHARLIE, DAVE, 5, 6, 7, 8]
				.into_iter()
				.map(|who| (who, 10_000))
				.collect(),
		}
	}
}

impl ExtBuilder {
	/// Give `who` exactly `amount`.
	pub fn with_balance(mut self, who: u64, amount: u64) -> Self {
		self.balances.retain(|(account, _)| *account != who);
		self.balances.push((who, amount));
		self
	}

	/// The externalities, at block 1 with the clock at [`START`].
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Now::set(START);
		});
		ext
	}

	/// Run `test`, then check the registry's storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Registry::do_try_state().expect("registry invariants hold");
		})
	}
}
