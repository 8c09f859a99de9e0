//! A connection to a healthchain node: status, signed submission with finality, runtime APIs,
//! and errors decoded to the pallet error that caused them.

use crate::{
	config::{metadata_hash, ChainInfo, HealthchainParams, MetadataHash},
	output::{render, Case},
	runtime::api::{
		self,
		runtime_types::{
			healthchain_runtime::RuntimeCall,
			pallet_collective::pallet::Call as CouncilCall,
			pallet_sudo::pallet::Call as SudoCall,
			sp_runtime::{DispatchError as RuntimeDispatchError, TokenError},
		},
	},
};
use anyhow::{anyhow, bail, Context, Result};
use codec::{Decode, Encode};
use serde::Serialize;
use serde_json::Value as Json;
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, RpcConfigFor},
	events::Event,
	ext::{
		scale_decode::{self, DecodeAsType},
		scale_encode::EncodeAsType,
		scale_value::{
			scale::{decode_as_fields, decode_as_type},
			Composite, ValueDef,
		},
	},
	metadata::Metadata,
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	runtime_apis::Payload as RuntimeApiPayload,
	transactions::{
		DynamicPayload, TransactionInvalid, TransactionStatus, TransactionUnknown, ValidationResult,
	},
	utils::AccountId32,
	OnlineClient, OnlineClientAtBlock,
};
use subxt_signer::sr25519::Keypair;

/// The chain configuration the client signs for.
pub type Config = crate::config::HealthchainConfig;

/// How long to follow a submitted transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Wait {
	/// Return once the transaction pool accepted it.
	None,
	/// Return once it is in a best block (may still be reverted).
	InBlock,
	/// Return once it is in a finalized block (the default).
	Finalized,
}

/// The chain, best and finalized block of a node.
#[derive(Debug, Serialize)]
pub struct Status {
	/// The chain's name.
	pub chain: String,
	/// The runtime's `spec_name` and `spec_version`.
	pub runtime: String,
	/// The best block number.
	pub best: u64,
	/// The finalized block number.
	pub finalized: u64,
	/// The finalized block's hash.
	pub finalized_hash: String,
}

/// One event emitted by a transaction.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
	/// The pallet that emitted it.
	pub pallet: String,
	/// The event's name.
	pub name: String,
	/// Its fields.
	pub fields: Json,
}

/// What a successful transaction did.
#[derive(Debug, Serialize)]
pub struct Outcome {
	/// The call, as `Pallet.call` (the outer one of a wrapped call).
	#[serde(skip)]
	pub call: String,
	/// The transaction's hash.
	pub extrinsic_hash: String,
	/// The block it is in (absent with `--wait none`).
	pub block_hash: Option<String>,
	/// That block's number.
	pub block_number: Option<u64>,
	/// Whether that block is final.
	pub finalized: bool,
	/// The events it emitted.
	pub events: Vec<EventRecord>,
}

impl Outcome {
	/// The first event `pallet.name`, if the transaction emitted one.
	pub fn event(&self, pallet: &str, name: &str) -> Option<&EventRecord> {
		self.events.iter().find(|e| e.pallet == pallet && e.name == name)
	}
}

/// Why the chain refused a transaction: `error` is `pallet.Error` (e.g.
/// `registry.NotAuthorized`) or a dispatch error's name (`BadOrigin`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Failure {
	/// The error's identifier.
	pub error: String,
	/// What it means, from the runtime's documentation.
	pub message: String,
}

impl core::fmt::Display for Failure {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}: {}", self.error, self.message)
	}
}

impl std::error::Error for Failure {}

impl Failure {
	/// The refusal a dispatch error of the runtime stands for: a pallet's error by its name
	/// and documentation (with the inner error of a nested one), or the dispatch error's kind.
	pub fn from_dispatch_error(error: &RuntimeDispatchError, metadata: &Metadata) -> Self {
		use RuntimeDispatchError as E;
		let (error, message) = match error {
			E::Module(module) => {
				return Self::from_module_error(module.index, module.error, metadata)
			},
			E::BadOrigin => (
				"BadOrigin".into(),
				"the signer is not allowed to make this call (e.g. a consortium-only call signed \
				 by an ordinary account)",
			),
			E::Token(token) => (format!("Token.{token:?}"), token_message(token)),
			E::Arithmetic(arithmetic) => (
				format!("Arithmetic.{arithmetic:?}"),
				"an amount over- or underflowed: the values of the call are out of range",
			),
			E::Transactional(_) => {
				("Transactional".into(), "the call nested too many storage transactions")
			},
			E::CannotLookup => ("CannotLookup".into(), "an address of the call names no account"),
			E::ConsumerRemaining => (
				"ConsumerRemaining".into(),
				"the account cannot be removed while something still depends on it",
			),
			E::NoProviders => {
				("NoProviders".into(), "the account does not exist: it holds no balance")
			},
			E::TooManyConsumers => {
				("TooManyConsumers".into(), "too many things depend on the account already")
			},
			E::Exhausted => {
				("Exhausted".into(), "the block's resources are exhausted: retry later")
			},
			E::Corruption => ("Corruption".into(), "the chain's state is inconsistent"),
			E::Unavailable => ("Unavailable".into(), "a resource the call needs is unavailable"),
			E::RootNotAllowed => {
				("RootNotAllowed".into(), "the root origin may not make this call")
			},
			E::Trie(trie) => (format!("Trie.{trie:?}"), "a storage proof is invalid"),
			E::Other => ("Other".into(), "the runtime refused the call without naming a reason"),
		};
		Failure { error, message: message.into() }
	}

	/// Pallet `index`'s error `error` (`[variant, inner variant, ..]`, how FRAME encodes a
	/// `ModuleError`), named and explained from the runtime's metadata.
	fn from_module_error(index: u8, error: [u8; 4], metadata: &Metadata) -> Self {
		let Some((pallet, variant)) = metadata.pallet_by_error_index(index).and_then(|pallet| {
			Some((pallet.name().to_lowercase(), pallet.error_variant_by_index(error[0])?))
		}) else {
			return Failure {
				error: "UnknownModuleError".into(),
				message: format!(
					"pallet {index} error {error:?}, which this runtime does not name"
				),
			};
		};
		let outer = variant.docs.join(" ").trim().to_string();
		match nested_error(variant, error[1], metadata) {
			// `Error::Licence(LicenceError::Suspended)`: `healthtokens.Licence.Suspended`, the
			// outer error's context and the inner error's reason.
			Some((name, inner)) => Failure {
				error: format!("{pallet}.{}.{name}", variant.name),
				message: format!(
					"{}: {}",
					outer.trim_end_matches("; the inner error says why."),
					inner
				),
			},
			None => Failure { error: format!("{pallet}.{}", variant.name), message: outer },
		}
	}

	/// Why the runtime refused a transaction before inclusion, by the kind its validation
	/// answered (`TaggedTransactionQueue_validate_transaction`), with the reason named when it
	/// is the metadata hash the transaction was signed with.
	fn from_validation(result: ValidationResult, metadata_hash: Option<MetadataHash>) -> Self {
		use TransactionInvalid as I;
		let (error, message) = match result {
			ValidationResult::Invalid(I::BadProof) if metadata_hash.is_some() => (
				"MetadataHashMismatch".into(),
				format!(
					"the runtime refused the signature: its metadata hash is not {} (the hash \
					 signed), so the metadata the transaction was built from is not the \
					 runtime's",
					crate::hash::Hash32(metadata_hash.unwrap_or_default())
				),
			),
			ValidationResult::Unknown(TransactionUnknown::CannotLookup)
				if metadata_hash.is_some() =>
			(
				"MetadataHashUnsupported".into(),
				"this runtime was built without the `metadata-hash` feature, so it cannot check a \
				 metadata hash: sign without --metadata-hash"
					.into(),
			),
			ValidationResult::Invalid(invalid) => {
				let message = match &invalid {
					I::Payment => "the signer cannot pay the transaction fee",
					I::BadProof => "the signature is invalid",
					I::Stale => "the nonce was used already (a transaction of the signer was \
					             included meanwhile): submit again",
					I::Future => "the nonce is ahead of the signer's next one",
					I::AncientBirthBlock => "the transaction's mortality period is over",
					I::ExhaustsResources => "the transaction does not fit in a block now",
					I::Call => "the call is not allowed as a transaction",
					I::BadSigner => "the signer may not sign this transaction",
					_ => "the runtime refused the transaction",
				};
				(format!("Invalid.{invalid:?}"), message.into())
			},
			ValidationResult::Unknown(unknown) => (
				format!("Unknown.{unknown:?}"),
				"the runtime could not validate the transaction".into(),
			),
			ValidationResult::Valid(_) => ("Valid".into(), "the transaction is valid".into()),
		};
		Failure { error, message }
	}
}

/// What a token (balance) error means for the signer.
fn token_message(error: &TokenError) -> &'static str {
	match error {
		TokenError::FundsUnavailable => "the account's free balance is too low",
		TokenError::OnlyProvider => "the account would be removed, and something depends on it",
		TokenError::BelowMinimum => "the amount is below the existential deposit",
		TokenError::CannotCreate => "the account cannot be created",
		TokenError::Frozen => "the funds are frozen",
		TokenError::Blocked => "the account is blocked",
		_ => "a balance operation failed",
	}
}

/// The name and docs of the inner error of a nested pallet error (`Error::Licence(LicenceError)`,
/// a `PalletError`): the variant of the outer variant's one field's enum type whose index is
/// `index`, the byte after the outer error's index. `None` for an error without a field.
fn nested_error(
	outer: &scale_info::Variant<scale_info::form::PortableForm>,
	index: u8,
	metadata: &Metadata,
) -> Option<(String, String)> {
	let [field] = outer.fields.as_slice() else { return None };
	let scale_info::TypeDef::Variant(inner) = &metadata.types().resolve(field.ty.id)?.type_def
	else {
		return None;
	};
	let variant = inner.variants.iter().find(|variant| variant.index == index)?;
	Some((variant.name.clone(), variant.docs.join(" ").trim().to_string()))
}

/// A connection to a node.
pub struct Chain {
	api: OnlineClient<Config>,
	rpc: LegacyRpcMethods<RpcConfigFor<Config>>,
	metadata_hash: Option<MetadataHash>,
}

impl Chain {
	/// Connect to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self> {
		let rpc_client = RpcClient::from_insecure_url(url)
			.await
			.with_context(|| format!("cannot connect to a node at {url}"))?;
		let api = OnlineClient::<Config>::from_rpc_client(rpc_client.clone())
			.await
			.with_context(|| format!("cannot talk to the node at {url}"))?;
		Ok(Self { api, rpc: LegacyRpcMethods::new(rpc_client), metadata_hash: None })
	}

	/// Sign every following transaction with `CheckMetadataHash` enabled, committing to `hash`
	/// (as a hardware wallet does); `None` signs with the check disabled (the default).
	pub fn sign_with_metadata_hash(&mut self, hash: Option<MetadataHash>) {
		self.metadata_hash = hash;
	}

	/// What the metadata hash covers besides the types: the runtime's name and version, and the
	/// SS58 prefix, token decimals and symbol.
	pub async fn chain_info(&self) -> Result<ChainInfo> {
		let version = self.rpc.state_get_runtime_version(None).await?;
		let spec_name = version
			.other
			.get("specName")
			.and_then(|v| v.as_str())
			.ok_or_else(|| anyhow!("the node reports no specName"))?
			.to_string();
		let properties = self.rpc.system_properties().await?;
		let token_symbol = properties
			.get("tokenSymbol")
			.and_then(|v| v.as_str())
			.ok_or_else(|| anyhow!("the chain spec has no tokenSymbol property"))?
			.to_string();
		let decimals = properties
			.get("tokenDecimals")
			.and_then(|v| v.as_u64())
			.and_then(|d| u8::try_from(d).ok())
			.ok_or_else(|| anyhow!("the chain spec has no tokenDecimals property"))?;
		let ss58_prefix = self.constant(api::constants().system().ss58_prefix()).await?;
		Ok(ChainInfo {
			spec_name,
			spec_version: version.spec_version,
			ss58_prefix,
			decimals,
			token_symbol,
		})
	}

	/// The RFC 78 metadata hash of the node's current runtime, computed from its metadata (V15)
	/// and [`Chain::chain_info`]: what a wallet commits to when it signs with
	/// `CheckMetadataHash` enabled.
	pub async fn metadata_hash(&self) -> Result<(MetadataHash, ChainInfo)> {
		let info = self.chain_info().await?;
		let metadata = self.metadata_v15().await?;
		let hash = metadata_hash(&metadata, &info).map_err(|e| anyhow!(e))?;
		Ok((hash, info))
	}

	/// The node's runtime metadata, version 15, SCALE-encoded (`RuntimeMetadataPrefixed`):
	/// what the client's code is generated from (`client/metadata/healthchain.scale`).
	pub async fn metadata_v15(&self) -> Result<Vec<u8>> {
		let answer = self
			.rpc
			.state_call("Metadata_metadata_at_version", Some(&15u32.encode()), None)
			.await?;
		Option::<Vec<u8>>::decode(&mut &answer[..])
			.context("cannot decode the answer of Metadata_metadata_at_version")?
			.ok_or_else(|| anyhow!("the runtime offers no metadata version 15"))
	}

	/// The subxt client.
	pub fn api(&self) -> &OnlineClient<Config> {
		&self.api
	}

	/// The node's chain, runtime, best and finalized block.
	pub async fn status(&self) -> Result<Status> {
		let chain = self.rpc.system_chain().await?;
		let best =
			self.rpc.chain_get_header(None).await?.ok_or_else(|| anyhow!("no best block"))?;
		let finalized_hash = self.rpc.chain_get_finalized_head().await?;
		let finalized = self
			.rpc
			.chain_get_header(Some(finalized_hash))
			.await?
			.ok_or_else(|| anyhow!("no finalized block"))?;
		let version = self.rpc.state_get_runtime_version(None).await?;
		let spec_name =
			version.other.get("specName").and_then(|v| v.as_str()).unwrap_or("unknown").to_string();
		Ok(Status {
			chain,
			runtime: format!("{spec_name}/{}", version.spec_version),
			best: best.number,
			finalized: finalized.number,
			finalized_hash: format!("{finalized_hash:?}"),
		})
	}

	/// The client at the latest finalized block, or with `best = true` at the best block.
	async fn at(&self, best: bool) -> Result<OnlineClientAtBlock<Config>> {
		if best {
			let hash = self
				.rpc
				.chain_get_block_hash(None)
				.await?
				.ok_or_else(|| anyhow!("no best block"))?;
			Ok(self.api.at_block(hash).await?)
		} else {
			Ok(self.api.at_current_block().await?)
		}
	}

	/// The client in the state of block number `block` (a node that keeps that state: an
	/// archive node, or a recent block).
	async fn at_number(&self, block: u64) -> Result<OnlineClientAtBlock<Config>> {
		let hash = self
			.rpc
			.chain_get_block_hash(Some(block.into()))
			.await?
			.ok_or_else(|| anyhow!("no block #{block}"))?;
		Ok(self.api.at_block(hash).await?)
	}

	/// The members of the consortium council.
	pub async fn council_members(&self) -> Result<Vec<AccountId32>> {
		let at = self.api.at_current_block().await?;
		let members = at.storage().fetch(api::storage().council().members(), ()).await?;
		Ok(members.decode()?)
	}

	/// A constant of the runtime at the latest finalized block.
	pub async fn constant<A: subxt::constants::Address>(&self, address: A) -> Result<A::Target> {
		let at = self.api.at_current_block().await?;
		Ok(at.constants().entry(address)?)
	}

	/// Call a runtime API (`api::runtime_apis()`) at the latest finalized block (or, with `best = true`,
	/// at the best block): the answer as its generated type.
	pub async fn runtime_api<P: RuntimeApiPayload>(
		&self,
		payload: P,
		best: bool,
	) -> Result<P::ReturnType> {
		let name = format!("{}_{}", payload.trait_name(), payload.method_name());
		let at = self.at(best).await?;
		at.runtime_apis().call(payload).await.with_context(|| format!("runtime API {name} failed"))
	}

	/// Call a runtime API in the state of block number `block`.
	pub async fn runtime_api_at<P: RuntimeApiPayload>(
		&self,
		payload: P,
		block: u64,
	) -> Result<P::ReturnType> {
		let name = format!("{}_{}", payload.trait_name(), payload.method_name());
		let at = self.at_number(block).await?;
		at.runtime_apis()
			.call(payload)
			.await
			.with_context(|| format!("runtime API {name} at block #{block} failed"))
	}

	/// Call a runtime API: the answer as its generated type, and as JSON rendered from the
	/// answer's type in the runtime's metadata (accounts as SS58 addresses, byte strings as
	/// hex, options as the value or null: see [`crate::output`]).
	pub async fn runtime_api_rendered<P: RuntimeApiPayload>(
		&self,
		payload: P,
		best: bool,
		case: Case,
	) -> Result<(P::ReturnType, Json)> {
		Self::rendered(self.at(best).await?, payload, case).await
	}

	/// [`Chain::runtime_api_rendered`] in the state of block number `block`.
	pub async fn runtime_api_rendered_at<P: RuntimeApiPayload>(
		&self,
		payload: P,
		block: u64,
		case: Case,
	) -> Result<(P::ReturnType, Json)> {
		Self::rendered(self.at_number(block).await?, payload, case).await
	}

	async fn rendered<P: RuntimeApiPayload>(
		at: OnlineClientAtBlock<Config>,
		payload: P,
		case: Case,
	) -> Result<(P::ReturnType, Json)> {
		let (trait_name, method) = (payload.trait_name(), payload.method_name());
		let name = format!("{trait_name}_{method}");
		let apis = at.runtime_apis();
		apis.validate(&payload).with_context(|| format!("runtime API {name}"))?;
		let args = apis.encode_args(&payload)?;
		let answer = apis
			.call_raw(&name, Some(&args))
			.await
			.with_context(|| format!("runtime API {name} failed"))?;
		let metadata = at.metadata();
		let output = metadata
			.runtime_api_trait_by_name(trait_name)
			.and_then(|api| api.method_by_name(method))
			.map(|method| method.output_ty())
			.ok_or_else(|| anyhow!("the runtime has no runtime API {name}"))?;
		let typed = P::ReturnType::decode_as_type(&mut &answer[..], output, metadata.types())
			.with_context(|| format!("cannot decode the answer of {name}"))?;
		let value = decode_as_type(&mut &answer[..], output, metadata.types())
			.with_context(|| format!("cannot decode the answer of {name}"))?;
		Ok((typed, render(&value, metadata.types(), case)))
	}

	/// [`Chain::runtime_api_rendered`]'s JSON alone.
	pub async fn runtime_api_json<P: RuntimeApiPayload>(
		&self,
		payload: P,
		best: bool,
		case: Case,
	) -> Result<Json> {
		Ok(self.runtime_api_rendered(payload, best, case).await?.1)
	}

	/// Sign `call` with `signer`, submit it and follow it as `wait` says.
	///
	/// The runtime validates the signed transaction first: one it refuses returns a [`Failure`]
	/// named by the kind of refusal (`Invalid.Payment`, `MetadataHashMismatch`) and is not
	/// submitted. A transaction whose dispatch failed (including a call wrapped in `sudo` or
	/// executed by the council, whose failure is inside `Sudo::Sudid` or `Council::Executed`)
	/// returns the [`Failure`] of its dispatch error.
	pub async fn submit(&self, call: &Call, signer: &Keypair, wait: Wait) -> Result<Outcome> {
		let account = signer.public_key().to_account_id();
		let nonce = self.rpc.system_account_next_index(&account).await?;
		let params = HealthchainParams {
			default: DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build(),
			metadata_hash: self.metadata_hash,
		};
		let at = self.api.at_current_block().await?;
		let metadata = at.metadata();
		let payload = call.payload(&metadata)?;
		let call = format!("{}.{}", payload.pallet_name(), payload.call_name());
		let transaction = at.transactions().create_signed(&payload, signer, params).await?;
		match transaction.validate().await? {
			ValidationResult::Valid(_) => {},
			refused => bail!(Failure::from_validation(refused, self.metadata_hash)),
		}
		let mut progress = transaction.submit_and_watch().await?;
		let extrinsic_hash = format!("{:?}", progress.extrinsic_hash());
		if wait == Wait::None {
			return Ok(Outcome {
				call,
				extrinsic_hash,
				block_hash: None,
				block_number: None,
				finalized: false,
				events: Vec::new(),
			});
		}
		while let Some(status) = progress.next().await {
			let (in_block, finalized) = match status? {
				TransactionStatus::InBestBlock(in_block) if wait == Wait::InBlock => {
					(in_block, false)
				},
				TransactionStatus::InFinalizedBlock(in_block) => (in_block, true),
				// Refused after it passed validation (the pool revalidates it against a newer
				// block): the node gives a reason only as text.
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => {
					bail!(Failure { error: "Invalid".into(), message })
				},
				_ => continue,
			};
			let events = in_block.fetch_events().await?;
			let mut records = Vec::new();
			for event in events.iter() {
				let event = event?;
				if let Some(error) = dispatch_failure(&event)? {
					bail!(Failure::from_dispatch_error(&error, &metadata));
				}
				records.push(EventRecord {
					pallet: event.pallet_name().to_string(),
					name: event.event_name().to_string(),
					fields: event_fields(&metadata, &event)?,
				});
			}
			let block_hash = in_block.block_hash();
			let header = self.rpc.chain_get_header(Some(block_hash)).await?;
			return Ok(Outcome {
				call,
				extrinsic_hash,
				block_hash: Some(format!("{block_hash:?}")),
				block_number: header.map(|h| h.number),
				finalized,
				events: records,
			});
		}
		Err(anyhow!("the node stopped reporting on the transaction before it was included"))
	}
}

/// The dispatch error an event reports, if it reports a failed dispatch: the transaction's own
/// (`System::ExtrinsicFailed`), or that of the call sudo or the council dispatched for it.
fn dispatch_failure(event: &Event<'_, Config>) -> Result<Option<RuntimeDispatchError>> {
	use api::{council::events::Executed, sudo::events::Sudid, system::events::ExtrinsicFailed};
	if let Some(failed) = event.decode_fields_as::<ExtrinsicFailed>() {
		return Ok(Some(failed?.dispatch_error));
	}
	if let Some(sudid) = event.decode_fields_as::<Sudid>() {
		return Ok(sudid?.sudo_result.err());
	}
	if let Some(executed) = event.decode_fields_as::<Executed>() {
		return Ok(executed?.result.err());
	}
	Ok(None)
}

/// An event's fields as JSON, rendered from their types (see [`crate::output`]).
fn event_fields(metadata: &Metadata, event: &Event<'_, Config>) -> Result<Json> {
	let variant = metadata
		.pallet_by_event_index(event.pallet_index())
		.and_then(|pallet| pallet.event_variant_by_index(event.event_index()))
		.ok_or_else(|| {
			anyhow!("event {}.{} is not in the metadata", event.pallet_name(), event.event_name())
		})?;
	let mut fields = variant
		.fields
		.iter()
		.map(|field| scale_decode::Field::new(field.ty.id, field.name.as_deref()));
	let fields = decode_as_fields(&mut event.field_bytes(), &mut fields, metadata.types())
		.with_context(|| {
			format!("cannot decode event {}.{}", event.pallet_name(), event.event_name())
		})?;
	Ok(crate::output::render_fields(&fields, metadata.types(), Case::AsDeclared))
}

/// The most bytes a proposal the client makes can take.
pub const PROPOSAL_LENGTH_BOUND: u32 = 4096;

/// A call of the runtime, built from the types generated from its metadata
/// ([`crate::runtime`]): submitted as it is, wrapped in `Sudo::sudo`, or proposed to the
/// consortium council.
#[derive(Clone, Debug)]
pub struct Call(pub RuntimeCall);

impl From<RuntimeCall> for Call {
	fn from(call: RuntimeCall) -> Self {
		Call(call)
	}
}

impl Call {
	/// This call, dispatched by sudo (development and test networks).
	pub fn sudo(self) -> Call {
		Call(RuntimeCall::Sudo(SudoCall::sudo { call: Box::new(self.0) }))
	}

	/// This call, proposed to the council: it executes once `threshold` members voted aye.
	pub fn propose(self, threshold: u32) -> Call {
		Call(RuntimeCall::Council(CouncilCall::propose {
			threshold,
			proposal: Box::new(self.0),
			length_bound: PROPOSAL_LENGTH_BOUND,
		}))
	}

	/// The call as the node's runtime describes it: encoded by its type against the node's
	/// metadata (which fails if the runtime's call no longer has this shape), named by
	/// that encoding's pallet and call.
	pub fn payload(&self, metadata: &Metadata) -> Result<DynamicPayload<Composite<()>>> {
		let ty = metadata.outer_enums().call_enum_ty();
		let bytes = self
			.0
			.encode_as_type(ty, metadata.types())
			.context("the node's runtime has no call of this shape: is the client too old?")?;
		let value = decode_as_type(&mut &bytes[..], ty, metadata.types())
			.context("cannot decode the call the client encoded")?
			.remove_context();
		let ValueDef::Variant(pallet) = value.value else {
			bail!("the runtime's call type is not an enum of pallets")
		};
		let Some(ValueDef::Variant(call)) = pallet.values.into_values().next().map(|v| v.value)
		else {
			bail!("the runtime's {} call is not an enum of calls", pallet.name)
		};
		Ok(subxt::dynamic::tx(pallet.name, call.name, call.values))
	}

	/// The call's SCALE encoding for the node's runtime (what a council motion's hash is of).
	pub fn encode(&self, metadata: &Metadata) -> Result<Vec<u8>> {
		let ty = metadata.outer_enums().call_enum_ty();
		Ok(self.0.encode_as_type(ty, metadata.types())?)
	}
}
