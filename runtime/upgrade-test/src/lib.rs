//! The runtime a running chain is upgraded to in the end-to-end upgrade test
//! (`e2e/tests/e2e/council.rs`): `healthchain-runtime` compiled to wasm with its feature
//! `upgrade-test`, so `spec_version` one higher and nothing else. Its build script writes it to
//! `wbuild/healthchain-runtime/healthchain_runtime_upgrade_test[.compact.compressed].wasm` in the
//! target profile's directory.
//!
//! It is built only for that test, never in the test build of the node (it would compile the
//! runtime to wasm a second time on the build's critical path): `scripts/test.sh` builds it
//! (`UPGRADE_TEST_BUILD`) beside the end-to-end tests and starts the upgrade test once it is
//! built; by hand,
//! `cargo build -p healthchain-runtime-upgrade-test`.

#![deny(missing_docs)]

/// The blob as the wasm builder wrote it: `WASM_BINARY_PATH` (its file), `WASM_BINARY` (its
/// bytes, compacted and compressed in an optimised build) and `WASM_BINARY_BLOATY`; all `None`
/// when the build was skipped (`SKIP_WASM_BUILD`).
#[allow(missing_docs)]
pub mod blob {
	include!(concat!(env!("OUT_DIR"), "/healthchain_runtime_upgrade_test"));
}
