//! A 32-byte hash as the client reads and writes it: `0x…` hex.

use anyhow::Result;
use serde::{Serialize, Serializer};
use subxt::utils::H256;

/// A 32-byte hash, shown as `0x…` hex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hash32(pub [u8; 32]);

impl core::fmt::Display for Hash32 {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "0x{}", hex::encode(self.0))
	}
}

impl Serialize for Hash32 {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.collect_str(self)
	}
}

impl<'de> serde::Deserialize<'de> for Hash32 {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		text.parse().map_err(|e: anyhow::Error| serde::de::Error::custom(e.to_string()))
	}
}

impl std::str::FromStr for Hash32 {
	type Err = anyhow::Error;
	fn from_str(text: &str) -> Result<Self> {
		let hex = text.strip_prefix("0x").unwrap_or(text);
		let bytes = hex::decode(hex)
			.map_err(|_| crate::invalid(format!("bad hash {text:?}: invalid hex")))?;
		let bytes: [u8; 32] = bytes
			.try_into()
			.map_err(|_| crate::invalid(format!("bad hash {text:?}: a hash has 32 bytes")))?;
		Ok(Hash32(bytes))
	}
}

impl Hash32 {
	/// The SHA-256 digest of `data` (so that `sha256sum` reproduces it).
	pub fn sha256(data: &[u8]) -> Self {
		use sha2::Digest;
		Hash32(sha2::Sha256::digest(data).into())
	}

	/// The hash as the runtime's `H256`.
	pub fn h256(self) -> H256 {
		H256(self.0)
	}
}

impl From<H256> for Hash32 {
	fn from(hash: H256) -> Self {
		Hash32(hash.0)
	}
}
