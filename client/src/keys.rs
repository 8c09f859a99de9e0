//! Signing keys: development URIs (`//Alice`), mnemonics (with optional `//derivation` and
//! `///password`), or a file holding either, so that secrets stay out of shell history.

use anyhow::{anyhow, Context, Result};
use std::{path::Path, str::FromStr};
use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// The sr25519 key pair for a secret URI: `//Alice`, a 12/24-word mnemonic, or
/// `<mnemonic>//derivation`.
pub fn keypair_from_suri(suri: &str) -> Result<Keypair> {
	let uri = SecretUri::from_str(suri.trim())
		.map_err(|e| anyhow!("invalid secret URI (expected e.g. //Alice or a mnemonic): {e}"))?;
	Keypair::from_uri(&uri).map_err(|e| anyhow!("cannot derive a key from the secret URI: {e}"))
}

/// The key pair whose secret URI is the content of `path`.
pub fn keypair_from_file(path: &Path) -> Result<Keypair> {
	let suri = std::fs::read_to_string(path)
		.with_context(|| format!("cannot read key file {}", path.display()))?;
	keypair_from_suri(&suri).with_context(|| format!("in key file {}", path.display()))
}

/// Parse an account: an SS58 address, a 32-byte hex public key (`0x…`), or a development
/// name (`alice`, …, `ferdie`).
pub fn parse_account(text: &str) -> Result<AccountId32> {
	let text = text.trim();
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex)
			.map_err(|_| crate::invalid(format!("bad address {text:?}: invalid hex")))?;
		let bytes: [u8; 32] = bytes.try_into().map_err(|_| {
			crate::invalid(format!("bad address {text:?}: a public key has 32 bytes"))
		})?;
		return Ok(AccountId32(bytes));
	}
	let dev = match text.to_ascii_lowercase().as_str() {
		"alice" | "bob" | "charlie" | "dave" | "eve" | "ferdie" => Some(text.to_ascii_lowercase()),
		_ => None,
	};
	if let Some(name) = dev {
		let mut suri = String::from("//");
		let mut chars = name.chars();
		if let Some(first) = chars.next() {
			suri.extend(first.to_uppercase());
			suri.push_str(chars.as_str());
		}
		return Ok(keypair_from_suri(&suri)?.public_key().to_account_id());
	}
	AccountId32::from_str(text).map_err(|e| crate::invalid(format!("bad address {text:?}: {e}")))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_ss58_hex_and_dev_names() {
		let alice = keypair_from_suri("//Alice").unwrap().public_key().to_account_id();
		assert_eq!(parse_account("alice").unwrap(), alice);
		assert_eq!(parse_account(&alice.to_string()).unwrap(), alice);
		assert_eq!(parse_account(&format!("0x{}", hex::encode(alice.0))).unwrap(), alice);
	}

	#[test]
	fn rejects_malformed_addresses_with_a_message() {
		for bad in ["5Grw", "0x1234", "0xzz", "not an address"] {
			let error = parse_account(bad).unwrap_err().to_string();
			assert!(error.starts_with("bad address"), "{error}");
		}
	}

	#[test]
	fn rejects_a_bad_secret_uri() {
		assert!(keypair_from_suri("definitely not a mnemonic").is_err());
	}
}
