//! A node's identity on the network: the ed25519 public key of its libp2p node key, which its
//! peer id (`12D3KooW…`) encodes. The node authorisation pallet stores it; the client parses
//! and prints it with the same code.

use alloc::{string::String, vec::Vec};
use core::{fmt, str::FromStr};

/// The bytes a Substrate node's peer id puts before its ed25519 public key: an identity
/// multihash (`0x00`) of 36 bytes (`0x24`) holding the libp2p protobuf of an ed25519 key
/// (`0x08 0x01`: key type ed25519; `0x12 0x20`: 32 bytes of key).
pub const PEER_ID_PREFIX: [u8; 6] = [0x00, 0x24, 0x08, 0x01, 0x12, 0x20];

/// A node, by the ed25519 public key of its node key (`--node-key`, or the `network/secret_ed25519`
/// file of its base path). Written and read as its peer id, the base58 `12D3KooW…` the node logs
/// at start (`Local node identity is: …`) and `healthchain-node key inspect-node-key` prints.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub struct NodeId(pub [u8; 32]);

/// Why a text or byte string is not a node's peer id.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NodeIdError {
	/// Not base58.
	NotBase58,
	/// Base58, but not the peer id of an ed25519 node key (Substrate nodes have no other kind).
	NotAnEd25519PeerId,
}

impl fmt::Display for NodeIdError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			NodeIdError::NotBase58 => "not a peer id: not base58",
			NodeIdError::NotAnEd25519PeerId => {
				"not the peer id of a node (12D3KooW…: the node logs it at start as \"Local node \
				 identity is\", and `healthchain-node key inspect-node-key` prints it)"
			},
		})
	}
}

impl NodeId {
	/// The node whose peer id is `bytes` (the binary form, as libp2p and the offchain
	/// network state give it).
	pub fn from_peer_id_bytes(bytes: &[u8]) -> Result<Self, NodeIdError> {
		let key = bytes.strip_prefix(&PEER_ID_PREFIX[..]).ok_or(NodeIdError::NotAnEd25519PeerId)?;
		key.try_into().map(NodeId).map_err(|_| NodeIdError::NotAnEd25519PeerId)
	}

	/// Its peer id, in binary form.
	pub fn peer_id_bytes(&self) -> Vec<u8> {
		let mut bytes = PEER_ID_PREFIX.to_vec();
		bytes.extend_from_slice(&self.0);
		bytes
	}

	/// Its peer id, in the base58 form the node logs.
	pub fn to_peer_id(&self) -> String {
		bs58::encode(self.peer_id_bytes()).into_string()
	}
}

impl FromStr for NodeId {
	type Err = NodeIdError;

	/// Parse a peer id (`12D3KooW…`).
	fn from_str(text: &str) -> Result<Self, Self::Err> {
		let bytes = bs58::decode(text).into_vec().map_err(|_| NodeIdError::NotBase58)?;
		NodeId::from_peer_id_bytes(&bytes)
	}
}

impl fmt::Display for NodeId {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.to_peer_id())
	}
}

impl fmt::Debug for NodeId {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		fmt::Display::fmt(self, f)
	}
}

/// In a chain spec's genesis, a node is its peer id.
impl serde::Serialize for NodeId {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&self.to_peer_id())
	}
}

impl<'de> serde::Deserialize<'de> for NodeId {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		text.parse().map_err(serde::de::Error::custom)
	}
}
