//! Runtime API of the trial-anchoring pallet, for sponsors, auditors and anyone verifying a
//! trial's documents and data (`healthchain trial …`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_trial_anchoring::{
	Checkpoint, DocumentKind, DocumentVersion, Hash, InclusionError, Milestone, MilestoneRecord,
	Trial, TrialId, Version,
};

sp_api::decl_runtime_apis! {
	/// Queries of the trial-anchoring pallet.
	pub trait TrialAnchoringApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The trial registered under `trial`.
		fn trial(trial: TrialId) -> Option<Trial<AccountId, Balance, BlockNumber>>;
		/// Every document version of `trial`, in the order they were anchored.
		fn documents(trial: TrialId) -> Vec<(DocumentKind, Version, DocumentVersion<AccountId, Balance, BlockNumber>)>;
		/// Every version of `kind` of `trial`'s documents, oldest first.
		fn lineage(trial: TrialId, kind: DocumentKind) -> Vec<(Version, DocumentVersion<AccountId, Balance, BlockNumber>)>;
		/// The milestones `trial` reached, in order.
		fn milestones(trial: TrialId) -> Vec<(Milestone, MilestoneRecord<AccountId, BlockNumber>)>;
		/// Which version of each kind of document was in force when `trial` reached
		/// `milestone`; `None` if it has not.
		fn in_force_at(trial: TrialId, milestone: Milestone) -> Option<Vec<(DocumentKind, Version)>>;
		/// Whether that version was anchored before `trial` reached `milestone`; `None` if the
		/// version does not exist or the milestone was not reached.
		fn anchored_before(trial: TrialId, kind: DocumentKind, version: Version, milestone: Milestone) -> Option<bool>;
		/// Every document version anchored after `trial` reached `milestone`, with its reason;
		/// `None` if it has not.
		fn changes_after(trial: TrialId, milestone: Milestone) -> Option<Vec<(DocumentKind, Version, DocumentVersion<AccountId, Balance, BlockNumber>)>>;
		/// Checkpoint `index` of `trial`'s data log.
		fn checkpoint(trial: TrialId, index: u32) -> Option<Checkpoint<AccountId, Balance, BlockNumber>>;
		/// Whether checkpoint `index` is part of `trial`'s data log (`false`: the consortium
		/// rewound the log past it); `None` if there is no such checkpoint.
		fn in_log(trial: TrialId, index: u32) -> Option<bool>;
		/// Whether `proof` shows `leaf` (a leaf hash) to be record `leaf_index` of `trial`'s data
		/// log at checkpoint `checkpoint` (still part of the log), or why not.
		fn verify_inclusion(trial: TrialId, checkpoint: u32, leaf_index: u64, leaf: Hash, proof: Vec<Hash>) -> Result<(), InclusionError>;
	}
}
