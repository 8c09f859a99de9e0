//! The registry pallet as the client sees it: builders of its calls, its runtime API answers,
//! and how a consortium call reaches the consortium origin.

use crate::{
	chain::{Answer, Call, Chain},
	runtime::api::{self, runtime_types::pallet_registry::types::AccreditationView},
};
use anyhow::Result;
pub use healthchain_primitives::{AccreditationError, OrganisationId, OrganisationKind, Role};
use serde_json::Value as Json;
use subxt::utils::AccountId32;

/// A registered organisation, as `RegistryApi_organisation` answers.
pub type Organisation =
	api::runtime_types::pallet_registry::types::OrganisationInfo<AccountId32, u128, u32>;

/// Everything the registry knows of one organisation ([`Chain::organisation`]).
#[derive(Clone, Debug)]
pub struct OrganisationReport {
	/// Its id.
	pub id: OrganisationId,
	/// The organisation.
	pub organisation: Organisation,
	/// Its agents, the admin included.
	pub agent_accounts: Answer<Vec<AccountId32>>,
	/// Its accreditations.
	pub accreditations: Answer<Vec<AccreditationView<u32>>>,
	answer: Answer<Option<Organisation>>,
}

impl OrganisationReport {
	/// All of it as JSON: the organisation's fields, `id`, `agent_accounts` and
	/// `accreditations`, enum variants in snake case.
	pub fn json(&self) -> Result<Json> {
		let mut json = self.answer.json()?;
		if let Json::Object(map) = &mut json {
			map.insert("id".into(), self.id.into());
			map.insert("agent_accounts".into(), self.agent_accounts.json()?);
			map.insert("accreditations".into(), self.accreditations.json()?);
		}
		Ok(json)
	}
}

/// How a consortium call reaches the consortium origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Via {
	/// Wrapped in `Sudo::sudo` (the development chain; no other has a sudo key).
	Sudo,
	/// Proposed to the consortium council with a 2/3 threshold; executed at once when the
	/// threshold is one (a council of one), otherwise the members vote — the proposer too: a
	/// proposal is not a vote — and anyone closes it (`healthchain council`).
	Council,
}

/// Wrap a consortium call so that it reaches the consortium origin `via`.
pub async fn consortium(chain: &Chain, call: Call, via: Via) -> Result<Call> {
	Ok(match via {
		Via::Sudo => call.sudo(),
		Via::Council => {
			let members = chain.council_members().await?;
			// Two thirds, rounded up.
			let threshold = (2 * members.len()).div_ceil(3).max(1);
			call.propose(u32::try_from(threshold).unwrap_or(u32::MAX))
		},
	})
}

/// Wrap a root-only call (a runtime upgrade's authorisation) so that it reaches root `via`: the
/// sudo key on the development chain, or a council motion dispatching it as root
/// (`consortium.dispatch_as_root`, two thirds of the members).
pub async fn root(chain: &Chain, call: Call, via: Via) -> Result<Call> {
	match via {
		Via::Sudo => Ok(call.sudo()),
		Via::Council => consortium(chain, call.as_root(), Via::Council).await,
	}
}

impl Chain {
	/// Organisation `id` with its agents and accreditations, or `None` if it is not registered.
	pub async fn organisation(
		&self,
		id: OrganisationId,
		best: bool,
	) -> Result<Option<OrganisationReport>> {
		let apis = api::runtime_apis().registry_api();
		let at = self.at(best).await?;
		let answer = Self::answer(at.clone(), apis.organisation(id)).await?;
		let Some(organisation) = answer.value().clone() else { return Ok(None) };
		Ok(Some(OrganisationReport {
			id,
			organisation,
			agent_accounts: Self::answer(at.clone(), apis.agents(id)).await?,
			accreditations: Self::answer(at, apis.accreditations(id)).await?,
			answer,
		}))
	}

	/// How many organisations have been registered (ids `0..count`), at the finalized block.
	pub async fn organisation_count(&self) -> Result<OrganisationId> {
		let at = self.api().at_current_block().await?;
		Ok(at
			.storage()
			.fetch(api::storage().registry().next_organisation_id(), ())
			.await?
			.decode()?)
	}

	/// The organisation `who` acts for, if any.
	pub async fn organisation_of(
		&self,
		who: &AccountId32,
		best: bool,
	) -> Result<Option<OrganisationId>> {
		self.runtime_api(api::runtime_apis().registry_api().organisation_of(*who), best).await
	}

	/// For which organisation `who` may act in `role` now, or why not.
	pub async fn check_role(
		&self,
		who: &AccountId32,
		role: Role,
		best: bool,
	) -> Result<Result<OrganisationId, AccreditationError>> {
		self.runtime_api(api::runtime_apis().registry_api().check_role(*who, role), best).await
	}
}
