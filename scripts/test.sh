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
cargo build --locked "${TEST_BUILD[@]}" --all-targets

step "lints (clippy, warnings are errors)"
cargo clippy --locked "${TEST_BUILD[@]}" --all-targets -- -D warnings

# The end-to-end tests are one test binary; their nodes mostly wait for six-second slots, so
# they run side by side (each on its own temporary base path and free ports).
step "tests (unit, runtime, client, end-to-end)"
cargo test --locked "${TEST_BUILD[@]}" -- --test-threads "${E2E_THREADS:-8}"

# The benchmarks run as tests against the pallets' mock runtimes. This builds the pallets' own
# dependency graph (FRAME, no client crates, no wasm) a second time, with `runtime-benchmarks`
# and per-package feature resolution; the node is not rebuilt.
step "benchmark tests"
cargo test --locked -p pallet-registry -p pallet-health-tokens -p pallet-consent --features \
	pallet-registry/runtime-benchmarks,pallet-health-tokens/runtime-benchmarks,pallet-consent/runtime-benchmarks
