//! Runtime API of the node authorisation, which every `healthchain-node` asks of its best block
//! to keep its peers to the nodes the chain allows.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet_node_authorisation::NodeId;

sp_api::decl_runtime_apis! {
	/// Queries of the node authorisation.
	pub trait NodeAuthorisationApi {
		/// The nodes `node` may peer with now; `None` while the chain authorises no node at all
		/// (an open network, as a development chain's).
		fn allowed_peers(node: NodeId) -> Option<alloc::vec::Vec<NodeId>>;
	}
}
