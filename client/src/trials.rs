//! The trial-anchoring pallet as the client sees it: its calls, built from their generated
//! types, and its runtime API answers, typed.

use crate::{
	chain::{Answer, Chain, Pages, Style},
	hash::Hash32,
	invalid,
	runtime::api::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec, healthchain_primitives::Page,
			pallet_trial_anchoring::types,
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
/// A document version, with its key and whether it is void.
pub type DocumentEntry = types::DocumentEntry<AccountId32, u128, u32>;
/// A version of one kind of a trial's documents.
pub type DocumentVersion = types::DocumentVersion<AccountId32, u128, u32>;
/// A milestone's record.
pub type MilestoneRecord = types::MilestoneRecord<AccountId32, u128, u32>;
/// What the consortium voided, why and when.
pub type Voiding = types::Voiding<AccountId32, u128, u32>;
/// A page of a trial's documents.
pub type DocumentsPage = Page<DocumentEntry, u32>;
/// A page of the versions of one kind of a trial's documents.
pub type LineagePage = Page<(u32, DocumentVersion), u32>;
/// A page of what the consortium voided in a trial.
pub type VoidingsPage = Page<(u32, Voiding), u32>;
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

	/// The trial registered under `trial`, printable as JSON (`null` if it is not registered).
	pub async fn trial_answer(&self, trial: &str) -> Result<Answer<Option<TrialInfo>>> {
		let payload = api::runtime_apis().trial_anchoring_api().trial(trial_id(trial)?);
		self.runtime_api_answer(payload, false).await
	}

	/// Every document version of the trial, of every tenure, in anchoring order, each marked
	/// void if the consortium reclaimed the trial from its sponsor, read page by page.
	pub async fn trial_documents(&self, trial: &str) -> Result<Pages<DocumentsPage>> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		self.runtime_api_pages(|cursor| api.documents(id.clone(), cursor, PAGE), false).await
	}

	/// The current holder's versions of one kind of the trial's documents, oldest first, read
	/// page by page: each `(version, document)` (`{version, document}` in JSON).
	pub async fn trial_lineage(
		&self,
		trial: &str,
		kind: DocumentKind,
	) -> Result<Pages<LineagePage>> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let pages = self
			.runtime_api_pages(|cursor| api.lineage(id.clone(), kind, cursor, PAGE), false)
			.await?;
		Ok(pages.styled(Style::named(&["version", "document"])))
	}

	/// What the consortium voided in the trial (a reclaimed tenure, withdrawn milestones), why
	/// and when, read page by page: each `(index, voiding)` (`{index, voiding}` in JSON).
	pub async fn trial_voidings(&self, trial: &str) -> Result<Pages<VoidingsPage>> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let pages =
			self.runtime_api_pages(|cursor| api.voidings(id.clone(), cursor, PAGE), false).await?;
		Ok(pages.styled(Style::named(&["index", "voiding"])))
	}

	/// The milestones the trial reached, each with its record: the log's size and head
	/// checkpoint then (`{milestone, record}` in JSON).
	pub async fn trial_milestones(
		&self,
		trial: &str,
	) -> Result<Answer<Vec<(Milestone, MilestoneRecord)>>> {
		let payload = api::runtime_apis().trial_anchoring_api().milestones(trial_id(trial)?);
		let answer = self.runtime_api_answer(payload, false).await?;
		Ok(answer.styled(Style::named(&["milestone", "record"])))
	}

	/// Which version of each document was in force when the trial reached `milestone`, or
	/// `None` if it has not (`[{kind, version}]` or `null` in JSON).
	pub async fn trial_in_force_at(
		&self,
		trial: &str,
		milestone: Milestone,
	) -> Result<Answer<Option<Vec<(DocumentKind, u32)>>>> {
		let payload =
			api::runtime_apis().trial_anchoring_api().in_force_at(trial_id(trial)?, milestone);
		let answer = self.runtime_api_answer(payload, false).await?;
		Ok(answer.styled(Style::named(&["kind", "version"])))
	}

	/// The holder's document versions anchored after it reached `milestone`, read page by page
	/// in one block's state; `None` if it has not.
	pub async fn trial_changes_after(
		&self,
		trial: &str,
		milestone: Milestone,
	) -> Result<Option<Pages<Option<DocumentsPage>>>> {
		let id = trial_id(trial)?;
		let api = api::runtime_apis().trial_anchoring_api();
		let at = self.status().await?.finalized;
		let mut pages = Vec::new();
		let mut cursor = None;
		loop {
			let payload = api.changes_after(id.clone(), milestone, cursor, PAGE);
			let answer = self.runtime_api_answer_at(payload, at).await?;
			// A `None` page (not reached) cannot follow a `Some` one in the same block.
			let Some(next) = answer.value().as_ref().map(|page| page.next) else {
				return Ok((!pages.is_empty()).then(|| Pages::new(pages)));
			};
			pages.push(answer);
			match next {
				Some(next) => cursor = Some(next),
				None => return Ok(Some(Pages::new(pages))),
			}
		}
	}

	/// Checkpoint `index` of the trial's data log.
	pub async fn trial_checkpoint(
		&self,
		trial: &str,
		index: u32,
	) -> Result<Answer<Option<CheckpointInfo>>> {
		let payload = api::runtime_apis().trial_anchoring_api().checkpoint(trial_id(trial)?, index);
		self.runtime_api_answer(payload, false).await
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
	pub async fn trial_audit(&self, trial: &str) -> Result<TrialAudit> {
		let Some(info) = self.trial(trial).await? else {
			return Err(invalid(format!("no trial {trial} is registered on this chain")));
		};
		let mut checkpoints = Vec::new();
		for index in 0..info.checkpoints {
			checkpoints.push(self.trial_checkpoint(trial, index).await?);
		}
		Ok(TrialAudit {
			trial: trial.to_string(),
			documents: self.trial_documents(trial).await?,
			milestones: self.trial_milestones(trial).await?,
			checkpoints,
			changed_after_first_enrolment: self
				.trial_changes_after(trial, Milestone::FirstEnrolment)
				.await?,
			in_force_at_first_enrolment: self
				.trial_in_force_at(trial, Milestone::FirstEnrolment)
				.await?,
			voidings: self.trial_voidings(trial).await?,
			info,
		})
	}
}

/// A trial's timeline for an auditor ([`Chain::trial_audit`]).
#[derive(Clone, Debug)]
pub struct TrialAudit {
	/// The trial's registry id.
	pub trial: String,
	/// The trial.
	pub info: TrialInfo,
	/// Every document version, of every tenure, in anchoring order.
	pub documents: Pages<DocumentsPage>,
	/// The milestones it reached.
	pub milestones: Answer<Vec<(Milestone, MilestoneRecord)>>,
	/// Its data log's checkpoints, in order.
	pub checkpoints: Vec<Answer<Option<CheckpointInfo>>>,
	/// The holder's document versions anchored after first enrolment (`None`: not reached).
	pub changed_after_first_enrolment: Option<Pages<Option<DocumentsPage>>>,
	/// The version of each document in force at first enrolment (`None`: not reached).
	pub in_force_at_first_enrolment: Answer<Option<Vec<(DocumentKind, u32)>>>,
	/// What the consortium voided.
	pub voidings: Pages<VoidingsPage>,
}

impl TrialAudit {
	/// Whether a change after first enrolment is one an auditor flags: a protocol or
	/// statistical-analysis-plan version.
	pub fn flags(change: &DocumentEntry) -> bool {
		matches!(change.key.kind, DocumentKind::Protocol | DocumentKind::StatisticalAnalysisPlan)
	}

	/// The protocol and analysis-plan versions anchored after first enrolment.
	pub fn flagged(&self) -> Vec<&DocumentEntry> {
		self.changed_after_first_enrolment
			.iter()
			.flat_map(|changes| changes.items())
			.filter(|change| Self::flags(change))
			.collect()
	}

	/// The audit as JSON.
	pub fn json(&self) -> Result<Json> {
		let (changed, flagged) = match &self.changed_after_first_enrolment {
			None => (Json::Null, Vec::new()),
			Some(changes) => {
				let json = changes.json()?;
				let flagged = changes
					.items()
					.zip(json.as_array().into_iter().flatten())
					.filter(|(change, _)| Self::flags(change))
					.map(|(_, json)| json.clone())
					.collect();
				(json, flagged)
			},
		};
		let checkpoints = self.checkpoints.iter().map(Answer::json).collect::<Result<Vec<_>>>()?;
		Ok(json!({
			"trial": self.trial,
			"sponsor": self.info.sponsor,
			"tenure": self.info.tenure,
			"voidings": self.voidings.json()?,
			"documents": self.documents.json()?,
			"milestones": self.milestones.json()?,
			"checkpoints": checkpoints,
			"in_force_at_first_enrolment": self.in_force_at_first_enrolment.json()?,
			"changed_after_first_enrolment": changed,
			"flagged": flagged,
		}))
	}
}
