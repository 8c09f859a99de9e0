//! Builds the runtime's wasm blob; with the `metadata-hash` feature it also computes the
//! metadata hash that `CheckMetadataHash` verifies (for release builds used by wallets).
//!
//! The test runtime the end-to-end upgrade test upgrades a running chain to (feature
//! `upgrade-test`) is not built here, in every build of the node, but by its own crate
//! (`runtime/upgrade-test`), only for that test.
//!
//! Source paths are remapped so that the blob (and the chain specs embedding it) is the same
//! whichever directory the checkout and the cargo home are in.

#[cfg(feature = "std")]
fn main() {
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	let builder = remap_paths(builder);
	#[cfg(feature = "metadata-hash")]
	let builder = builder.enable_metadata_hash("HCT", 12);
	builder.build();
}

#[cfg(feature = "std")]
fn remap_paths(
	builder: substrate_wasm_builder::WasmBuilder,
) -> substrate_wasm_builder::WasmBuilder {
	use std::path::PathBuf;
	let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
	let workspace = manifest.parent().map(PathBuf::from).unwrap_or(manifest);
	let cargo_home = std::env::var("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|_| {
		PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
	});
	builder
		.append_to_rust_flags(format!("--remap-path-prefix={}=/healthchain", workspace.display()))
		.append_to_rust_flags(format!("--remap-path-prefix={}=/cargo", cargo_home.display()))
}

/// Nothing to build without `std`: when compiling this crate for wasm itself, and in the checks
/// build (feature `native`), which compiles the runtime natively only.
#[cfg(not(feature = "std"))]
fn main() {}
