#!/usr/bin/env bash
# try-runtime checks on a snapshot of a dev chain: builds the runtime with its `try-runtime`
# feature, starts the test build's dev node, writes data into every one of healthchain's
# pallets through the client (organisations, agents, accreditations, a record and a licence,
# a consent, a representative, a break-glass grant, an audit entry, deposits taken over by an
# admin, a trial with its documents and data log, insurance attestations, an authorised node
# with a connection), stops the node, exports
# its state (`healthchain-node export-state`) and runs on it the runtime's upgrade (every
# migration with its pre- and post-upgrade checks) and every pallet's `try_state` (runtime
# tests `tests_try_state`).
#
# Usage: scripts/try-runtime.sh                  the snapshot, then the checks
#        scripts/try-runtime.sh snapshot FILE    only the snapshot, written to FILE (no cargo:
#                                                `scripts/test.sh` makes it beside the tests)
#        scripts/try-runtime.sh check FILE       only the checks, on the snapshot in FILE
#        scripts/try-runtime.sh upgrade FILE     only the runtime upgrade (`on-runtime-upgrade`:
#                                                every migration with its checks, then every
#                                                pallet's try_state) on FILE, any chain's
#                                                `healthchain-node export-state`
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

mode=${1:-all}
case "$mode" in
all | snapshot | check | upgrade) ;;
*) echo "usage: scripts/try-runtime.sh [snapshot FILE | check FILE | upgrade FILE]" >&2; exit 2 ;;
esac
[ "$mode" = all ] || [ -n "${2:-}" ] || { echo "try-runtime: $mode needs a FILE" >&2; exit 2; }

# The runtime with `try-runtime`, natively (`CHECKS_BUILD`, which `scripts/test.sh` has built
# already: its own feature resolution, FRAME again, not the node; no wasm), and its try_state
# test on the snapshot `$1`.
check() {
	echo "==> try-runtime: building the runtime with the try-runtime feature"
	cargo test --locked "${CHECKS_BUILD[@]}" --no-run
	echo "==> try-runtime: try_state of every pallet on the snapshot ($(wc -c <"$1") bytes)"
	HEALTHCHAIN_SNAPSHOT="$1" cargo test --locked \
		"${CHECKS_BUILD[@]}" tests_try_state -- --ignored
}
if [ "$mode" = check ]; then
	check "$2"
	exit 0
fi
if [ "$mode" = upgrade ]; then
	echo "==> try-runtime: the runtime upgrade on the snapshot ($(wc -c <"$2") bytes)"
	HEALTHCHAIN_SNAPSHOT="$2" cargo test --locked "${CHECKS_BUILD[@]}" \
		tests_try_state::the_runtime_upgrade_migrates_a_snapshot -- --ignored
	exit 0
fi

node="$CARGO_TARGET_DIR/debug/healthchain-node"
hc_bin="$CARGO_TARGET_DIR/debug/healthchain"
[ -x "$node" ] && [ -x "$hc_bin" ] || { echo "try-runtime: build the test build first (scripts/test.sh)" >&2; exit 1; }

dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$node" --dev --base-path "$dir/node" --rpc-port "$port" --port 0 --no-prometheus \
	>"$dir/node.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 143' TERM INT
hc() { "$hc_bin" --url "ws://127.0.0.1:$port" "$@" >/dev/null; }
# Up to 5 minutes: beside the end-to-end tests' nodes and the builds, the node starts slowly.
for _ in $(seq 300); do hc status 2>/dev/null && break; sleep 1; done

echo "==> try-runtime: writing data into every pallet of a dev chain"
for name in profile board record licence sponsor protocol crf; do echo "$name $RANDOM" >"$dir/$name.txt"; done
hc --suri //Bob registry register --kind hospital --profile-file "$dir/profile.txt"
hc --suri //Bob registry add-agent 0 charlie
hc --suri //Charlie registry accept 0
hc --suri //Bob registry add-agent 0 ferdie
hc --suri //Ferdie registry accept 0
hc --suri //Alice registry accredit 0 provider --valid-until +365d
hc --suri //Alice registry accredit 0 data-custodian --valid-until +365d
hc --suri //Dave registry register --kind licensing-board --profile-file "$dir/board.txt"
hc --suri //Alice registry accredit 1 licensing-board --valid-until +365d
hc --suri //Charlie token issue-record eve --file "$dir/record.txt"
hc --suri //Bob token change-deposit-owner 0 0
hc --suri //Dave token issue-licence ferdie physician --valid-until +365d --file "$dir/licence.txt"
hc --suri //Ferdie token accept-licence 1
hc --suri //Eve consent grant --grantee org:0 --scope category:imaging --purposes treatment --until +365d
hc --suri //Eve consent representative appoint bob --capacity guardian
hc --suri //Ferdie consent emergency open eve --justification life-threatening --duration 1h
hc --suri //Charlie consent log-access eve charlie --category imaging --purpose treatment \
	--receipt "$dir/access.json"
hc --suri //Bob consent change-audit-deposit-owner eve 1
hc --suri //Alice registry register --kind trial-sponsor --profile-file "$dir/sponsor.txt"
hc --suri //Alice registry accredit 2 trial-sponsor --valid-until +365d
hc --suri //Alice trial register NCT04368728
hc --suri //Alice trial document add NCT04368728 protocol "$dir/protocol.txt"
hc --suri //Alice trial milestone NCT04368728 first-enrolment
hc --suri //Alice trial log append NCT04368728 "$dir/crf.txt" "$dir/record.txt" --state "$dir/trial.log"
hc --suri //Alice trial log append NCT04368728 "$dir/licence.txt" --state "$dir/trial.log"
# An insurer (//Alice//stash, organisation 3): an attestation for Eve, renewed (one superseded,
# one active).
cat >"$dir/claims.json" <<EOF2
{ "plan": "GOLD", "member": "M-1", "coverage": ["telemedicine"],
  "period": { "start": "$(date -u -d '-30 days' +%F)", "end": "$(date -u -d '+1 year' +%F)" } }
EOF2
hc --suri //Alice//stash registry register --kind insurer --profile-file "$dir/profile.txt"
hc --suri //Alice registry accredit 3 insurer --valid-until +365d
hc --suri //Alice//stash insurance attest eve --claims "$dir/claims.json" --out "$dir/c0.json"
hc --suri //Alice//stash insurance renew 0 --claims "$dir/claims.json" --out "$dir/c1.json"
# A node of the hospital (organisation 0) authorised, run by its agent Charlie, with one
# connection (a deposit held).
hc --suri //Alice node authorise 12D3KooWSuTq6MG9gPt7qZqLFKkYrfxMewTZhj9nmRHJkPwzWDG2 charlie 0
hc --suri //Charlie node connect 12D3KooWSuTq6MG9gPt7qZqLFKkYrfxMewTZhj9nmRHJkPwzWDG2 \
	12D3KooWMz5U7fR8mF5DNhZSSyFN8c19kU63xYopzDSNCzoFigYk

kill "$pid"; wait "$pid" 2>/dev/null || true
snapshot="${2:-$dir/snapshot.json}"
"$node" export-state --dev --base-path "$dir/node" >"$snapshot" 2>>"$dir/node.log"
echo "==> try-runtime: snapshot of the dev chain written ($(wc -c <"$snapshot") bytes)"
[ "$mode" = snapshot ] || check "$snapshot"
