#!/usr/bin/env bash
# Installs what a fresh machine lacks to build healthchain: protoc (litep2p's build needs it)
# and OpenSSL headers; clang and cmake are NOT needed (no RocksDB). The pinned toolchain (rust-toolchain.toml) installs
# itself, with the wasm32v1-none target, the first time cargo runs.
set -euo pipefail

need=()
command -v protoc >/dev/null 2>&1 || need+=(protobuf-compiler)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v cc >/dev/null 2>&1 || need+=(build-essential)
# litep2p's WebRTC transport links OpenSSL.
pkg-config --exists openssl 2>/dev/null || need+=(libssl-dev)

if [ ${#need[@]} -gt 0 ]; then
	echo "setup: installing ${need[*]}" >&2
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq </dev/null
	$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null >/dev/null
fi

# The pinned toolchain with its wasm target. rustup installs a toolchain named by
# rust-toolchain.toml, but does not add the file's targets to one that is already installed, and
# the runtime's wasm is built by a nested cargo inside the target directory, outside this
# checkout, where the toolchain file does not apply: pin both explicitly.
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../rust-toolchain.toml")
if ! rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -qx wasm32v1-none; then
	echo "setup: installing toolchain $channel with wasm32v1-none, rustfmt and clippy" >&2
	rustup toolchain install "$channel" --profile minimal \
		--component rustfmt --component clippy --target wasm32v1-none >&2
fi
export RUSTUP_TOOLCHAIN="$channel"
export WASM_BUILD_TOOLCHAIN="$channel"

# Lints in the build: the workspace's own crates are compiled through clippy-driver, as `cargo
# clippy` runs it (the same two variables), with warnings as errors. So the one build also lints
# them, and no second pass re-checks every dependency (it took 11 min of a cold CI run). Every
# script sets the same two variables: cargo keeps them in the workspace crates' fingerprints,
# so a plain `cargo build` (without them) recompiles those crates, not the dependencies.
export RUSTC_WORKSPACE_WRAPPER
RUSTC_WORKSPACE_WRAPPER="$(rustup which --toolchain "$channel" clippy-driver)"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

# Our pallets, the one list every script uses: each directory `pallets/<name>` is the crate
# `pallet-<name>` (its runtime API, if any, is `pallets/<name>/runtime-api`).
PALLETS=()
for manifest in "$(dirname "${BASH_SOURCE[0]}")"/../pallets/*/Cargo.toml; do
	[ -e "$manifest" ] || continue
	PALLETS+=("$(basename "$(dirname "$manifest")")")
done

# What the node, the client and the tests are built from: the whole workspace but the bencher
# (`tools/bencher`), which only `scripts/benchmark.sh` builds, in the release profile, and the
# upgrade-test runtime (`runtime/upgrade-test`: the runtime compiled to wasm a second time),
# built only for the one test that needs it.
TEST_BUILD=(--workspace --exclude healthchain-bencher --exclude healthchain-runtime-upgrade-test)
# The test build and the upgrade-test runtime: the same packages' features resolved the same
# way, so that after the test build only the upgrade-test runtime is built (with `--all-targets`,
# as the test build). `test.sh` builds it beside the end-to-end tests, then runs the upgrade
# test (`council::a_runtime_upgrade…`, ignored otherwise).
UPGRADE_TEST_BUILD=(--workspace --exclude healthchain-bencher --all-targets)
# The second build, for what needs other features than the test build: the pallets' benchmark
# tests (their benchmarks against their mock runtimes, `runtime-benchmarks`) and the runtime's
# try-runtime test (`tests_try_state`, natively, `try-runtime`). One cargo invocation, so that
# the runtime's dependency graph (FRAME, no node, no client) is compiled once for both, with
# per-package feature resolution. The runtime is built with `native` instead of `std`: the same
# native code, without building its wasm and without the wasm builder, whose binaryen C++ would
# otherwise be compiled a second time (the two builds' host dependencies differ in features).
CHECKS_BUILD=()
for pallet in "${PALLETS[@]}"; do CHECKS_BUILD+=(-p "pallet-$pallet"); done
CHECKS_BUILD+=(-p healthchain-runtime
	--no-default-features
	--features healthchain-runtime/native,healthchain-runtime/runtime-benchmarks,healthchain-runtime/try-runtime
	--lib)

# The target directory is shared by every build, test, e2e run and CI run on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthchain/target}"
mkdir -p "$CARGO_TARGET_DIR"

# Debug builds with other runtime features (`metadata-hash`) write the runtime's wasm to the
# same `wbuild` directory and the node to the same path as the test build. (The benchmarks'
# build does not: it is in the `release` profile directory.) Call
# `with_runtime_features` before such a build: it makes the runtime's build script run again
# now and, when the script exits, rebuilds the test build, so that `target/debug/healthchain-node`
# is again the node `scripts/dev.sh` and the tests use.
restore_test_build() {
	touch runtime/build.rs
	echo "==> restoring the normal build" >&2
	cargo build --locked "${TEST_BUILD[@]}" --all-targets
}
with_runtime_features() {
	touch runtime/build.rs
	trap restore_test_build EXIT
}
