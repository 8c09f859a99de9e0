//! The SCALE types of trials, their document versions, milestones and log checkpoints.

use crate::{Config, Moment, OrganisationId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible::Inspect, ConstU32},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
pub use healthchain_primitives::{
	merkle_log::{Hash, ProofError, MAX_PROOF_HASHES},
	trial::{ChangeReason, DocumentKind, Milestone, MAX_TRIAL_ID_LEN},
};
use scale_info::TypeInfo;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A trial's public registry id, as ASCII: `NCT` and 8 digits, or an EU CT number
/// (`YYYY-NNNNNN-NN-NN`); see [`healthchain_primitives::trial::is_valid_trial_id`].
pub type TrialId = BoundedVec<u8, ConstU32<MAX_TRIAL_ID_LEN>>;

/// A consistency proof: at most [`MAX_PROOF_HASHES`] hashes.
pub type ConsistencyProof = BoundedVec<Hash, ConstU32<MAX_PROOF_HASHES>>;

/// The version number of a document; each kind counts from 1.
pub type Version = u32;

/// When something was anchored: the block, its time, and its place in the trial's own sequence
/// (`seq` counts the trial's registration, 0, and then every document version and milestone),
/// which orders two anchors even within one block.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Stamp<BlockNumber> {
	/// The trial's sequence number of this anchor.
	pub seq: u32,
	/// The block that anchored it.
	pub block: BlockNumber,
	/// That block's time (Unix milliseconds).
	pub time: Moment,
}

/// A registered trial.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Trial<AccountId, Balance, BlockNumber> {
	/// The sponsor organisation: only its agents, while it is accredited as trial sponsor,
	/// anchor anything for the trial.
	pub sponsor: OrganisationId,
	/// The agent who registered it.
	pub registered_by: AccountId,
	/// When.
	pub registered: Stamp<BlockNumber>,
	/// The sequence number the trial's next document version or milestone gets.
	pub next_seq: u32,
	/// The sequence number from which the current sponsor holds the trial (0 unless the
	/// consortium transferred it): anchors before it were made for an earlier sponsor.
	pub sponsor_since: u32,
	/// How many checkpoints of the data log are stored (indices `0..checkpoints`), including
	/// any the consortium rewound the log past.
	pub checkpoints: u32,
	/// The checkpoint the data log is at, which the next one must extend (`None`: the empty
	/// log). Normally the last one anchored; the consortium can rewind it.
	pub head: Option<u32>,
	/// The size of the data log at its head (0 for the empty log).
	pub log_size: u64,
	/// The root of the data log at its head (the empty log's root for the empty log).
	pub log_root: Hash,
	/// The account the registration deposit is held from.
	pub depositor: AccountId,
	/// The registration deposit (it also covers the trial's milestones).
	pub deposit: Balance,
}

/// One version of a trial document. Versions are never rewritten or removed.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct DocumentVersion<AccountId, Balance, BlockNumber> {
	/// The SHA-256 of the document.
	pub document_hash: Hash,
	/// The version this one replaces (`None` for version 1).
	pub replaces: Option<Version>,
	/// Why this version exists.
	pub reason: ChangeReason,
	/// The agent who anchored it.
	pub anchored_by: AccountId,
	/// When.
	pub anchored: Stamp<BlockNumber>,
	/// The account the deposit is held from.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// A milestone a trial reached.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct MilestoneRecord<AccountId, BlockNumber> {
	/// The agent who anchored it.
	pub anchored_by: AccountId,
	/// When.
	pub anchored: Stamp<BlockNumber>,
	/// The size of the data log at its head then: records beyond it were added after the
	/// milestone.
	pub log_size: u64,
	/// The data log's head checkpoint then.
	pub head: Option<u32>,
}

/// An anchored checkpoint of a trial's data log: its size and root at that point.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Checkpoint<AccountId, Balance, BlockNumber> {
	/// How many records the log holds, as the sponsor states it: the root commits to the
	/// records, and an auditor holding them recounts the size.
	pub size: u64,
	/// Its RFC 9162 root.
	pub root: Hash,
	/// The checkpoint it extends, proven consistent with it (`None`: the empty log).
	pub parent: Option<u32>,
	/// The agent who anchored it.
	pub anchored_by: AccountId,
	/// The block that anchored it.
	pub block: BlockNumber,
	/// That block's time (Unix milliseconds).
	pub time: Moment,
	/// The account the deposit is held from.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// Why an inclusion proof does not show a record in an anchored checkpoint.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub enum InclusionError {
	/// No trial has this id on this chain.
	UnknownTrial,
	/// The trial has no checkpoint with this index.
	UnknownCheckpoint,
	/// The consortium rewound the trial's data log past this checkpoint: it is not part of the
	/// log any more.
	Superseded,
	/// The proof does not lead from the leaf to the checkpoint's root.
	Proof(ProofError),
}

/// A trial as stored.
pub type TrialOf<T> =
	Trial<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A document version as stored.
pub type DocumentVersionOf<T> =
	DocumentVersion<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A milestone as stored.
pub type MilestoneRecordOf<T> =
	MilestoneRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// A checkpoint as stored.
pub type CheckpointOf<T> =
	Checkpoint<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
