//! `healthchain validator`: session keys (the operator, on its own node) and the validator set
//! (the consortium).

use super::{App, ConsortiumArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::ValidatorSetCall,
	keys::parse_account,
	runtime::api::runtime_types::bounded_collections::bounded_vec::BoundedVec,
	validators::{self, GeneratedKeys},
};
use serde_json::json;

#[derive(Subcommand)]
pub(crate) enum ValidatorCommand {
	/// The validator set: the validators the consortium keeps (with their organisations and
	/// whether they have session keys), the session's now and the next one's.
	List,
	/// Generate new session keys in the keystore of the node at --url, for the signer's account
	/// (or --owner), and print them with the proof of ownership (`author_rotateKeysWithOwner`,
	/// an unsafe RPC method: run it against your own validator, locally).
	RotateKeys {
		/// The account the keys are for (default: the signer's).
		#[arg(long)]
		owner: Option<String>,
	},
	/// Register session keys for the signer's account (`session.set_keys`): those printed by
	/// `rotate-keys`, or, with --rotate, new ones generated on the node at --url. They take
	/// effect at the second session change from now; a deposit is held until they are purged.
	SetKeys {
		/// The keys (0x…), as `rotate-keys` printed them.
		#[arg(required_unless_present = "rotate", requires = "proof")]
		keys: Option<String>,
		/// The proof (0x…), as `rotate-keys` printed it.
		proof: Option<String>,
		/// Generate them now on the node at --url (which must be the validator's own).
		#[arg(long, conflicts_with = "keys")]
		rotate: bool,
	},
	/// Add a validator, the node of an organisation it acts for (consortium).
	Add {
		/// The validator's account (it must have registered session keys).
		account: String,
		/// The organisation whose node it is.
		organisation: u32,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Remove a validator (consortium).
	Remove {
		/// The validator's account.
		account: String,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// After a finality stall: remove the dead validators and force GRANDPA to the rest when
	/// that set takes effect (consortium; see docs/operators.md).
	RecoverFinality {
		/// The dead validators, comma-separated.
		#[arg(long, value_delimiter = ',')]
		remove: Vec<String>,
		/// The highest block every remaining validator has finalized.
		#[arg(long)]
		best_finalized: u32,
		/// Blocks after the session change before the new authorities take over.
		#[arg(long, default_value_t = 0)]
		delay: u32,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
}

impl App {
	/// Run a `validator` command.
	pub(crate) async fn validator(&self, command: &ValidatorCommand) -> Result<()> {
		match command {
			ValidatorCommand::List => {
				let report = serde_json::to_value(self.chain().await?.validators().await?)?;
				self.print(report.clone(), || {
					serde_json::to_string_pretty(&report).unwrap_or_default()
				});
			},
			ValidatorCommand::RotateKeys { owner } => {
				let owner = match owner {
					Some(text) => parse_account(text)?,
					None => self.signer()?.public_key().to_account_id(),
				};
				let generated = self.chain().await?.rotate_keys_with_owner(&owner).await?;
				self.print(
					json!({ "owner": owner.to_string(), "keys": generated.keys, "proof": generated.proof }),
					|| format!("keys  {}\nproof {}", generated.keys, generated.proof),
				);
			},
			ValidatorCommand::SetKeys { keys, proof, rotate } => {
				let chain = self.chain().await?;
				let generated = if *rotate {
					let owner = self.signer()?.public_key().to_account_id();
					chain.rotate_keys_with_owner(&owner).await?
				} else {
					GeneratedKeys {
						keys: keys.clone().unwrap_or_default(),
						proof: proof.clone().unwrap_or_default(),
					}
				};
				let (keys, proof) = generated.bytes()?;
				self.submit(chain, validators::set_keys(&keys, proof)?).await?;
			},
			ValidatorCommand::Add { account, organisation, consortium } => {
				let call = ValidatorSetCall::add_validator {
					validator: parse_account(account)?,
					organisation: *organisation,
				};
				self.consortium(call, consortium.via).await?;
			},
			ValidatorCommand::Remove { account, consortium } => {
				let call =
					ValidatorSetCall::remove_validator { validator: parse_account(account)? };
				self.consortium(call, consortium.via).await?;
			},
			ValidatorCommand::RecoverFinality { remove, best_finalized, delay, consortium } => {
				let remove = remove.iter().map(|a| parse_account(a)).collect::<Result<Vec<_>>>()?;
				let call = ValidatorSetCall::recover_finality {
					remove: BoundedVec(remove),
					best_finalized: *best_finalized,
					delay: *delay,
				};
				self.consortium(call, consortium.via).await?;
			},
		}
		Ok(())
	}
}
