//! A mock runtime for the trial-anchoring pallet's unit tests and benchmark tests, with the real
//! registry.

use crate as pallet_trial_anchoring;
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
		Trials: pallet_trial_anchoring,
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
/// The most items one page of a query holds.
pub const PAGE: u32 = 4;
pub const DAY: u64 = 24 * 3_600_000;
pub const TRIAL_DEPOSIT: u64 = 50;
pub const DOCUMENT_DEPOSIT: u64 = 7;
pub const MILESTONE_DEPOSIT: u64 = 5;
pub const CHECKPOINT_DEPOSIT: u64 = 3;

/// The sponsor's admin and two of its agents (a CRO's staff acting for it).
pub const PHARMA: u64 = 1;
pub const CRO_AGENT: u64 = 2;
pub const PHARMA_AGENT: u64 = 3;
/// Another accredited sponsor.
pub const RIVAL: u64 = 4;
/// A hospital, accredited as provider only.
pub const HOSPITAL: u64 = 5;
pub const NOBODY: u64 = 30;
pub const POOR: u64 = 99;

pub const PHARMA_ORG: u32 = 0;
pub const RIVAL_ORG: u32 = 1;
pub const HOSPITAL_ORG: u32 = 2;

impl pallet_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Time = MockTime;
	type OrganisationDeposit = ConstU64<100>;
	type AgentDeposit = ConstU64<10>;
	type MaxAgents = ConstU32<3>;
	type WeightInfo = ();
}

impl pallet_trial_anchoring::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = Registry;
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Time = MockTime;
	type TrialDeposit = ConstU64<TRIAL_DEPOSIT>;
	type DocumentDeposit = ConstU64<DOCUMENT_DEPOSIT>;
	type MilestoneDeposit = ConstU64<MILESTONE_DEPOSIT>;
	type CheckpointDeposit = ConstU64<CHECKPOINT_DEPOSIT>;
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

	/// The externalities at block 1, the clock at [`START`]: unless `bare`, a pharmaceutical
	/// company ([`PHARMA`], agents [`CRO_AGENT`] and [`PHARMA_AGENT`]) and a rival ([`RIVAL`])
	/// accredited as trial sponsors, and a hospital ([`HOSPITAL`]) accredited as provider, each
	/// accreditation for 100 days.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [PHARMA, CRO_AGENT, PHARMA_AGENT, RIVAL, HOSPITAL, NOBODY]
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
			Trials::do_try_state().expect("trial-anchoring invariants hold");
		})
	}
}

fn setup() {
	let until = START + 100 * DAY;
	let sponsor = &[Role::TrialSponsor];
	organisation(
		PHARMA_ORG,
		PHARMA,
		Kind::TrialSponsor,
		sponsor,
		&[CRO_AGENT, PHARMA_AGENT],
		until,
	);
	organisation(RIVAL_ORG, RIVAL, Kind::TrialSponsor, sponsor, &[], until);
	organisation(HOSPITAL_ORG, HOSPITAL, Kind::Hospital, &[Role::Provider], &[], until);
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
