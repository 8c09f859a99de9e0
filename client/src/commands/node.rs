//! `healthchain node`: the permissioned network. The consortium authorises nodes and names
//! their owners; an owner lets its node accept a few more (its own RPC or archive nodes).

use super::{App, ConsortiumArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::NodeCall, keys::parse_account, nodes::parse_node,
	runtime::api::runtime_types::bounded_collections::bounded_vec::BoundedVec,
};
use serde_json::json;

#[derive(Subcommand)]
pub(crate) enum NodeCommand {
	/// The authorised nodes: peer id, owner, organisation, connections.
	List,
	/// The peer id of the node at --url (`system_localPeerId`).
	PeerId,
	/// Authorise a node to peer, run by an account acting for an organisation (consortium).
	Authorise {
		/// The node's peer id (12D3KooW…).
		node: String,
		/// The account that runs it (an admin or agent of the organisation).
		owner: String,
		/// The organisation whose node it is.
		organisation: u32,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Remove an authorised node (consortium): each node drops it once the block is its best.
	Remove {
		/// The node's peer id.
		node: String,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Let your authorised node accept nodes the consortium has not authorised (your own RPC or
	/// archive nodes; you answer for them): no other authorised node accepts them, and each
	/// must name yours (--reserved-nodes). A deposit is held for each.
	Connect {
		/// Your node's peer id.
		node: String,
		/// The nodes it accepts, by peer id.
		#[arg(required = true)]
		connections: Vec<String>,
	},
	/// Stop your node accepting those nodes; their share of the deposit is released.
	Disconnect {
		/// Your node's peer id.
		node: String,
		/// The nodes it no longer accepts, by peer id.
		#[arg(required = true)]
		connections: Vec<String>,
	},
}

impl App {
	/// Run a `node` command.
	pub(crate) async fn node(&self, command: &NodeCommand) -> Result<()> {
		let parse_all =
			|texts: &[String]| texts.iter().map(|t| parse_node(t)).collect::<Result<Vec<_>>>();
		match command {
			NodeCommand::List => {
				let nodes = self.chain().await?.nodes().await?;
				let report = json!({ "nodes": nodes });
				self.print(report.clone(), || {
					serde_json::to_string_pretty(&report).unwrap_or_default()
				});
			},
			NodeCommand::PeerId => {
				let peer_id = self.chain().await?.local_peer_id().await?;
				self.print(json!({ "peer_id": peer_id }), || peer_id.clone());
			},
			NodeCommand::Authorise { node, owner, organisation, consortium } => {
				let call = NodeCall::authorise_node {
					node: parse_node(node)?,
					owner: parse_account(owner)?,
					organisation: *organisation,
				};
				self.consortium(call, consortium.via).await?;
			},
			NodeCommand::Remove { node, consortium } => {
				self.consortium(NodeCall::remove_node { node: parse_node(node)? }, consortium.via)
					.await?;
			},
			NodeCommand::Connect { node, connections } => {
				let chain = self.chain().await?;
				let call = NodeCall::add_connections {
					node: parse_node(node)?,
					connections: BoundedVec(parse_all(connections)?),
				};
				self.submit(chain, call).await?;
			},
			NodeCommand::Disconnect { node, connections } => {
				let chain = self.chain().await?;
				let call = NodeCall::remove_connections {
					node: parse_node(node)?,
					connections: BoundedVec(parse_all(connections)?),
				};
				self.submit(chain, call).await?;
			},
		}
		Ok(())
	}
}
