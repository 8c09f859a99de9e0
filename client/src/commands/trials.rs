//! `healthchain trial`: clinical trials, their documents and milestones, their data logs and
//! the portable proofs of their records.

use super::{read_file, App, ConsortiumArgs, Reported};
use anyhow::{Context, Result};
use clap::Subcommand;
use healthchain_client::{
	cli,
	hash::Hash32,
	invalid,
	trial_log::{self, LogState, ProofCheckpoint, RecordProof},
	trials::{self, calls, ChangeReason, DocumentKind, Milestone},
};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub(crate) enum TrialCommand {
	/// Register a trial under its public registry id (agent of an organisation accredited as
	/// trial sponsor, which becomes its sponsor; the signer pays the deposit).
	Register {
		/// The registry id: NCT and 8 digits, or an EU CT number (YYYY-NNNNNN-NN-NN).
		trial: String,
	},
	/// Show a trial: its sponsor, documents, milestones and data log.
	Show {
		/// The trial.
		trial: String,
	},
	/// Anchor, show and trace the trial's documents.
	#[command(subcommand)]
	Document(DocumentCommand),
	/// Anchor a milestone (once each, in order: first-enrolment, database-lock, unblinding,
	/// results-posted).
	Milestone {
		/// The trial.
		trial: String,
		/// The milestone.
		#[arg(value_parser = cli::primitive::<Milestone>())]
		milestone: Milestone,
	},
	/// The trial's data log.
	#[command(subcommand)]
	Log(LogCommand),
	/// Verify a file against its portable proof: offline first (the file, the record, the
	/// inclusion path), then against the chain (the checkpoint anchored at that block,
	/// finalized, on this chain). Exits 0 only if every check passes.
	Verify {
		/// The file.
		file: PathBuf,
		/// Its proof (written by `trial log append`).
		proof: PathBuf,
		/// Also fail if the record was added to the log after this milestone.
		#[arg(long, value_parser = cli::primitive::<Milestone>())]
		before: Option<Milestone>,
	},
	/// The trial's timeline for an auditor: documents, amendments, milestones and checkpoints,
	/// and any protocol or analysis-plan version anchored after first enrolment; what the
	/// consortium voided, why and when.
	Audit {
		/// The trial.
		trial: String,
	},
	/// Take over an anchor's deposit (the sponsor's admin), e.g. one an agent who left paid:
	/// `registration`, `<kind>:<version>` (a document version of the current holder, e.g.
	/// `protocol:2`), `milestone:<milestone>` or `checkpoint:<index>`.
	TakeDeposit {
		/// The trial.
		trial: String,
		/// The anchor.
		anchor: String,
	},
	/// Transfer a trial to its sponsor's successor (consortium): everything anchored stays in
	/// force.
	Transfer {
		/// The trial.
		trial: String,
		/// The new sponsor organisation.
		sponsor: u32,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Give a trial back clean to its real sponsor (consortium): what the current holder
	/// anchored is kept, attributed to it, and void; the sponsor starts afresh.
	Reclaim {
		/// The trial.
		trial: String,
		/// The sponsor organisation it is given to.
		sponsor: u32,
		/// Why: squatted, anchored-in-error, unauthorised or other.
		#[arg(long, value_enum)]
		reason: trials::VoidReason,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Withdraw a milestone anchored by mistake, and every later one (consortium): they are
	/// kept in the trial's voidings, with the reason.
	WithdrawMilestone {
		/// The trial.
		trial: String,
		/// The milestone.
		#[arg(value_parser = cli::primitive::<Milestone>())]
		milestone: Milestone,
		/// Why: squatted, anchored-in-error, unauthorised or other.
		#[arg(long, value_enum)]
		reason: trials::VoidReason,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Rewind a trial's data log to one of its checkpoints, or to the empty log with `--empty`
	/// (consortium): for a log anchored past with records the sponsor does not hold.
	Rewind {
		/// The trial.
		trial: String,
		/// The checkpoint.
		#[arg(required_unless_present = "empty")]
		to: Option<u32>,
		/// Rewind to the empty log.
		#[arg(long, conflicts_with = "to")]
		empty: bool,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
}

#[derive(Subcommand)]
pub(crate) enum DocumentCommand {
	/// Anchor the next version of a document by its SHA-256 (the file never leaves this
	/// machine). Version 1's reason is `initial`; a later version needs another reason.
	Add {
		/// The trial.
		trial: String,
		/// The kind of document.
		#[arg(value_parser = cli::primitive::<DocumentKind>())]
		kind: DocumentKind,
		/// The document.
		file: PathBuf,
		/// Why this version: initial (the default for a first version),
		/// substantial-amendment, non-substantial-amendment, urgent-safety-measure,
		/// regulatory-request, correction.
		#[arg(long, value_parser = cli::primitive::<ChangeReason>())]
		reason: Option<ChangeReason>,
	},
	/// Every document version of the trial, in the order they were anchored.
	Show {
		/// The trial.
		trial: String,
	},
	/// The versions of one kind of document, oldest first, each with what it replaced and why.
	Lineage {
		/// The trial.
		trial: String,
		/// The kind of document.
		#[arg(value_parser = cli::primitive::<DocumentKind>())]
		kind: DocumentKind,
	},
}

#[derive(Subcommand)]
pub(crate) enum LogCommand {
	/// Hash files and folders as `append` would (every core, streaming) and print each record
	/// as `sha256sum` does (`<SHA-256>  <path in the log>`), without touching the log or the
	/// chain.
	Hash {
		/// Files and folders (a folder's files in path order).
		#[arg(required = true)]
		inputs: Vec<PathBuf>,
	},
	/// Hash files and folders (every core, streaming), append them to the local log, anchor a
	/// checkpoint with its consistency proof from the log's head, wait for finality, and write a
	/// portable proof of every record.
	Append {
		/// The trial.
		trial: String,
		/// Files and folders to append (a folder's files in path order).
		#[arg(required = true)]
		inputs: Vec<PathBuf>,
		/// The local log state file (created if missing); keep it: the next checkpoint is
		/// proven from it.
		#[arg(long)]
		state: PathBuf,
		/// Where to write the proofs (`<dir>/<record path>.proof.json`); default: `proofs`
		/// beside the state file.
		#[arg(long)]
		proofs: Option<PathBuf>,
		/// Submit even if the local log does not extend the one anchored (the chain then
		/// refuses it, `InconsistentLog`): to show an auditor that a rewritten log cannot be
		/// anchored.
		#[arg(long)]
		unchecked: bool,
	},
}

impl App {
	pub(crate) async fn trial(&self, command: &TrialCommand) -> Result<()> {
		use TrialCommand::*;
		let call = match command {
			Register { trial } => calls::register(trial)?,
			Milestone { trial, milestone } => calls::anchor_milestone(trial, *milestone)?,
			TakeDeposit { trial, anchor } => {
				calls::change_deposit_owner(trial, parse_anchor(anchor)?)?
			},
			Transfer { trial, sponsor, consortium } => {
				return self.consortium(calls::transfer(trial, *sponsor)?, consortium.via).await;
			},
			Reclaim { trial, sponsor, reason, consortium } => {
				let call = calls::reclaim(trial, *sponsor, *reason)?;
				return self.consortium(call, consortium.via).await;
			},
			WithdrawMilestone { trial, milestone, reason, consortium } => {
				let call = calls::withdraw_milestone(trial, *milestone, *reason)?;
				return self.consortium(call, consortium.via).await;
			},
			Rewind { trial, to, empty: _, consortium } => {
				return self.consortium(calls::rewind_log(trial, *to)?, consortium.via).await;
			},
			Document(DocumentCommand::Add { trial, kind, file, reason }) => {
				let hash = Hash32::sha256(&read_file(file)?);
				let reason = match reason {
					Some(reason) => *reason,
					None => {
						let chain = self.chain().await?;
						let lineage = chain.trial_lineage(trial, *kind).await?;
						if lineage.as_array().is_some_and(|versions| !versions.is_empty()) {
							return Err(invalid(
								"a later version needs --reason (substantial-amendment, \
								 non-substantial-amendment, urgent-safety-measure, \
								 regulatory-request or correction)",
							));
						}
						ChangeReason::Initial
					},
				};
				calls::anchor_document(trial, *kind, hash, reason)?
			},
			Document(DocumentCommand::Show { trial }) => {
				let chain = self.chain().await?;
				let documents = chain.trial_documents(trial).await?;
				self.print(documents.clone(), || {
					serde_json::to_string_pretty(&documents).unwrap_or_default()
				});
				return Ok(());
			},
			Document(DocumentCommand::Lineage { trial, kind }) => {
				let chain = self.chain().await?;
				let lineage = chain.trial_lineage(trial, *kind).await?;
				self.print(lineage.clone(), || {
					let lines: Vec<String> = lineage
						.as_array()
						.map(|versions| {
							versions
								.iter()
								.map(|v| {
									let d = &v["document"];
									format!(
										"v{} {} {} block #{} replaces {}",
										v["version"],
										d["document_hash"].as_str().unwrap_or("?"),
										d["reason"].as_str().unwrap_or("?"),
										d["anchored"]["block"],
										d["replaces"]
									)
								})
								.collect()
						})
						.unwrap_or_default();
					if lines.is_empty() {
						format!("{trial} has no {kind:?} anchored")
					} else {
						lines.join("\n")
					}
				});
				return Ok(());
			},
			Show { trial } => {
				let chain = self.chain().await?;
				let info = chain.trial_json(trial).await?;
				if info.is_null() {
					return Err(invalid(format!("no trial {trial} is registered on this chain")));
				}
				let documents = chain.trial_documents(trial).await?;
				let (_, milestones) = chain.trial_milestones(trial).await?;
				let value = json!({ "trial": trial, "info": info, "documents": documents, "milestones": milestones });
				self.print(value.clone(), || {
					serde_json::to_string_pretty(&value).unwrap_or_default()
				});
				return Ok(());
			},
			Audit { trial } => {
				let chain = self.chain().await?;
				let audit = chain.trial_audit(trial).await?;
				self.print(audit.clone(), || audit_text(&audit));
				return Ok(());
			},
			Log(LogCommand::Hash { inputs }) => {
				let started = std::time::Instant::now();
				let records = tokio::task::block_in_place(|| trial_log::hash_records(inputs))?;
				let value = json!({
					"records": records
						.iter()
						.map(|r| json!({ "path": r.path, "content_sha256": Hash32(r.content) }))
						.collect::<Vec<_>>(),
					"seconds": started.elapsed().as_secs_f64(),
				});
				self.print(value, || {
					records
						.iter()
						.map(|r| format!("{}  {}", hex::encode(r.content), r.path))
						.collect::<Vec<_>>()
						.join("\n")
				});
				return Ok(());
			},
			Log(LogCommand::Append { trial, inputs, state, proofs, unchecked }) => {
				return self.log_append(trial, inputs, state, proofs.as_deref(), *unchecked).await;
			},
			Verify { file, proof, before } => return self.trial_verify(file, proof, *before).await,
		};
		let chain = self.chain().await?;
		self.submit(chain, call).await?;
		Ok(())
	}

	async fn log_append(
		&self,
		trial: &str,
		inputs: &[PathBuf],
		state_file: &Path,
		proofs: Option<&Path>,
		unchecked: bool,
	) -> Result<()> {
		let started = std::time::Instant::now();
		trials::trial_id(trial)?;
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
		let chain = self.chain().await?;
		// At the best block: a checkpoint anchored a moment ago is the one to extend.
		let Some(info) = chain.trial_at_best(trial).await? else {
			return Err(invalid(format!("no trial {trial} is registered on this chain")));
		};
		let (mut state, previous) = LogState::load_with_bytes(state_file, trial)?;
		// The local log must be the one anchored: its first `log_size` records have the root
		// of the checkpoint the log is at.
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
		let records = tokio::task::block_in_place(|| trial_log::hash_records(inputs))?;
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
		let proof = state
			.tree
			.consistency_proof(info.log_size.min(size), size)
			.context("the log is shorter than its anchored size")?;
		let call = calls::anchor_checkpoint(trial, size, root, &proof)?;
		let signer = self.signer()?;
		// The new records are saved before the checkpoint is submitted, so that a client that
		// stops after the chain anchored them still has them. Only when the chain refused the
		// transaction (it is then not anchored) is the state file put back.
		state.save(state_file)?;
		let outcome = match chain.submit(&call, &signer, healthchain_client::Wait::Finalized).await
		{
			Ok(outcome) => outcome,
			Err(error)
				if error
					.downcast_ref::<healthchain_client::Failure>()
					.is_some_and(healthchain_client::Failure::is_definite) =>
			{
				match previous {
					Some(bytes) => trial_log::write_atomically(state_file, &bytes),
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
		let index = outcome
			.event("TrialAnchoring", "CheckpointAnchored")
			.and_then(|event| event.fields["index"].as_u64())
			.and_then(|index| u32::try_from(index).ok())
			.context("the checkpoint's transaction emitted no CheckpointAnchored")?;
		let checkpoint = ProofCheckpoint {
			index,
			size,
			root,
			block_number: u32::try_from(block_number).context("block number")?,
			block_hash: block_hash.parse()?,
		};
		let genesis = Hash32(chain.genesis_hash().await?);
		let proofs_dir = match proofs {
			Some(dir) => dir.to_path_buf(),
			None => state_file.parent().unwrap_or(Path::new(".")).join("proofs"),
		};
		// Every record this checkpoint anchored: those of this append, and any an earlier
		// append saved but did not see anchored.
		let mut written = 0u64;
		for index in info.log_size.min(first_new)..size {
			let proof = RecordProof::new(&state, index, checkpoint.clone(), genesis)?;
			let file = proofs_dir.join(format!("{}.proof.json", proof.record.path));
			if let Some(parent) = file.parent() {
				std::fs::create_dir_all(parent)
					.with_context(|| format!("creating {}", parent.display()))?;
			}
			std::fs::write(&file, serde_json::to_string_pretty(&proof)?)
				.with_context(|| format!("writing {}", file.display()))?;
			written += 1;
		}
		let elapsed = started.elapsed();
		let value = json!({
			"ok": true,
			"trial": trial,
			"appended": size - first_new,
			"size": size,
			"root": root,
			"checkpoint": checkpoint,
			"finalized": outcome.finalized,
			"proofs": proofs_dir.display().to_string(),
			"seconds": elapsed.as_secs_f64(),
		});
		self.print(value, || {
			format!(
				"appended {} records to {trial}'s log ({size} in all), checkpoint {} anchored in {} \
				 block #{block_number}; {written} proofs in {} ({:.1} s)",
				size - first_new,
				checkpoint.index,
				if outcome.finalized { "finalized" } else { "best" },
				proofs_dir.display(),
				elapsed.as_secs_f64()
			)
		});
		drop(lock);
		Ok(())
	}

	async fn trial_verify(
		&self,
		file: &Path,
		proof: &Path,
		before: Option<Milestone>,
	) -> Result<()> {
		let proof: RecordProof = serde_json::from_slice(&read_file(proof)?).map_err(|e| {
			invalid(format!("{} is not a trial record proof: {e}", proof.display()))
		})?;
		let content = trial_log::sha256_file(file, &Default::default())?;
		let mut failures: Vec<String> = Vec::new();
		if let Err(failure) = proof.verify_offline(&content) {
			failures.push(failure.to_string());
		} else {
			let chain = self.chain().await?;
			failures.extend(self.trial_verify_online(chain, &proof, before).await?);
		}
		let ok = failures.is_empty();
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

	/// What the chain contradicts of a proof that holds offline.
	async fn trial_verify_online(
		&self,
		chain: &healthchain_client::Chain,
		proof: &RecordProof,
		before: Option<Milestone>,
	) -> Result<Vec<String>> {
		let mut failures = Vec::new();
		let genesis = Hash32(chain.genesis_hash().await?);
		if genesis != proof.genesis_hash {
			failures.push(format!(
				"checkpoint not on this chain: the proof is for the chain with genesis {}, this \
				 one's is {genesis}",
				proof.genesis_hash
			));
			return Ok(failures);
		}
		let (checkpoint, _) = chain.trial_checkpoint(&proof.trial, proof.checkpoint.index).await?;
		let Some(checkpoint) = checkpoint else {
			failures.push(format!(
				"checkpoint not on this chain: trial {} has no checkpoint {}",
				proof.trial, proof.checkpoint.index
			));
			return Ok(failures);
		};
		if checkpoint.log_size != proof.checkpoint.size
			|| checkpoint.root != proof.checkpoint.root.0
		{
			failures.push(format!(
				"checkpoint not on this chain: checkpoint {} of trial {} has another size or root",
				proof.checkpoint.index, proof.trial
			));
			return Ok(failures);
		}
		let status = chain.status().await?;
		let anchored_at = chain.block_hash(u64::from(checkpoint.block)).await?;
		if checkpoint.block != proof.checkpoint.block_number
			|| anchored_at != Some(proof.checkpoint.block_hash)
		{
			failures.push(format!(
				"checkpoint not on this chain at the proof's block: it was anchored at block #{}",
				checkpoint.block
			));
		} else if u64::from(checkpoint.block) > status.finalized {
			failures.push(format!("block #{} is not finalized yet", checkpoint.block));
		}
		if let Err(error) = chain
			.trial_verify_inclusion(
				&proof.trial,
				proof.checkpoint.index,
				proof.record.leaf_index,
				proof.record.leaf_hash,
				&proof.inclusion_path,
			)
			.await?
		{
			failures.push(match error {
				trials::InclusionError::Superseded => format!(
					"checkpoint superseded: the consortium rewound trial {}'s log past checkpoint \
					 {}, or gave the trial back clean to its sponsor",
					proof.trial, proof.checkpoint.index
				),
				other => format!("the chain does not find the record in the checkpoint: {other:?}"),
			});
		}
		if let Some(milestone) = before {
			let (milestones, _) = chain.trial_milestones(&proof.trial).await?;
			match milestones.iter().find(|(m, _, _)| *m == milestone) {
				None => {
					failures.push(format!("trial {} has not reached {milestone:?}", proof.trial))
				},
				Some((_, _, Some(head)))
					if chain.trial_in_log(&proof.trial, *head).await? != Some(true) =>
				{
					failures.push(format!(
						"cannot tell whether the record came before {milestone:?}: the consortium \
						 rewound the log past the checkpoint it was at then"
					))
				},
				Some((_, log_size, _)) if proof.record.leaf_index >= *log_size => {
					failures.push(format!(
						"record added after {milestone:?}: it is record {} and the log held \
						 {log_size} records at that milestone",
						proof.record.leaf_index
					))
				},
				Some(_) => {},
			}
		}
		Ok(failures)
	}
}

/// `registration`, `<kind>:<version>`, `milestone:<milestone>` or `checkpoint:<index>`.
fn parse_anchor(text: &str) -> Result<trials::AnchorRef> {
	use trials::AnchorRef;
	let bad = || {
		invalid(format!(
			"{text:?} names no anchor: give registration, <kind>:<version> (e.g. protocol:2), \
			 milestone:<milestone> or checkpoint:<index>"
		))
	};
	if text == "registration" {
		return Ok(AnchorRef::Registration);
	}
	let (what, value) = text.split_once(':').ok_or_else(bad)?;
	match what {
		"milestone" => Milestone::ALL
			.into_iter()
			.find(|m| cli::kebab_case(&format!("{m:?}")) == value)
			.map(AnchorRef::Milestone)
			.ok_or_else(bad),
		"checkpoint" => value.parse().map(AnchorRef::Checkpoint).map_err(|_| bad()),
		_ => {
			let kind = DocumentKind::ALL
				.into_iter()
				.find(|kind| cli::kebab_case(&format!("{kind:?}")) == what)
				.ok_or_else(bad)?;
			let version = value.parse().map_err(|_| bad())?;
			Ok(AnchorRef::Document { kind, version })
		},
	}
}

/// The audit as text: a timeline and what it flags.
fn audit_text(audit: &serde_json::Value) -> String {
	let mut lines = vec![format!(
		"trial {} (sponsor organisation {}, tenure {})",
		audit["trial"].as_str().unwrap_or("?"),
		audit["sponsor"],
		audit["tenure"]
	)];
	for entry in audit["documents"].as_array().into_iter().flatten() {
		let d = &entry["document"];
		let key = &entry["key"];
		lines.push(format!(
			"  #{:>3} block #{} {} v{} {} {}{}",
			d["anchored"]["seq"],
			d["anchored"]["block"],
			key["kind"].as_str().unwrap_or("?"),
			key["version"],
			d["reason"].as_str().unwrap_or("?"),
			d["document_hash"].as_str().unwrap_or("?"),
			if entry["void"] == true {
				format!(" VOID (tenure {}, anchored by {})", key["tenure"], d["anchored_by"])
			} else {
				String::new()
			}
		));
	}
	for entry in audit["milestones"].as_array().into_iter().flatten() {
		let r = &entry["record"];
		lines.push(format!(
			"  #{:>3} block #{} milestone {} (data log: {} records)",
			r["anchored"]["seq"],
			r["anchored"]["block"],
			entry["milestone"].as_str().unwrap_or("?"),
			r["log_size"]
		));
	}
	for entry in audit["voidings"].as_array().into_iter().flatten() {
		let v = &entry["voiding"];
		lines.push(format!(
			"  #{:>3} block #{} VOIDED by the consortium ({}): {}",
			v["at"]["seq"],
			v["at"]["block"],
			v["reason"].as_str().unwrap_or("?"),
			v["voided"]
		));
	}
	for (index, c) in audit["checkpoints"].as_array().into_iter().flatten().enumerate() {
		lines.push(format!(
			"  checkpoint {index} block #{}: {} records, root {}",
			c["block"],
			c["log_size"],
			c["root"].as_str().unwrap_or("?")
		));
	}
	let flagged = audit["flagged"].as_array().cloned().unwrap_or_default();
	if flagged.is_empty() {
		lines.push("no protocol or analysis-plan change after first enrolment".into());
	} else {
		for change in flagged {
			lines.push(format!(
				"FLAG: {} v{} anchored after first enrolment ({})",
				change["key"]["kind"].as_str().unwrap_or("?"),
				change["key"]["version"],
				change["document"]["reason"].as_str().unwrap_or("?")
			));
		}
	}
	lines.join("\n")
}
