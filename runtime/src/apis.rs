//! The runtime APIs the node, wallets and clients call (`state_call`).

#[cfg(feature = "try-runtime")]
use crate::configs::RuntimeBlockWeights;
use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, Executive, Grandpa, Hash, InherentDataExt, Nonce,
	Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use healthchain_primitives::{AccreditationError, OrganisationId, Profession, Role, TokenId};
use pallet_consent::{
	AccessDecision, AccessQuestion, AccessRecord, Action, ConsentId, ConsentView, EmergencyGrant,
	Purpose, RecordScope, RecordedRepresentative, RepresentativeInfo,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use pallet_health_tokens::{Issuer, LicenceCheck, TokenView, Verification, VersionInfo};
use pallet_insurance::{
	Attestation, AttestationId, AttestationPage, Claim, ClaimError, ClaimProof, InForce, NotInForce,
};
use pallet_registry::{AccreditationView, OrganisationInfo};
use pallet_trial_anchoring::{
	Checkpoint, DocumentEntry, DocumentKind, DocumentVersion, InclusionError, Milestone,
	MilestoneRecord, Page, Trial, TrialId, Version, Voiding,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// The key owner proof type is uninhabited: no proof can exist.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	impl pallet_registry_runtime_api::RegistryApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn organisation(id: OrganisationId) -> Option<OrganisationInfo<AccountId, Balance, BlockNumber>> {
			crate::Registry::organisation_info(id)
		}

		fn agents(id: OrganisationId) -> Vec<AccountId> {
			crate::Registry::agents_of(id)
		}

		fn accreditations(id: OrganisationId) -> Vec<AccreditationView<BlockNumber>> {
			crate::Registry::accreditations_of(id)
		}

		fn organisation_of(who: AccountId) -> Option<OrganisationId> {
			crate::Registry::organisation_of(&who)
		}

		fn check_role(who: AccountId, role: Role) -> Result<OrganisationId, AccreditationError> {
			crate::Registry::check_role(&who, role)
		}
	}

	impl pallet_health_tokens_runtime_api::HealthTokensApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn token(id: TokenId) -> Option<TokenView<AccountId, BlockNumber>> {
			crate::HealthTokens::token_view(id)
		}

		fn versions(id: TokenId) -> Vec<VersionInfo<AccountId, Balance, BlockNumber>> {
			crate::HealthTokens::versions_of(id)
		}

		fn tokens_of(owner: AccountId, start_after: Option<TokenId>, limit: u32) -> Vec<TokenId> {
			crate::HealthTokens::tokens_of(&owner, start_after, limit)
		}

		fn verify(document_hash: sp_core::H256, issuer: Issuer<AccountId>) -> Option<Verification<AccountId, BlockNumber>> {
			crate::HealthTokens::verify(document_hash, &issuer)
		}

		fn anchors_of(document_hash: sp_core::H256, start_after: Option<Issuer<AccountId>>, limit: u32) -> Page<Verification<AccountId, BlockNumber>, Issuer<AccountId>> {
			crate::HealthTokens::anchors_of(document_hash, start_after, limit)
		}

		fn licence_check(practitioner: AccountId, profession: Profession) -> LicenceCheck {
			crate::HealthTokens::licence_check(&practitioner, profession)
		}
	}

	impl pallet_consent_runtime_api::ConsentApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn check_access(
			grantee: AccountId,
			patient: AccountId,
			scope: RecordScope,
			action: Action,
			purpose: Purpose,
		) -> AccessDecision {
			crate::Consent::check_access(&grantee, &patient, &scope, action, purpose)
		}

		fn check_access_opened(
			grantee: AccountId,
			patient: AccountId,
			scope: RecordScope,
			action: Action,
			purpose: Purpose,
			openings: Vec<pallet_consent::ScopeOpening>,
		) -> AccessDecision {
			crate::Consent::check_access_opened(&grantee, &patient, &scope, action, purpose, &openings)
		}

		fn check_access_batch(
			queries: Vec<pallet_consent::AccessQuery<AccountId>>,
		) -> Result<Vec<pallet_consent::AccessDecision>, pallet_consent::AccessBatchError> {
			crate::Consent::check_access_batch(&queries)
		}

		fn consent(id: ConsentId) -> Option<ConsentView<AccountId, Balance, BlockNumber>> {
			crate::Consent::consent_view(id)
		}

		fn consents_of(patient: AccountId) -> Vec<ConsentView<AccountId, Balance, BlockNumber>> {
			crate::Consent::consents_of(&patient)
		}

		fn representatives_of(patient: AccountId) -> Vec<(AccountId, RepresentativeInfo<AccountId, Balance>, bool)> {
			crate::Consent::representatives_of(&patient)
		}

		fn recorded_representatives_of(patient: AccountId, start_after: Option<OrganisationId>, limit: u32) -> Page<(OrganisationId, RecordedRepresentative<AccountId, Balance>), OrganisationId> {
			crate::Consent::recorded_representatives_of(&patient, start_after, limit)
		}

		fn emergency_access_of(patient: AccountId, start_after: Option<AccountId>, limit: u32) -> Page<(AccountId, EmergencyGrant<AccountId, Balance, BlockNumber>), AccountId> {
			crate::Consent::emergency_access_of(&patient, start_after, limit)
		}

		fn audit_log(patient: AccountId, start: u64, limit: u32) -> Vec<(u64, AccessRecord<AccountId, Balance, BlockNumber>)> {
			crate::Consent::audit_log(&patient, start, limit)
		}

		fn access_commitment(question: AccessQuestion<AccountId>, decision: AccessDecision, salt: [u8; 32]) -> Hash {
			question.commitment(&decision, &salt)
		}

		fn audit_entry_matches(index: u64, question: AccessQuestion<AccountId>, decision: AccessDecision, salt: [u8; 32]) -> bool {
			crate::Consent::audit_entry_matches(index, &question, &decision, &salt)
		}
	}

	impl pallet_trial_anchoring_runtime_api::TrialAnchoringApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn trial(trial: TrialId) -> Option<Trial<AccountId, Balance, BlockNumber>> {
			crate::TrialAnchoring::trial(&trial)
		}

		fn documents(trial: TrialId, start_after: Option<u32>, limit: u32) -> Page<DocumentEntry<AccountId, Balance, BlockNumber>, u32> {
			crate::TrialAnchoring::documents(&trial, start_after, limit)
		}

		fn lineage(trial: TrialId, kind: DocumentKind, start_after: Option<Version>, limit: u32) -> Page<(Version, DocumentVersion<AccountId, Balance, BlockNumber>), Version> {
			crate::TrialAnchoring::lineage(&trial, kind, start_after, limit)
		}

		fn milestones(trial: TrialId) -> Vec<(Milestone, MilestoneRecord<AccountId, Balance, BlockNumber>)> {
			crate::TrialAnchoring::milestones(&trial)
		}

		fn in_force_at(trial: TrialId, milestone: Milestone) -> Option<Vec<(DocumentKind, Version)>> {
			crate::TrialAnchoring::in_force_at(&trial, milestone)
		}

		fn anchored_before(trial: TrialId, kind: DocumentKind, version: Version, milestone: Milestone) -> Option<bool> {
			crate::TrialAnchoring::anchored_before(&trial, kind, version, milestone)
		}

		fn changes_after(trial: TrialId, milestone: Milestone, start_after: Option<u32>, limit: u32) -> Option<Page<DocumentEntry<AccountId, Balance, BlockNumber>, u32>> {
			crate::TrialAnchoring::changes_after(&trial, milestone, start_after, limit)
		}

		fn voidings(trial: TrialId, start_after: Option<u32>, limit: u32) -> Page<(u32, Voiding<AccountId, Balance, BlockNumber>), u32> {
			crate::TrialAnchoring::voidings(&trial, start_after, limit)
		}

		fn checkpoint(trial: TrialId, index: u32) -> Option<Checkpoint<AccountId, Balance, BlockNumber>> {
			crate::TrialAnchoring::checkpoint(&trial, index)
		}

		fn in_log(trial: TrialId, index: u32) -> Option<bool> {
			crate::TrialAnchoring::in_log(&trial, index)
		}

		fn verify_inclusion(trial: TrialId, checkpoint: u32, leaf_index: u64, leaf: [u8; 32], proof: Vec<[u8; 32]>) -> Result<(), InclusionError> {
			crate::TrialAnchoring::verify_inclusion(&trial, checkpoint, leaf_index, &leaf, &proof)
		}
	}

	impl pallet_node_authorisation_runtime_api::NodeAuthorisationApi<Block> for Runtime {
		fn allowed_peers(node: pallet_node_authorisation::NodeId) -> Option<Vec<pallet_node_authorisation::NodeId>> {
			crate::NodeAuthorisation::allowed_peers(&node)
		}
	}

	impl pallet_insurance_runtime_api::InsuranceApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn attestation(attestation: AttestationId) -> Option<Attestation<AccountId, Balance, BlockNumber>> {
			crate::Insurance::attestation(attestation)
		}

		fn coverage_status(attestation: AttestationId) -> Result<InForce<AccountId>, NotInForce> {
			crate::Insurance::coverage_status(attestation)
		}

		fn verify_claim(attestation: AttestationId, claim: Claim, salt: [u8; 32], proof: ClaimProof) -> Result<(), ClaimError> {
			crate::Insurance::verify_claim(attestation, &claim, &salt, &proof)
		}

		fn attestations_of(patient: AccountId, start_after: Option<AttestationId>, limit: u32) -> AttestationPage<AccountId, Balance, BlockNumber> {
			crate::Insurance::attestations_of(&patient, start_after, limit)
		}
	}

	impl pallet_sponsorship_runtime_api::SponsorshipApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn sponsorship_of(patient: AccountId) -> Option<pallet_sponsorship::SponsorshipView<AccountId, Balance, BlockNumber>> {
			crate::Sponsorship::sponsorship_of(&patient)
		}

		fn sponsor_account(organisation: OrganisationId) -> pallet_sponsorship::SponsorAccount<AccountId, Balance> {
			crate::Sponsorship::sponsor_account_of(organisation)
		}

		fn sponsored_by(organisation: OrganisationId, start_after: Option<AccountId>, limit: u32) -> pallet_sponsorship::Page<AccountId> {
			crate::Sponsorship::sponsored_by(organisation, start_after, limit)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use crate::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use sp_storage::TrackedStorageKey;
			use crate::*;

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}
}
