//! Compiles `healthchain-runtime` to wasm a second time, with its feature `upgrade-test`
//! (`spec_version` one higher, nothing else), as `healthchain_runtime_upgrade_test` in the
//! runtime's own wasm project (`wbuild/healthchain-runtime/`, beside the real runtime's blob),
//! where the end-to-end upgrade test finds it. Only the runtime crate is compiled again: the
//! wasm project and its dependencies are the real runtime's.
//!
//! Source paths are remapped as the runtime's own build does (`runtime/build.rs`), so that the
//! blob is the same whichever directory the checkout and the cargo home are in.

use std::path::PathBuf;

fn main() {
	let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
	// runtime/upgrade-test → runtime → the workspace.
	let runtime = manifest.parent().map(PathBuf::from).unwrap_or_else(|| manifest.clone());
	let workspace = runtime.parent().map(PathBuf::from).unwrap_or_else(|| runtime.clone());
	let cargo_home = std::env::var("CARGO_HOME").map(PathBuf::from).unwrap_or_else(|_| {
		PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
	});
	let builder =
		match substrate_wasm_builder::WasmBuilder::new().with_project(runtime.join("Cargo.toml")) {
			Ok(builder) => builder,
			Err(error) => panic!("the runtime's manifest beside this crate: {error}"),
		};
	builder
		.import_memory()
		.export_heap_base()
		.append_to_rust_flags(format!("--remap-path-prefix={}=/healthchain", workspace.display()))
		.append_to_rust_flags(format!("--remap-path-prefix={}=/cargo", cargo_home.display()))
		.enable_feature("upgrade-test")
		.set_file_name("healthchain_runtime_upgrade_test")
		.build();
}
