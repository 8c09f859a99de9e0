//! The node's command line.

/// The command line of `healthchain-node`.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// How to run the node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Where the node keeps the runtime compiled to machine code (wasmtime's cache), so that a
	/// restart, or another node of this machine given the same directory, does not compile it
	/// again. Default: `wasm-cache` in the chain's directory under the base path (which the
	/// subcommands that run the runtime always use). Only the node's user may write to it: the
	/// node runs the code it finds there.
	#[arg(long, value_name = "DIR")]
	pub wasm_cache: Option<std::path::PathBuf>,
}

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys into the keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (use `--raw` for the form nodes start from).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification without starting a node.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block as a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain's data.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),
}
