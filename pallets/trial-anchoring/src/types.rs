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

/// The version number of a document; each kind counts from 1 in each tenure.
pub type Version = u32;

/// A trial's tenure: how many times the consortium gave it back clean to a sponsor
/// ([`crate::Pallet::force_reclaim_trial`]). What was anchored in an earlier tenure is kept,
/// attributed to whoever anchored it, and void: the current holder's lineages, milestones and
/// data log start afresh.
pub type Tenure = u32;

/// When something was anchored: the block, its time, and its place in the trial's own sequence
/// (`seq` counts the trial's registration, 0, and then every document version, milestone and
/// consortium voiding), which orders two anchors even within one block.
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
	/// The sequence number the trial's next document version, milestone or voiding gets.
	pub next_seq: u32,
	/// The sequence number from which the current sponsor holds the trial (0 unless the
	/// consortium transferred or reclaimed it): anchors before it were made for an earlier
	/// sponsor.
	pub sponsor_since: u32,
	/// The current tenure (0 unless the consortium reclaimed the trial): only document versions
	/// of this tenure are the holder's lineage; earlier ones are void.
	pub tenure: Tenure,
	/// How many voidings the consortium recorded (indices `0..voidings` of
	/// [`crate::Voidings`]).
	pub voidings: u32,
	/// How many checkpoints of the data log are stored (indices `0..checkpoints`), including
	/// any the consortium rewound the log past and those of earlier tenures.
	pub checkpoints: u32,
	/// The first checkpoint of the current tenure: the ones before it were voided with their
	/// tenure (0 unless the consortium reclaimed the trial).
	pub first_checkpoint: u32,
	/// The checkpoint the data log is at, which the next one must extend (`None`: the empty
	/// log). Normally the last one anchored; the consortium can rewind it.
	pub head: Option<u32>,
	/// The number of records of the data log at its head (0 for the empty log). (Not `size`:
	/// polkadot.js renames a field of that name.)
	pub log_size: u64,
	/// The root of the data log at its head (the empty log's root for the empty log).
	pub log_root: Hash,
	/// The account the registration deposit is held from.
	pub depositor: AccountId,
	/// The registration deposit.
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

/// Which document version: its tenure, kind and version.
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
pub struct DocumentKey {
	/// The tenure in which it was anchored.
	pub tenure: Tenure,
	/// The kind of document.
	pub kind: DocumentKind,
	/// Its version in that tenure's lineage of the kind.
	pub version: Version,
}

/// A document version as `documents` lists it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct DocumentEntry<AccountId, Balance, BlockNumber> {
	/// Which version.
	pub key: DocumentKey,
	/// The version.
	pub document: DocumentVersion<AccountId, Balance, BlockNumber>,
	/// Whether it is void: anchored in an earlier tenure, before the consortium reclaimed the
	/// trial (`voidings` says when and why).
	pub void: bool,
}

/// The versions of each kind of document in force at a milestone: at most one per kind.
pub type InForce = BoundedVec<(DocumentKind, Version), ConstU32<4>>;

/// A milestone a trial reached.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct MilestoneRecord<AccountId, Balance, BlockNumber> {
	/// The agent who anchored it.
	pub anchored_by: AccountId,
	/// When.
	pub anchored: Stamp<BlockNumber>,
	/// The number of records of the data log at its head then: records beyond it were added
	/// after the milestone.
	pub log_size: u64,
	/// The data log's head checkpoint then.
	pub head: Option<u32>,
	/// The latest version of each kind of document of the holder's lineage when it was
	/// anchored (kinds without one left out): what was in force at the milestone.
	pub in_force: InForce,
	/// The account the deposit is held from.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// The milestones a voiding took out of a trial's record, each as it was anchored.
pub type VoidedMilestones<AccountId, Balance, BlockNumber> =
	BoundedVec<(Milestone, MilestoneRecord<AccountId, Balance, BlockNumber>), ConstU32<4>>;

/// Why the consortium voided what a trial's holder anchored.
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
pub enum VoidReason {
	/// The trial was registered by an organisation that is not its sponsor (a squatted registry
	/// id).
	#[codec(index = 0)]
	Squatted,
	/// It was anchored by mistake (e.g. a milestone anchored before the trial reached it).
	#[codec(index = 1)]
	AnchoredInError,
	/// An agent anchored it without the sponsor's authority.
	#[codec(index = 2)]
	Unauthorised,
	/// None of the above; the consortium's decision (its motion) says why.
	#[codec(index = 3)]
	Other,
}

/// What the consortium voided.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Voided<AccountId, Balance, BlockNumber> {
	/// The trial was given back clean to another sponsor: everything anchored in `tenure` (its
	/// document versions, these milestones, its checkpoints from `first_checkpoint` up to
	/// `checkpoints`) is void, and the new holder starts tenure `tenure + 1`.
	#[codec(index = 0)]
	Reclaimed {
		/// The former sponsor, to whom the voided anchors are attributed.
		from: OrganisationId,
		/// The sponsor it was given to.
		to: OrganisationId,
		/// The tenure that ended.
		tenure: Tenure,
		/// The milestones it had reached.
		milestones: VoidedMilestones<AccountId, Balance, BlockNumber>,
		/// The first checkpoint of that tenure.
		first_checkpoint: u32,
		/// The checkpoints stored when it ended: those from `first_checkpoint` are void.
		checkpoints: u32,
	},
	/// A milestone was withdrawn, and every later one the trial had reached with it.
	#[codec(index = 1)]
	MilestonesWithdrawn {
		/// The withdrawn milestones.
		milestones: VoidedMilestones<AccountId, Balance, BlockNumber>,
	},
}

/// A decision of the consortium that voided anchors of a trial, on the record for good.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Voiding<AccountId, Balance, BlockNumber> {
	/// What it voided.
	pub voided: Voided<AccountId, Balance, BlockNumber>,
	/// Why.
	pub reason: VoidReason,
	/// When, in the trial's sequence.
	pub at: Stamp<BlockNumber>,
}

/// An anchor whose deposit can change hands ([`crate::Pallet::change_deposit_owner`]).
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
pub enum AnchorRef {
	/// The trial's registration.
	#[codec(index = 0)]
	Registration,
	/// A document version of the current tenure.
	#[codec(index = 1)]
	Document {
		/// The kind.
		kind: DocumentKind,
		/// The version.
		version: Version,
	},
	/// A milestone the trial has reached.
	#[codec(index = 2)]
	Milestone(Milestone),
	/// A checkpoint of the data log.
	#[codec(index = 3)]
	Checkpoint(u32),
}

/// An anchored checkpoint of a trial's data log: its size and root at that point.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Checkpoint<AccountId, Balance, BlockNumber> {
	/// How many records the log holds, as the sponsor states it: the root commits to the
	/// records, and an auditor holding them recounts them. (Not `size`: polkadot.js renames a
	/// field of that name, and reads the number of the struct's fields instead.)
	pub log_size: u64,
	/// Its RFC 9162 root.
	pub root: Hash,
	/// The checkpoint it extends, proven consistent with it (`None`: the empty log).
	pub parent: Option<u32>,
	/// Its place in the chain of checkpoints that extend each other: 1 for one that extends
	/// the empty log, its parent's plus 1 otherwise. With [`crate::LogPath`], this answers
	/// "is it still part of the log?" in constant time.
	pub depth: u32,
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
	TrialNotFound,
	/// The trial has no checkpoint with this index.
	CheckpointNotFound,
	/// The checkpoint is not part of the trial's data log any more: the consortium rewound the
	/// log past it, or reclaimed the trial from the sponsor that anchored it.
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
	MilestoneRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A voiding as stored.
pub type VoidingOf<T> =
	Voiding<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// Voided milestones as stored.
pub type VoidedMilestonesOf<T> =
	VoidedMilestones<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A document version as `documents` lists it.
pub type DocumentEntryOf<T> =
	DocumentEntry<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A checkpoint as stored.
pub type CheckpointOf<T> =
	Checkpoint<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
