#!/usr/bin/env bash
# Rewrites client/metadata/healthchain.scale — the runtime metadata (v15) the client's code is
# generated from — from the runtime in this checkout. Run it after changing the runtime's calls,
# events, errors, storage, constants or runtime APIs; the runtime test
# `client_metadata_is_this_runtimes` fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
# The test build (every test binary, filtered to the one test): a build of the runtime alone would
# resolve other features and rebuild half the workspace.
HEALTHCHAIN_WRITE_METADATA=1 cargo test --locked "${TEST_BUILD[@]}" client_metadata_is_this_runtimes
echo "update-metadata: wrote client/metadata/healthchain.scale ($(wc -c <client/metadata/healthchain.scale) bytes)"
