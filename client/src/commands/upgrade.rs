//! `healthchain upgrade`: a forkless runtime upgrade through the council.

use super::{read_file, App, ConsortiumArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{registry as registry_client, upgrade};
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum UpgradeCommand {
	/// Propose to the council that the chain accept this runtime (`system.authorize_upgrade`
	/// of its hash, dispatched as root by a two-thirds motion).
	Authorize {
		/// The runtime (`*.compact.compressed.wasm`).
		wasm: PathBuf,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Submit the authorised runtime (`system.apply_authorized_upgrade`; no fee): every node
	/// runs it from the next block.
	Apply {
		/// The runtime the council authorised.
		wasm: PathBuf,
	},
}

impl App {
	/// Run an `upgrade` command.
	pub(crate) async fn upgrade(&self, command: &UpgradeCommand) -> Result<()> {
		match command {
			UpgradeCommand::Authorize { wasm, consortium } => {
				let (hash, call) = upgrade::authorize(&read_file(wasm)?)?;
				if !self.cli.json {
					println!("runtime {} has code hash {hash}", wasm.display());
				}
				let chain = self.chain().await?;
				let wrapped = registry_client::root(chain, call, consortium.via).await?;
				self.submit_consortium(chain, wrapped).await?;
			},
			UpgradeCommand::Apply { wasm } => {
				let chain = self.chain().await?;
				self.submit(chain, upgrade::apply(read_file(wasm)?)?).await?;
			},
		}
		Ok(())
	}
}
