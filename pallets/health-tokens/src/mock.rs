//! A mock runtime for the ledger's unit tests and benchmark tests, with the real registry.

use crate as pallet_health_tokens;
use crate::TokenClass;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, Contains},
};
pub use pallet_registry::test_support::{MockTime, Now};
use pallet_registry::{test_support::Organisation, OrganisationKind as Kind, Role};
use sp_runtime::{testing::TestSignature, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_registry,
		HealthTokens: pallet_health_tokens,
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
/// One day in milliseconds.
pub const DAY: u64 = 86_400_000;
/// The deposit per token.
pub const TOKEN_DEPOSIT: u64 = 50;
/// The deposit per later version.
pub const VERSION_DEPOSIT: u64 = 20;
/// The most versions per token.
pub const MAX_VERSIONS: u32 = 4;

/// Agent of a hospital accredited as provider.
pub const HOSPITAL: u64 = 1;
/// Agent of a laboratory accredited as laboratory.
pub const LAB: u64 = 2;
/// Agent of a licensing board.
pub const BOARD: u64 = 3;
/// A second agent of the hospital.
pub const HOSPITAL_AGENT: u64 = 4;
/// Agent of a second hospital.
pub const OTHER_HOSPITAL: u64 = 5;
/// A patient.
pub const PATIENT: u64 = 10;
/// Another patient.
pub const PATIENT2: u64 = 11;
/// A practitioner (licensed by the tests that need it).
pub const DOCTOR: u64 = 20;
/// An account with funds but no organisation.
pub const NOBODY: u64 = 30;
/// An agent of an accredited hospital, without funds for deposits.
pub const POOR: u64 = 99;

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

/// In the mock, certificates are transferable, so that transfer can be tested at all; the
/// healthchain runtime makes no class transferable.
pub struct MockTransferable;
impl Contains<TokenClass> for MockTransferable {
	fn contains(class: &TokenClass) -> bool {
		*class == TokenClass::Certificate
	}
}

/// Signs with [`TestSignature`] as a fixed account.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for MockBenchmarkHelper {
	fn sign_as_new_account(message_for: impl FnOnce(&u64) -> Vec<u8>) -> (u64, TestSignature) {
		let who = 4_242;
		(who, TestSignature(who, message_for(&who)))
	}
}

impl pallet_health_tokens::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = Registry;
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Time = MockTime;
	type TransferableClasses = MockTransferable;
	type Signature = TestSignature;
	type TokenDeposit = ConstU64<TOKEN_DEPOSIT>;
	type VersionDeposit = ConstU64<VERSION_DEPOSIT>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type MaxPageSize = ConstU32<3>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
	type WeightInfo = ();
}

/// Builds test externalities; `build_and_execute` checks the ledger's invariants after the
/// test body.
#[derive(Default)]
pub struct ExtBuilder {
	bare: bool,
}

impl ExtBuilder {
	/// No organisations at all (for the benchmark tests, which set up their own).
	#[cfg(feature = "runtime-benchmarks")]
	pub fn bare(mut self) -> Self {
		self.bare = true;
		self
	}

	/// The externalities, at block 1 with the clock at [`START`]: unless `bare`, a hospital
	/// (agents [`HOSPITAL`], [`HOSPITAL_AGENT`], [`POOR`]) accredited as provider, a second
	/// hospital ([`OTHER_HOSPITAL`]), a laboratory ([`LAB`]) and a licensing board ([`BOARD`]),
	/// each accredited for 100 days.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [HOSPITAL, LAB, BOARD, HOSPITAL_AGENT, OTHER_HOSPITAL, PATIENT, PATIENT2]
			.into_iter()
			.chain([DOCTOR, NOBODY])
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
				setup_organisations();
			}
			System::reset_events();
		});
		ext
	}

	/// Run `test`, then check the storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			HealthTokens::do_try_state().expect("ledger invariants hold");
		})
	}
}

/// Organisation ids the default externalities create.
pub const HOSPITAL_ORG: u32 = 0;
/// The laboratory (the second hospital is organisation 1).
pub const LAB_ORG: u32 = 2;
/// The licensing board.
pub const BOARD_ORG: u32 = 3;

fn setup_organisations() {
	let until = START + 100 * DAY;
	organisation(
		HOSPITAL_ORG,
		HOSPITAL,
		Kind::Hospital,
		&[Role::Provider],
		&[HOSPITAL_AGENT, POOR],
		until,
	);
	organisation(1, OTHER_HOSPITAL, Kind::Hospital, &[Role::Provider], &[], until);
	organisation(LAB_ORG, LAB, Kind::Laboratory, &[Role::Laboratory], &[], until);
	organisation(BOARD_ORG, BOARD, Kind::LicensingBoard, &[Role::LicensingBoard], &[], until);
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
