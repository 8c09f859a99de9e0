//! Salted commitments to documents, and the verification bundle that keeps each salt with its
//! document.
//!
//! A plain SHA-256 of a document with little entropy (a negative test result, a short URL) can
//! be confirmed by anyone who hashes the few likely candidates and looks them up on chain. So
//! the client commits to a document as `SHA-256(salt ‖ document)` with a fresh 32-byte random
//! salt (the chain's `HashAlgorithm::SaltedSha256`), and writes the salt to a *verification
//! bundle*: by default `<document>.healthchain.json` beside it, which travels with the
//! document. Whoever holds both can verify; whoever guesses the document cannot. A storage
//! locator is committed the same way, with its own salt.
//!
//! The bundle is JSON:
//! ```json
//! { "format": "healthchain-document/1", "algorithm": "salted-sha256",
//!   "salt": "0x…32 bytes…", "hash": "0x…SHA-256(salt ‖ document)…",
//!   "locator_salt": "0x…", "locator_hash": "0x…SHA-256(locator_salt ‖ locator)…",
//!   "issuer": { "organisation": 0 } }
//! ```
//! `issuer` names who anchored the document (an organisation, or a session's practitioner:
//! `{ "practitioner": "5…" }`): the ledger indexes a hash per issuer, so that a copy another
//! issuer anchored is not taken for this document's token. A bundle without it (written by an
//! earlier client) is verified against every token that anchors the hash.
//! and is reproducible with standard tools:
//! `{ printf '%s' "$SALT_HEX" | xxd -r -p; cat document; } | sha256sum`.

use crate::{hash::Hash32, invalid};
use anyhow::Result;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The `format` of a verification bundle written by this version.
pub const BUNDLE_FORMAT: &str = "healthchain-document/1";

/// A fresh 32-byte salt from the operating system's random number generator.
pub fn random_salt() -> Result<[u8; 32]> {
	let mut salt = [0u8; 32];
	getrandom::getrandom(&mut salt)
		.map_err(|e| anyhow::anyhow!("no randomness from the operating system: {e}"))?;
	Ok(salt)
}

/// `SHA-256(salt ‖ data)`.
pub fn salted_sha256(salt: &[u8; 32], data: &[u8]) -> Hash32 {
	let mut hasher = Sha256::new();
	hasher.update(salt);
	hasher.update(data);
	Hash32(hasher.finalize().into())
}

/// What keeps a document verifiable: its salt and commitment (and its locator's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
	/// [`BUNDLE_FORMAT`].
	pub format: String,
	/// `salted-sha256`.
	pub algorithm: String,
	/// The document's salt.
	pub salt: Hash32,
	/// `SHA-256(salt ‖ document)`: the hash anchored on chain.
	pub hash: Hash32,
	/// The locator's salt, if a locator was committed.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub locator_salt: Option<Hash32>,
	/// `SHA-256(locator_salt ‖ locator)`, if a locator was committed.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub locator_hash: Option<Hash32>,
	/// Who anchored the document, once known.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub issuer: Option<BundleIssuer>,
}

/// Who anchored a document: the key under which the ledger indexes its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BundleIssuer {
	/// An organisation (records, certificates, licences), by its registry id.
	Organisation(u32),
	/// A session's practitioner, by account (SS58).
	Practitioner(String),
}

impl Bundle {
	/// Commit to `document` (and `locator`) with fresh salts.
	pub fn commit(document: &[u8], locator: Option<&str>) -> Result<Self> {
		let salt = random_salt()?;
		let locator = locator
			.map(|locator| {
				let salt = random_salt()?;
				Ok::<_, anyhow::Error>((Hash32(salt), salted_sha256(&salt, locator.as_bytes())))
			})
			.transpose()?;
		Ok(Self {
			format: BUNDLE_FORMAT.into(),
			algorithm: "salted-sha256".into(),
			salt: Hash32(salt),
			hash: salted_sha256(&salt, document),
			locator_salt: locator.map(|(salt, _)| salt),
			locator_hash: locator.map(|(_, hash)| hash),
			issuer: None,
		})
	}

	/// Whether `document` is the one this bundle commits to.
	pub fn matches(&self, document: &[u8]) -> bool {
		salted_sha256(&self.salt.0, document) == self.hash
	}

	/// Whether this bundle commits to `locator` (or to no locator, if `None`).
	pub fn matches_locator(&self, locator: Option<&str>) -> bool {
		match (locator, self.locator_salt, self.locator_hash) {
			(None, None, None) => true,
			(Some(locator), Some(salt), Some(hash)) => {
				salted_sha256(&salt.0, locator.as_bytes()) == hash
			},
			_ => false,
		}
	}

	/// The bundle written beside `document` by default: `<document>.healthchain.json`.
	pub fn default_path(document: &Path) -> PathBuf {
		let mut name = document.as_os_str().to_owned();
		name.push(".healthchain.json");
		PathBuf::from(name)
	}

	/// Read the bundle at `path`.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.map_err(|e| invalid(format!("cannot read the bundle {}: {e}", path.display())))?;
		let bundle: Self = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("bad bundle {}: {e}", path.display())))?;
		if bundle.format != BUNDLE_FORMAT || bundle.algorithm != "salted-sha256" {
			return Err(invalid(format!(
				"{} is a bundle of format {:?} and algorithm {:?}; this client reads {BUNDLE_FORMAT:?} \
				 with salted-sha256",
				path.display(),
				bundle.format,
				bundle.algorithm
			)));
		}
		Ok(bundle)
	}

	/// Write the bundle to `path`, refusing to replace a file that is not this bundle.
	pub fn write(&self, path: &Path) -> Result<()> {
		// The same commitment may be written again, naming its issuer once known.
		let commitment = |bundle: &Self| Self { issuer: None, ..bundle.clone() };
		if path.exists() && Self::read(path).ok().map(|b| commitment(&b)) != Some(commitment(self))
		{
			return Err(invalid(format!(
				"{} exists; refusing to overwrite a verification bundle (give --bundle <path>)",
				path.display()
			)));
		}
		let text = serde_json::to_string_pretty(self)?;
		std::fs::write(path, text + "\n")
			.map_err(|e| invalid(format!("cannot write the bundle {}: {e}", path.display())))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn salted_sha256_is_sha256_of_salt_then_document() {
		// Both vectors printed by coreutils: `{ head -c 32 /dev/zero; printf negative; } |
		// sha256sum` and `printf negative | sha256sum`.
		let salted: Hash32 =
			"0x4b541347999f5d4c21f0f95c45d8f04e39330a3b17208eae706bb6fd3f255b15".parse().unwrap();
		let plain: Hash32 =
			"0x09f04951af4cd503877815fd30f98e3af8d3d50a0972e83a4aaa42f4fba59761".parse().unwrap();
		assert_eq!(salted_sha256(&[0; 32], b"negative"), salted);
		assert_eq!(Hash32::sha256(b"negative"), plain, "without the salt, a guess confirms it");
	}

	#[test]
	fn commitments_of_the_same_document_differ_and_match_their_bundle() {
		let first = Bundle::commit(b"negative", Some("s3://records/1")).unwrap();
		let second = Bundle::commit(b"negative", Some("s3://records/1")).unwrap();
		assert_ne!(first.hash, second.hash, "a guess hashed without the salt confirms nothing");
		assert_ne!(first.locator_hash, second.locator_hash);
		assert!(first.matches(b"negative") && !first.matches(b"positive"));
	}

	#[test]
	fn bundles_round_trip_and_are_not_overwritten() {
		let dir = tempfile::tempdir().unwrap();
		let document = dir.path().join("result.pdf");
		let path = Bundle::default_path(&document);
		assert!(path.to_string_lossy().ends_with("result.pdf.healthchain.json"));
		let bundle = Bundle::commit(b"negative", None).unwrap();
		bundle.write(&path).unwrap();
		assert_eq!(Bundle::read(&path).unwrap(), bundle);
		// Writing the same bundle again is fine; another one is refused.
		bundle.write(&path).unwrap();
		let other = Bundle::commit(b"negative", None).unwrap();
		assert!(other.write(&path).unwrap_err().to_string().contains("refusing to overwrite"));
		std::fs::write(&path, "{}").unwrap();
		assert!(Bundle::read(&path).is_err());
	}
}
