//! `healthchain-bencher`: FRAME's `benchmark pallet` and `benchmark overhead`, run over a
//! runtime wasm blob (`--runtime`), as `frame-omni-bencher` does — so that the node binary
//! carries no benchmarking code, and the host side of the measurements (storage, hashing,
//! the wasm executor) is this optimised binary rather than a debug node.
//!
//! Built and run by `scripts/benchmark.sh`; it is not part of the test build. The runtime must be
//! built with `--features runtime-benchmarks`. Only the standard Substrate host functions are
//! provided: the healthchain runtime uses no others.
#![deny(missing_docs)]

use clap::Parser;
use frame_benchmarking_cli::{BenchmarkCmd, OpaqueBlock};
use sp_runtime::traits::BlakeTwo256;

/// Benchmarks a runtime given as a wasm blob (`--runtime <file>`, `--genesis-builder runtime`).
#[derive(Debug, Parser)]
#[command(author, version, about)]
struct Command {
	#[command(subcommand)]
	benchmark: BenchmarkCmd,
}

fn main() -> sc_cli::Result<()> {
	// `RUST_LOG`-style directives; the wasm compiler's own logs are noise here.
	let mut logger = sc_cli::LoggerBuilder::new(
		"info,cranelift_codegen=off,wasm_cranelift=off,wasmtime_cranelift=off",
	);
	logger.with_colors(false);
	logger.init()?;

	match Command::parse().benchmark {
		BenchmarkCmd::Pallet(command) => command.run_with_spec::<BlakeTwo256, ()>(None),
		BenchmarkCmd::Overhead(command) => {
			command.run_with_default_builder_and_spec::<OpaqueBlock, ()>(None)
		},
		_ => Err("only `pallet` and `overhead` are supported".into()),
	}
}
