//! `healthchain consent …`: grant, list, revoke and check consents; representatives;
//! break-glass; the audit trail.

use super::{parse_duration, parse_time, read_file, App, Reported};
use anyhow::Result;
use clap::{Args, Subcommand};
use healthchain_client::{
	consent::{
		calls, Action, Capacity, ConsentId, ConsentSpec, DataCategory, Justification,
		ProvisionSpec, Purpose, RecordScope,
	},
	invalid, keys,
};
use serde_json::{json, Value as Json};
use std::{
	path::PathBuf,
	time::{SystemTime, UNIX_EPOCH},
};
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
		/// `all`, `category:<category>` (e.g. `category:imaging`) or `token:<id>`.
		#[arg(long, default_value = "all")]
		scope: String,
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
	/// Revoke a consent (patient or representative): it stops permitting at once.
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
	/// Record an access in a patient's audit trail (agent of an accredited data custodian).
	LogAccess {
		/// The patient.
		patient: String,
		/// Who accessed.
		accessor: String,
		#[command(flatten)]
		access: AccessArgs,
	},
}

/// An access question: which record, which action, which purpose.
#[derive(Args)]
pub struct AccessArgs {
	/// The record's category.
	#[arg(long, value_enum)]
	category: DataCategory,
	/// The record's health token, if it has one.
	#[arg(long)]
	token: Option<u64>,
	/// When the record was made (Unix ms or -<n><s|m|h|d>).
	#[arg(long)]
	recorded_at: Option<String>,
	/// The action.
	#[arg(long, value_enum, default_value = "read")]
	action: Action,
	/// The purpose of use.
	#[arg(long, value_enum)]
	purpose: Purpose,
}

impl AccessArgs {
	fn scope(&self) -> Result<RecordScope> {
		Ok(RecordScope {
			category: self.category,
			token: self.token,
			recorded_at: self.recorded_at.as_deref().map(parse_time).transpose()?,
		})
	}
}

/// The representative commands.
#[derive(Subcommand)]
pub enum RepresentativeCommand {
	/// As the patient, appoint a guardian or legal representative.
	Appoint {
		/// The representative's address.
		representative: String,
		/// In which capacity.
		#[arg(long, value_enum)]
		capacity: Capacity,
		/// Until when (default: until removed).
		#[arg(long)]
		until: Option<String>,
	},
	/// As an accredited provider's agent, record the representative of a patient who cannot
	/// act (a minor).
	Record {
		/// The patient.
		patient: String,
		/// The representative.
		representative: String,
		/// In which capacity.
		#[arg(long, value_enum)]
		capacity: Capacity,
		/// Until when (e.g. the minor's coming of age).
		#[arg(long)]
		until: Option<String>,
	},
	/// End a representation (patient, representative, or the recording provider).
	Remove {
		/// The patient.
		patient: String,
		/// The representative.
		representative: String,
	},
	/// List a patient's representatives.
	List {
		/// The patient.
		patient: String,
	},
}

/// The break-glass commands.
#[derive(Subcommand)]
pub enum EmergencyCommand {
	/// Open emergency access to a patient's records (licensed practitioner).
	Open {
		/// The patient.
		patient: String,
		/// Why.
		#[arg(long, value_enum)]
		justification: Justification,
		/// For how long: <n><s|m|h> (at most 4h on healthchain).
		#[arg(long, default_value = "1h")]
		duration: String,
	},
	/// Close your emergency access to a patient.
	Close {
		/// The patient.
		patient: String,
	},
	/// List the emergency grants to a patient's records.
	List {
		/// The patient.
		patient: String,
	},
}

fn now_ms() -> Result<u64> {
	Ok(SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as u64)
}

impl App {
	/// Print `list`, what the chain holds under `key` for `patient`: as JSON
	/// `{"patient": …, key: list}`, or the list pretty-printed for humans.
	fn print_of_patient(&self, patient: &AccountId32, key: &str, list: Json) {
		self.print(json!({ "patient": patient.to_string(), key: list.clone() }), || {
			serde_json::to_string_pretty(&list).unwrap_or_default()
		});
	}

	pub(super) async fn consent(&self, command: &ConsentCommand) -> Result<()> {
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
			} => {
				let patient = match patient {
					Some(patient) => keys::parse_account(patient)?,
					None => self.signer()?.public_key().to_account_id(),
				};
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
				let call = calls::grant(&patient, &spec, &parse_time, now_ms()?)?;
				// The runtime bounds the provisions of a consent; a longer list would not even
				// decode there, so say so here.
				let chain = self.chain().await?;
				let max = chain.constant_u32("Consent", "MaxProvisions").await?;
				if spec.provisions.len() > max as usize {
					return Err(invalid(format!(
						"a consent has at most {max} provisions; this one has {} (split it in two)",
						spec.provisions.len()
					)));
				}
				self.submit(&chain, call).await?;
				return Ok(());
			},
			List { patient } => {
				let patient = keys::parse_account(patient)?;
				let consents = self.chain().await?.consents_of(&patient).await?;
				self.print_of_patient(&patient, "consents", consents);
				return Ok(());
			},
			Show { consent } => {
				let Some(view) = self.chain().await?.consent(*consent).await? else {
					return Err(invalid(format!("unknown consent {consent}")));
				};
				self.print(view.clone(), || {
					serde_json::to_string_pretty(&view).unwrap_or_default()
				});
				return Ok(());
			},
			Revoke { consent } => calls::on_consent("revoke", *consent),
			Remove { consent } => calls::on_consent("remove", *consent),
			Check { grantee, patient, access } => {
				let grantee = keys::parse_account(grantee)?;
				let patient = keys::parse_account(patient)?;
				let answer = self
					.chain()
					.await?
					.check_access(
						&grantee,
						&patient,
						access.scope()?,
						access.action,
						access.purpose,
					)
					.await?;
				let permitted = answer["decision"] == "Permit";
				self.print(json!({ "permitted": permitted, "answer": answer }), || {
					format!(
						"{}: {:?} {:?} for {:?} by {grantee}, decided by {}",
						if permitted { "PERMIT" } else { "DENY" },
						access.action,
						access.category,
						access.purpose,
						answer["basis"]
					)
				});
				return if permitted { Ok(()) } else { Err(anyhow::Error::new(Reported)) };
			},
			Representative(command) => match command {
				RepresentativeCommand::Appoint { representative, capacity, until } => {
					let until = until.as_deref().map(parse_time).transpose()?;
					calls::appoint(&keys::parse_account(representative)?, *capacity, until)
				},
				RepresentativeCommand::Record { patient, representative, capacity, until } => {
					let until = until.as_deref().map(parse_time).transpose()?;
					calls::record(
						&keys::parse_account(patient)?,
						&keys::parse_account(representative)?,
						*capacity,
						until,
					)
				},
				RepresentativeCommand::Remove { patient, representative } => {
					calls::remove_representative(
						&keys::parse_account(patient)?,
						&keys::parse_account(representative)?,
					)
				},
				RepresentativeCommand::List { patient } => {
					let patient = keys::parse_account(patient)?;
					let list = self.chain().await?.representatives_of(&patient).await?;
					self.print_of_patient(&patient, "representatives", list);
					return Ok(());
				},
			},
			Emergency(command) => match command {
				EmergencyCommand::Open { patient, justification, duration } => {
					calls::open_emergency(
						&keys::parse_account(patient)?,
						*justification,
						parse_duration(duration)?,
					)
				},
				EmergencyCommand::Close { patient } => {
					calls::close_emergency(&keys::parse_account(patient)?)
				},
				EmergencyCommand::List { patient } => {
					let patient = keys::parse_account(patient)?;
					let list = self.chain().await?.emergency_access_of(&patient).await?;
					self.print_of_patient(&patient, "emergency_access", list);
					return Ok(());
				},
			},
			Audit { patient, start, limit } => {
				let patient = keys::parse_account(patient)?;
				let entries = self.chain().await?.audit_log(&patient, *start, *limit).await?;
				self.print_of_patient(&patient, "entries", entries);
				return Ok(());
			},
			LogAccess { patient, accessor, access } => calls::record_access(
				&keys::parse_account(patient)?,
				&keys::parse_account(accessor)?,
				access.scope()?,
				access.action,
				access.purpose,
			),
		};
		let chain = self.chain().await?;
		self.submit(&chain, call).await?;
		Ok(())
	}
}
