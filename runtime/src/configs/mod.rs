//! The configuration of every pallet in the runtime.

use crate::{
	weights, AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin,
	RuntimeTask, Signature, System, Timestamp, DAYS, EXISTENTIAL_DEPOSIT, HOURS, MICRO_UNIT,
	MILLI_UNIT, SLOT_DURATION, SS58_PREFIX, UNIT, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::HoldConsideration, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8,
		EitherOfDiverse, Get, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, IdentityFee, Weight},
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, FixedPointNumber, Perbill, Perquintill};
use sp_version::RuntimeVersion;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per block; the proof size is unbounded (a solochain has no relay
/// chain to send proofs to).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute in a six-second block, with this runtime's own base weights of a
	/// block and of an extrinsic (measured by `benchmark overhead`, `runtime/src/weights`); three
	/// quarters of it for normal transactions, the rest kept for operational ones.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| {
			class.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational transactions get at least the quarter normal ones cannot use.
			class.reserved = Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// Blocks of at most 5 MiB, three quarters of it for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB.
	type DbWeight = weights::DbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// The transaction extensions' weights, measured for this runtime.
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	/// Every call, but a council proposal whose closed twin's deposit is still held.
	type BaseCallFilter = NoProposalOverAHeldDeposit;
}

/// Refuses (`System.CallFiltered`) a council proposal identical to a closed motion whose
/// deposit has not been released yet: pallet-collective keys a proposal's deposit by the
/// proposal's hash, and a second one would overwrite the first's record, leaving that deposit
/// held for good. `release_proposal_cost` (which `healthchain council close` submits with the
/// close, and `healthchain council release` alone) releases it; the proposal can then be made
/// again.
pub struct NoProposalOverAHeldDeposit;
impl frame_support::traits::Contains<RuntimeCall> for NoProposalOverAHeldDeposit {
	fn contains(call: &RuntimeCall) -> bool {
		use sp_runtime::traits::Hash as _;
		match call {
			RuntimeCall::Council(pallet_collective::Call::propose { proposal, .. }) => {
				let hash = <Runtime as frame_system::Config>::Hashing::hash_of(proposal);
				!pallet_collective::CostOf::<Runtime, CouncilCollective>::contains_key(hash)
			},
			_ => true,
		}
	}
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxValidators;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	/// Measured for this runtime (`scripts/benchmark.sh balances`).
	type WeightInfo = weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Every byte of a transaction costs 10 µHCT: a 150-byte transfer pays 0.0015 HCT for its
	/// length, and filling a block's 3.75 MiB for normal transactions costs about 39 HCT, so
	/// that spamming blocks full costs something real.
	pub const TransactionByteFee: Balance = 10 * MICRO_UNIT;
	/// Fees rise when blocks are more than a quarter full (of their normal-class weight)...
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// ... by about 0.22% a block while they are full (×1.25 in ten minutes, ×3.8 in an hour),
	/// and fall back by up to 0.075% a block once they are not.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 1_000);
	/// The consortium's base fees are the floor: load never makes transactions cheaper.
	pub MinimumMultiplier: Multiplier = Multiplier::one();
	/// Under a sustained flood, weight fees stop at a thousand times the base.
	pub MaximumMultiplier: Multiplier = Multiplier::saturating_from_integer(1_000);
}

/// How the fee multiplier follows load: targeted fee adjustment (as on Polkadot).
pub type FeeMultiplierUpdate = TargetedFeeAdjustment<
	Runtime,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// One planck per picosecond of weight.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = FeeMultiplierUpdate;
	/// Measured for this runtime (`scripts/benchmark.sh transaction-payment`).
	type WeightInfo = weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// Sessions last a minute (ten blocks). A session is when validator-set and session-key
/// changes take effect (at the second session change after the call), so a short one lets the
/// consortium remove a compromised or dead validator within two minutes. The cost: the block
/// that rotates the session is accounted as full (`pallet-session` takes the block's whole
/// weight for the rotation), so one block in ten carries no normal transactions; the
/// authorities themselves change only when the set does.
pub const SESSION_PERIOD: BlockNumber = crate::MINUTES;

parameter_types! {
	pub const SessionPeriod: BlockNumber = SESSION_PERIOD;
	pub const SessionOffset: BlockNumber = 0;
	/// Held from the account that registers session keys (`session.set_keys`), returned when
	/// it purges them: the keys' storage is paid for by whoever creates it.
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A validator is known by its account: the one that registers its session keys.
	type ValidatorId = AccountId;
	/// Anyone may register session keys (with the key deposit, and a proof that it holds their
	/// secrets): only the consortium makes an account a validator.
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type SessionManager = crate::ValidatorSet;
	type SessionHandler =
		<crate::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::SessionKeys;
	/// No staking, no slashing: a misbehaving validator is removed by the consortium.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// The accounts with session keys registered.
pub struct HasSessionKeys;
impl frame_support::traits::Contains<AccountId> for HasSessionKeys {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

/// GRANDPA's stall recovery: `note_stalled`, dispatched as root by the validator set when the
/// set the consortium ordered it for takes effect.
pub struct GrandpaRecovery;
impl pallet_validator_set::FinalityRecovery<BlockNumber> for GrandpaRecovery {
	fn note_stalled(
		further_wait: BlockNumber,
		median: BlockNumber,
	) -> Result<(), pallet_validator_set::RecoveryDeferred> {
		use pallet_validator_set::RecoveryDeferred;
		// What `pallet_grandpa::schedule_change` refuses a forced change for, when GRANDPA
		// hears of this session change later in this block: then nothing is handed to it (it
		// would keep the stall and retry at each later session, while we announced a start).
		if pallet_grandpa::PendingChange::<Runtime>::exists() {
			return Err(RecoveryDeferred::ChangePending);
		}
		let now = frame_system::Pallet::<Runtime>::block_number();
		if pallet_grandpa::NextForced::<Runtime>::get().is_some_and(|next| next > now) {
			return Err(RecoveryDeferred::TooSoon);
		}
		// Root never fails its origin check; nothing else can fail in `note_stalled`.
		let _ = crate::Grandpa::note_stalled(RuntimeOrigin::root(), further_wait, median);
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<AccountId> for HasSessionKeys {
	fn set_session_keys(who: &AccountId) {
		use sp_core::crypto::UncheckedFrom;
		let raw: [u8; 32] = sp_io::hashing::blake2_256(who.as_ref());
		let keys = crate::SessionKeys {
			aura: sp_consensus_aura::sr25519::AuthorityId::unchecked_from(raw),
			grandpa: sp_consensus_grandpa::AuthorityId::unchecked_from(raw),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}

parameter_types! {
	/// The consortium cannot remove validators below two, nor does a session get fewer than
	/// two eligible ones (the set then stays as it is). Two or three validators tolerate no
	/// fault (GRANDPA needs more than two thirds of them); four tolerate one. Live networks
	/// should run at least four; two is the floor so that a stalled network whose survivors
	/// are two can still be recovered.
	pub const MinValidators: u32 = 2;
	/// Shorter than a session (see `pallet_validator_set::Config::MaxRecoveryDelay`).
	pub const MaxRecoveryDelay: BlockNumber = SESSION_PERIOD - 1;
	pub const MaxValidators: u32 = 32;
}

impl pallet_validator_set::Config for Runtime {
	type ConsortiumOrigin = ConsortiumOrigin;
	type Accreditation = crate::Registry;
	type SessionKeys = HasSessionKeys;
	type FinalityRecovery = GrandpaRecovery;
	type MinValidators = MinValidators;
	type MaxValidators = MaxValidators;
	type MaxRecoveryDelay = MaxRecoveryDelay;
	type SessionPeriod = SessionPeriod;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = HasSessionKeys;
}

parameter_types! {
	/// Room for every validator's node (32) and as many RPC, archive and boot nodes.
	pub const MaxNodes: u32 = 64;
	/// An owner's own nodes behind its authorised node (RPC, archive, standby).
	pub const MaxConnections: u32 = 16;
	/// Held from a node's owner for each connection it adds (32 bytes of storage each).
	pub const ConnectionDeposit: Balance = 10 * MILLI_UNIT;
}

/// The validators of the current and the next session (`pallet-session`'s `Validators` and
/// `QueuedKeys`): their nodes are not left out before the validator set drops them.
pub struct SessionValidators;
impl frame_support::traits::Contains<AccountId> for SessionValidators {
	fn contains(who: &AccountId) -> bool {
		pallet_session::Validators::<Runtime>::get().contains(who)
			|| pallet_session::QueuedKeys::<Runtime>::get().iter().any(|(v, _)| v == who)
	}
}

impl pallet_node_authorisation::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = ConsortiumOrigin;
	type Accreditation = crate::Registry;
	type SessionValidators = SessionValidators;
	type MaxNodes = MaxNodes;
	type MaxConnections = MaxConnections;
	type ConnectionDeposit = ConnectionDeposit;
	type WeightInfo = pallet_node_authorisation::weights::SubstrateWeight<Runtime>;
}

/// The council as root: two thirds of its members, and nothing else.
pub type CouncilAsRoot =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

impl pallet_consortium::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type ConsortiumOrigin = CouncilAsRoot;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

/// How the council counts a member who did not vote when a motion is closed at its end: as a
/// nay, always. (`PrimeDefaultVote` would count every silence as the prime's vote, so that a
/// prime's aye and three days of silence from the others would be a unanimous motion: root.)
pub struct AbstentionIsNay;
impl pallet_collective::DefaultVote for AbstentionIsNay {
	fn default_vote(_prime_vote: Option<bool>, _yes: u32, _no: u32, _len: u32) -> bool {
		false
	}
}

/// The consortium council's instance of `pallet-collective`.
pub type CouncilCollective = pallet_collective::Instance1;

parameter_types! {
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

/// The consortium origin: two thirds of the council, or root (the sudo key on the development
/// chain, the council's own `consortium.dispatch_as_root`, or a runtime upgrade's migrations).
pub type ConsortiumOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<100>;
	type DefaultVote = AbstentionIsNay;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = ConsortiumOrigin;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = ConsortiumOrigin;
	type KillOrigin = ConsortiumOrigin;
	/// A proposal holds a deposit from its proposer, the more the more motions are open (the
	/// `n`-th open one `n × CouncilProposalDeposit`): one member filling the proposal slots
	/// with large motions to delay every other pays for each, ever more. It returns when the
	/// motion is closed (`release_proposal_cost`, which the client's `council close` submits
	/// with the close); a motion the consortium kills as malicious loses it.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		CouncilProposalHoldReason,
		ProposalDeposit<CouncilProposalDeposit>,
		u32,
	>;
}

parameter_types! {
	/// The deposit of the first open council motion; the `n`-th open one holds `n` times it.
	pub const CouncilProposalDeposit: Balance = UNIT;
	/// Why a council proposal's deposit is held.
	pub CouncilProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
}

/// A council proposal's deposit: `(open proposals + 1) × Base`, linear in the number of motions
/// already open (pallet-collective's own `deposit::Linear` takes its slope in `u32` units, too
/// small for a 12-decimal currency).
pub struct ProposalDeposit<Base>(core::marker::PhantomData<Base>);
impl<Base: Get<Balance>> sp_runtime::traits::Convert<u32, Balance> for ProposalDeposit<Base> {
	fn convert(open_proposals: u32) -> Balance {
		Base::get().saturating_mul(Balance::from(open_proposals).saturating_add(1))
	}
}

parameter_types! {
	pub const OrganisationDeposit: Balance = 10 * UNIT;
	pub const AgentDeposit: Balance = UNIT;
	/// The most agents (and invitations) an organisation has.
	pub const MaxAgents: u32 = 100;
}

impl pallet_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = ConsortiumOrigin;
	type Time = Timestamp;
	type OrganisationDeposit = OrganisationDeposit;
	type AgentDeposit = AgentDeposit;
	type MaxAgents = MaxAgents;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held from the issuer for every health token: the price of its permanent storage.
	pub const TokenDeposit: Balance = 10 * MILLI_UNIT;
	/// Held from the author of every later version of a token.
	pub const VersionDeposit: Balance = 5 * MILLI_UNIT;
}

/// Creates sr25519 keys in the benchmark's keystore and signs with them.
#[cfg(feature = "runtime-benchmarks")]
pub struct SigningBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_health_tokens::BenchmarkHelper<AccountId, Signature> for SigningBenchmarkHelper {
	fn sign_as_new_account(
		message_for: impl FnOnce(&AccountId) -> alloc::vec::Vec<u8>,
	) -> (AccountId, Signature) {
		use sp_runtime::traits::IdentifyAccount;
		let key_type = sp_core::crypto::KeyTypeId(*b"hcbm");
		let public = sp_io::crypto::sr25519_generate(key_type, None);
		let account = sp_runtime::MultiSigner::from(public).into_account();
		let message = message_for(&account);
		let signature = sp_io::crypto::sr25519_sign(key_type, &public, &message)
			.expect("the key was just generated in the keystore");
		(account, Signature::Sr25519(signature))
	}
}

impl pallet_health_tokens::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = crate::Registry;
	type ConsortiumOrigin = ConsortiumOrigin;
	type Time = Timestamp;
	/// Records, certificates, licences and sessions belong to their subjects.
	type TransferableClasses = frame_support::traits::Nothing;
	type Signature = Signature;
	type TokenDeposit = TokenDeposit;
	type VersionDeposit = VersionDeposit;
	type MaxVersions = ConstU32<64>;
	type MaxPageSize = ConstU32<100>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SigningBenchmarkHelper;
	type WeightInfo = pallet_health_tokens::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held from the grantor of every consent until it is removed.
	pub const ConsentDeposit: Balance = 10 * MILLI_UNIT;
	/// Held for every guardian or legal representative until removed.
	pub const RepresentativeDeposit: Balance = 10 * MILLI_UNIT;
	/// Held from a practitioner for an emergency grant until it is closed.
	pub const EmergencyDeposit: Balance = 10 * MILLI_UNIT;
	/// Held for every audit-trail entry, which is permanent.
	pub const AccessRecordDeposit: Balance = MILLI_UNIT;
	/// Break-glass lasts at most four hours.
	pub const MaxEmergencyDuration: u64 = 4 * 60 * 60 * 1000;
	/// After break-glass ends, the same practitioner waits a day before breaking the glass
	/// for the same patient again: care beyond an emergency needs the patient's consent.
	pub const EmergencyCooldown: u64 = 24 * 60 * 60 * 1000;
}

/// The professions that may break the glass: physicians, nurses and paramedics.
pub struct EmergencyProfessions;
impl frame_support::traits::Contains<healthchain_primitives::Profession> for EmergencyProfessions {
	fn contains(profession: &healthchain_primitives::Profession) -> bool {
		use healthchain_primitives::Profession::*;
		matches!(profession, Physician | Nurse | Paramedic)
	}
}

impl pallet_consent::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = crate::Registry;
	type Licences = crate::HealthTokens;
	type Tokens = crate::HealthTokens;
	type DepositPayer = crate::Sponsorship;
	type ConsortiumOrigin = ConsortiumOrigin;
	type Time = Timestamp;
	type EmergencyProfessions = EmergencyProfessions;
	/// Break-glass reads; it never writes.
	type EmergencyWriteAllowed = ConstBool<false>;
	type EmergencyCooldown = EmergencyCooldown;
	type ConsentDeposit = ConsentDeposit;
	type RepresentativeDeposit = RepresentativeDeposit;
	type EmergencyDeposit = EmergencyDeposit;
	type AccessRecordDeposit = AccessRecordDeposit;
	type MaxConsentsPerPatient = ConstU32<32>;
	type MaxProvisions = ConstU32<8>;
	type MaxRepresentatives = ConstU32<4>;
	type MaxEmergencyDuration = MaxEmergencyDuration;
	type MaxPageSize = ConstU32<100>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ConsentBenchmarkHelper;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
}

/// Sets the block's timestamp for the consent benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ConsentBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_consent::BenchmarkHelper for ConsentBenchmarkHelper {
	fn set_time(now: u64) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}

parameter_types! {
	/// Held from the agent who registers a trial.
	pub const TrialDeposit: Balance = 10 * MILLI_UNIT;
	/// Held for every document version anchored, which is permanent.
	pub const TrialDocumentDeposit: Balance = MILLI_UNIT;
	/// Held for every milestone anchored, which is permanent (a withdrawn one is kept in the
	/// consortium's voiding).
	pub const TrialMilestoneDeposit: Balance = MILLI_UNIT;
	/// Held for every checkpoint of a data log, which is permanent.
	pub const TrialCheckpointDeposit: Balance = MILLI_UNIT;
}

impl pallet_trial_anchoring::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = crate::Registry;
	type ConsortiumOrigin = ConsortiumOrigin;
	type Time = Timestamp;
	type TrialDeposit = TrialDeposit;
	type DocumentDeposit = TrialDocumentDeposit;
	type MilestoneDeposit = TrialMilestoneDeposit;
	type CheckpointDeposit = TrialCheckpointDeposit;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = pallet_trial_anchoring::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Held from the agent who attests or renews a coverage, returned when the attestation is
	/// removed.
	pub const AttestationDeposit: Balance = MILLI_UNIT;
	/// Held from a patient who refuses an insurer, returned when they allow it again.
	pub const InsurerRefusalDeposit: Balance = MILLI_UNIT;
}

impl pallet_insurance::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = crate::Registry;
	type DepositPayer = crate::Sponsorship;
	type Time = Timestamp;
	type AttestationDeposit = AttestationDeposit;
	type RefusalDeposit = InsurerRefusalDeposit;
	/// Ten years: longer than any policy period; a longer one must be renewed.
	type MaxCoveragePeriod = ConstU64<{ 10 * 365 * 24 * 3_600_000 }>;
	type MaxPageSize = ConstU32<100>;
	type WeightInfo = pallet_insurance::weights::SubstrateWeight<Runtime>;
}

/// The same signer for the sponsorship benchmarks' agreements.
#[cfg(feature = "runtime-benchmarks")]
impl pallet_sponsorship::BenchmarkHelper<AccountId, Signature> for SigningBenchmarkHelper {
	fn sign_as_new_account(
		message_for: impl FnOnce(&AccountId) -> alloc::vec::Vec<u8>,
	) -> (AccountId, Signature) {
		<Self as pallet_health_tokens::BenchmarkHelper<AccountId, Signature>>::sign_as_new_account(
			message_for,
		)
	}
}

/// The calls a sponsor pays the fee of when a patient it sponsors signs them: the patient's
/// own actions, and leaving the sponsorship. (A practitioner or an insurer's agent making
/// the same call pays for it, unless a sponsor sponsors them.)
pub struct PatientCalls;
impl frame_support::traits::Contains<RuntimeCall> for PatientCalls {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_consent::Call as Consent;
		use pallet_health_tokens::Call as Tokens;
		use pallet_insurance::Call as Insurance;
		use pallet_sponsorship::Call as Sponsorship;
		matches!(
			call,
			RuntimeCall::Consent(
				Consent::grant { .. }
					| Consent::revoke { .. }
					| Consent::remove { .. }
					| Consent::appoint_representative { .. }
					| Consent::remove_representative { .. }
					| Consent::close_emergency_access { .. }
			) | RuntimeCall::HealthTokens(
				Tokens::accept_session { .. }
					| Tokens::cancel_session { .. }
					| Tokens::refuse { .. }
					| Tokens::archive { .. }
			) | RuntimeCall::Insurance(
				Insurance::remove_attestation { .. }
					| Insurance::refuse_insurer { .. }
					| Insurance::allow_insurer { .. }
			) | RuntimeCall::Sponsorship(Sponsorship::end_sponsorship { .. })
		)
	}
}

/// Organisation `o`'s sponsor account: the module account of `hc/spons` for `o`
/// (`modl` ‖ `hc/spons` ‖ SCALE(o), zero-padded), whose key nobody holds.
pub struct SponsorAccountOf;
impl sp_runtime::traits::Convert<healthchain_primitives::OrganisationId, AccountId>
	for SponsorAccountOf
{
	fn convert(organisation: healthchain_primitives::OrganisationId) -> AccountId {
		use sp_runtime::traits::AccountIdConversion;
		frame_support::PalletId(*b"hc/spons").into_sub_account_truncating(organisation)
	}
}

parameter_types! {
	/// A sponsor's budget for an account is per day.
	pub const SponsorshipBudgetPeriod: BlockNumber = DAYS;
	/// Held from the sponsor account for each sponsorship.
	pub const SponsorshipDeposit: Balance = 10 * MILLI_UNIT;
	/// A patient's agreement to be sponsored is valid for at most an hour.
	pub const MaxSponsorshipAgreementLife: BlockNumber = HOURS;
}

impl pallet_sponsorship::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Accreditation = crate::Registry;
	type Sponsorable = PatientCalls;
	type SponsorAccount = SponsorAccountOf;
	type BudgetPeriod = SponsorshipBudgetPeriod;
	type SponsorshipDeposit = SponsorshipDeposit;
	type MaxAgreementLife = MaxSponsorshipAgreementLife;
	type Signature = Signature;
	type WeightInfo = pallet_sponsorship::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SigningBenchmarkHelper;
}
