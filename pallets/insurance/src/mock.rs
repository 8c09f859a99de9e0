//! A mock runtime for the insurance pallet's unit tests and benchmark tests, with the real
//! registry.

use crate as pallet_insurance;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
};
pub use pallet_registry::test_support::{MockTime, Now};
use pallet_registry::{test_support::Organisation, OrganisationKind as Kind, Role};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_registry,
		Insurance: pallet_insurance,
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

pub const START: u64 = 1_000_000;
pub const DAY: u64 = 24 * 3_600_000;
pub const DEPOSIT: u64 = 20;
pub const REFUSAL_DEPOSIT: u64 = 4;
pub const PAGE: u32 = 3;

/// The insurer's admin and two of its agents.
pub const INSURER: u64 = 1;
pub const AGENT: u64 = 2;
pub const OTHER_AGENT: u64 = 3;
/// Another accredited insurer's admin.
pub const RIVAL: u64 = 4;
/// A hospital, accredited as provider only.
pub const HOSPITAL: u64 = 5;
/// Patients.
pub const PATIENT: u64 = 10;
pub const OTHER_PATIENT: u64 = 11;
pub const NOBODY: u64 = 30;
pub const POOR: u64 = 99;

pub const INSURER_ORG: u32 = 0;
pub const RIVAL_ORG: u32 = 1;
pub const HOSPITAL_ORG: u32 = 2;

impl pallet_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Time = MockTime;
	type OrganisationDeposit = ConstU64<100>;
	type AgentDeposit = ConstU64<10>;
	type MaxAgents = ConstU32<5>;
	type WeightInfo = ();
}

impl pallet_insurance::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = Registry;
	type DepositPayer = ();
	type Time = MockTime;
	type AttestationDeposit = ConstU64<DEPOSIT>;
	type RefusalDeposit = ConstU64<REFUSAL_DEPOSIT>;
	type MaxCoveragePeriod = ConstU64<{ 3 * 365 * DAY }>;
	type MaxPageSize = ConstU32<PAGE>;
	type WeightInfo = ();
}

/// Builds test externalities; `build_and_execute` checks the pallet's invariants afterwards.
#[derive(Default)]
pub struct ExtBuilder {
	bare: bool,
}

impl ExtBuilder {
	/// No organisations (for the benchmark tests, which set up their own).
	#[cfg(feature = "runtime-benchmarks")]
	pub fn bare(mut self) -> Self {
		self.bare = true;
		self
	}

	/// The externalities at block 1, the clock at [`START`]: unless `bare`, an insurer
	/// ([`INSURER`], agents [`AGENT`] and [`OTHER_AGENT`]) and a rival ([`RIVAL`]) accredited as
	/// insurers, and a hospital ([`HOSPITAL`]) accredited as provider, each accreditation for
	/// 400 days.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [INSURER, AGENT, OTHER_AGENT, RIVAL, HOSPITAL, PATIENT, OTHER_PATIENT, NOBODY]
			.into_iter()
			.map(|who| (who, 10_000))
			.chain([(POOR, 1)])
			.collect();
		pallet_balances::GenesisConfig::<Test> { balances: funded, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let bare = self.bare;
		ext.execute_with(|| {
			System::set_block_number(1);
			Now::set(START);
			if !bare {
				setup();
			}
			System::reset_events();
		});
		ext
	}

	/// Run `test`, then check the storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Insurance::do_try_state().expect("insurance invariants hold");
		})
	}
}

fn setup() {
	let until = START + 400 * DAY;
	organisation(
		INSURER_ORG,
		INSURER,
		Kind::Insurer,
		&[Role::Insurer],
		&[AGENT, OTHER_AGENT],
		until,
	);
	organisation(RIVAL_ORG, RIVAL, Kind::Insurer, &[Role::Insurer], &[], until);
	organisation(HOSPITAL_ORG, HOSPITAL, Kind::Hospital, &[Role::Provider], &[], until);
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
