//! `healthchain`: the command-line client and wallet of healthchain.
//!
//! Every command that changes the chain signs with `--suri`/`--suri-file` (or the
//! `HEALTHCHAIN_SURI` environment variable), waits for finality unless told otherwise, prints
//! what happened, and with `--json` prints it as JSON. A refused transaction prints the pallet
//! error (`registry.NotAuthorized`) and exits with status 1; malformed input exits with status 2.

mod consent_cmd;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use healthchain_client::{
	chain::{Call, Chain, Outcome, Wait},
	documents::Bundle,
	keys,
	registry::{self, calls, Hash32, OrganisationId, OrganisationKind, Role, Via},
	tokens::{
		self, Acceptance, Document, HashAlgorithm, Profession, RevocationReason, TokenId,
		VersionReason,
	},
	Failure,
};
use serde_json::json;
use std::{
	path::PathBuf,
	process::ExitCode,
	time::{SystemTime, UNIX_EPOCH},
};
use subxt_signer::sr25519::Keypair;

#[derive(Parser)]
#[command(name = "healthchain", version, about = "healthchain command-line client and wallet")]
struct Cli {
	/// The node's RPC endpoint.
	#[arg(long, global = true, env = "HEALTHCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,

	/// The signer's secret URI: `//Alice`, a mnemonic, or `<mnemonic>//derivation`.
	#[arg(long, global = true, env = "HEALTHCHAIN_SURI", hide_env_values = true)]
	suri: Option<String>,

	/// A file holding the signer's secret URI (keeps it out of shell history).
	#[arg(long, global = true, conflicts_with = "suri")]
	suri_file: Option<PathBuf>,

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
enum Command {
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
	Consent(consent_cmd::ConsentCommand),
}

#[derive(Args)]
struct DocumentArgs {
	/// The document: only a salted commitment to it is anchored; the file itself never leaves
	/// this machine, and its salt is written to a verification bundle beside it.
	#[arg(long, conflicts_with = "hash")]
	file: Option<PathBuf>,
	/// The document's hash as 0x-prefixed hex, if you computed it yourself (with --algorithm).
	#[arg(long)]
	hash: Option<String>,
	/// How the document is committed to: `salted-sha256` (the default: SHA-256 of a fresh
	/// random salt and the document, so a guessable document cannot be confirmed), or the
	/// unsalted `sha256` / `blake2-256`.
	#[arg(long, value_enum, default_value = "salted-sha256")]
	algorithm: HashAlgorithm,
	/// Where to write the verification bundle (salt and commitment) for a salted --file;
	/// default `<file>.healthchain.json`. Keep it with the document: verifying needs it.
	#[arg(long, requires = "file")]
	bundle: Option<PathBuf>,
	/// Where the encrypted copy is stored (URL, CID, …): only a commitment to it goes on chain
	/// (salted, in the bundle, with a salted --file).
	#[arg(long, conflicts_with = "locator_hash")]
	locator: Option<String>,
	/// The hash of the storage locator, as 0x-prefixed hex.
	#[arg(long)]
	locator_hash: Option<String>,
}

impl DocumentArgs {
	fn document(&self) -> Result<Document> {
		let salted = self.algorithm == HashAlgorithm::SaltedSha256;
		let (hash, locator) = match (&self.hash, &self.file) {
			(Some(hash), _) => {
				if salted && self.locator.is_some() {
					return Err(healthchain_client::invalid(
						"a salted locator is committed with --file; with --hash give --locator-hash",
					));
				}
				let locator = self.locator.as_deref().map(|l| Hash32::sha256(l.as_bytes()));
				(hash.parse()?, locator)
			},
			(None, Some(path)) if salted => {
				let data = read_file(path)?;
				let bundle_path = self.bundle.clone().unwrap_or_else(|| Bundle::default_path(path));
				// The same document and locator keep the commitment they already have.
				let existing = Bundle::read(&bundle_path).ok().filter(|bundle| {
					bundle.matches(&data) && bundle.matches_locator(self.locator.as_deref())
				});
				let bundle = match existing {
					Some(bundle) => bundle,
					None => Bundle::commit(&data, self.locator.as_deref())?,
				};
				bundle.write(&bundle_path)?;
				(bundle.hash, bundle.locator_hash)
			},
			(None, Some(path)) => {
				let data = read_file(path)?;
				let hash = self.algorithm.digest(&data).unwrap_or_else(|| Hash32::sha256(&data));
				(hash, self.locator.as_deref().map(|l| Hash32::sha256(l.as_bytes())))
			},
			(None, None) => bail!("give the document with --file or its hash with --hash"),
		};
		let locator = match &self.locator_hash {
			Some(hash) => Some(hash.parse()?),
			None => locator,
		};
		Ok(Document { hash, algorithm: self.algorithm, locator })
	}
}

fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
	std::fs::read(path)
		.map_err(|e| healthchain_client::invalid(format!("cannot read {}: {e}", path.display())))
}

#[derive(Subcommand)]
enum TokenCommand {
	/// Issue a medical record to a patient (agent of an accredited provider or laboratory;
	/// the signer pays the deposit).
	IssueRecord {
		/// The patient's address.
		patient: String,
		/// The role the issuer acts in.
		#[arg(long, value_enum, default_value = "provider")]
		role: Role,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// Issue a certificate or test result (agent of an accredited laboratory or provider).
	IssueCertificate {
		/// The subject's address.
		subject: String,
		/// The role the issuer acts in.
		#[arg(long, value_enum, default_value = "laboratory")]
		role: Role,
		/// Until when it is valid: Unix milliseconds or +<n><s|m|h|d>; default: no expiry.
		#[arg(long)]
		valid_until: Option<String>,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// License a practitioner (agent of an accredited licensing board).
	IssueLicence {
		/// The practitioner's address.
		practitioner: String,
		/// The profession licensed.
		#[arg(value_enum)]
		profession: Profession,
		/// Until when: Unix milliseconds or +<n><s|m|h|d>.
		#[arg(long)]
		valid_until: String,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// Write a new version (correction, amendment, addendum, renewal) as the issuer.
	Update {
		/// The token.
		token: TokenId,
		/// Why.
		#[arg(long, value_enum)]
		reason: VersionReason,
		/// A new valid-until time, for renewals.
		#[arg(long)]
		valid_until: Option<String>,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// Revoke a certificate or licence as its issuer.
	Revoke {
		/// The token.
		token: TokenId,
		/// Why.
		#[arg(long, value_enum)]
		reason: RevocationReason,
	},
	/// Suspend a licence as its issuer.
	Suspend {
		/// The token.
		token: TokenId,
	},
	/// Lift a licence's suspension as its issuer.
	Reinstate {
		/// The token.
		token: TokenId,
	},
	/// Archive a record or certificate you own.
	Archive {
		/// The token.
		token: TokenId,
	},
	/// Refuse a record or certificate issued to you that you did not want: it is removed from
	/// the ledger (its issuer gets the deposits back).
	Refuse {
		/// The token.
		token: TokenId,
	},
	/// Revoke any certificate or licence (consortium), e.g. one whose board is gone.
	ForceRevoke {
		/// The token.
		token: TokenId,
		/// Why.
		#[arg(long, value_enum)]
		reason: RevocationReason,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Transfer a token you own (refused for non-transferable classes).
	Transfer {
		/// The token.
		token: TokenId,
		/// The new owner's address.
		to: String,
	},
	/// Show a token, its status now and its version history.
	Show {
		/// The token.
		token: TokenId,
	},
	/// List the ids of an account's tokens.
	List {
		/// The owner's address.
		owner: String,
		/// Continue after this id (the last of the previous page).
		#[arg(long)]
		after: Option<TokenId>,
		/// The most ids to return (the chain caps a page at 100).
		#[arg(long, default_value_t = 100)]
		limit: u32,
		/// Follow the pages to the end.
		#[arg(long, conflicts_with = "after")]
		all: bool,
	},
	/// Is this document an authentic token in force? Recomputes its commitment locally — with
	/// the salt of its verification bundle (`<file>.healthchain.json`, or --bundle), or
	/// unsalted (SHA-256 and BLAKE2-256) for a document anchored without one — and asks the
	/// chain; exits 0 only if it is in force.
	Verify {
		/// The document.
		#[arg(required_unless_present = "hash")]
		file: Option<PathBuf>,
		/// The document's verification bundle; default `<file>.healthchain.json` if it exists.
		#[arg(long, requires = "file")]
		bundle: Option<PathBuf>,
		/// The document's hash instead of the file.
		#[arg(long, conflicts_with = "file")]
		hash: Option<String>,
	},
	/// Is this practitioner licensed for this profession now?
	LicenceCheck {
		/// The practitioner's address.
		practitioner: String,
		/// The profession.
		#[arg(value_enum)]
		profession: Profession,
	},
}

#[derive(Subcommand)]
enum SessionCommand {
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

#[derive(Args)]
struct ProfileArgs {
	/// The SHA-256 of the organisation's public profile document, as 0x-prefixed hex.
	#[arg(long, conflicts_with = "profile_file")]
	profile_hash: Option<String>,
	/// The organisation's public profile document; its SHA-256 is registered.
	#[arg(long)]
	profile_file: Option<PathBuf>,
}

impl ProfileArgs {
	fn hash(&self) -> Result<Hash32> {
		match (&self.profile_hash, &self.profile_file) {
			(Some(hash), _) => hash.parse(),
			(None, Some(path)) => Ok(Hash32::sha256(
				&std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?,
			)),
			(None, None) => bail!("give --profile-hash or --profile-file"),
		}
	}
}

#[derive(Args)]
struct ConsortiumArgs {
	/// How the consortium call is authorized.
	#[arg(long, value_enum, default_value = "sudo")]
	via: Via,
}

#[derive(Subcommand)]
enum RegistryCommand {
	/// Register an organisation; the signer becomes its admin and pays the deposit.
	Register {
		/// What kind of entity it is.
		#[arg(long, value_enum)]
		kind: OrganisationKind,
		#[command(flatten)]
		profile: ProfileArgs,
	},
	/// Replace an organisation's profile hash (admin).
	UpdateProfile {
		/// The organisation.
		organisation: OrganisationId,
		#[command(flatten)]
		profile: ProfileArgs,
	},
	/// Invite an account to act for the organisation (admin; the admin pays the agent
	/// deposit). It acts for it once it accepts (`registry accept`).
	AddAgent {
		/// The organisation.
		organisation: OrganisationId,
		/// The agent's address (SS58, 0x public key or a dev name like `bob`).
		agent: String,
	},
	/// Accept an organisation's invitation: from now on you act for it.
	Accept {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// Stop acting for an organisation, or decline its invitation (agent; not the admin).
	Leave {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// Stop an account acting for the organisation, or withdraw its invitation (admin).
	RemoveAgent {
		/// The organisation.
		organisation: OrganisationId,
		/// The agent's address.
		agent: String,
	},
	/// Leave the registry and recover the deposit (admin; remove the other agents first).
	Deregister {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// Accredit an organisation for a role (consortium).
	Accredit {
		/// The organisation.
		organisation: OrganisationId,
		/// The role.
		#[arg(value_enum)]
		role: Role,
		/// Until when: Unix milliseconds, or from now as `+90s`, `+30m`, `+12h`, `+365d`.
		#[arg(long)]
		valid_until: String,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Move an accreditation's end (consortium).
	Renew {
		/// The organisation.
		organisation: OrganisationId,
		/// The role.
		#[arg(value_enum)]
		role: Role,
		/// The new end, as for `accredit`.
		#[arg(long)]
		valid_until: String,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Suspend an accreditation, or with no role the whole organisation (consortium).
	Suspend {
		/// The organisation.
		organisation: OrganisationId,
		/// The role; omit to suspend the organisation.
		#[arg(value_enum)]
		role: Option<Role>,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Lift a suspension (consortium).
	Reinstate {
		/// The organisation.
		organisation: OrganisationId,
		/// The role; omit to reinstate the organisation.
		#[arg(value_enum)]
		role: Option<Role>,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Revoke an accreditation (consortium).
	Revoke {
		/// The organisation.
		organisation: OrganisationId,
		/// The role.
		#[arg(value_enum)]
		role: Role,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Show an organisation, its agents and accreditations.
	Show {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// May this account act in this role now, and for which organisation?
	Check {
		/// The account.
		account: String,
		/// The role.
		#[arg(value_enum)]
		role: Role,
	},
	/// Which organisation an account acts for.
	Whois {
		/// The account.
		account: String,
	},
}

#[derive(Subcommand)]
enum CouncilCommand {
	/// Vote on a motion (council members).
	Vote {
		/// The motion's proposal hash (0x…).
		proposal_hash: String,
		/// The motion's index.
		index: u32,
		/// Vote against (the default is for).
		#[arg(long)]
		nay: bool,
	},
	/// Close a motion that reached its threshold or its end; executes it if approved.
	Close {
		/// The motion's proposal hash (0x…).
		proposal_hash: String,
		/// The motion's index.
		index: u32,
	},
}

/// Parse a span `<n><s|m|h|d>` (e.g. `90s`, `4h`) into milliseconds.
fn parse_duration(text: &str) -> Result<u64> {
	let bad = |why: &str| healthchain_client::invalid(format!("bad duration {text:?}: {why}"));
	let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
	let (digits, unit) = text.split_at(split);
	let amount: u64 = digits.parse().map_err(|_| bad("give <n><s|m|h|d>, e.g. 4h"))?;
	let unit_ms: u64 = match unit {
		"s" => 1_000,
		"m" => 60_000,
		"h" => 3_600_000,
		"d" => 86_400_000,
		_ => return Err(bad("the unit is one of s, m, h, d")),
	};
	amount.checked_mul(unit_ms).ok_or_else(|| bad("too long"))
}

/// Parse a time: Unix milliseconds, or `+<n><s|m|h|d>` from now, or `-<n><s|m|h|d>` before now.
fn parse_time(text: &str) -> Result<u64> {
	let bad = || {
		healthchain_client::invalid(format!(
			"bad time {text:?}: give Unix milliseconds or +<n><s|m|h|d>, e.g. +365d"
		))
	};
	let now =
		|| -> Result<u64> { Ok(SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as u64) };
	if let Some(span) = text.strip_prefix('+') {
		let span = parse_duration(span).map_err(|_| bad())?;
		return now()?.checked_add(span).ok_or_else(bad);
	}
	if let Some(span) = text.strip_prefix('-') {
		let span = parse_duration(span).map_err(|_| bad())?;
		return now()?.checked_sub(span).ok_or_else(bad);
	}
	text.parse().map_err(|_| bad())
}

struct App {
	cli: Cli,
}

impl App {
	fn signer(&self) -> Result<Keypair> {
		match (&self.cli.suri, &self.cli.suri_file) {
			(Some(suri), _) => keys::keypair_from_suri(suri),
			(None, Some(path)) => keys::keypair_from_file(path),
			(None, None) => bail!("this command signs a transaction: give --suri or --suri-file"),
		}
	}

	async fn chain(&self) -> Result<Chain> {
		// A malformed hash is refused before connecting.
		let given = match self.cli.metadata_hash.as_deref() {
			None | Some("node") => None,
			Some(hash) => Some(hash.parse::<Hash32>()?.0),
		};
		let mut chain = Chain::connect(&self.cli.url).await?;
		let hash = match self.cli.metadata_hash.as_deref() {
			Some("node") => Some(chain.metadata_hash().await?.0),
			_ => given,
		};
		chain.sign_with_metadata_hash(hash);
		Ok(chain)
	}

	/// Print `value` as JSON, or `text` for humans.
	fn print(&self, value: serde_json::Value, text: impl FnOnce() -> String) {
		if self.cli.json {
			println!("{value}");
		} else {
			println!("{}", text());
		}
	}

	async fn submit(&self, chain: &Chain, call: Call) -> Result<Outcome> {
		let signer = self.signer()?;
		let outcome = chain.submit(&call.payload(), &signer, self.cli.wait).await?;
		let summary = format!("{}.{}", call.pallet, call.name);
		self.print(json!({ "ok": true, "call": summary, "outcome": outcome }), || {
			let mut text = match (&outcome.block_hash, outcome.block_number) {
				(Some(hash), Some(number)) => format!(
					"{summary} included in {} block #{number} ({hash})",
					if outcome.finalized { "finalized" } else { "best" }
				),
				_ => format!("{summary} submitted ({})", outcome.extrinsic_hash),
			};
			for event in outcome.events.iter().filter(|e| {
				e.pallet != "System" && e.pallet != "TransactionPayment" && e.pallet != "Balances"
			}) {
				text.push_str(&format!("\n  {}.{} {}", event.pallet, event.name, event.fields));
			}
			text
		});
		Ok(outcome)
	}

	async fn consortium(&self, call: Call, via: Via) -> Result<()> {
		let chain = self.chain().await?;
		let wrapped = registry::consortium(&chain, call, via).await?;
		let outcome = self.submit(&chain, wrapped).await?;
		if let Some(proposed) = outcome.event("Council", "Proposed") {
			if !self.cli.json {
				println!(
					"  motion awaits the members' votes, the proposer's included: healthchain council vote {} {}",
					proposed.fields["proposal_hash"], proposed.fields["proposal_index"]
				);
			}
		}
		Ok(())
	}

	async fn run(&self) -> Result<()> {
		match &self.cli.command {
			Command::Status => {
				let status = self.chain().await?.status().await?;
				self.print(serde_json::to_value(&status)?, || {
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
				let account = self.signer()?.public_key().to_account_id();
				self.print(json!({ "account": account.to_string() }), || account.to_string());
			},
			Command::MetadataHash => {
				let (hash, info) = Chain::connect(&self.cli.url).await?.metadata_hash().await?;
				let hash = Hash32(hash).to_string();
				self.print(
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
			Command::Registry(command) => self.registry(command).await?,
			Command::Token(command) => self.token(command).await?,
			Command::Session(command) => self.session(command).await?,
			Command::Consent(command) => self.consent(command).await?,
			Command::Council(command) => {
				let chain = self.chain().await?;
				let call = match command {
					CouncilCommand::Vote { proposal_hash, index, nay } => Call {
						pallet: "Council",
						name: "vote",
						fields: vec![
							("proposal", hash_value(proposal_hash)?),
							("index", subxt::dynamic::Value::u128((*index).into())),
							("approve", subxt::dynamic::Value::bool(!nay)),
						],
					},
					CouncilCommand::Close { proposal_hash, index } => Call {
						pallet: "Council",
						name: "close",
						fields: vec![
							("proposal_hash", hash_value(proposal_hash)?),
							("index", subxt::dynamic::Value::u128((*index).into())),
							(
								"proposal_weight_bound",
								subxt::dynamic::Value::named_composite([
									("ref_time", subxt::dynamic::Value::u128(500_000_000_000)),
									("proof_size", subxt::dynamic::Value::u128(1_000_000)),
								]),
							),
							(
								"length_bound",
								subxt::dynamic::Value::u128(registry::PROPOSAL_LENGTH_BOUND.into()),
							),
						],
					},
				};
				self.submit(&chain, call).await?;
			},
		}
		Ok(())
	}

	async fn registry(&self, command: &RegistryCommand) -> Result<()> {
		use RegistryCommand::*;
		match command {
			Register { kind, profile } => {
				let hash = profile.hash()?;
				let chain = self.chain().await?;
				self.submit(&chain, calls::register(*kind, hash)).await?;
			},
			UpdateProfile { organisation, profile } => {
				let hash = profile.hash()?;
				let chain = self.chain().await?;
				self.submit(&chain, calls::update_profile(*organisation, hash)).await?;
			},
			AddAgent { organisation, agent } => {
				let agent = keys::parse_account(agent)?;
				let chain = self.chain().await?;
				self.submit(&chain, calls::add_agent(*organisation, &agent)).await?;
			},
			Accept { organisation } => {
				let chain = self.chain().await?;
				self.submit(&chain, calls::on_organisation("accept_invitation", *organisation))
					.await?;
			},
			Leave { organisation } => {
				let chain = self.chain().await?;
				self.submit(&chain, calls::on_organisation("leave_organisation", *organisation))
					.await?;
			},
			RemoveAgent { organisation, agent } => {
				let agent = keys::parse_account(agent)?;
				let chain = self.chain().await?;
				self.submit(&chain, calls::remove_agent(*organisation, &agent)).await?;
			},
			Deregister { organisation } => {
				let chain = self.chain().await?;
				self.submit(
					&chain,
					calls::on_organisation("deregister_organisation", *organisation),
				)
				.await?;
			},
			Accredit { organisation, role, valid_until, consortium } => {
				let until = parse_time(valid_until)?;
				self.consortium(calls::grant(*organisation, *role, until), consortium.via).await?;
			},
			Renew { organisation, role, valid_until, consortium } => {
				let until = parse_time(valid_until)?;
				self.consortium(calls::renew(*organisation, *role, until), consortium.via).await?;
			},
			Suspend { organisation, role, consortium } => {
				self.consortium(calls::suspend(*organisation, *role), consortium.via).await?;
			},
			Reinstate { organisation, role, consortium } => {
				self.consortium(calls::reinstate(*organisation, *role), consortium.via).await?;
			},
			Revoke { organisation, role, consortium } => {
				self.consortium(calls::revoke(*organisation, *role), consortium.via).await?;
			},
			Show { organisation } => {
				let chain = self.chain().await?;
				let Some(report) = chain.organisation(*organisation, false).await? else {
					return Err(healthchain_client::invalid(format!(
						"unknown organisation {organisation}"
					)));
				};
				self.print(serde_json::to_value(&report)?, || {
					let mut text =
						format!(
						"organisation {} ({:?}, {:?})\n  admin: {}\n  profile: {}\n  agents: {}",
						report.id,
						report.organisation.kind,
						report.organisation.status,
						report.organisation.admin,
						serde_json::to_value(report.organisation.profile_hash)
							.map(|v| v.to_string())
							.unwrap_or_default(),
						report.agent_accounts.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", ")
					);
					for accreditation in &report.accreditations {
						text.push_str(&format!(
							"\n  {:?}: {:?} until {} ms",
							accreditation.role, accreditation.effective, accreditation.valid_until
						));
					}
					text
				});
			},
			Check { account, role } => {
				let account = keys::parse_account(account)?;
				let chain = self.chain().await?;
				let answer = chain.check_role(&account, *role, false).await?;
				let value = match &answer {
					Ok(id) => {
						json!({ "account": account.to_string(), "role": role, "permitted": true, "organisation": id })
					},
					Err(why) => {
						json!({ "account": account.to_string(), "role": role, "permitted": false, "reason": why })
					},
				};
				self.print(value, || match answer {
					Ok(id) => format!("{account} may act as {role:?} for organisation {id}"),
					Err(why) => format!("{account} may not act as {role:?}: {why:?}"),
				});
			},
			Whois { account } => {
				let account = keys::parse_account(account)?;
				let chain = self.chain().await?;
				let organisation = chain.organisation_of(&account, false).await?;
				self.print(
					json!({ "account": account.to_string(), "organisation": organisation }),
					|| match organisation {
						Some(id) => format!("{account} acts for organisation {id}"),
						None => format!("{account} acts for no organisation"),
					},
				);
			},
		}
		Ok(())
	}
}

/// A command that already printed its answer and only needs to exit with status 1.
#[derive(Debug)]
struct Reported;

impl core::fmt::Display for Reported {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("reported")
	}
}

impl std::error::Error for Reported {}

impl App {
	async fn token(&self, command: &TokenCommand) -> Result<()> {
		use tokens::calls;
		use TokenCommand::*;
		let call = match command {
			IssueRecord { patient, role, document } => {
				calls::issue_record(&keys::parse_account(patient)?, *role, document.document()?)
			},
			IssueCertificate { subject, role, valid_until, document } => {
				let until = valid_until.as_deref().map(parse_time).transpose()?;
				calls::issue_certificate(
					&keys::parse_account(subject)?,
					*role,
					document.document()?,
					until,
				)
			},
			IssueLicence { practitioner, profession, valid_until, document } => {
				calls::issue_licence(
					&keys::parse_account(practitioner)?,
					*profession,
					document.document()?,
					parse_time(valid_until)?,
				)
			},
			Update { token, reason, valid_until, document } => {
				let until = valid_until.as_deref().map(parse_time).transpose()?;
				calls::update(*token, document.document()?, *reason, until)
			},
			Revoke { token, reason } => calls::revoke(*token, *reason),
			Suspend { token } => calls::on_token("suspend", *token),
			Reinstate { token } => calls::on_token("reinstate", *token),
			Archive { token } => calls::on_token("archive", *token),
			Refuse { token } => calls::on_token("refuse", *token),
			ForceRevoke { token, reason, consortium } => {
				return self.consortium(calls::force_revoke(*token, *reason), consortium.via).await;
			},
			Transfer { token, to } => calls::transfer(*token, &keys::parse_account(to)?),
			Show { token } => {
				let chain = self.chain().await?;
				let Some(report) = chain.token(*token, false).await? else {
					return Err(healthchain_client::invalid(format!("unknown token {token}")));
				};
				self.print(report.clone(), || {
					format!(
						"token {token}: {} {} owned by {}, issued by {}\n{}",
						report["effective"].as_str().unwrap_or("?"),
						report["class"].as_str().unwrap_or("?"),
						report["token"]["owner"].as_str().unwrap_or("?"),
						report["token"]["issuer"].as_str().unwrap_or("?"),
						serde_json::to_string_pretty(&report).unwrap_or_default()
					)
				});
				return Ok(());
			},
			List { owner, after, limit, all } => {
				let owner = keys::parse_account(owner)?;
				let chain = self.chain().await?;
				let mut ids = Vec::new();
				let mut cursor = *after;
				loop {
					let page = chain.tokens_of(&owner, cursor, *limit, false).await?;
					let done = page.is_empty() || !*all;
					cursor = page.last().copied().or(cursor);
					ids.extend(page);
					if done {
						break;
					}
				}
				self.print(json!({ "owner": owner.to_string(), "tokens": ids }), || {
					if ids.is_empty() {
						format!("{owner} holds no tokens")
					} else {
						ids.iter().map(|id| id.to_string()).collect::<Vec<_>>().join("\n")
					}
				});
				return Ok(());
			},
			Verify { file, bundle, hash } => {
				return self.verify(file.as_deref(), bundle.as_deref(), hash.as_deref()).await
			},
			LicenceCheck { practitioner, profession } => {
				let account = keys::parse_account(practitioner)?;
				let chain = self.chain().await?;
				let check = chain.licence_check(&account, *profession, false).await?;
				let licensed = check["result"].get("Ok").is_some();
				let value = json!({
					"practitioner": account.to_string(),
					"profession": profession,
					"licensed": licensed,
					"licence": check["licence"],
					"reason": check["result"].get("Err"),
				});
				self.print(value, || match (licensed, &check["result"]) {
					(true, result) => {
						format!(
							"{account} is licensed as {profession:?} (licence {})",
							result["Ok"]
						)
					},
					(false, result) => {
						format!("{account} is not licensed as {profession:?}: {}", result["Err"])
					},
				});
				return Ok(());
			},
		};
		let chain = self.chain().await?;
		self.submit(&chain, call).await?;
		Ok(())
	}

	async fn verify(
		&self,
		file: Option<&std::path::Path>,
		bundle: Option<&std::path::Path>,
		hash: Option<&str>,
	) -> Result<()> {
		let candidates: Vec<(Option<HashAlgorithm>, Hash32)> = match (file, hash) {
			(_, Some(hash)) => vec![(None, hash.parse()?)],
			(Some(path), None) => {
				let data = read_file(path)?;
				let default = Bundle::default_path(path);
				let bundle_path = bundle.map(PathBuf::from).or(default.exists().then_some(default));
				match bundle_path {
					Some(bundle_path) => {
						let bundle = Bundle::read(&bundle_path)?;
						if !bundle.matches(&data) {
							let message = format!(
								"NOT AUTHENTIC: {} is not the document its bundle {} commits to",
								path.display(),
								bundle_path.display()
							);
							self.print(
								json!({ "authentic": false, "valid_now": false, "reason": "bundle mismatch" }),
								|| message,
							);
							return Err(anyhow::Error::new(Reported));
						}
						vec![(Some(HashAlgorithm::SaltedSha256), bundle.hash)]
					},
					// A document anchored before salting, or by another tool, unsalted.
					None => [HashAlgorithm::Sha256, HashAlgorithm::Blake2_256]
						.into_iter()
						.filter_map(|algorithm| {
							algorithm.digest(&data).map(|hash| (Some(algorithm), hash))
						})
						.collect(),
				}
			},
			(None, None) => bail!("give the document or --hash"),
		};
		let chain = self.chain().await?;
		let mut found = None;
		for (algorithm, hash) in &candidates {
			if let Some(verification) = chain.verify(*hash, false).await? {
				found = Some((*algorithm, *hash, verification));
				break;
			}
		}
		let Some((_, hash, verification)) = found else {
			let hashes: Vec<_> = candidates.iter().map(|(_, hash)| hash.to_string()).collect();
			self.print(json!({ "authentic": false, "valid_now": false, "hashes": hashes }), || {
				format!("NOT AUTHENTIC: no token anchors this document ({})", hashes.join(", "))
			});
			return Err(anyhow::Error::new(Reported));
		};
		let valid_now = verification["valid_now"].as_bool().unwrap_or(false);
		let mut value = verification.clone();
		if let serde_json::Value::Object(map) = &mut value {
			map.insert("authentic".into(), true.into());
			map.insert("document_hash".into(), hash.to_string().into());
		}
		self.print(value, || {
			let token = &verification["token"];
			let verdict = match &verification["verdict"] {
				serde_json::Value::String(verdict) if verdict == "InForce" => {
					"AUTHENTIC and in force".to_string()
				},
				serde_json::Value::String(verdict)
					if verdict == "InForceIssuerNoLongerAuthorized" =>
				{
					"AUTHENTIC and in force, issued while its issuer was authorized; the issuer is \
					 NO LONGER authorized"
						.to_string()
				},
				serde_json::Value::String(verdict) if verdict == "IssuerAuthorityLapsed" => {
					"AUTHENTIC but not in force: its issuer's authority has lapsed".to_string()
				},
				serde_json::Value::String(verdict) if verdict == "Superseded" => {
					"AUTHENTIC but superseded by a later version".to_string()
				},
				other => format!("AUTHENTIC but not in force ({})", other["NotInForce"]),
			};
			format!(
				"{verdict}: token {} ({}), version {}, status {}\n  issued by {} under {}\n  \
				 issuer's authority still holds: {}",
				token["id"],
				token["class"].as_str().unwrap_or("?"),
				verification["version"],
				token["effective"].as_str().unwrap_or("?"),
				token["token"]["issuer"].as_str().unwrap_or("?"),
				token["token"]["authority"],
				token["authority_valid_now"],
			)
		});
		if valid_now {
			Ok(())
		} else {
			Err(anyhow::Error::new(Reported))
		}
	}

	async fn session(&self, command: &SessionCommand) -> Result<()> {
		use tokens::calls;
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
					(None, None) => {
						let practitioner = self.signer()?.public_key().to_account_id();
						let nanos = SystemTime::now().duration_since(UNIX_EPOCH)?.as_nanos();
						let seed = [
							&practitioner.0[..],
							&patient.0[..],
							&nanos.to_le_bytes()[..],
							&std::process::id().to_le_bytes()[..],
						]
						.concat();
						Hash32::sha256(&seed)
					},
				};
				let acceptance = acceptance.map(|a| a.to_value()).transpose()?;
				let document =
					Document { hash: reference, algorithm: HashAlgorithm::Sha256, locator: None };
				calls::open_session(&patient, document, acceptance)
			},
			SignAcceptance { practitioner, reference, valid_for_blocks } => {
				let practitioner = keys::parse_account(practitioner)?;
				let reference: Hash32 = reference.parse()?;
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
			Accept { token } => calls::on_token("accept_session", *token),
			Close { token, record } => calls::close_session(*token, record.document()?),
			Cancel { token } => calls::on_token("cancel_session", *token),
		};
		let chain = self.chain().await?;
		self.submit(&chain, call).await?;
		Ok(())
	}
}

fn hash_value(text: &str) -> Result<subxt::dynamic::Value> {
	Ok(text.parse::<Hash32>()?.to_value())
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json_output = cli.json;
	let app = App { cli };
	match app.run().await {
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
