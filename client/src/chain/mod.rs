//! A connection to a healthchain node: status, signed submission with finality, runtime APIs,
//! and errors decoded to the pallet error that caused them.

pub use crate::{
	call::{Call, PROPOSAL_LENGTH_BOUND},
	failure::Failure,
	outcome::{EventRecord, Outcome, Status, Wait},
};
use crate::{
	config::{metadata_hash, ChainInfo, HealthchainParams, MetadataHash},
	runtime::api::{self, runtime_types::healthchain_primitives::Page},
};
use anyhow::{anyhow, bail, Context, Result};
use codec::{Decode, Encode};
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, RpcConfigFor},
	ext::scale_decode::DecodeAsType,
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	runtime_apis::Payload as RuntimeApiPayload,
	transactions::{TransactionStatus, ValidationResult},
	utils::AccountId32,
	OnlineClient, OnlineClientAtBlock,
};
use subxt_signer::sr25519::Keypair;

/// The chain configuration the client signs for.
pub type Config = crate::config::HealthchainConfig;

mod answer;
mod submit;

pub use answer::{Answer, Pages, Style};

/// A connection to a node.
pub struct Chain {
	api: OnlineClient<Config>,
	rpc: LegacyRpcMethods<RpcConfigFor<Config>>,
	raw: RpcClient,
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
		Ok(Self {
			api,
			rpc: LegacyRpcMethods::new(rpc_client.clone()),
			raw: rpc_client,
			metadata_hash: None,
		})
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

	/// The hash of block number `number` on the node's chain, if it has one.
	pub async fn block_hash(&self, number: u64) -> Result<Option<crate::hash::Hash32>> {
		let hash = self.rpc.chain_get_block_hash(Some(number.into())).await?;
		Ok(hash.map(|hash| crate::hash::Hash32(hash.0)))
	}

	/// The client at the latest finalized block, or with `best = true` at the best block.
	pub(crate) async fn at(&self, best: bool) -> Result<OnlineClientAtBlock<Config>> {
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
	pub(crate) async fn at_number(&self, block: u64) -> Result<OnlineClientAtBlock<Config>> {
		let hash = self
			.rpc
			.chain_get_block_hash(Some(block.into()))
			.await?
			.ok_or_else(|| anyhow!("no block #{block}"))?;
		Ok(self.api.at_block(hash).await?)
	}

	/// Call the node's RPC method `method` with `params`.
	pub async fn request<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: subxt::rpcs::client::RpcParams,
	) -> Result<R> {
		Ok(self.raw.request(method, params).await?)
	}

	/// The members of the consortium council.
	pub async fn council_members(&self) -> Result<Vec<AccountId32>> {
		let at = self.api.at_current_block().await?;
		let members = at.storage().fetch(api::storage().council().members(), ()).await?;
		Ok(members.decode()?)
	}

	/// What `who` holds (at the finalized block): nothing, for a sponsored patient.
	pub async fn holdings(&self, who: &AccountId32) -> Result<Holdings> {
		let at = self.api.at_current_block().await?;
		let info = at.storage().try_fetch(api::storage().system().account(), (*who,)).await?;
		let Some(info) = info else { return Ok(Holdings::default()) };
		let info = info.decode()?;
		Ok(Holdings {
			free: info.data.free,
			held: info.data.reserved,
			nonce: info.nonce,
			exists: info.providers > 0 || info.sufficients > 0,
		})
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
		Self::call(self.at(best).await?, payload, "").await
	}

	/// Call a runtime API in the state of block number `block`.
	pub async fn runtime_api_at<P: RuntimeApiPayload>(
		&self,
		payload: P,
		block: u64,
	) -> Result<P::ReturnType> {
		Self::call(self.at_number(block).await?, payload, &format!(" at block #{block}")).await
	}

	pub(crate) async fn call<P: RuntimeApiPayload>(
		at: OnlineClientAtBlock<Config>,
		payload: P,
		context: &str,
	) -> Result<P::ReturnType> {
		let name = format!("{}_{}", payload.trait_name(), payload.method_name());
		at.runtime_apis()
			.call(payload)
			.await
			.with_context(|| format!("runtime API {name}{context} failed"))
	}

	/// Call a runtime API: the answer as its generated type, with what prints it as JSON
	/// ([`Answer`]).
	pub async fn runtime_api_answer<P: RuntimeApiPayload>(
		&self,
		payload: P,
		best: bool,
	) -> Result<Answer<P::ReturnType>> {
		Self::answer(self.at(best).await?, payload).await
	}

	/// [`Chain::runtime_api_answer`] in the state of block number `block`.
	pub async fn runtime_api_answer_at<P: RuntimeApiPayload>(
		&self,
		payload: P,
		block: u64,
	) -> Result<Answer<P::ReturnType>> {
		Self::answer(self.at_number(block).await?, payload).await
	}

	/// Every page of a paged runtime API answer, all read in the state of one block: `page`
	/// builds the call for the page after a cursor (`None`: the first page).
	pub async fn runtime_api_pages<P, Item, Cursor>(
		&self,
		page: impl Fn(Option<Cursor>) -> P,
		best: bool,
	) -> Result<Pages<Page<Item, Cursor>>>
	where
		P: RuntimeApiPayload<ReturnType = Page<Item, Cursor>>,
		Cursor: Clone,
	{
		let at = self.at(best).await?;
		let mut pages = Vec::new();
		let mut cursor = None;
		// A node that never ends its pages is not followed for ever.
		for _ in 0..100_000 {
			let answer = Self::answer(at.clone(), page(cursor)).await?;
			let next = answer.next.clone();
			pages.push(answer);
			match next {
				Some(next) => cursor = Some(next),
				None => return Ok(Pages::new(pages)),
			}
		}
		Err(anyhow!("the node's answer has more than 100,000 pages"))
	}

	/// A runtime API's answer at `at`: decoded once into its type, the bytes kept to print it.
	pub(crate) async fn answer<P: RuntimeApiPayload>(
		at: OnlineClientAtBlock<Config>,
		payload: P,
	) -> Result<Answer<P::ReturnType>> {
		let (trait_name, method) = (payload.trait_name(), payload.method_name());
		let name = format!("{trait_name}_{method}");
		let apis = at.runtime_apis();
		apis.validate(&payload).with_context(|| format!("runtime API {name}"))?;
		let args = apis.encode_args(&payload)?;
		let bytes = apis
			.call_raw(&name, Some(&args))
			.await
			.with_context(|| format!("runtime API {name} failed"))?;
		let metadata = at.metadata();
		let ty = metadata
			.runtime_api_trait_by_name(trait_name)
			.and_then(|api| api.method_by_name(method))
			.map(|method| method.output_ty())
			.ok_or_else(|| anyhow!("the runtime has no runtime API {name}"))?;
		let value = P::ReturnType::decode_as_type(&mut &bytes[..], ty, metadata.types())
			.with_context(|| format!("cannot decode the answer of {name}"))?;
		Ok(Answer::new(value, bytes, ty, metadata))
	}
}

/// What an account holds, and how many transactions it signed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Holdings {
	/// Free balance (smallest unit).
	pub free: u128,
	/// Balance on hold as deposits (smallest unit).
	pub held: u128,
	/// Its nonce: the transactions it signed.
	pub nonce: u32,
	/// Whether the account exists on chain (a sponsorship keeps an empty one in existence).
	pub exists: bool,
}
