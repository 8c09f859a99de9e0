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
pub mod keys;
pub mod output;
pub mod registry;

pub use chain::{Chain, Failure, Outcome, Status, Wait};
