//! The healthchain client library: what the `healthchain` command line is built on.
//!
//! It talks to a node over JSON-RPC with subxt, signs with sr25519 keys, waits for finality by
//! default, and reports failures with the pallet error that caused them (`registry.NotFound`).
//! Calls are built dynamically from the node's metadata, so the client follows runtime
//! upgrades that keep a call's shape, and refuses clearly (with subxt's metadata check) when a
//! call's shape changed.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod chain;
pub mod cli;
pub mod config;
pub mod consent;
pub mod council;
pub mod documents;
pub mod hash;
pub mod keys;
pub mod output;
pub mod registry;
pub mod runtime;
pub mod tokens;

pub use chain::{Chain, Failure, Outcome, Status, Wait};

/// Input the user has to fix (a malformed address, hash or time, an unknown id): the command
/// line exits with status 2 for it, and with 1 for everything the chain refused.
#[derive(Debug)]
pub struct InvalidInput(pub String);

impl core::fmt::Display for InvalidInput {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for InvalidInput {}

/// An [`InvalidInput`] error with this message.
pub fn invalid(message: impl Into<String>) -> anyhow::Error {
	anyhow::Error::new(InvalidInput(message.into()))
}
