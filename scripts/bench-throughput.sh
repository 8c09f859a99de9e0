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

source scripts/bench-node.sh
bench_node "${1:-release}" --rpc-max-request-size 64 --rpc-max-response-size 64

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
