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

/// A counter-party to whom a patient's wallet shows its own pseudonym: an organisation, or an
/// individual account (a practitioner, a person granted a consent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counterparty {
	/// An organisation of the registry, by id.
	Organisation(u32),
	/// An account.
	Account(AccountId32),
}

impl FromStr for Counterparty {
	type Err = anyhow::Error;

	/// `org:<id>`, or an account as [`parse_account`] reads it.
	fn from_str(text: &str) -> Result<Self> {
		match text.trim().strip_prefix("org:") {
			Some(id) => id
				.parse()
				.map(Counterparty::Organisation)
				.map_err(|_| crate::invalid(format!("bad counter-party {text:?}: org:<number>"))),
			None => parse_account(text).map(Counterparty::Account),
		}
	}
}

impl core::fmt::Display for Counterparty {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Counterparty::Organisation(id) => write!(f, "org:{id}"),
			Counterparty::Account(account) => write!(f, "{account}"),
		}
	}
}

/// The derivation path of the pseudonym a patient's wallet uses with `counterparty`, appended
/// to the wallet's root secret: `//healthchain//org//<id>` for an organisation (a numeric
/// junction: the id as a little-endian `u64`), `//healthchain//acct//<account>` for an account
/// (its SS58 address with the generic prefix 42, a text junction). Every Substrate wallet
/// (polkadot.js, subxt, `subkey`) derives the same key from the same root and path, so the
/// patient recovers every pseudonym from one mnemonic.
pub fn pseudonym_path(counterparty: &Counterparty) -> String {
	match counterparty {
		Counterparty::Organisation(id) => format!("//healthchain//org//{id}"),
		Counterparty::Account(account) => format!("//healthchain//acct//{account}"),
	}
}

/// The secret URI of the pseudonym of the wallet whose root secret URI is `root` for
/// `counterparty`: the root's phrase and derivations, the pseudonym's path, then the root's
/// password (`///…`) if it has one.
pub fn pseudonym_suri(root: &str, counterparty: &Counterparty) -> String {
	let root = root.trim();
	let path = pseudonym_path(counterparty);
	match root.find("///") {
		Some(at) => format!("{}{path}{}", &root[..at], &root[at..]),
		None => format!("{root}{path}"),
	}
}

/// The pseudonym (account) the wallet with root secret `root` gives `counterparty`.
pub fn pseudonym_account(root: &str, counterparty: &Counterparty) -> Result<AccountId32> {
	Ok(keypair_from_suri(&pseudonym_suri(root, counterparty))?.public_key().to_account_id())
}

/// The 64 bytes of an sr25519 signature written as hex (`0x…` or bare), if that is what
/// `text` is.
pub fn signature_from_hex(text: &str) -> Option<[u8; 64]> {
	let text = text.trim();
	hex::decode(text.strip_prefix("0x").unwrap_or(text)).ok()?.try_into().ok()
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
	fn pseudonyms_are_derived_along_the_documented_path() {
		let alice = parse_account("alice").unwrap();
		assert_eq!(
			pseudonym_suri("//Eve", &Counterparty::Organisation(3)),
			"//Eve//healthchain//org//3"
		);
		assert_eq!(
			pseudonym_suri("//Eve", &Counterparty::Account(alice)),
			format!("//Eve//healthchain//acct//{alice}")
		);
		// A password stays last.
		assert_eq!(
			pseudonym_suri("word word//x///secret", &Counterparty::Organisation(0)),
			"word word//x//healthchain//org//0///secret"
		);
		// Each counter-party gets its own account, none of them the root's.
		let key = |suri: &str| keypair_from_suri(suri).unwrap().public_key().to_account_id();
		let root = key("//Eve");
		let zero = key(&pseudonym_suri("//Eve", &Counterparty::Organisation(0)));
		let one = key(&pseudonym_suri("//Eve", &Counterparty::Organisation(1)));
		assert!(root != zero && zero != one && root != one);
		// The vector any wallet must reproduce: `//Eve//healthchain//org//0` (from the
		// development phrase), as Substrate itself derives it.
		assert_eq!(zero.to_string(), PSEUDONYM_VECTOR);
		assert_eq!("org:7".parse::<Counterparty>().unwrap(), Counterparty::Organisation(7));
		assert!("org:x".parse::<Counterparty>().is_err());
	}

	/// `//Eve//healthchain//org//0` of the development phrase, SS58 prefix 42, as
	/// `healthchain-node key inspect` (Substrate's own derivation) prints it.
	const PSEUDONYM_VECTOR: &str = "5DUPxzWKQCj4PAgCEwqsBGQMZUrGbNSziLhVp1EQ5Bmav6CG";

	#[test]
	fn rejects_a_bad_secret_uri() {
		assert!(keypair_from_suri("definitely not a mnemonic").is_err());
	}
}
