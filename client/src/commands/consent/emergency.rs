//! `healthchain consent emergency`: break-glass access.

use super::*;
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::call::ConsentCall;

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
	/// Close emergency access to a patient (the practitioner, the patient or a
	/// representative, or --consortium).
	Close {
		/// The patient.
		patient: String,
		/// The practitioner (default: the signer).
		#[arg(long)]
		practitioner: Option<String>,
		/// Close it as the consortium.
		#[arg(long)]
		consortium: bool,
		#[command(flatten)]
		via: ConsortiumArgs,
	},
	/// Clear your ended emergency grant once its cool-down has passed; the deposit returns.
	Clear {
		/// The patient.
		patient: String,
	},
	/// List the emergency grants to a patient's records.
	List {
		/// The patient.
		patient: String,
	},
}

impl App {
	/// The call an emergency command makes, or `None` when it printed an answer or submitted
	/// through the consortium.
	pub(super) async fn emergency(
		&self,
		command: &EmergencyCommand,
	) -> Result<Option<ConsentCall>> {
		Ok(Some(match command {
			EmergencyCommand::Open { patient, justification, duration } => {
				ConsentCall::open_emergency_access {
					patient: keys::parse_account(patient)?,
					justification: *justification,
					duration: parse_duration(duration)?,
				}
			},
			EmergencyCommand::Close { patient, practitioner, consortium, via } => {
				let practitioner = match practitioner {
					Some(practitioner) => keys::parse_account(practitioner)?,
					None => self.signer()?.public_key().to_account_id(),
				};
				let patient = keys::parse_account(patient)?;
				self.towards_patient(&patient).await?;
				let call = ConsentCall::close_emergency_access { patient, practitioner };
				if *consortium {
					return self.consortium(call, via.via).await.map(|()| None);
				}
				call
			},
			EmergencyCommand::Clear { patient } => {
				ConsentCall::clear_emergency_access { patient: keys::parse_account(patient)? }
			},
			EmergencyCommand::List { patient } => {
				let patient = keys::parse_account(patient)?;
				let list = self.chain().await?.emergency_access_of(&patient).await?;
				self.print_of_patient(&patient, "emergency_access", list.json()?);
				return Ok(None);
			},
		}))
	}
}
