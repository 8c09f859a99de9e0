#!/usr/bin/env bash
# The whole test suite: formatting, unit tests of every crate (pallet, runtime, client),
# benchmark tests, and the end-to-end tests that start real nodes and drive the real client.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { echo; echo "==> $*"; }

step "formatting"
cargo fmt --all -- --check

# One build serves the node, the client and every test (same profile, same features).
step "build (workspace, all targets)"
cargo build --locked --workspace --all-targets

step "lints (clippy, warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "tests (unit, runtime, client, end-to-end)"
cargo test --locked --workspace

# The benchmarks run as tests against the pallet's mock runtime. Only the FRAME crates below
# the pallet are rebuilt with `runtime-benchmarks`; the node is not.
step "benchmark tests"
cargo test --locked -p pallet-registry --features runtime-benchmarks
