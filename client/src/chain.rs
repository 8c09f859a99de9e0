//! A connection to a healthchain node: status, signed submission with finality, runtime APIs,
//! and errors decoded to the pallet error that caused them.

use crate::{
	config::{metadata_hash, ChainInfo, HealthchainParams, MetadataHash},
	output::typed_composite_to_json,
};
use anyhow::{anyhow, Context, Result};
use codec::{Decode, Encode};
use serde::Serialize;
use serde_json::Value as Json;
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, RpcConfigFor},
	error::DispatchError,
	events::Event,
	ext::{
		scale_decode::{self, DecodeAsType},
		scale_value::{scale::decode_as_fields, Composite, Value},
	},
	metadata::Metadata,
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	transactions::{Payload, TransactionStatus},
	utils::AccountId32,
	OnlineClient,
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
	fn from_dispatch_error(error: DispatchError, metadata: &Metadata) -> Self {
		match error {
			DispatchError::Module(module) => match module.details() {
				Ok(details) => {
					let pallet = details.pallet.name().to_lowercase();
					let outer = details.variant.docs.join(" ").trim().to_string();
					match nested_error(details.variant, module.bytes()[2], metadata) {
						// `Error::Licence(LicenceError::Suspended)`: `healthtokens.Licence.Suspended`,
						// the outer error's context and the inner error's reason.
						Some((name, inner)) => Failure {
							error: format!("{pallet}.{}.{name}", details.variant.name),
							message: format!(
								"{}: {}",
								outer.trim_end_matches("; the inner error says why."),
								inner
							),
						},
						None => Failure {
							error: format!("{pallet}.{}", details.variant.name),
							message: outer,
						},
					}
				},
				Err(_) => {
					Failure { error: "UnknownModuleError".into(), message: module.details_string() }
				},
			},
			DispatchError::BadOrigin => Failure {
				error: "BadOrigin".into(),
				message: "the signer is not allowed to make this call (e.g. a consortium-only \
				          call signed by an ordinary account)"
					.into(),
			},
			other => Failure { error: dispatch_error_name(&other), message: other.to_string() },
		}
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

fn dispatch_error_name(error: &DispatchError) -> String {
	let debug = format!("{error:?}");
	debug.split(['(', ' ', '{']).next().unwrap_or("DispatchError").to_string()
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
		let ss58_prefix = u16::from_le_bytes(self.constant_bytes("System", "SS58Prefix").await?);
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
		let answer = self
			.rpc
			.state_call("Metadata_metadata_at_version", Some(&15u32.encode()), None)
			.await?;
		let metadata = Option::<Vec<u8>>::decode(&mut &answer[..])
			.context("cannot decode the answer of Metadata_metadata_at_version")?
			.ok_or_else(|| anyhow!("the runtime offers no metadata version 15"))?;
		let hash = metadata_hash(&metadata, &info).map_err(|e| anyhow!(e))?;
		Ok((hash, info))
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

	/// The value of the plain storage item `pallet::entry` at the latest finalized block.
	pub async fn storage_value<V: DecodeAsType>(&self, pallet: &str, entry: &str) -> Result<V> {
		let at = self.api.at_current_block().await?;
		let address = subxt::dynamic::storage::<(), V>(pallet, entry);
		let value = at.storage().fetch(address, ()).await?;
		Ok(value.decode()?)
	}

	/// The `u32` constant `pallet::name` of the runtime at the latest finalized block.
	pub async fn constant_u32(&self, pallet: &str, name: &str) -> Result<u32> {
		Ok(u32::from_le_bytes(self.constant_bytes(pallet, name).await?))
	}

	/// The constant `pallet::name`, of `N` bytes, at the latest finalized block.
	async fn constant_bytes<const N: usize>(&self, pallet: &str, name: &str) -> Result<[u8; N]> {
		let at = self.api.at_current_block().await?;
		let metadata = at.metadata_ref();
		let bytes = metadata
			.pallet_by_name(pallet)
			.and_then(|p| p.constant_by_name(name))
			.map(|c| c.value().to_vec())
			.ok_or_else(|| anyhow!("the runtime has no constant {pallet}::{name}"))?;
		bytes.try_into().map_err(|_| anyhow!("{pallet}::{name} is not {N} bytes long"))
	}

	/// Call the runtime API `api_name::method` at the latest finalized block (or, with
	/// `best = true`, at the best block).
	pub async fn runtime_api<Args, R>(
		&self,
		api_name: &str,
		method: &str,
		args: Args,
		best: bool,
	) -> Result<R>
	where
		Args: subxt::ext::frame_decode::storage::IntoEncodableValues,
		R: DecodeAsType,
	{
		let at = if best {
			let hash = self
				.rpc
				.chain_get_block_hash(None)
				.await?
				.ok_or_else(|| anyhow!("no best block"))?;
			self.api.at_block(hash).await?
		} else {
			self.api.at_current_block().await?
		};
		let payload = subxt::dynamic::runtime_api_call::<Args, R>(api_name, method, args);
		at.runtime_apis()
			.call(payload)
			.await
			.with_context(|| format!("runtime API {api_name}_{method} failed"))
	}

	/// Call the runtime API `api_name::method` in the state of block number `block` (a node
	/// that keeps that state: an archive node, or a recent block).
	pub async fn runtime_api_at<Args, R>(
		&self,
		api_name: &str,
		method: &str,
		args: Args,
		block: u64,
	) -> Result<R>
	where
		Args: subxt::ext::frame_decode::storage::IntoEncodableValues,
		R: DecodeAsType,
	{
		let hash = self
			.rpc
			.chain_get_block_hash(Some(block.into()))
			.await?
			.ok_or_else(|| anyhow!("no block #{block}"))?;
		let at = self.api.at_block(hash).await?;
		let payload = subxt::dynamic::runtime_api_call::<Args, R>(api_name, method, args);
		at.runtime_apis()
			.call(payload)
			.await
			.with_context(|| format!("runtime API {api_name}_{method} at block #{block} failed"))
	}

	/// Sign `call` with `signer`, submit it and follow it as `wait` says.
	///
	/// A transaction that the chain rejected or whose dispatch failed (including a call wrapped
	/// in `sudo` or executed by the council) returns a [`Failure`] as the error.
	pub async fn submit<P: Payload>(
		&self,
		call: &P,
		signer: &Keypair,
		wait: Wait,
	) -> Result<Outcome> {
		let account = signer.public_key().to_account_id();
		let nonce = self.rpc.system_account_next_index(&account).await?;
		let params = HealthchainParams {
			default: DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build(),
			metadata_hash: self.metadata_hash,
		};
		let at = self.api.at_current_block().await?;
		let mut progress = at
			.transactions()
			.sign_and_submit_then_watch(call, signer, params)
			.await
			.map_err(|e| anyhow!(self.refusal(e.to_string())))?;
		let extrinsic_hash = format!("{:?}", progress.extrinsic_hash());
		if wait == Wait::None {
			return Ok(Outcome {
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
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => return Err(anyhow!(self.refusal(message))),
				_ => continue,
			};
			let metadata = at.metadata();
			let events = in_block.fetch_events().await?;
			let mut records = Vec::new();
			for event in events.iter() {
				let event = event?;
				let (pallet, name) = (event.pallet_name(), event.event_name());
				let bytes = event.field_bytes();
				let failed = match (pallet, name) {
					("System", "ExtrinsicFailed") => Some(bytes),
					// `Sudid { sudo_result: Result<(), DispatchError> }`
					("Sudo", "Sudid") if bytes.first() == Some(&1) => bytes.get(1..),
					// `Executed { proposal_hash: H256, result: Result<(), DispatchError> }`
					("Council", "Executed") if bytes.get(32) == Some(&1) => bytes.get(33..),
					_ => None,
				};
				if let Some(error_bytes) = failed {
					let error = DispatchError::decode_from(error_bytes, metadata.clone())
						.context("cannot decode the dispatch error")?;
					return Err(anyhow!(Failure::from_dispatch_error(error, &metadata)));
				}
				records.push(EventRecord {
					pallet: pallet.to_string(),
					name: name.to_string(),
					fields: event_fields(&metadata, &event)?,
				});
			}
			let block_hash = in_block.block_hash();
			let header = self.rpc.chain_get_header(Some(block_hash)).await?;
			return Ok(Outcome {
				extrinsic_hash,
				block_hash: Some(format!("{block_hash:?}")),
				block_number: header.map(|h| h.number),
				finalized,
				events: records,
			});
		}
		Err(anyhow!("the node stopped reporting on the transaction before it was included"))
	}

	/// The [`Failure`] for a transaction the node refused before inclusion, with the reason
	/// named when it is the metadata hash: a runtime built without the `metadata-hash` feature
	/// cannot look up its hash, and one built with it finds the signature bad when the hash
	/// signed is another.
	fn refusal(&self, message: String) -> Failure {
		let text = message.to_lowercase();
		match self.metadata_hash {
			Some(_) if text.contains("lookup") => Failure {
				error: "MetadataHashUnsupported".into(),
				message: format!(
					"this runtime was built without the `metadata-hash` feature, so it cannot \
					 check a metadata hash: sign without --metadata-hash ({message})"
				),
			},
			Some(hash) if text.contains("bad signature") => Failure {
				error: "MetadataHashMismatch".into(),
				message: format!(
					"the runtime refused the signature: its metadata hash is not {} (the hash \
					 signed), so the metadata the transaction was built from is not the runtime's \
					 ({message})",
					crate::registry::Hash32(hash)
				),
			},
			_ => Failure { error: "Invalid".into(), message },
		}
	}
}

/// An event's fields as JSON, decoded with their types so that accounts read as SS58.
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
	Ok(typed_composite_to_json(&fields, metadata.types()))
}

/// An account as a SCALE value, to pass to a call or a runtime API.
pub fn account_value(account: &AccountId32) -> Value {
	Value::unnamed_composite([Value::from_bytes(account.0)])
}

/// An `Option` as a SCALE value.
pub fn option_value(value: Option<Value>) -> Value {
	match value {
		Some(value) => Value::unnamed_variant("Some", [value]),
		None => Value::unnamed_variant("None", []),
	}
}

/// A registry (or any pallet's) call, as a pallet name, call name and named fields: submitted
/// directly, wrapped in `Sudo::sudo` or proposed to the council.
#[derive(Clone, Debug)]
pub struct Call {
	/// The pallet.
	pub pallet: &'static str,
	/// The call.
	pub name: &'static str,
	/// The named arguments.
	pub fields: Vec<(&'static str, Value)>,
}

impl Call {
	/// The call as a dynamic transaction payload.
	pub fn payload(&self) -> subxt::transactions::DynamicPayload<Composite<()>> {
		subxt::dynamic::tx(
			self.pallet,
			self.name,
			Composite::named(
				self.fields.iter().map(|(name, value)| (name.to_string(), value.clone())),
			),
		)
	}

	/// The call as a value of the runtime's `RuntimeCall`, to nest in `sudo` or a proposal.
	pub fn into_runtime_call(self) -> Value {
		self.payload().into_value()
	}
}
