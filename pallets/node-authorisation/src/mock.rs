//! A mock runtime for the node authorisation's unit tests and benchmark tests, with the real
//! registry and real balances.

use crate as pallet_node_authorisation;
use crate::NodeId;
use frame_support::{
	derive_impl, parameter_types,
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
		NodeAuthorisation: pallet_node_authorisation,
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

parameter_types! {
	/// The accounts of the current and next sessions' validators.
	pub static Validators: Vec<u64> = vec![];
}

pub struct MockSessionValidators;
impl frame_support::traits::Contains<u64> for MockSessionValidators {
	fn contains(who: &u64) -> bool {
		Validators::get().contains(who)
	}
}

pub const START: u64 = 1_000_000;
pub const DAY: u64 = 24 * 3_600_000;
pub const MAX_NODES: u32 = 5;
pub const MAX_CONNECTIONS: u32 = 3;
pub const CONNECTION_DEPOSIT: u64 = 7;

/// A founding member's account, owner of [`FOUNDER_NODE`] (named in genesis).
pub const FOUNDER: u64 = 1;
/// A hospital's admin, and the account that runs its node.
pub const HOSPITAL: u64 = 10;
pub const HOSPITAL_OPERATOR: u64 = 11;
/// An insurer's admin.
pub const INSURER: u64 = 20;
/// An account that acts for nobody.
pub const STRANGER: u64 = 30;

pub const HOSPITAL_ORG: u32 = 0;
pub const INSURER_ORG: u32 = 1;

/// A node, by a one-byte seed.
pub const fn node(seed: u8) -> NodeId {
	NodeId([seed; 32])
}
pub const FOUNDER_NODE: NodeId = node(1);
pub const HOSPITAL_NODE: NodeId = node(10);
pub const INSURER_NODE: NodeId = node(20);
/// Nodes nobody authorised.
pub const ARCHIVE_NODE: NodeId = node(11);
pub const ROGUE_NODE: NodeId = node(66);

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

impl pallet_node_authorisation::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Accreditation = Registry;
	type SessionValidators = MockSessionValidators;
	type MaxNodes = ConstU32<MAX_NODES>;
	type MaxConnections = ConstU32<MAX_CONNECTIONS>;
	type ConnectionDeposit = ConstU64<CONNECTION_DEPOSIT>;
	type WeightInfo = ();
}

/// Builds test externalities; `build_and_execute` checks the pallet's invariants afterwards.
#[derive(Default)]
pub struct ExtBuilder {
	bare: bool,
	founder_runs_for_the_insurer: bool,
}

impl ExtBuilder {
	/// No organisations and no genesis node (for the benchmark tests, which set up their own,
	/// and for a chain that authorises no node).
	pub fn bare(mut self) -> Self {
		self.bare = true;
		self
	}

	/// [`FOUNDER_NODE`] runs for the insurer from genesis (as a members file makes it), its
	/// owner [`FOUNDER`] an agent of the insurer.
	pub fn founder_runs_for_the_insurer(mut self) -> Self {
		self.founder_runs_for_the_insurer = true;
		self
	}

	/// The externalities at block 10, the clock at [`START`]: unless `bare`, [`FOUNDER_NODE`]
	/// authorised in genesis, a hospital and an insurer each accredited for 400 days, with
	/// [`HOSPITAL_OPERATOR`] an agent of the hospital.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [FOUNDER, HOSPITAL, HOSPITAL_OPERATOR, INSURER, STRANGER]
			.into_iter()
			.map(|who| (who, 10_000))
			.collect();
		pallet_balances::GenesisConfig::<Test> { balances: funded, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let nodes = if self.bare { vec![] } else { vec![(FOUNDER_NODE, FOUNDER)] };
		let organisations = if self.founder_runs_for_the_insurer {
			vec![(FOUNDER_NODE, INSURER_ORG)]
		} else {
			Vec::new()
		};
		pallet_node_authorisation::GenesisConfig::<Test> { nodes, organisations }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let (bare, founder_runs_for_the_insurer) = (self.bare, self.founder_runs_for_the_insurer);
		ext.execute_with(|| {
			Validators::set(vec![]);
			System::set_block_number(10);
			Now::set(START);
			if !bare {
				setup();
			}
			if founder_runs_for_the_insurer {
				Registry::add_agent(RuntimeOrigin::signed(INSURER), INSURER_ORG, FOUNDER).unwrap();
				Registry::accept_invitation(RuntimeOrigin::signed(FOUNDER), INSURER_ORG).unwrap();
			}
			System::reset_events();
		});
		ext
	}

	/// Run `test`, then check the storage invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			NodeAuthorisation::do_try_state().expect("node-authorisation invariants hold");
		})
	}
}

fn setup() {
	let until = START + 400 * DAY;
	let operators = &[HOSPITAL_OPERATOR];
	organisation(HOSPITAL_ORG, HOSPITAL, Kind::Hospital, &[Role::Provider], operators, until);
	organisation(INSURER_ORG, INSURER, Kind::Insurer, &[Role::Insurer], &[], until);
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
