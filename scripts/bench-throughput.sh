#!/usr/bin/env bash
# How many consent grants a block holds for every transfer it holds: 6,000 wallets each sign
# one transaction in advance, all are submitted at once to one development node, and the
# wallets' transactions are counted block by block (`healthchain-bench throughput`); a block
# followed by another holding more of them was full. Once with transfers
# (`Balances::transfer_keep_alive`, the yardstick), once with grants (a patient paying for
# itself, one provision: a patient's first consent), on the same chain.
#
# Usage: scripts/bench-throughput.sh [release | debug]    (default release; WALLETS=6000)
# `release` builds the node in the `release` profile first (as scripts/bench-access.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

profile="${1:-release}"
case "$profile" in
release)
	echo "==> building the node (release)" >&2
	cargo build --locked --profile release -p healthchain-node
	;;
debug) ;;
*) echo "usage: scripts/bench-throughput.sh [release | debug]" >&2; exit 2 ;;
esac
node="$CARGO_TARGET_DIR/$profile/healthchain-node"
echo "==> building healthchain-bench (the test build)" >&2
cargo build --locked "${TEST_BUILD[@]}" --bin healthchain-bench
bench="$CARGO_TARGET_DIR/debug/healthchain-bench"

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
"$node" --dev --base-path "$work/node" --rpc-port "$port" --port "$(free_port)" --no-prometheus \
	--rpc-max-request-size 64 --rpc-max-response-size 64 >"$work/node.log" 2>&1 &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
url="ws://127.0.0.1:$port"
for _ in $(seq 120); do
	grep -q "finalized #1" "$work/node.log" 2>/dev/null && break
	sleep 1
done
grep -q "finalized #1" "$work/node.log" || { tail -20 "$work/node.log"; echo "the node did not finalize" >&2; exit 1; }

wallets="${WALLETS:-6000}"
echo "==> funding $wallets wallets" >&2
"$bench" --url "$url" throughput-setup --wallets "$wallets"
echo "==> $profile node ($("$node" --version))" >&2
transfer=$("$bench" --url "$url" throughput --kind transfer --wallets "$wallets")
echo "$transfer"
grant=$("$bench" --url "$url" throughput --kind grant --wallets "$wallets")
echo "$grant"
python3 -c '
import json, sys
transfer, grant = json.loads(sys.argv[1]), json.loads(sys.argv[2])
t, g = transfer["a_full_block_holds"], grant["a_full_block_holds"]
if not t or not g:
    sys.exit("no full block: use more wallets (WALLETS)")
print(json.dumps({"grants_per_transfer": round(g / t, 3), "transfers_per_block": t, "grants_per_block": g}))
' "$transfer" "$grant"
