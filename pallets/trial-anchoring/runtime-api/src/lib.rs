//! Runtime API of the trial-anchoring pallet, for sponsors, auditors and anyone verifying a
//! trial's documents and data (`healthchain trial …`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_trial_anchoring::{
	Checkpoint, DocumentEntry, DocumentKind, DocumentVersion, Hash, InclusionError, Milestone,
	MilestoneRecord, Page, Trial, TrialId, Version, Voiding,
};

sp_api::decl_runtime_apis! {
	/// Queries of the trial-anchoring pallet. Every answer is bounded: lists come a page at a
	/// time (`start_after` is the cursor of the page before, `None` for the first; at most
	/// `limit`, itself at most the pallet's `MaxPageSize`), the rest in a few reads.
	///
	/// Version 2: lineages and documents paged, documents marked void, voidings, a checkpoint's
	/// `log_size` (was `size`).
	#[api_version(2)]
	pub trait TrialAnchoringApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The trial registered under `trial`.
		fn trial(trial: TrialId) -> Option<Trial<AccountId, Balance, BlockNumber>>;
		/// Every document version of `trial`, of every tenure, in the order they were anchored
		/// (a page of sequence numbers after `start_after`), each marked void if the consortium
		/// reclaimed the trial from the sponsor that anchored it.
		fn documents(trial: TrialId, start_after: Option<u32>, limit: u32) -> Page<DocumentEntry<AccountId, Balance, BlockNumber>, u32>;
		/// The versions of `kind` of the current holder's documents, oldest first, after
		/// version `start_after`.
		fn lineage(trial: TrialId, kind: DocumentKind, start_after: Option<Version>, limit: u32) -> Page<(Version, DocumentVersion<AccountId, Balance, BlockNumber>), Version>;
		/// The milestones the current holder of `trial` reached, in order (at most four).
		fn milestones(trial: TrialId) -> Vec<(Milestone, MilestoneRecord<AccountId, Balance, BlockNumber>)>;
		/// Which version of each kind of the holder's documents was in force when it reached
		/// `milestone`; `None` if it has not.
		fn in_force_at(trial: TrialId, milestone: Milestone) -> Option<Vec<(DocumentKind, Version)>>;
		/// Whether that version of the holder's lineage was anchored before it reached
		/// `milestone`; `None` if the version does not exist or the milestone was not reached.
		fn anchored_before(trial: TrialId, kind: DocumentKind, version: Version, milestone: Milestone) -> Option<bool>;
		/// The holder's document versions anchored after it reached `milestone`, with their
		/// reasons, a page of sequence numbers after `start_after` (from the milestone when
		/// `None`); `None` if it has not reached it.
		fn changes_after(trial: TrialId, milestone: Milestone, start_after: Option<u32>, limit: u32) -> Option<Page<DocumentEntry<AccountId, Balance, BlockNumber>, u32>>;
		/// What the consortium voided in `trial` (a reclaimed tenure, withdrawn milestones),
		/// why and when, after voiding `start_after`.
		fn voidings(trial: TrialId, start_after: Option<u32>, limit: u32) -> Page<(u32, Voiding<AccountId, Balance, BlockNumber>), u32>;
		/// Checkpoint `index` of `trial`'s data log.
		fn checkpoint(trial: TrialId, index: u32) -> Option<Checkpoint<AccountId, Balance, BlockNumber>>;
		/// Whether checkpoint `index` is part of `trial`'s data log (`false`: the consortium
		/// rewound the log past it, or reclaimed the trial); `None` if there is no such
		/// checkpoint.
		fn in_log(trial: TrialId, index: u32) -> Option<bool>;
		/// Whether `proof` shows `leaf` (a leaf hash) to be record `leaf_index` of `trial`'s data
		/// log at checkpoint `checkpoint` (still part of the log), or why not.
		fn verify_inclusion(trial: TrialId, checkpoint: u32, leaf_index: u64, leaf: Hash, proof: Vec<Hash>) -> Result<(), InclusionError>;
	}
}
