//! The healthchain client library: what the `healthchain` command line is built on.
//!
//! It talks to a node over JSON-RPC with subxt, signs with sr25519 keys, waits for finality by
//! default, and reports failures with the pallet error that caused them (`registry.OrganisationNotFound`).
//! Its calls, events, errors and runtime API answers are Rust types generated from the
//! runtime's own metadata ([`runtime`], from the committed `client/metadata/healthchain.scale`),
//! with the types of `healthchain-primitives` used as they are: a role, an organisation kind
//! or a status is declared once. A call is encoded by its type against the node's metadata
//! before it is signed, so a node whose runtime changed that call's shape refuses clearly
//! instead of receiving something else.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod call;
pub mod chain;
pub mod cli;
pub mod config;
pub mod consent;
pub mod council;
pub mod documents;
pub mod failure;
pub mod hash;
pub mod insurance;
pub mod keys;
pub mod nodes;
pub mod outcome;
pub mod output;
pub mod registry;
pub mod runtime;
pub mod sponsorship;
pub mod tokens;
pub mod trial_log;
pub mod trials;
pub mod upgrade;
pub mod validators;

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

/// The time now, in Unix milliseconds: the client's one clock (the chain's times are Unix
/// milliseconds too).
pub fn now_ms() -> anyhow::Result<u64> {
	let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
	Ok(u64::try_from(since.as_millis())?)
}

/// An [`InvalidInput`] error with this message.
pub fn invalid(message: impl Into<String>) -> anyhow::Error {
	anyhow::Error::new(InvalidInput(message.into()))
}
