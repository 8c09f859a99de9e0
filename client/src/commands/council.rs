//! `healthchain council`: vote on and close consortium council motions.

use super::App;
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{council, hash::Hash32};

#[derive(Subcommand)]
pub(crate) enum CouncilCommand {
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
	/// Return a closed motion's deposit to its proposer (anyone; `close` already does).
	Release {
		/// The closed motion's proposal hash (0x…).
		proposal_hash: String,
	},
}

impl App {
	/// Vote on, close or release the deposit of a council motion.
	pub(crate) async fn council(&self, command: &CouncilCommand) -> Result<()> {
		let call = match command {
			CouncilCommand::Vote { proposal_hash, index, nay } => {
				council::vote(proposal_hash.parse::<Hash32>()?, *index, !nay)
			},
			CouncilCommand::Close { proposal_hash, index } => {
				council::close(proposal_hash.parse::<Hash32>()?, *index)
			},
			CouncilCommand::Release { proposal_hash } => {
				council::release(proposal_hash.parse::<Hash32>()?)
			},
		};
		let chain = self.chain().await?;
		self.submit(chain, call).await?;
		Ok(())
	}
}
