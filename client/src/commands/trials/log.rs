//! `healthchain trial log append` and `trial verify`: the library's append and verification,
//! printed.

use super::super::{read_file, App, Reported};
use anyhow::Result;
use healthchain_client::{
	invalid,
	trial_log::{self, RecordProof, RecordVerdict},
	trials::Milestone,
};
use serde_json::json;
use std::path::{Path, PathBuf};

impl App {
	pub(super) async fn log_append(
		&self,
		trial: &str,
		inputs: &[PathBuf],
		state_file: &Path,
		proofs: Option<&Path>,
		unchecked: bool,
	) -> Result<()> {
		let started = std::time::Instant::now();
		// A malformed trial id is refused before anything else (no node needed to say so).
		healthchain_client::trials::trial_id(trial)?;
		let chain = self.chain().await?;
		let proofs = match proofs {
			Some(dir) => dir.to_path_buf(),
			None => state_file.parent().unwrap_or(Path::new(".")).join("proofs"),
		};
		let signer = self.signer()?;
		let appended =
			chain.append_to_log(&signer, trial, inputs, state_file, &proofs, unchecked).await?;
		let elapsed = started.elapsed();
		let value = json!({
			"ok": true,
			"trial": trial,
			"appended": appended.appended,
			"size": appended.size,
			"root": appended.root,
			"checkpoint": appended.checkpoint,
			"finalized": appended.finalized,
			"proofs": appended.proofs.display().to_string(),
			"seconds": elapsed.as_secs_f64(),
		});
		self.print(value, || {
			format!(
				"appended {} records to {trial}'s log ({} in all), checkpoint {} anchored in {} \
				 block #{}; {} proofs in {} ({:.1} s)",
				appended.appended,
				appended.size,
				appended.checkpoint.index,
				if appended.finalized { "finalized" } else { "best" },
				appended.checkpoint.block_number,
				appended.written,
				appended.proofs.display(),
				elapsed.as_secs_f64()
			)
		});
		Ok(())
	}

	pub(super) async fn trial_verify(
		&self,
		file: &Path,
		proof: &Path,
		before: Option<Milestone>,
	) -> Result<()> {
		let proof: RecordProof = serde_json::from_slice(&read_file(proof)?).map_err(|e| {
			invalid(format!("{} is not a trial record proof: {e}", proof.display()))
		})?;
		let content = trial_log::sha256_file(file, &Default::default())?;
		// The chain is asked (and connected to) only if the proof holds offline.
		let verdict = match proof.verify_offline(&content) {
			Err(failure) => RecordVerdict::offline(failure),
			Ok(()) => self.chain().await?.verify_record_on_chain(&proof, before).await?,
		};
		let failures: Vec<String> = verdict.failures.iter().map(ToString::to_string).collect();
		let ok = verdict.is_verified();
		let value = json!({
			"ok": ok,
			"file": file.display().to_string(),
			"trial": proof.trial,
			"record": proof.record,
			"checkpoint": proof.checkpoint,
			"failures": failures,
		});
		self.print(value, || {
			if ok {
				format!(
					"{}: record {} ({}) of trial {}, in checkpoint {} anchored at finalized block #{}",
					file.display(),
					proof.record.leaf_index,
					proof.record.path,
					proof.trial,
					proof.checkpoint.index,
					proof.checkpoint.block_number
				)
			} else {
				format!("{}: NOT VERIFIED: {}", file.display(), failures.join("; "))
			}
		});
		if ok {
			Ok(())
		} else {
			Err(Reported.into())
		}
	}
}
