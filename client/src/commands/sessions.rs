//! `healthchain session`: telemedicine session attestations.

use super::{read_file, App, DocumentArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::TokensCall,
	hash::Hash32,
	keys,
	tokens::{self, Acceptance, Document, HashAlgorithm, TokenId},
};
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum SessionCommand {
	/// Open a session with a patient (a practitioner with a valid licence; pays the
	/// deposit). The session records that you were licensed, not in which profession.
	Open {
		/// The patient's address.
		patient: String,
		/// The session's reference hash (0x…); default: a fresh one.
		#[arg(long)]
		reference: Option<String>,
		/// The patient's pre-signed acceptance (the JSON file `session sign-acceptance`
		/// wrote): the session is then in progress at once.
		#[arg(long)]
		acceptance: Option<PathBuf>,
	},
	/// As the patient, sign an acceptance of a session in advance; prints it as JSON for the
	/// practitioner's `session open --acceptance`.
	SignAcceptance {
		/// The practitioner's address.
		practitioner: String,
		/// The session reference the practitioner will open it with (0x…).
		#[arg(long)]
		reference: String,
		/// For how many blocks from now it may be used.
		#[arg(long, default_value_t = 600)]
		valid_for_blocks: u32,
	},
	/// Accept a session opened for you (patient).
	Accept {
		/// The session token.
		token: TokenId,
	},
	/// Close a session in progress with its record's hash (practitioner).
	Close {
		/// The session token.
		token: TokenId,
		#[command(flatten)]
		record: DocumentArgs,
	},
	/// Withdraw or decline a session nobody accepted yet (either party).
	Cancel {
		/// The session token.
		token: TokenId,
	},
}

impl App {
	pub(crate) async fn session(&self, command: &SessionCommand) -> Result<()> {
		use SessionCommand::*;
		let call = match command {
			Open { patient, reference, acceptance } => {
				let patient = keys::parse_account(patient)?;
				let acceptance = match acceptance {
					Some(path) => {
						let text = String::from_utf8(read_file(path)?).map_err(|_| {
							healthchain_client::invalid("the acceptance file is not text")
						})?;
						let acceptance: Acceptance = serde_json::from_str(&text).map_err(|e| {
							healthchain_client::invalid(format!("bad acceptance file: {e}"))
						})?;
						Some(acceptance)
					},
					None => None,
				};
				let reference = match (reference, &acceptance) {
					(Some(hash), _) => hash.parse()?,
					(None, Some(acceptance)) => acceptance.reference.parse()?,
					// A fresh reference: nothing about the patient or the time in it.
					(None, None) => Hash32(healthchain_client::documents::random_salt()?),
				};
				let acceptance = acceptance.map(|a| a.to_runtime()).transpose()?;
				let document =
					Document { hash: reference, algorithm: HashAlgorithm::Sha256, locator: None };
				TokensCall::open_session { patient, reference: document.reference(), acceptance }
			},
			SignAcceptance { practitioner, reference, valid_for_blocks } => {
				let practitioner = keys::parse_account(practitioner)?;
				let reference: Hash32 = reference.parse()?;
				// A patient's wallet accepts with the pseudonym it gives the practitioner.
				self.towards(keys::Counterparty::Account(practitioner));
				let signer = self.signer()?;
				let chain = self.chain().await?;
				let genesis = chain.genesis_hash().await?;
				let best = chain.status().await?.best;
				let deadline = u32::try_from(best)
					.ok()
					.and_then(|best| best.checked_add(*valid_for_blocks))
					.ok_or_else(|| healthchain_client::invalid("the deadline is out of range"))?;
				let acceptance =
					tokens::sign_acceptance(&signer, &genesis, &practitioner, &reference, deadline);
				// Always JSON (one line with --json): a file to hand to the practitioner.
				if self.cli.json {
					println!("{}", serde_json::to_string(&acceptance)?);
				} else {
					println!("{}", serde_json::to_string_pretty(&acceptance)?);
				}
				return Ok(());
			},
			Accept { token } => {
				self.towards_token_issuer(*token).await?;
				TokensCall::accept_session { token: *token }
			},
			Close { token, record } => {
				let practitioner = self.signer()?.public_key().to_account_id().to_string();
				let issuer =
					healthchain_client::documents::BundleIssuer::Practitioner(practitioner);
				TokensCall::close_session {
					token: *token,
					record: record.document(Some(issuer))?.reference(),
				}
			},
			Cancel { token } => {
				self.towards_token_issuer(*token).await?;
				TokensCall::cancel_session { token: *token }
			},
		};
		let chain = self.chain().await?;
		self.submit(chain, call).await?;
		Ok(())
	}
}
