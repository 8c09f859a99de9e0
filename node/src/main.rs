//! `healthchain-node`: the healthchain node binary.
#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod consortium;
mod permissioned;
mod rpc;
mod service;

fn main() {
	// Errors as their message (`Display`), not their `Debug` form with escaped newlines.
	if let Err(error) = command::run() {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
