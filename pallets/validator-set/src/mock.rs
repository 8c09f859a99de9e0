//! A mock runtime for the validator set's unit tests and benchmark tests, with the real
//! registry. Session keys and GRANDPA's stall recovery are recorded in thread-local statics.

use crate as pallet_validator_set;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, Contains},
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
		ValidatorSet: pallet_validator_set,
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
pub const MIN: u32 = 2;
pub const MAX: u32 = 6;

/// The founding validators (no organisation).
pub const FOUNDERS: [u64; 3] = [1, 2, 3];
/// A hospital's admin, and the account of its node.
pub const HOSPITAL: u64 = 10;
pub const HOSPITAL_NODE: u64 = 11;
/// An insurer's admin, and the account of its node.
pub const INSURER: u64 = 20;
pub const INSURER_NODE: u64 = 21;
/// An account that acts for nobody, with session keys.
pub const STRANGER: u64 = 30;

pub const HOSPITAL_ORG: u32 = 0;
pub const INSURER_ORG: u32 = 1;

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

thread_local! {
	/// The accounts with session keys.
	pub static KEYS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
	/// Every `note_stalled(further_wait, median)` the pallet made that GRANDPA took.
	pub static STALLED: RefCell<Vec<(u64, u64)>> = const { RefCell::new(Vec::new()) };
	/// What GRANDPA answers the next `note_stalled`: `Some(reason)` to refuse it.
	pub static GRANDPA_REFUSES: RefCell<Option<crate::RecoveryDeferred>> = const { RefCell::new(None) };
}

/// Give `who` session keys, or take them away.
pub fn set_keys(who: u64, has: bool) {
	KEYS.with(|keys| {
		let mut keys = keys.borrow_mut();
		keys.retain(|k| *k != who);
		if has {
			keys.push(who);
		}
	});
}

pub struct MockKeys;
impl Contains<u64> for MockKeys {
	fn contains(who: &u64) -> bool {
		KEYS.with(|keys| keys.borrow().contains(who))
	}
}

pub struct MockGrandpa;
impl crate::FinalityRecovery<u64> for MockGrandpa {
	fn note_stalled(further_wait: u64, median: u64) -> Result<(), crate::RecoveryDeferred> {
		if let Some(reason) = GRANDPA_REFUSES.with(|r| r.borrow_mut().take()) {
			return Err(reason);
		}
		STALLED.with(|s| s.borrow_mut().push((further_wait, median)));
		Ok(())
	}
}

/// Make GRANDPA refuse the next forced change, for `reason`.
pub fn grandpa_refuses(reason: crate::RecoveryDeferred) {
	GRANDPA_REFUSES.with(|r| *r.borrow_mut() = Some(reason));
}

/// The stall recoveries handed to GRANDPA so far.
pub fn stalled() -> Vec<(u64, u64)> {
	STALLED.with(|s| s.borrow().clone())
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockKeys {
	fn set_session_keys(who: &u64) {
		set_keys(*who, true);
	}
}

impl pallet_validator_set::Config for Test {
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Accreditation = Registry;
	type SessionKeys = MockKeys;
	type FinalityRecovery = MockGrandpa;
	type MinValidators = ConstU32<MIN>;
	type MaxValidators = ConstU32<MAX>;
	type MaxRecoveryDelay = ConstU64<5>;
	type SessionPeriod = ConstU64<10>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockKeys;
}

/// Builds test externalities; `build_and_execute` checks the pallet's invariants afterwards.
#[derive(Default)]
pub struct ExtBuilder {
	bare: bool,
	founder_runs_for_the_hospital: bool,
}

impl ExtBuilder {
	/// No organisations (for the benchmark tests, which set up their own).
	#[cfg(feature = "runtime-benchmarks")]
	pub fn bare(mut self) -> Self {
		self.bare = true;
		self
	}

	/// The first of the [`FOUNDERS`] runs for the hospital from genesis (as a members file
	/// makes it: genesis `operators`), an agent of the hospital.
	pub fn founder_runs_for_the_hospital(mut self) -> Self {
		self.founder_runs_for_the_hospital = true;
		self
	}

	/// The externalities at block 10, the clock at [`START`]: the [`FOUNDERS`] as genesis
	/// validators (with session keys), handed to session 0 as at genesis; unless `bare`, a
	/// hospital and an insurer, each accredited for 400 days, each with its node's account as
	/// an agent, and session keys for both nodes and for [`STRANGER`].
	pub fn build(self) -> sp_io::TestExternalities {
		KEYS.with(|k| k.borrow_mut().clear());
		STALLED.with(|s| s.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [HOSPITAL, INSURER, HOSPITAL_NODE, INSURER_NODE, STRANGER]
			.into_iter()
			.map(|who| (who, 10_000))
			.collect();
		pallet_balances::GenesisConfig::<Test> { balances: funded, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_validator_set::GenesisConfig::<Test> {
			validators: FOUNDERS.to_vec(),
			operators: if self.founder_runs_for_the_hospital {
				vec![(FOUNDERS[0], HOSPITAL_ORG)]
			} else {
				Vec::new()
			},
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let (bare, founder_runs_for_the_hospital) = (self.bare, self.founder_runs_for_the_hospital);
		ext.execute_with(|| {
			use crate::SessionManager;
			System::set_block_number(10);
			Now::set(START);
			for who in FOUNDERS {
				set_keys(who, true);
			}
			ValidatorSet::new_session_genesis(0);
			if !bare {
				setup();
			}
			if founder_runs_for_the_hospital {
				let founder = FOUNDERS[0];
				Registry::add_agent(RuntimeOrigin::signed(HOSPITAL), HOSPITAL_ORG, founder)
					.unwrap();
				Registry::accept_invitation(RuntimeOrigin::signed(founder), HOSPITAL_ORG).unwrap();
			}
			System::reset_events();
		});
		ext
	}

	/// Run `test`, then check the storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			ValidatorSet::do_try_state().expect("validator-set invariants hold");
		})
	}
}

fn setup() {
	let until = START + 400 * DAY;
	organisation(
		HOSPITAL_ORG,
		HOSPITAL,
		Kind::Hospital,
		&[Role::Provider],
		&[HOSPITAL_NODE],
		until,
	);
	organisation(INSURER_ORG, INSURER, Kind::Insurer, &[Role::Insurer], &[INSURER_NODE], until);
	for who in [HOSPITAL_NODE, INSURER_NODE, STRANGER] {
		set_keys(who, true);
	}
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
