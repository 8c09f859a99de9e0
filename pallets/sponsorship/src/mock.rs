//! A mock runtime for the sponsorship pallet's unit tests and benchmark tests, with the real
//! registry, balances and transaction payment.

use crate as pallet_sponsorship;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, Contains},
	weights::{IdentityFee, Weight, WeightToFee},
};
pub use pallet_registry::test_support::{MockTime, Now};
use pallet_registry::{test_support::Organisation, OrganisationKind as Kind, Role};
use sp_runtime::{testing::TestSignature, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		TransactionPayment: pallet_transaction_payment,
		Registry: pallet_registry,
		Sponsorship: pallet_sponsorship,
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

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Test {
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	type WeightToFee = OnePlusPerMillisecond;
	type LengthToFee = IdentityFee<u64>;
}

/// A weight fee of 1, and 1 more per millisecond of weight: the small calls of the tests pay
/// 1, and a refund of a large weight shows in the fee.
pub struct OnePlusPerMillisecond;
impl WeightToFee for OnePlusPerMillisecond {
	type Balance = u64;
	fn weight_to_fee(weight: &Weight) -> u64 {
		1 + weight.ref_time() / 1_000_000_000
	}
}

/// Organisation `o`'s sponsor account: `1_000_000 + o` (the runtime derives a module account).
pub struct SponsorAccountOf;
impl sp_runtime::traits::Convert<u32, u64> for SponsorAccountOf {
	fn convert(organisation: u32) -> u64 {
		1_000_000 + u64::from(organisation)
	}
}

pub const START: u64 = 1_000_000;
pub const DAY: u64 = 24 * 3_600_000;
/// The deposit of a sponsorship.
pub const DEPOSIT: u64 = 5;
/// Blocks in a budget period.
pub const PERIOD: u64 = 10;
/// Blocks ahead an agreement may be valid.
pub const AGREEMENT_LIFE: u64 = 20;

/// The hospital's admin and its agent.
pub const HOSPITAL: u64 = 1;
pub const AGENT: u64 = 2;
/// Another hospital's admin.
pub const OTHER: u64 = 3;
/// An organisation registered but never accredited.
pub const UNACCREDITED: u64 = 4;
/// Patients' pseudonyms, holding nothing.
pub const PATIENT: u64 = 10;
pub const OTHER_PATIENT: u64 = 11;
/// A funded account.
pub const RICH: u64 = 30;

pub const HOSPITAL_ORG: u32 = 0;
pub const OTHER_ORG: u32 = 1;
pub const UNACCREDITED_ORG: u32 = 2;

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

/// What a sponsor pays for in the mock: a remark stands for a patient's call, and leaving a
/// sponsorship.
pub struct Sponsorable;
impl Contains<RuntimeCall> for Sponsorable {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::System(frame_system::Call::remark { .. })
				| RuntimeCall::Sponsorship(pallet_sponsorship::Call::end_sponsorship { .. })
		)
	}
}

/// Signs with [`TestSignature`] as a fixed account.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for MockBenchmarkHelper {
	fn sign_as_new_account(message_for: impl FnOnce(&u64) -> Vec<u8>) -> (u64, TestSignature) {
		let who = 5_000;
		(who, TestSignature(who, message_for(&who)))
	}
}

impl pallet_sponsorship::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = Registry;
	type Sponsorable = Sponsorable;
	type SponsorAccount = SponsorAccountOf;
	type BudgetPeriod = ConstU64<PERIOD>;
	type SponsorshipDeposit = ConstU64<DEPOSIT>;
	type MaxAgreementLife = ConstU64<AGREEMENT_LIFE>;
	type Signature = TestSignature;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
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

	/// The externalities at block 1: unless `bare`, a hospital ([`HOSPITAL`], agent
	/// [`AGENT`]) and another ([`OTHER`]) accredited as providers for 400 days, an
	/// organisation never accredited ([`UNACCREDITED`]); the hospital's sponsor account
	/// funded with 10 000.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [HOSPITAL, AGENT, OTHER, UNACCREDITED, RICH]
			.into_iter()
			.map(|who| (who, 100_000))
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
			Sponsorship::do_try_state().expect("sponsorship invariants hold");
		})
	}
}

fn setup() {
	let until = START + 400 * DAY;
	organisation(HOSPITAL_ORG, HOSPITAL, Kind::Hospital, &[Role::Provider], &[AGENT], until);
	organisation(OTHER_ORG, OTHER, Kind::Hospital, &[Role::Provider], &[], until);
	organisation(UNACCREDITED_ORG, UNACCREDITED, Kind::Hospital, &[], &[], until);
	Sponsorship::fund(RuntimeOrigin::signed(RICH), HOSPITAL_ORG, 10_000).unwrap();
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
