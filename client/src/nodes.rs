//! The permissioned network: the nodes the consortium authorises to peer
//! (`node_authorisation.authorise_node`, `remove_node`) and the connections an owner adds to its
//! own node (`add_connections`, `remove_connections`). A node is named by its peer id
//! (`12D3KooW…`).

use crate::{chain::Chain, invalid, runtime::api};
use anyhow::Result;
pub use healthchain_primitives::node_id::NodeId;
use subxt::utils::AccountId32;

/// The node whose peer id is `text` (`12D3KooW…`): the runtime's own parser.
pub fn parse_node(text: &str) -> Result<NodeId> {
	let text = text.trim();
	text.parse().map_err(|error| invalid(format!("{text:?} is {error}")))
}

/// The peer id of `node`.
pub fn peer_id(node: &NodeId) -> String {
	node.to_peer_id()
}

impl Chain {
	/// The peer id of the node the client is connected to (`system_localPeerId`).
	pub async fn local_peer_id(&self) -> Result<String> {
		self.request("system_localPeerId", subxt::rpcs::rpc_params![]).await
	}

	/// The authorised nodes (latest finalized block), by peer id, each with its owner, its organisation
	/// (none for a founding member's), its connections and their deposit.
	pub async fn nodes(&self) -> Result<Vec<AuthorisedNode>> {
		let at = self.api().at_current_block().await?;
		let mut entries =
			at.storage().iter(api::storage().node_authorisation().nodes(), ()).await?;
		let mut list = Vec::new();
		while let Some(entry) = entries.next().await {
			let entry = entry?;
			// `Blake2_128Concat`: the node's 32 bytes end the key.
			let key = entry.key_bytes();
			let Some(node) = key.len().checked_sub(32).and_then(|at| key[at..].try_into().ok())
			else {
				anyhow::bail!("a node authorisation key of {} bytes", key.len());
			};
			let info = entry.value().decode()?;
			list.push(AuthorisedNode {
				node: NodeId(node),
				owner: info.owner,
				organisation: info.organisation,
				connections: info.connections.0,
				deposit: info.deposit,
			});
		}
		list.sort_by_key(|node| peer_id(&node.node));
		Ok(list)
	}
}

/// A node the consortium authorised ([`Chain::nodes`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct AuthorisedNode {
	/// The node (its peer id in JSON).
	pub node: NodeId,
	/// The account that runs it (an SS58 address in JSON).
	pub owner: AccountId32,
	/// Its organisation; none for a founding member's node.
	pub organisation: Option<u32>,
	/// The nodes its owner lets it accept besides the authorised ones.
	pub connections: Vec<NodeId>,
	/// Held from the owner for the connections (a decimal string in JSON).
	#[serde(serialize_with = "as_decimal")]
	pub deposit: u128,
}

fn as_decimal<S: serde::Serializer>(amount: &u128, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.collect_str(amount)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn peer_ids_round_trip_and_others_are_refused() {
		// The node key 0x00…01's peer id.
		let text = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
		let node = parse_node(text).unwrap();
		assert_eq!(
			hex::encode(node.0),
			"4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"
		);
		assert_eq!(peer_id(&node), text);
		assert!(parse_node("0OIl").unwrap_err().to_string().contains("not base58"));
		let error =
			parse_node("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY").unwrap_err();
		assert!(error.to_string().contains("not the peer id of a node"), "{error}");
	}
}
