//! `healthchain consent`: grant, list, revoke and check consents; representatives;
//! break-glass; the audit trail.

mod access;
mod batch;
mod emergency;
mod representatives;

use super::{parse_duration, parse_time, read_file, App, ConsortiumArgs, DocumentArgs, Reported};
pub use access::AccessArgs;
use anyhow::Result;
use clap::{Args, Subcommand};
pub use emergency::EmergencyCommand;
use healthchain_client::call::ConsentCall;
use healthchain_client::runtime::api;
use healthchain_client::{
	consent::{
		batch::KnownOpenings, AccessQuestion, AccessReceipt, Action, Capacity, ConsentId,
		ConsentSpec, DataCategory, Decision, Justification, ProvisionSpec, Purpose, RecordScope,
		NOT_A_REPRESENTATIVE, RECEIPT_FORMAT,
	},
	documents::random_salt,
	hash::Hash32,
	invalid, keys,
	registry::OrganisationId,
};
pub use representatives::RepresentativeCommand;
use serde_json::{json, Value as Json};
use std::path::PathBuf;
use subxt::utils::AccountId32;

/// The consent commands.
#[derive(Subcommand)]
pub enum ConsentCommand {
	/// Grant a consent for a patient (the patient or a representative signs; the signer pays
	/// the deposit). One provision from the flags, or several from --file.
	Grant {
		/// The patient (default: the signer).
		#[arg(long)]
		patient: Option<String>,
		/// A JSON description of the consent (grantee, from, until, provisions); see the
		/// client's documentation of `ConsentSpec`.
		#[arg(long, conflicts_with_all = ["grantee", "deny", "scope", "actions", "purposes"])]
		file: Option<PathBuf>,
		/// To whom: an address, a dev name, or `org:<id>` for every agent of an organisation.
		#[arg(long, required_unless_present = "file")]
		grantee: Option<String>,
		/// A deny provision (the default is permit).
		#[arg(long)]
		deny: bool,
		/// `all`, `sensitive` (mental health, genomics, sexual and reproductive health, substance
		/// use and HIV, naming none of them on chain), `category:<category>` (e.g.
		/// `category:imaging`), `committed:<category>` (a salted commitment to the category:
		/// the chain shows none; needs --openings-out) or `token:<id>`.
		#[arg(long, default_value = "all")]
		scope: String,
		/// Where to write the openings of the committed scopes (category and salt): give them
		/// to the grantee custodian, which passes them to `consent check`/`log-access
		/// --openings`. Written before the consent is submitted.
		#[arg(long)]
		openings_out: Option<PathBuf>,
		/// Comma-separated: read, write, share.
		#[arg(long, value_delimiter = ',', default_value = "read")]
		actions: Vec<String>,
		/// Comma-separated: treatment, payment, research, emergency, operations.
		#[arg(long, value_delimiter = ',', required_unless_present = "file")]
		purposes: Vec<String>,
		/// From when (Unix ms or +<n><s|m|h|d>); default now.
		#[arg(long)]
		from: Option<String>,
		/// Until when; default: no end.
		#[arg(long)]
		until: Option<String>,
		/// Only records dated from this time (e.g. -365d).
		#[arg(long)]
		data_from: Option<String>,
		/// Only records dated before this time.
		#[arg(long)]
		data_until: Option<String>,
	},
	/// List a patient's consents with their status now.
	List {
		/// The patient.
		patient: String,
	},
	/// Show one consent.
	Show {
		/// The consent.
		consent: ConsentId,
	},
	/// Revoke a consent (patient or representative): it stops permitting from the block that
	/// includes the revocation on.
	Revoke {
		/// The consent.
		consent: ConsentId,
	},
	/// Remove a revoked or expired consent; its deposit returns to its grantor.
	Remove {
		/// The consent.
		consent: ConsentId,
	},
	/// May this grantee do this with this patient's record now? Exits 0 on permit, 1 on deny.
	Check {
		/// The grantee's address.
		grantee: String,
		/// The patient's address.
		patient: String,
		#[command(flatten)]
		access: AccessArgs,
	},
	/// A custodian's questions, one JSON object per line on standard input (`{"accessor",
	/// "patient", "purpose"}` and optionally `"labels"`, `"token"`, `"recorded_at"` (Unix ms),
	/// `"action"` (default read), `"id"` (echoed)), answered one JSON line each on standard
	/// output, in order: the questions already written are asked together (up to --batch), in
	/// one call, at one block's state.
	CheckBatch {
		/// The most questions asked in one call (1 to 256).
		#[arg(long, default_value_t = 100)]
		batch: usize,
		/// Openings files of patients' committed scopes: each question is given its patient's.
		#[arg(long)]
		openings: Vec<PathBuf>,
	},
	/// Guardians and legal representatives.
	#[command(subcommand)]
	Representative(RepresentativeCommand),
	/// Break-glass emergency access (licensed practitioners).
	#[command(subcommand)]
	Emergency(EmergencyCommand),
	/// A patient's audit trail.
	Audit {
		/// The patient.
		patient: String,
		/// The first entry's index.
		#[arg(long, default_value_t = 0)]
		start: u64,
		/// The most entries (the chain caps a page at 100).
		#[arg(long, default_value_t = 100)]
		limit: u32,
	},
	/// Take over the deposit of an entry your organisation recorded in a patient's audit
	/// trail, e.g. one an agent who has left recorded (admin of the custodian; the signer pays
	/// the deposit, its former depositor gets theirs back).
	ChangeAuditDepositOwner {
		/// The patient.
		patient: String,
		/// The entry's index (`consent audit` lists them).
		index: u64,
	},
	/// Record an access in a patient's audit trail (agent of an accredited data custodian, for a
	/// patient who deals with it or the accessor): asks `check_access`, commits to the question
	/// and the decision with a fresh salt, submits the commitment, and writes the receipt
	/// (question, decision, salt, entry) to show the patient. Nothing about the record, the
	/// action, the purpose or the decision goes on chain.
	LogAccess {
		/// The patient.
		patient: String,
		/// Who accessed.
		accessor: String,
		#[command(flatten)]
		access: AccessArgs,
		/// Where to write the receipt (JSON); keep it: it is the only copy of the question.
		#[arg(long)]
		receipt: PathBuf,
	},
	/// Check an access receipt against the patient's audit trail: the entry commits to this
	/// question and decision with this salt, and `check_access` answered that decision at the
	/// entry's block. Exits 0 only if both hold.
	VerifyAccess {
		/// The receipt `log-access` wrote.
		receipt: PathBuf,
	},
}

impl App {
	/// Print `list`, what the chain holds under `key` for `patient`: as JSON
	/// `{"patient": …, key: list}`, or the list pretty-printed for humans.
	pub(crate) fn print_of_patient(&self, patient: &AccountId32, key: &str, list: Json) {
		self.print(json!({ "patient": patient.to_string(), key: list.clone() }), || {
			serde_json::to_string_pretty(&list).unwrap_or_default()
		});
	}

	pub(crate) async fn consent(&self, command: &ConsentCommand) -> Result<()> {
		use ConsentCommand::*;
		let call = match command {
			Grant {
				patient,
				file,
				grantee,
				deny,
				scope,
				actions,
				purposes,
				from,
				until,
				data_from,
				data_until,
				openings_out,
			} => {
				let spec = match (file, grantee) {
					(Some(path), _) => {
						let text = String::from_utf8(read_file(path)?)
							.map_err(|_| invalid("the consent file is not text"))?;
						serde_json::from_str::<ConsentSpec>(&text)
							.map_err(|e| invalid(format!("bad consent file: {e}")))?
					},
					(None, Some(grantee)) => ConsentSpec {
						grantee: grantee.clone(),
						from: from.clone(),
						until: until.clone(),
						provisions: vec![ProvisionSpec {
							decision: if *deny { "deny" } else { "permit" }.into(),
							scope: scope.clone(),
							actions: actions.clone(),
							purposes: purposes.clone(),
							data_from: data_from.clone(),
							data_until: data_until.clone(),
						}],
					},
					(None, None) => return Err(invalid("give --grantee or --file")),
				};
				// A patient's wallet signs with the pseudonym it gives the grantee; granting for
				// a given patient, with that patient (its own pseudonym, or the one it
				// represents).
				let patient = match patient {
					Some(patient) => {
						let patient = keys::parse_account(patient)?;
						self.towards_patient(&patient).await?;
						patient
					},
					None => {
						self.towards(spec.grantee.parse()?);
						self.signer()?.public_key().to_account_id()
					},
				};
				// Committed scopes: a fresh salt each, the openings written before anything is
				// submitted (without them the custodian cannot apply the provision).
				let mut spec = spec;
				let openings =
					healthchain_client::consent::openings::commit_scopes(&mut spec, &patient)?;
				let call = spec.grant(&patient, &parse_time, healthchain_client::now_ms()?)?;
				if !openings.is_empty() {
					let Some(path) = openings_out else {
						return Err(invalid(
							"a committed scope needs --openings-out <file>: the custodian needs \
							 the opening to apply it",
						));
					};
					healthchain_client::consent::openings::Openings::write(path, &openings)?;
					eprintln!(
						"the openings of {} committed scope(s) are in {}: give them to the grantee",
						openings.len(),
						path.display()
					);
				}
				// A consent is public: say so before naming one sensitive category on chain.
				for category in spec.provisions.iter().filter_map(|p| p.names_sensitive_category())
				{
					eprintln!(
						"note: this consent names {category:?} on chain, readable by anyone beside the \
						 patient's account; `--scope committed:<category>` names it by a salted \
						 commitment instead, and `--scope sensitive` covers every sensitive \
						 category without naming one"
					);
				}
				// The runtime bounds the provisions of a consent; a longer list would not even
				// decode there, so say so here.
				let chain = self.chain().await?;
				let max = chain.constant(api::constants().consent().max_provisions()).await?;
				if spec.provisions.len() > max as usize {
					return Err(invalid(format!(
						"a consent has at most {max} provisions; this one has {} (split it in two)",
						spec.provisions.len()
					)));
				}
				self.submit(chain, call).await?;
				return Ok(());
			},
			List { patient } => {
				let patient = keys::parse_account(patient)?;
				let consents = self.chain().await?.consents_of(&patient).await?;
				self.print_of_patient(&patient, "consents", consents.json()?);
				return Ok(());
			},
			Show { consent } => {
				let answer = self.chain().await?.consent(*consent).await?;
				if answer.is_none() {
					return Err(invalid(format!("unknown consent {consent}")));
				}
				let view = answer.json()?;
				self.print(view.clone(), || {
					serde_json::to_string_pretty(&view).unwrap_or_default()
				});
				return Ok(());
			},
			Revoke { consent } | Remove { consent } => {
				if self.cli.as_patient {
					self.towards_patient(&self.consent_patient(*consent).await?).await?;
				}
				match command {
					Revoke { .. } => ConsentCall::revoke { consent: *consent },
					_ => ConsentCall::remove { consent: *consent },
				}
			},
			Check { grantee, patient, access } => {
				let question = access.question(grantee, patient)?;
				let answer = self.chain().await?.check_access(&question, None).await?;
				let permitted = answer.decision == Decision::Permit;
				let answer = answer.json()?;
				self.print(json!({ "permitted": permitted, "answer": answer }), || {
					format!(
						"{}: {:?} of a record labelled {:?} for {:?} by {}, decided by {}",
						if permitted { "PERMIT" } else { "DENY" },
						access.action,
						access.category,
						access.purpose,
						question.accessor,
						answer["basis"]
					)
				});
				return if permitted { Ok(()) } else { Err(anyhow::Error::new(Reported)) };
			},
			CheckBatch { batch, openings } => {
				return self.check_batch(*batch, openings).await;
			},
			Representative(command) => match self.representative(command).await? {
				Some(call) => call,
				None => return Ok(()),
			},
			Emergency(command) => match self.emergency(command).await? {
				Some(call) => call,
				None => return Ok(()),
			},
			ChangeAuditDepositOwner { patient, index } => {
				ConsentCall::change_access_record_deposit_owner {
					patient: keys::parse_account(patient)?,
					index: *index,
				}
			},
			Audit { patient, start, limit } => {
				let patient = keys::parse_account(patient)?;
				let entries = self.chain().await?.audit_log(&patient, *start, *limit).await?;
				self.print_of_patient(&patient, "entries", entries.json()?);
				return Ok(());
			},
			LogAccess { patient, accessor, access, receipt } => {
				return self.log_access(&access.question(accessor, patient)?, receipt).await;
			},
			VerifyAccess { receipt } => return self.verify_access(receipt).await,
		};
		let chain = self.chain().await?;
		self.submit(chain, call).await?;
		Ok(())
	}
}

impl App {
	/// The grantee of consent `consent`, as a counter-party: the pseudonym a patient's wallet
	/// gave it granted the consent.
	/// The patient of consent `consent`.
	async fn consent_patient(&self, consent: ConsentId) -> Result<AccountId32> {
		let answer = self.chain().await?.consent(consent).await?;
		let view =
			answer.into_value().ok_or_else(|| invalid(format!("unknown consent {consent}")))?;
		Ok(view.patient)
	}
}
