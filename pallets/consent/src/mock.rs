//! A mock runtime for the consent pallet's unit tests and benchmark tests, with the real
//! registry and health-token ledger.

use crate as pallet_consent;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Nothing},
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
		Consent: pallet_consent,
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
/// One hour in milliseconds.
pub const HOUR: u64 = 3_600_000;
/// One day in milliseconds.
pub const DAY: u64 = 24 * HOUR;
/// The deposit per consent.
pub const CONSENT_DEPOSIT: u64 = 30;
/// The deposit per representative.
pub const REPRESENTATIVE_DEPOSIT: u64 = 20;
/// The deposit per emergency grant.
pub const EMERGENCY_DEPOSIT: u64 = 40;
/// The deposit per audit entry.
pub const RECORD_DEPOSIT: u64 = 5;
/// The most consents per patient.
pub const MAX_CONSENTS: u32 = 4;
/// The most provisions per consent.
pub const MAX_PROVISIONS: u32 = 3;
/// The most representatives per patient.
pub const MAX_REPRESENTATIVES: u32 = 2;
/// The longest emergency grant.
pub const MAX_EMERGENCY: u64 = 4 * HOUR;
/// How long after an emergency grant ends before it can be reopened.
pub const EMERGENCY_COOLDOWN: u64 = 24 * HOUR;

parameter_types! {
	/// Whether break-glass permits writing; tests switch it with `EmergencyWriteAllowed::set`.
	pub static EmergencyWriteAllowed: bool = false;
}

/// Physicians, nurses and paramedics may break the glass (healthchain's default).
pub struct EmergencyProfessions;
impl frame_support::traits::Contains<pallet_health_tokens::Profession> for EmergencyProfessions {
	fn contains(profession: &pallet_health_tokens::Profession) -> bool {
		use pallet_health_tokens::Profession::*;
		matches!(profession, Physician | Nurse | Paramedic)
	}
}

/// A patient.
pub const PATIENT: u64 = 10;
/// Another patient.
pub const PATIENT2: u64 = 11;
/// A patient who cannot act (a minor).
pub const MINOR: u64 = 12;
/// A guardian.
pub const GUARDIAN: u64 = 13;
/// An agent of the hospital (provider and data custodian).
pub const HOSPITAL: u64 = 1;
/// A second agent of the hospital.
pub const HOSPITAL_AGENT: u64 = 4;
/// An agent of the laboratory (data custodian only).
pub const LAB: u64 = 2;
/// An agent of the licensing board.
pub const BOARD: u64 = 3;
/// An agent of a clinic (provider only): the independent second provider that attests.
pub const CLINIC: u64 = 5;
/// A licensed physician.
pub const DOCTOR: u64 = 20;
/// Another account.
pub const NOBODY: u64 = 30;
/// An account without funds.
pub const POOR: u64 = 99;

/// The hospital's organisation id.
pub const HOSPITAL_ORG: u32 = 0;
/// The laboratory's organisation id.
pub const LAB_ORG: u32 = 1;
/// The licensing board's organisation id.
pub const BOARD_ORG: u32 = 2;
/// The clinic's organisation id.
pub const CLINIC_ORG: u32 = 3;

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

/// Signs with [`TestSignature`] as a fixed account.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockSigner;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_health_tokens::BenchmarkHelper<u64, TestSignature> for MockSigner {
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
	type TransferableClasses = Nothing;
	type Signature = TestSignature;
	type TokenDeposit = ConstU64<5>;
	type VersionDeposit = ConstU64<5>;
	type MaxVersions = ConstU32<4>;
	type MaxPageSize = ConstU32<10>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockSigner;
	type WeightInfo = ();
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = Registry;
	type Licences = HealthTokens;
	type Tokens = HealthTokens;
	type DepositPayer = ();
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Time = MockTime;
	type EmergencyProfessions = EmergencyProfessions;
	type EmergencyWriteAllowed = EmergencyWriteAllowed;
	type EmergencyCooldown = ConstU64<EMERGENCY_COOLDOWN>;
	type ConsentDeposit = ConstU64<CONSENT_DEPOSIT>;
	type RepresentativeDeposit = ConstU64<REPRESENTATIVE_DEPOSIT>;
	type EmergencyDeposit = ConstU64<EMERGENCY_DEPOSIT>;
	type AccessRecordDeposit = ConstU64<RECORD_DEPOSIT>;
	type MaxConsentsPerPatient = ConstU32<MAX_CONSENTS>;
	type MaxProvisions = ConstU32<MAX_PROVISIONS>;
	type MaxRepresentatives = ConstU32<MAX_REPRESENTATIVES>;
	type MaxEmergencyDuration = ConstU64<MAX_EMERGENCY>;
	type MaxPageSize = ConstU32<3>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockClock;
	type WeightInfo = ();
}

/// Sets the mock's clock.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockClock;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for MockClock {
	fn set_time(now: u64) {
		Now::set(now);
	}
}

/// Builds test externalities; `build_and_execute` checks the pallet's invariants afterwards.
#[derive(Default)]
pub struct ExtBuilder {
	bare: bool,
}

impl ExtBuilder {
	/// No organisations or licences (for the benchmark tests, which set up their own).
	#[cfg(feature = "runtime-benchmarks")]
	pub fn bare(mut self) -> Self {
		self.bare = true;
		self
	}

	/// The externalities at block 1, the clock at [`START`]: unless `bare`, a hospital
	/// ([`HOSPITAL`], [`HOSPITAL_AGENT`]) accredited as provider and data custodian, a
	/// laboratory ([`LAB`]) accredited as data custodian, a licensing board ([`BOARD`])
	/// that licensed [`DOCTOR`] as a physician for 100 days (licence token 0), and a clinic
	/// ([`CLINIC`]) accredited as provider, for which [`DOCTOR`] acts. Every accreditation lasts
	/// 100 days.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let funded = [HOSPITAL, LAB, BOARD, HOSPITAL_AGENT, PATIENT, PATIENT2, MINOR, GUARDIAN]
			.into_iter()
			.chain([DOCTOR, NOBODY, CLINIC])
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
			Consent::do_try_state().expect("consent invariants hold");
		})
	}
}

fn setup() {
	let until = START + 100 * DAY;
	let hospital = &[Role::Provider, Role::DataCustodian];
	organisation(HOSPITAL_ORG, HOSPITAL, Kind::Hospital, hospital, &[HOSPITAL_AGENT], until);
	organisation(LAB_ORG, LAB, Kind::Laboratory, &[Role::DataCustodian], &[], until);
	organisation(BOARD_ORG, BOARD, Kind::LicensingBoard, &[Role::LicensingBoard], &[], until);
	HealthTokens::issue_licence(
		RuntimeOrigin::signed(BOARD),
		DOCTOR,
		pallet_health_tokens::Profession::Physician,
		pallet_health_tokens::DocumentRef {
			document_hash: sp_core::H256::repeat_byte(7),
			algorithm: pallet_health_tokens::HashAlgorithm::Sha256,
			locator: None,
		},
		until,
	)
	.unwrap();
	HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), 0).unwrap();
	// The doctor practises at the clinic: break-glass needs a licence and a provider.
	organisation(CLINIC_ORG, CLINIC, Kind::Clinic, &[Role::Provider], &[DOCTOR], until);
}

/// Organisation `id` of `admin`, of `kind`, accredited for `roles` until `until`, with `agents`:
/// set up through the registry's own paths, its id checked.
fn organisation(id: u32, admin: u64, kind: Kind, roles: &[Role], agents: &[u64], until: u64) {
	let organisation = Organisation { admin, kind, roles, agents, valid_until: until };
	assert_eq!(organisation.register::<Test>(), id, "the mock's organisations in id order");
}
