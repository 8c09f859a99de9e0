//! `healthchain consent representative`: guardians and legal representatives.

use super::*;
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::call::ConsentCall;

/// The representative commands.
#[derive(Subcommand)]
pub enum RepresentativeCommand {
	/// As the patient, appoint a guardian or legal representative.
	Appoint {
		/// The representative's address.
		representative: String,
		/// In which capacity.
		#[arg(long, value_parser = healthchain_client::cli::except(NOT_A_REPRESENTATIVE))]
		capacity: Capacity,
		/// Until when (default: until removed).
		#[arg(long)]
		until: Option<String>,
		/// Let them revoke the consents you granted yourself too (by default they manage only
		/// the consents representatives granted).
		#[arg(long)]
		may_revoke_my_consents: bool,
	},
	/// As an accredited provider's agent, record the representative of a patient who cannot
	/// act (a minor), with the evidence (court order, incapacity assessment). It takes effect
	/// once another provider or the consortium attests it.
	Record {
		/// The patient.
		patient: String,
		/// The representative.
		representative: String,
		/// In which capacity.
		#[arg(long, value_parser = healthchain_client::cli::except(NOT_A_REPRESENTATIVE))]
		capacity: Capacity,
		/// Until when (e.g. the minor's coming of age).
		#[arg(long)]
		until: Option<String>,
		/// The evidence document (--file, salted, its bundle written beside it) or its --hash.
		#[command(flatten)]
		evidence: DocumentArgs,
	},
	/// Attest a representative another provider recorded (agent of another accredited
	/// provider, or --consortium): it takes effect.
	Attest {
		/// The patient.
		patient: String,
		/// The recording organisation.
		#[arg(long)]
		organisation: OrganisationId,
		/// The representative you vouch for.
		#[arg(long)]
		representative: String,
		/// The evidence hash you checked (0x…; `representative list` shows the recorded one).
		#[arg(long)]
		evidence: String,
		/// Attest as the consortium instead of as a provider's agent.
		#[arg(long)]
		consortium: bool,
		#[command(flatten)]
		via: ConsortiumArgs,
	},
	/// Withdraw a representative recorded and not yet attested (the patient, or an agent of
	/// the recording provider).
	Withdraw {
		/// The patient.
		patient: String,
		/// The recording organisation.
		organisation: OrganisationId,
	},
	/// End a representation (the patient or the representative, or --consortium).
	Remove {
		/// The patient.
		patient: String,
		/// The representative.
		representative: String,
		/// End it as the consortium.
		#[arg(long)]
		consortium: bool,
		#[command(flatten)]
		via: ConsortiumArgs,
	},
	/// List a patient's representatives, and those recorded and awaiting attestation.
	List {
		/// The patient.
		patient: String,
	},
}

impl App {
	/// The call a representative command makes, or `None` when it printed an answer or
	/// submitted through the consortium.
	pub(super) async fn representative(
		&self,
		command: &RepresentativeCommand,
	) -> Result<Option<ConsentCall>> {
		Ok(Some(match command {
			RepresentativeCommand::Appoint {
				representative,
				capacity,
				until,
				may_revoke_my_consents,
			} => {
				let until = until.as_deref().map(parse_time).transpose()?;
				ConsentCall::appoint_representative {
					representative: keys::parse_account(representative)?,
					capacity: *capacity,
					valid_until: until,
					may_revoke_patient_consents: *may_revoke_my_consents,
				}
			},
			RepresentativeCommand::Record {
				patient,
				representative,
				capacity,
				until,
				evidence,
			} => {
				let until = until.as_deref().map(parse_time).transpose()?;
				ConsentCall::record_representative {
					patient: keys::parse_account(patient)?,
					representative: keys::parse_account(representative)?,
					capacity: *capacity,
					valid_until: until,
					evidence: evidence.document(None)?.hash.h256(),
				}
			},
			RepresentativeCommand::Attest {
				patient,
				organisation,
				representative,
				evidence,
				consortium,
				via,
			} => {
				let call = ConsentCall::attest_representative {
					patient: keys::parse_account(patient)?,
					organisation: *organisation,
					representative: keys::parse_account(representative)?,
					evidence: evidence.parse::<Hash32>()?.h256(),
				};
				if *consortium {
					return self.consortium(call, via.via).await.map(|()| None);
				}
				call
			},
			RepresentativeCommand::Withdraw { patient, organisation } => {
				ConsentCall::withdraw_representative_record {
					patient: keys::parse_account(patient)?,
					organisation: *organisation,
				}
			},
			RepresentativeCommand::Remove { patient, representative, consortium, via } => {
				let patient = keys::parse_account(patient)?;
				self.towards_patient(&patient).await?;
				let representative = keys::parse_account(representative)?;
				let call = ConsentCall::remove_representative { patient, representative };
				if *consortium {
					return self.consortium(call, via.via).await.map(|()| None);
				}
				call
			},
			RepresentativeCommand::List { patient } => {
				let patient = keys::parse_account(patient)?;
				let chain = self.chain().await?;
				let in_force = chain.representatives_of(&patient).await?.json()?;
				let recorded = chain.recorded_representatives_of(&patient).await?.json()?;
				self.print(
					json!({
						"patient": patient.to_string(),
						"representatives": in_force,
						"awaiting_attestation": recorded,
					}),
					|| {
						format!(
							"representatives:\n{}\nrecorded, awaiting attestation:\n{}",
							serde_json::to_string_pretty(&in_force).unwrap_or_default(),
							serde_json::to_string_pretty(&recorded).unwrap_or_default()
						)
					},
				);
				return Ok(None);
			},
		}))
	}
}
