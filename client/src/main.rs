//! `healthchain`: the command-line client and wallet of healthchain.
//!
//! Every command that changes the chain signs with `--suri`/`--suri-file` (or the
//! `HEALTHCHAIN_SURI` environment variable), waits for finality unless told otherwise, prints
//! what happened, and with `--json` prints it as JSON. A refused transaction prints the pallet
//! error (`registry.NotAuthorized`) and exits with status 1; malformed input exits with status 2.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use healthchain_client::{
	chain::{Call, Chain, Outcome, Wait},
	keys,
	registry::{self, calls, Hash32, OrganisationId, OrganisationKind, Role, Via},
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

	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// The node's chain, runtime, best and finalized block.
	Status,
	/// The account of the signer.
	Account,
	/// The accreditation registry.
	#[command(subcommand)]
	Registry(RegistryCommand),
	/// Vote on and close consortium council motions.
	#[command(subcommand)]
	Council(CouncilCommand),
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
	/// Let an account act for the organisation (admin; the admin pays the agent deposit).
	AddAgent {
		/// The organisation.
		organisation: OrganisationId,
		/// The agent's address (SS58, 0x public key or a dev name like `bob`).
		agent: String,
	},
	/// Stop an account acting for the organisation (admin).
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

/// Parse `--valid-until`: Unix milliseconds, or `+<n><s|m|h|d>` from now.
fn parse_time(text: &str) -> Result<u64> {
	if let Some(relative) = text.strip_prefix('+') {
		let split = relative.find(|c: char| !c.is_ascii_digit()).unwrap_or(relative.len());
		let (digits, unit) = relative.split_at(split);
		let amount: u64 = digits
			.parse()
			.map_err(|_| healthchain_client::invalid(format!("bad time {text:?}")))?;
		let unit_ms: u64 = match unit {
			"s" => 1_000,
			"m" => 60_000,
			"h" => 3_600_000,
			"d" => 86_400_000,
			_ => {
				return Err(healthchain_client::invalid(format!(
					"bad time {text:?}: the unit is one of s, m, h, d"
				)))
			},
		};
		let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as u64;
		return amount
			.checked_mul(unit_ms)
			.and_then(|ms| ms.checked_add(now))
			.ok_or_else(|| healthchain_client::invalid(format!("bad time {text:?}: too far")));
	}
	text.parse().map_err(|_| {
		healthchain_client::invalid(format!(
			"bad time {text:?}: give Unix milliseconds or +<n><s|m|h|d>, e.g. +365d"
		))
	})
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
		Chain::connect(&self.cli.url).await
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
					"  motion awaits the other members' votes: healthchain council vote {} {}",
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
			Command::Registry(command) => self.registry(command).await?,
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
			RemoveAgent { organisation, agent } => {
				let agent = keys::parse_account(agent)?;
				let chain = self.chain().await?;
				self.submit(&chain, calls::remove_agent(*organisation, &agent)).await?;
			},
			Deregister { organisation } => {
				let chain = self.chain().await?;
				self.submit(&chain, calls::deregister(*organisation)).await?;
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

fn hash_value(text: &str) -> Result<subxt::dynamic::Value> {
	let hash: Hash32 = text.parse()?;
	Ok(subxt::dynamic::Value::unnamed_composite([subxt::dynamic::Value::from_bytes(hash.0)]))
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let json_output = cli.json;
	let app = App { cli };
	match app.run().await {
		Ok(()) => ExitCode::SUCCESS,
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
