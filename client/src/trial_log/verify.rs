//! Whether a record proof holds: offline (the file, its leaf, the path to the checkpoint's
//! root), then against a chain (its genesis, the checkpoint, the block that anchored it and its
//! finality, the record's inclusion as the chain sees it now, and whether it came before a
//! milestone). Each failure is typed, and says in words what an auditor needs to know.

use super::{OfflineFailure, RecordProof};
use crate::{
	chain::Chain,
	hash::Hash32,
	trials::{InclusionError, Milestone},
};
use anyhow::Result;
use core::fmt;
use healthchain_primitives::merkle_log::Hash;

/// What the chain contradicts of a proof that holds offline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainFailure {
	/// The proof is for the chain with genesis `proof`; this one's is `chain`.
	OtherChain {
		/// The proof's genesis hash.
		proof: Hash32,
		/// This chain's.
		chain: Hash32,
	},
	/// The trial has no checkpoint `index` on this chain.
	NoCheckpoint {
		/// The trial.
		trial: String,
		/// The proof's checkpoint.
		index: u32,
	},
	/// Checkpoint `index` of the trial has another size or root on this chain.
	OtherCheckpoint {
		/// The trial.
		trial: String,
		/// The proof's checkpoint.
		index: u32,
	},
	/// The checkpoint was anchored at `block`, not at the proof's block.
	OtherBlock {
		/// The block that anchored it on this chain.
		block: u32,
	},
	/// The block that anchored the checkpoint is not finalized yet.
	NotFinalized {
		/// That block.
		block: u32,
	},
	/// The consortium rewound the trial's log past the checkpoint, or gave the trial back
	/// clean to its sponsor.
	Superseded {
		/// The trial.
		trial: String,
		/// The proof's checkpoint.
		index: u32,
	},
	/// The chain does not find the record in the checkpoint.
	NotIncluded(InclusionError),
	/// The trial has not reached the milestone the record should precede.
	MilestoneNotReached {
		/// The trial.
		trial: String,
		/// The milestone.
		milestone: Milestone,
	},
	/// The consortium rewound the log past the checkpoint it was at when it reached the
	/// milestone: whether the record came before it cannot be told.
	MilestoneUndecidable {
		/// The milestone.
		milestone: Milestone,
	},
	/// The record was added after the milestone.
	AfterMilestone {
		/// The milestone.
		milestone: Milestone,
		/// The record's index in the log.
		leaf_index: u64,
		/// The records the log held at the milestone.
		log_size: u64,
	},
}

impl fmt::Display for ChainFailure {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::OtherChain { proof, chain } => write!(
				f,
				"checkpoint not on this chain: the proof is for the chain with genesis {proof}, \
				 this one's is {chain}"
			),
			Self::NoCheckpoint { trial, index } => {
				write!(f, "checkpoint not on this chain: trial {trial} has no checkpoint {index}")
			},
			Self::OtherCheckpoint { trial, index } => write!(
				f,
				"checkpoint not on this chain: checkpoint {index} of trial {trial} has another \
				 size or root"
			),
			Self::OtherBlock { block } => write!(
				f,
				"checkpoint not on this chain at the proof's block: it was anchored at block \
				 #{block}"
			),
			Self::NotFinalized { block } => write!(f, "block #{block} is not finalized yet"),
			Self::Superseded { trial, index } => write!(
				f,
				"checkpoint superseded: the consortium rewound trial {trial}'s log past \
				 checkpoint {index}, or gave the trial back clean to its sponsor"
			),
			Self::NotIncluded(error) => {
				write!(f, "the chain does not find the record in the checkpoint: {error:?}")
			},
			Self::MilestoneNotReached { trial, milestone } => {
				write!(f, "trial {trial} has not reached {milestone:?}")
			},
			Self::MilestoneUndecidable { milestone } => write!(
				f,
				"cannot tell whether the record came before {milestone:?}: the consortium \
				 rewound the log past the checkpoint it was at then"
			),
			Self::AfterMilestone { milestone, leaf_index, log_size } => write!(
				f,
				"record added after {milestone:?}: it is record {leaf_index} and the log held \
				 {log_size} records at that milestone"
			),
		}
	}
}

/// Why a record proof fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordFailure {
	/// It fails without a chain: the file, the leaf or the path.
	Offline(OfflineFailure),
	/// It holds offline, and the chain contradicts it.
	Chain(ChainFailure),
}

impl fmt::Display for RecordFailure {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Offline(failure) => failure.fmt(f),
			Self::Chain(failure) => failure.fmt(f),
		}
	}
}

/// The verdict on a record proof: verified if nothing failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordVerdict {
	/// What failed, in the order checked (an offline failure alone: the chain is then not
	/// asked).
	pub failures: Vec<RecordFailure>,
}

impl RecordVerdict {
	/// The verdict on a proof that fails offline: the chain is not asked.
	pub fn offline(failure: OfflineFailure) -> Self {
		Self { failures: vec![RecordFailure::Offline(failure)] }
	}

	/// Whether the proof holds: offline and on the chain.
	pub fn is_verified(&self) -> bool {
		self.failures.is_empty()
	}
}

impl Chain {
	/// Verify `proof` for a file whose SHA-256 is `content`: offline first, and only if that
	/// holds against this chain; if `before`, also that the record was in the log when the
	/// trial reached that milestone.
	pub async fn verify_record(
		&self,
		proof: &RecordProof,
		content: &Hash,
		before: Option<Milestone>,
	) -> Result<RecordVerdict> {
		match proof.verify_offline(content) {
			Err(failure) => Ok(RecordVerdict::offline(failure)),
			Ok(()) => self.verify_record_on_chain(proof, before).await,
		}
	}

	/// The chain's half of [`Chain::verify_record`], for a proof already verified offline
	/// ([`RecordProof::verify_offline`]; a verifier that checks offline first need not connect
	/// to a chain for a proof that fails there).
	pub async fn verify_record_on_chain(
		&self,
		proof: &RecordProof,
		before: Option<Milestone>,
	) -> Result<RecordVerdict> {
		let failures = self.chain_failures(proof, before).await?;
		Ok(RecordVerdict { failures: failures.into_iter().map(RecordFailure::Chain).collect() })
	}

	/// What this chain contradicts of a proof that holds offline.
	async fn chain_failures(
		&self,
		proof: &RecordProof,
		before: Option<Milestone>,
	) -> Result<Vec<ChainFailure>> {
		let (trial, index) = (proof.trial.clone(), proof.checkpoint.index);
		let genesis = Hash32(self.genesis_hash().await?);
		if genesis != proof.genesis_hash {
			return Ok(vec![ChainFailure::OtherChain {
				proof: proof.genesis_hash,
				chain: genesis,
			}]);
		}
		let Some(checkpoint) = self.trial_checkpoint(&trial, index).await?.into_value() else {
			return Ok(vec![ChainFailure::NoCheckpoint { trial, index }]);
		};
		if checkpoint.log_size != proof.checkpoint.size
			|| checkpoint.root != proof.checkpoint.root.0
		{
			return Ok(vec![ChainFailure::OtherCheckpoint { trial, index }]);
		}
		let mut failures = Vec::new();
		let status = self.status().await?;
		let anchored_at = self.block_hash(u64::from(checkpoint.block)).await?;
		if checkpoint.block != proof.checkpoint.block_number
			|| anchored_at != Some(proof.checkpoint.block_hash)
		{
			failures.push(ChainFailure::OtherBlock { block: checkpoint.block });
		} else if u64::from(checkpoint.block) > status.finalized {
			failures.push(ChainFailure::NotFinalized { block: checkpoint.block });
		}
		let included = self
			.trial_verify_inclusion(
				&trial,
				index,
				proof.record.leaf_index,
				proof.record.leaf_hash,
				&proof.inclusion_path,
			)
			.await?;
		match included {
			Ok(()) => {},
			Err(InclusionError::Superseded) => {
				failures.push(ChainFailure::Superseded { trial: trial.clone(), index })
			},
			Err(other) => failures.push(ChainFailure::NotIncluded(other)),
		}
		if let Some(milestone) = before {
			let milestones = self.trial_milestones(&trial).await?;
			let reached = milestones.iter().find(|(m, _)| *m == milestone).map(|(_, r)| r);
			// Undecidable when the checkpoint that was the head as it was reached left the log.
			let undecidable = match reached.and_then(|record| record.head) {
				Some(head) => self.trial_in_log(&trial, head).await? != Some(true),
				None => false,
			};
			match reached {
				None => failures.push(ChainFailure::MilestoneNotReached { trial, milestone }),
				Some(_) if undecidable => {
					failures.push(ChainFailure::MilestoneUndecidable { milestone })
				},
				Some(record) if proof.record.leaf_index >= record.log_size => {
					failures.push(ChainFailure::AfterMilestone {
						milestone,
						leaf_index: proof.record.leaf_index,
						log_size: record.log_size,
					})
				},
				Some(_) => {},
			}
		}
		Ok(failures)
	}
}
