//! The trial-anchoring pallet as the client sees it: its calls, built from their generated
//! types, and its runtime API answers, typed and as JSON.

use crate::{
	chain::Chain,
	hash::Hash32,
	invalid,
	output::{name_tuples, Case},
	runtime::api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec, pallet_trial_anchoring::types,
		},
	},
};
use anyhow::Result;
pub use healthchain_primitives::{
	merkle_log::ProofError,
	trial::{ChangeReason, DocumentKind, Milestone},
};
use serde_json::{json, Value as Json};
use subxt::utils::AccountId32;

/// The most items asked for in one page (the runtime caps it).
const PAGE: u32 = 100;

/// A trial as the chain answers it.
pub type TrialInfo = types::Trial<AccountId32, u128, u32>;
/// A checkpoint of a trial's data log as the chain answers it.
pub type CheckpointInfo = types::Checkpoint<AccountId32, u128, u32>;
/// Why the chain does not find a record in a checkpoint; why the consortium voided anchors;
/// an anchor whose deposit can change hands.
pub use types::{AnchorRef, InclusionError, VoidReason};

/// A trial registry id, checked as the chain checks it.
pub fn trial_id(text: &str) -> Result<BoundedVec<u8>> {
	if !healthchain_primitives::trial::is_valid_trial_id(text.as_bytes()) {
		return Err(invalid(format!(
			"{text:?} is not a trial registry id: give NCT and 8 digits (NCT04368728) or an EU CT \
			 number (2023-503245-41-00)"
		)));
	}
	Ok(BoundedVec(text.as_bytes().to_vec()))
}

impl Chain {
	/// The trial registered under `trial`, typed.
	pub async fn trial(&self, trial: &str) -> Result<Option<TrialInfo>> {
		let payload = api::runtime_apis().trial_anchoring_api().trial(trial_id(trial)?);
		self.runtime_api(payload, false).await
	}

	/// The trial registered under `trial` at the best block: what the next transaction is
	/// checked against (a checkpoint anchored a moment ago included).
	pub async fn trial_at_best(&self, trial: &str) -> Result<Option<TrialInfo>> {
		let payload = api::runtime_apis().trial_anchoring_api().trial(trial_id(trial)?);
		self.runtime_api(payload, true).await
	}

	/// Whether checkpoint `index` is still part of the trial's log (`None`: no such checkpoint).
	pub async fn trial_in_log(&self, trial: &str, index: u32) -> Result<Option<bool>> {
		let payload = api::runtime_apis().trial_anchoring_api().in_log(trial_id(trial)?, index);
		self.runtime_api(payload, false).await
	}

	/// The trial as JSON (`null` if it is not registered).
	pub async fn trial_json(&self, trial: &str) -> Result<Json> {
		let payload = api::runtime_apis().trial_anchoring_api().trial(trial_id(trial)?);
		self.runtime_api_json(payload, false, Case::AsDeclared).await
	}

	/// Every document version of the trial, of every tenure, in anchoring order, each marked
	/// void if the consortium reclaimed the trial from its sponsor: `[{key: {tenure, kind,
	/// version}, document, void}]`, read page by page.
	pub async fn trial_documents(&self, trial: &str) -> Result<Json> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let (_, json) = self
			.runtime_api_all_pages(
				|cursor| api.documents(id.clone(), cursor, PAGE),
				false,
				Case::AsDeclared,
			)
			.await?;
		Ok(Json::Array(json))
	}

	/// The current holder's versions of one kind of the trial's documents, oldest first:
	/// `[{version, document}]`, read page by page.
	pub async fn trial_lineage(&self, trial: &str, kind: DocumentKind) -> Result<Json> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let (_, json) = self
			.runtime_api_all_pages(
				|cursor| api.lineage(id.clone(), kind, cursor, PAGE),
				false,
				Case::AsDeclared,
			)
			.await?;
		Ok(name_tuples(Json::Array(json), &["version", "document"]))
	}

	/// What the consortium voided in the trial (a reclaimed tenure, withdrawn milestones), why
	/// and when: `[{index, voiding}]`, read page by page.
	pub async fn trial_voidings(&self, trial: &str) -> Result<Json> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let (_, json) = self
			.runtime_api_all_pages(
				|cursor| api.voidings(id.clone(), cursor, PAGE),
				false,
				Case::AsDeclared,
			)
			.await?;
		Ok(name_tuples(Json::Array(json), &["index", "voiding"]))
	}

	/// The milestones the trial reached, each with the log's size and head checkpoint then:
	/// typed, and as JSON `[{milestone, record}]`.
	pub async fn trial_milestones(
		&self,
		trial: &str,
	) -> Result<(Vec<(Milestone, u64, Option<u32>)>, Json)> {
		let payload = api::runtime_apis().trial_anchoring_api().milestones(trial_id(trial)?);
		let (typed, json) = self.runtime_api_rendered(payload, false, Case::AsDeclared).await?;
		let sizes = typed
			.into_iter()
			.map(|(milestone, record)| (milestone, record.log_size, record.head))
			.collect();
		Ok((sizes, name_tuples(json, &["milestone", "record"])))
	}

	/// Which version of each document was in force when the trial reached `milestone`:
	/// `[{kind, version}]`, or `null` if it has not.
	pub async fn trial_in_force_at(&self, trial: &str, milestone: Milestone) -> Result<Json> {
		let payload =
			api::runtime_apis().trial_anchoring_api().in_force_at(trial_id(trial)?, milestone);
		let json = self.runtime_api_json(payload, false, Case::AsDeclared).await?;
		Ok(name_tuples(json, &["kind", "version"]))
	}

	/// The holder's document versions anchored after it reached `milestone`:
	/// `[{key: {tenure, kind, version}, document, void}]`, or `null` if it has not.
	pub async fn trial_changes_after(&self, trial: &str, milestone: Milestone) -> Result<Json> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let first = api.changes_after(id.clone(), milestone, None, PAGE);
		if self.runtime_api(first, false).await?.is_none() {
			return Ok(Json::Null);
		}
		// Paged like the others: a `None` page (not reached) cannot follow a `Some` one in the
		// same block, but reads as the end if it did.
		let mut items = Vec::new();
		let mut cursor = None;
		let at = self.status().await?.finalized;
		loop {
			let payload = api.changes_after(id.clone(), milestone, cursor, PAGE);
			let (page, json) = self.runtime_api_rendered_at(payload, at, Case::AsDeclared).await?;
			let Some(page) = page else { break };
			items.extend(json.get("items").and_then(Json::as_array).into_iter().flatten().cloned());
			match page.next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		Ok(Json::Array(items))
	}

	/// Checkpoint `index` of the trial's data log: typed, and as JSON.
	pub async fn trial_checkpoint(
		&self,
		trial: &str,
		index: u32,
	) -> Result<(Option<CheckpointInfo>, Json)> {
		let payload = api::runtime_apis().trial_anchoring_api().checkpoint(trial_id(trial)?, index);
		self.runtime_api_rendered(payload, false, Case::AsDeclared).await
	}

	/// What the chain says of a record's inclusion proof in checkpoint `checkpoint`.
	pub async fn trial_verify_inclusion(
		&self,
		trial: &str,
		checkpoint: u32,
		leaf_index: u64,
		leaf: Hash32,
		proof: &[Hash32],
	) -> Result<Result<(), InclusionError>> {
		let payload = api::runtime_apis().trial_anchoring_api().verify_inclusion(
			trial_id(trial)?,
			checkpoint,
			leaf_index,
			leaf.0,
			proof.iter().map(|hash| hash.0).collect(),
		);
		self.runtime_api(payload, false).await
	}

	/// The trial's timeline for an auditor: its documents, milestones and checkpoints, and the
	/// protocol and analysis-plan versions anchored after first enrolment (`flagged`).
	pub async fn trial_audit(&self, trial: &str) -> Result<Json> {
		let Some(info) = self.trial(trial).await? else {
			return Err(invalid(format!("no trial {trial} is registered on this chain")));
		};
		let documents = self.trial_documents(trial).await?;
		let (_, milestones) = self.trial_milestones(trial).await?;
		let mut checkpoints = Vec::new();
		for index in 0..info.checkpoints {
			checkpoints.push(self.trial_checkpoint(trial, index).await?.1);
		}
		let after_enrolment = self.trial_changes_after(trial, Milestone::FirstEnrolment).await?;
		let flagged: Vec<Json> = after_enrolment
			.as_array()
			.map(|changes| {
				changes
					.iter()
					.filter(|change| {
						matches!(
							change["key"]["kind"].as_str(),
							Some("Protocol") | Some("StatisticalAnalysisPlan")
						)
					})
					.cloned()
					.collect()
			})
			.unwrap_or_default();
		let in_force = self.trial_in_force_at(trial, Milestone::FirstEnrolment).await?;
		let voidings = self.trial_voidings(trial).await?;
		Ok(json!({
			"trial": trial,
			"sponsor": info.sponsor,
			"tenure": info.tenure,
			"voidings": voidings,
			"documents": documents,
			"milestones": milestones,
			"checkpoints": checkpoints,
			"in_force_at_first_enrolment": in_force,
			"changed_after_first_enrolment": after_enrolment,
			"flagged": flagged,
		}))
	}
}
