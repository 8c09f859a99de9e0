#!/usr/bin/env bash
# Check the release feature `metadata-hash` end to end: build the node with the runtime's
# metadata hash baked in, then run the wallet test against it, which signs as a hardware
# wallet does (`CheckMetadataHash` enabled) and expects the runtime to accept its own hash and
# refuse another (`HEALTHCHAIN_EXPECT_METADATA_HASH=1`). The normal build is restored at the end.
#
# Usage: scripts/release-check.sh
#
# The feature is switched on through the workspace (`--workspace --features
# healthchain-node/metadata-hash`), so the rest of the graph keeps the test build's features and
# only the runtime, the node and the runtime's build dependencies are built again. (With
# `-p healthchain-node --features …` cargo resolves features for that package alone and
# rebuilds hundreds of crates.) The first run compiles the wasm builder's metadata-hash
# dependencies (wasm executor, wasm-opt) for the runtime's build script: about 10 minutes here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

features=(--features healthchain-node/metadata-hash)

# The test build is restored at the end (see `with_runtime_features` in setup.sh).
with_runtime_features

echo "==> building with the metadata hash"
cargo build --locked "${TEST_BUILD[@]}" --all-targets "${features[@]}"

echo "==> signing with CheckMetadataHash enabled against that node"
HEALTHCHAIN_EXPECT_METADATA_HASH=1 cargo test --locked "${TEST_BUILD[@]}" "${features[@]}" \
	--test e2e wallet::
