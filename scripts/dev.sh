#!/usr/bin/env bash
# Build the workspace and start a development chain: one validator (Alice), Aura blocks every
# 6 s, GRANDPA finality, state in ParityDB. RPC on ws://127.0.0.1:9944.
#
# Extra arguments go to the node, e.g. `scripts/dev.sh --base-path ./dev-data` keeps the chain
# between runs (the default is a temporary database, deleted on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --locked "${TEST_BUILD[@]}"
exec "$CARGO_TARGET_DIR/debug/healthchain-node" --dev "$@"
