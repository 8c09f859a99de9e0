//! `healthchain trial`: clinical trials, their documents and milestones, their data logs and
//! the portable proofs of their records.

use super::{read_file, App, ConsortiumArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::TrialCall,
	cli,
	hash::Hash32,
	invalid, trial_log,
	trials::{self, trial_id, ChangeReason, DocumentKind, Milestone},
};
use serde_json::json;
use std::path::PathBuf;

mod audit;
mod log;

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
			Register { trial } => TrialCall::register_trial { trial: trial_id(trial)? },
			Milestone { trial, milestone } => {
				TrialCall::anchor_milestone { trial: trial_id(trial)?, milestone: *milestone }
			},
			TakeDeposit { trial, anchor } => TrialCall::change_deposit_owner {
				trial: trial_id(trial)?,
				anchor: parse_anchor(anchor)?,
			},
			Transfer { trial, sponsor, consortium } => {
				let call =
					TrialCall::force_transfer_trial { trial: trial_id(trial)?, sponsor: *sponsor };
				return self.consortium(call, consortium.via).await;
			},
			Reclaim { trial, sponsor, reason, consortium } => {
				let call = TrialCall::force_reclaim_trial {
					trial: trial_id(trial)?,
					sponsor: *sponsor,
					reason: *reason,
				};
				return self.consortium(call, consortium.via).await;
			},
			WithdrawMilestone { trial, milestone, reason, consortium } => {
				let call = TrialCall::force_withdraw_milestone {
					trial: trial_id(trial)?,
					milestone: *milestone,
					reason: *reason,
				};
				return self.consortium(call, consortium.via).await;
			},
			Rewind { trial, to, empty: _, consortium } => {
				let call = TrialCall::force_rewind_log { trial: trial_id(trial)?, to: *to };
				return self.consortium(call, consortium.via).await;
			},
			Document(DocumentCommand::Add { trial, kind, file, reason }) => {
				let hash = Hash32::sha256(&read_file(file)?);
				let reason = match reason {
					Some(reason) => *reason,
					None => {
						let chain = self.chain().await?;
						let lineage = chain.trial_lineage(trial, *kind).await?;
						if !lineage.is_empty() {
							return Err(invalid(
								"a later version needs --reason (substantial-amendment, \
								 non-substantial-amendment, urgent-safety-measure, \
								 regulatory-request or correction)",
							));
						}
						ChangeReason::Initial
					},
				};
				TrialCall::anchor_document {
					trial: trial_id(trial)?,
					kind: *kind,
					document_hash: hash.0,
					reason,
				}
			},
			Document(DocumentCommand::Show { trial }) => {
				let chain = self.chain().await?;
				let documents = chain.trial_documents(trial).await?.json()?;
				self.print(documents.clone(), || {
					serde_json::to_string_pretty(&documents).unwrap_or_default()
				});
				return Ok(());
			},
			Document(DocumentCommand::Lineage { trial, kind }) => {
				let chain = self.chain().await?;
				let lineage = chain.trial_lineage(trial, *kind).await?;
				self.print(lineage.json()?, || {
					let lines: Vec<String> = lineage
						.items()
						.map(|(version, d)| {
							let replaces = d.replaces.map_or("nothing".into(), |v| format!("v{v}"));
							format!(
								"v{version} {} {:?} block #{} replaces {replaces}",
								Hash32(d.document_hash),
								d.reason,
								d.anchored.block,
							)
						})
						.collect();
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
				let info = chain.trial_answer(trial).await?;
				if info.is_none() {
					return Err(invalid(format!("no trial {trial} is registered on this chain")));
				}
				let info = info.json()?;
				let documents = chain.trial_documents(trial).await?.json()?;
				let milestones = chain.trial_milestones(trial).await?.json()?;
				let value = json!({ "trial": trial, "info": info, "documents": documents, "milestones": milestones });
				self.print(value.clone(), || {
					serde_json::to_string_pretty(&value).unwrap_or_default()
				});
				return Ok(());
			},
			Audit { trial } => {
				let chain = self.chain().await?;
				let audit = chain.trial_audit(trial).await?;
				let json = audit.json()?;
				self.print(json.clone(), || audit::audit_text(&audit, &json));
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
