//! Appending records to a trial's data log and anchoring its new checkpoint: the local log is
//! checked against the one anchored, the records are saved before the checkpoint is submitted
//! (and put back only if the chain refused it), and a proof is written for every record the
//! checkpoint anchored.

use super::{hash_records, write_atomically, LogState, ProofCheckpoint, RecordProof};
use crate::{
	call::{Call, TrialCall},
	chain::Chain,
	failure::Failure,
	hash::Hash32,
	invalid,
	outcome::Wait,
	runtime::api::{
		runtime_types::bounded_collections::bounded_vec::BoundedVec,
		trial_anchoring::events::CheckpointAnchored,
	},
	trials::trial_id,
};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use subxt_signer::sr25519::Keypair;

/// What an append anchored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
	/// The records this append added.
	pub appended: u64,
	/// The log's size now.
	pub size: u64,
	/// Its root now.
	pub root: Hash32,
	/// The checkpoint that anchored it.
	pub checkpoint: ProofCheckpoint,
	/// Whether the block that anchored it is final.
	pub finalized: bool,
	/// Where the proofs were written.
	pub proofs: PathBuf,
	/// How many proofs were written (this append's records, and any an earlier append saved
	/// but did not see anchored).
	pub written: u64,
}

impl Chain {
	/// Append the files `inputs` name (folders recursively) to `trial`'s log kept in
	/// `state_file`, anchor the new checkpoint signed by `signer` (an agent of the trial's
	/// sponsor), and write each anchored record's proof under `proofs`. Unless `unchecked`, the
	/// local log must be the one anchored: its first records have the root of the checkpoint
	/// the chain's log is at. One append at a time per state file (a lock file beside it).
	pub async fn append_to_log(
		&self,
		signer: &Keypair,
		trial: &str,
		inputs: &[PathBuf],
		state_file: &Path,
		proofs: &Path,
		unchecked: bool,
	) -> Result<Appended> {
		trial_id(trial)?;
		// One append at a time per log: a second agent using the same state file waits its turn
		// instead of overwriting what the first one anchored.
		let lock_path = state_file.with_file_name(format!(
			".{}.lock",
			state_file.file_name().and_then(|n| n.to_str()).unwrap_or("state")
		));
		let lock = std::fs::File::create(&lock_path)
			.with_context(|| format!("creating {}", lock_path.display()))?;
		lock.try_lock().map_err(|_| {
			invalid(format!(
				"another `trial log append` holds {}: wait for it",
				lock_path.display()
			))
		})?;
		// At the best block: a checkpoint anchored a moment ago is the one to extend.
		let Some(info) = self.trial_at_best(trial).await? else {
			return Err(invalid(format!("no trial {trial} is registered on this chain")));
		};
		let (mut state, previous) = LogState::load_with_bytes(state_file, trial)?;
		if !unchecked && state.len() < info.log_size {
			return Err(invalid(format!(
				"{} holds {} records and the chain's log {}: it is not the log anchored for \
				 {trial} (restore it from a backup)",
				state_file.display(),
				state.len(),
				info.log_size
			)));
		}
		if !unchecked && state.tree.root_at(info.log_size) != Some(info.log_root) {
			return Err(invalid(format!(
				"the first {} records of {} are not the log anchored for {trial}: its root differs \
				 from the chain's",
				info.log_size,
				state_file.display()
			)));
		}
		// Hashing reads every file on every core: off the async runtime's threads (any runtime,
		// a current-thread one included).
		let owned = inputs.to_vec();
		let records = tokio::task::spawn_blocking(move || hash_records(&owned))
			.await
			.context("hashing the records")??;
		if records.is_empty() {
			return Err(invalid("no file to append"));
		}
		// A path once: a record's proof is written under its path.
		let mut seen = std::collections::BTreeSet::new();
		for record in &records {
			if state.has_path(&record.path) || !seen.insert(record.path.as_str()) {
				return Err(invalid(format!(
					"{} is already in the log (or twice in this append): give a new version of a \
					 file another name, e.g. its date",
					record.path
				)));
			}
		}
		let first_new = state.len();
		state.extend(records);
		let size = state.len();
		let root = Hash32(state.tree.root());
		let consistency = state
			.tree
			.consistency_proof(info.log_size.min(size), size)
			.context("the log is shorter than its anchored size")?;
		let call: Call = TrialCall::anchor_checkpoint {
			trial: trial_id(trial)?,
			log_size: size,
			root: root.0,
			proof: BoundedVec(consistency.to_vec()),
		}
		.into();
		// The new records are saved before the checkpoint is submitted, so that a client that
		// stops after the chain anchored them still has them. Only when the chain refused the
		// transaction (it is then not anchored) is the state file put back.
		state.save(state_file)?;
		let outcome = match self.submit(&call, signer, Wait::Finalized).await {
			Ok(outcome) => outcome,
			Err(error) if error.downcast_ref::<Failure>().is_some_and(Failure::is_definite) => {
				match previous {
					Some(bytes) => write_atomically(state_file, &bytes),
					None => std::fs::remove_file(state_file).map_err(Into::into),
				}
				.with_context(|| format!("restoring {}", state_file.display()))?;
				return Err(error);
			},
			Err(error) => {
				return Err(error.context(format!(
					"the checkpoint may or may not have been anchored: {} keeps the {} new \
					 records, and the next `trial log append` anchors them if the chain has not \
					 (do not append the same files again)",
					state_file.display(),
					size - first_new
				)))
			},
		};
		let (Some(block_hash), Some(block_number)) = (&outcome.block_hash, outcome.block_number)
		else {
			return Err(anyhow::anyhow!("the node reported no block for the checkpoint"));
		};
		let anchored = outcome.expect::<CheckpointAnchored>("TrialAnchoring.CheckpointAnchored")?;
		let checkpoint = ProofCheckpoint {
			index: anchored.index,
			size,
			root,
			block_number: u32::try_from(block_number).context("block number")?,
			block_hash: block_hash.parse()?,
		};
		let genesis = Hash32(self.genesis_hash().await?);
		// Every record this checkpoint anchored: those of this append, and any an earlier
		// append saved but did not see anchored.
		let mut written = 0u64;
		for index in info.log_size.min(first_new)..size {
			let proof = RecordProof::new(&state, index, checkpoint.clone(), genesis)?;
			let file = proofs.join(format!("{}.proof.json", proof.record.path));
			if let Some(parent) = file.parent() {
				std::fs::create_dir_all(parent)
					.with_context(|| format!("creating {}", parent.display()))?;
			}
			std::fs::write(&file, serde_json::to_string_pretty(&proof)?)
				.with_context(|| format!("writing {}", file.display()))?;
			written += 1;
		}
		drop(lock);
		Ok(Appended {
			appended: size - first_new,
			size,
			root,
			checkpoint,
			finalized: outcome.finalized,
			proofs: proofs.to_path_buf(),
			written,
		})
	}
}
