//! `healthchain`: the command-line client and wallet of healthchain.
//!
//! Every command that changes the chain signs with `--suri`/`--suri-file` (or the
//! `HEALTHCHAIN_SURI` environment variable), waits for finality unless told otherwise, prints
//! what happened, and with `--json` prints it as JSON. A refused transaction prints the pallet
//! error (`registry.NotAuthorized`) and exits with status 1; malformed input exits with status 2.

mod commands;

use anyhow::Result;
use clap::{Parser, Subcommand};
use commands::{
	consent::ConsentCommand, council::CouncilCommand, insurance::InsuranceCommand,
	node::NodeCommand, patient::PatientCommand, registry::RegistryCommand,
	sessions::SessionCommand, sponsorship::SponsorshipCommand, tokens::TokenCommand,
	trials::TrialCommand, upgrade::UpgradeCommand, validator::ValidatorCommand, App, Reported,
};
use healthchain_client::{
	chain::{Chain, Wait},
	hash::Hash32,
	keys, Failure,
};
use serde_json::json;
use std::{path::PathBuf, process::ExitCode};

#[derive(Parser)]
#[command(name = "healthchain", version, about = "healthchain command-line client and wallet")]
pub(crate) struct Cli {
	/// The node's RPC endpoint.
	#[arg(long, global = true, env = "HEALTHCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,

	/// The signer's secret URI: `//Alice`, a mnemonic, or `<mnemonic>//derivation`.
	#[arg(long, global = true, env = "HEALTHCHAIN_SURI", hide_env_values = true)]
	suri: Option<String>,

	/// A file holding the signer's secret URI (keeps it out of shell history).
	#[arg(long, global = true, conflicts_with = "suri")]
	suri_file: Option<PathBuf>,

	/// Sign as a patient's wallet: `--suri` is the wallet's root secret, and each patient
	/// action is signed by the pseudonym derived from it for that action's counter-party
	/// (`<root>//healthchain//org//<id>` for an organisation, `<root>//healthchain//acct//<SS58>`
	/// for an account; see docs/patients.md), which the client finds from the action.
	#[arg(long, global = true, env = "HEALTHCHAIN_AS_PATIENT")]
	as_patient: bool,

	/// With --as-patient: the counter-party whose pseudonym signs (or is shown), when the
	/// action does not name it (`org:<id>` or an account).
	#[arg(long, global = true, requires = "as_patient")]
	towards: Option<keys::Counterparty>,

	/// How long to follow a transaction.
	#[arg(long, global = true, value_enum, default_value = "finalized")]
	wait: Wait,

	/// Print JSON instead of text.
	#[arg(long, global = true)]
	json: bool,

	/// Sign with `CheckMetadataHash` enabled, as a hardware wallet does, committing to the
	/// RFC 78 metadata hash: `--metadata-hash` computes it from the node's metadata,
	/// `--metadata-hash=0x…` commits to a hash you trust (e.g. one a release published). Only
	/// a runtime built with the `metadata-hash` feature (release builds) accepts such a
	/// transaction, and only if the hash is its own.
	#[arg(
		long,
		global = true,
		value_name = "HASH",
		num_args = 0..=1,
		require_equals = true,
		default_missing_value = "node"
	)]
	metadata_hash: Option<String>,

	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
	/// The node's chain, runtime, best and finalized block.
	Status,
	/// The account of the signer.
	Account,
	/// The RFC 78 metadata hash of the node's runtime, and what it covers: compare it with the
	/// hash a release publishes or a hardware wallet shows.
	MetadataHash,
	/// The accreditation registry.
	#[command(subcommand)]
	Registry(RegistryCommand),
	/// Vote on and close consortium council motions.
	#[command(subcommand)]
	Council(CouncilCommand),
	/// Health tokens: records, certificates, licences; verify a document.
	#[command(subcommand)]
	Token(TokenCommand),
	/// Telemedicine session attestations.
	#[command(subcommand)]
	Session(SessionCommand),
	/// Consents, representatives, break-glass and the audit trail.
	#[command(subcommand)]
	Consent(ConsentCommand),
	/// Clinical trials: registered documents with lineage, milestones, anchored data logs and
	/// the portable proofs of their records.
	#[command(subcommand)]
	Trial(TrialCommand),
	/// Insurance attestations: insurers attest coverage, patients present chosen claims,
	/// providers verify them.
	#[command(subcommand)]
	Insurance(InsuranceCommand),
	/// A patient's wallet: the pseudonym it gives each counter-party, and everything the chain
	/// holds across them.
	#[command(subcommand)]
	Patient(PatientCommand),
	/// Sponsorship: an organisation pays the fees and deposits of the patients it sponsors,
	/// who then need hold nothing.
	#[command(subcommand)]
	Sponsorship(SponsorshipCommand),
	/// Validators: session keys (an operator, on its own node) and the validator set (the
	/// consortium).
	#[command(subcommand)]
	Validator(ValidatorCommand),
	/// The permissioned network: the nodes the consortium authorises to peer, and the
	/// connections an owner adds to its own node.
	#[command(subcommand)]
	Node(NodeCommand),
	/// Forkless runtime upgrades: the council authorises a runtime, anyone submits it.
	#[command(subcommand)]
	Upgrade(UpgradeCommand),
}

async fn run(app: &App) -> Result<()> {
	match &app.cli.command {
		Command::Status => {
			let status = app.chain().await?.status().await?;
			app.print(serde_json::to_value(&status)?, || {
				format!(
					"chain {} ({}): best #{}, finalized #{} {}",
					status.chain,
					status.runtime,
					status.best,
					status.finalized,
					status.finalized_hash
				)
			});
		},
		Command::Account => {
			let account = app.signer()?.public_key().to_account_id();
			let chain = app.chain().await?;
			let holdings = chain.holdings(&account).await?;
			let sponsor = chain.sponsorship_of(&account).await?.map(|view| view.sponsor);
			app.print(
				json!({
					"account": account.to_string(),
					"free": holdings.free.to_string(),
					"held": holdings.held.to_string(),
					"nonce": holdings.nonce,
					"sponsored_by": sponsor,
				}),
				|| {
					format!(
						"{account}
  free {}, held {}, {} transaction(s) signed{}",
						commands::hct(holdings.free),
						commands::hct(holdings.held),
						holdings.nonce,
						sponsor
							.map(|org| format!("; sponsored by organisation {org}"))
							.unwrap_or_default()
					)
				},
			);
		},
		Command::MetadataHash => {
			let (hash, info) = Chain::connect(&app.cli.url).await?.metadata_hash().await?;
			let hash = Hash32(hash).to_string();
			app.print(
				json!({
					"metadata_hash": hash,
					"spec_name": info.spec_name,
					"spec_version": info.spec_version,
					"ss58_prefix": info.ss58_prefix,
					"decimals": info.decimals,
					"token_symbol": info.token_symbol,
				}),
				|| {
					format!(
						"{hash}\n  over the metadata (V15) of {}/{}, SS58 prefix {}, {} decimals, \
						 token {}",
						info.spec_name,
						info.spec_version,
						info.ss58_prefix,
						info.decimals,
						info.token_symbol
					)
				},
			);
		},
		Command::Registry(command) => app.registry(command).await?,
		Command::Token(command) => app.token(command).await?,
		Command::Session(command) => app.session(command).await?,
		Command::Consent(command) => app.consent(command).await?,
		Command::Council(command) => app.council(command).await?,
		Command::Trial(command) => app.trial(command).await?,
		Command::Insurance(command) => app.insurance(command).await?,
		Command::Sponsorship(command) => app.sponsorship(command).await?,
		Command::Patient(command) => app.patient(command).await?,
		Command::Validator(command) => app.validator(command).await?,
		Command::Node(command) => app.node(command).await?,
		Command::Upgrade(command) => app.upgrade(command).await?,
	}
	Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json_output = cli.json;
	let counterparty = std::cell::Cell::new(cli.towards);
	let app = App { cli, counterparty, connection: Default::default() };
	match run(&app).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) if error.downcast_ref::<Reported>().is_some() => ExitCode::from(1),
		Err(error) => {
			let failure = error.downcast_ref::<Failure>().cloned();
			let (code, id) = match &failure {
				Some(failure) => (1, failure.error.clone()),
				None if error.downcast_ref::<healthchain_client::InvalidInput>().is_some() => {
					(2, "InvalidInput".to_string())
				},
				None => (1, "Error".to_string()),
			};
			let message = match &failure {
				Some(failure) => failure.message.clone(),
				None => format!("{error:#}"),
			};
			if json_output {
				println!("{}", json!({ "ok": false, "error": id, "message": message }));
			}
			eprintln!(
				"error: {}",
				if failure.is_some() { format!("{id}: {message}") } else { message }
			);
			ExitCode::from(code)
		},
	}
}
