//! The portable proof that a file is a record of a trial's data log anchored on a chain, and
//! its verification without a chain.

use super::LogState;
use crate::hash::Hash32;
use anyhow::Result;
use healthchain_primitives::merkle_log::{self, Hash};
use serde::{Deserialize, Serialize};

/// The `format` of the portable proofs this client writes and reads.
pub const PROOF_FORMAT: &str = "healthchain-trial-proof/1";

/// The anchored checkpoint a proof refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofCheckpoint {
	/// Its index among the trial's checkpoints.
	pub index: u32,
	/// The log's size at it.
	pub size: u64,
	/// The log's root at it.
	pub root: Hash32,
	/// The block that anchored it.
	pub block_number: u32,
	/// That block's hash.
	pub block_hash: Hash32,
}

/// The record a proof is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProofRecord {
	/// Its path in the log.
	pub path: String,
	/// The SHA-256 of its content.
	pub content_sha256: Hash32,
	/// Its salt.
	pub salt: Hash32,
	/// Its index in the log (from 0).
	pub leaf_index: u64,
	/// Its leaf hash: `SHA-256(0x00 ‖ content_sha256 ‖ salt ‖ path)`.
	pub leaf_hash: Hash32,
}

/// A portable proof that a file is a record of a trial's data log anchored on a chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordProof {
	/// [`PROOF_FORMAT`].
	pub format: String,
	/// The chain's genesis hash.
	pub genesis_hash: Hash32,
	/// The trial's registry id.
	pub trial: String,
	/// The record.
	pub record: ProofRecord,
	/// The checkpoint.
	pub checkpoint: ProofCheckpoint,
	/// The RFC 9162 inclusion path from the leaf to the checkpoint's root, leaf side first.
	pub inclusion_path: Vec<Hash32>,
}

impl RecordProof {
	/// The proof of record `index` of `state` at a checkpoint of `checkpoint.size` records.
	pub fn new(
		state: &LogState,
		index: u64,
		checkpoint: ProofCheckpoint,
		genesis_hash: Hash32,
	) -> Result<Self> {
		let record = state
			.records
			.get(index as usize)
			.ok_or_else(|| crate::invalid(format!("the log has no record {index}")))?;
		let path = state
			.tree
			.inclusion_proof(index, checkpoint.size)
			.ok_or_else(|| crate::invalid(format!("record {index} is not in the checkpoint")))?;
		Ok(Self {
			format: PROOF_FORMAT.to_string(),
			genesis_hash,
			trial: state.trial.clone(),
			record: ProofRecord {
				path: record.path.clone(),
				content_sha256: Hash32(record.content),
				salt: Hash32(record.salt),
				leaf_index: index,
				leaf_hash: Hash32(record.leaf()),
			},
			checkpoint,
			inclusion_path: path.into_iter().map(Hash32).collect(),
		})
	}

	/// Check, without a chain, that `content` (the file's SHA-256) is the record this proof is
	/// about and that the proof leads from it to the checkpoint's root. The error says which
	/// part failed.
	pub fn verify_offline(&self, content: &Hash) -> Result<(), OfflineFailure> {
		if self.format != PROOF_FORMAT {
			return Err(OfflineFailure::UnknownFormat(self.format.clone()));
		}
		if *content != self.record.content_sha256.0 {
			return Err(OfflineFailure::FileChanged);
		}
		let leaf = merkle_log::record_leaf_hash(content, &self.record.salt.0, &self.record.path);
		if leaf != self.record.leaf_hash.0 {
			return Err(OfflineFailure::WrongLeaf);
		}
		let path: Vec<Hash> = self.inclusion_path.iter().map(|hash| hash.0).collect();
		merkle_log::verify_inclusion(
			self.record.leaf_index,
			self.checkpoint.size,
			&leaf,
			&path,
			&self.checkpoint.root.0,
		)
		.map_err(OfflineFailure::NotInLog)
	}
}

/// Why a proof fails without asking a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OfflineFailure {
	/// The proof is in a format this client does not know.
	UnknownFormat(String),
	/// The file's content is not the record's: it changed since it was logged.
	FileChanged,
	/// The proof's leaf hash is not the record's content, salt and path.
	WrongLeaf,
	/// The inclusion path does not lead to the checkpoint's root: a proof for another log.
	NotInLog(merkle_log::ProofError),
}

impl core::fmt::Display for OfflineFailure {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::UnknownFormat(format) => write!(f, "unknown proof format {format:?}"),
			Self::FileChanged => {
				f.write_str("file changed: its SHA-256 is not the logged record's")
			},
			Self::WrongLeaf => f.write_str(
				"record changed: the proof's leaf hash is not its content, salt and path (the path \
				 or salt in the proof was edited)",
			),
			Self::NotInLog(error) => write!(
				f,
				"proof for another log: the inclusion path does not lead to the checkpoint's \
				 root ({error:?})"
			),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::trial_log::Record;

	#[test]
	fn a_proof_verifies_offline_and_says_what_failed() {
		let mut state = LogState::new("NCT04368728");
		state.extend((0..9u8).map(|i| Record {
			content: [i; 32],
			salt: [9; 32],
			path: format!("b/{i}.csv"),
		}));
		let checkpoint = ProofCheckpoint {
			index: 0,
			size: 9,
			root: Hash32(state.tree.root()),
			block_number: 3,
			block_hash: Hash32([1; 32]),
		};
		let proof =
			RecordProof::new(&state, 4, checkpoint.clone(), Hash32([2; 32])).expect("proof");
		assert_eq!(proof.verify_offline(&[4; 32]), Ok(()));
		assert_eq!(proof.verify_offline(&[5; 32]), Err(OfflineFailure::FileChanged));
		let mut moved = proof.clone();
		moved.record.path = "b/elsewhere.csv".into();
		assert_eq!(moved.verify_offline(&[4; 32]), Err(OfflineFailure::WrongLeaf));
		let mut other = proof.clone();
		other.checkpoint.root = Hash32([9; 32]);
		assert!(matches!(other.verify_offline(&[4; 32]), Err(OfflineFailure::NotInLog(_))));
		let json = serde_json::to_string(&proof).expect("json");
		let back: RecordProof = serde_json::from_str(&json).expect("parsed");
		assert_eq!(back, proof);
	}
}
