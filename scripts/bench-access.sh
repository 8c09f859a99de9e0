#!/usr/bin/env bash
# check_access under load: how many decisions one node answers for 50 custodians asking at
# once, at the worst case (each patient with 32 consents of 8 provisions, every one weighed).
#
# Usage: scripts/bench-access.sh [release | debug]    (default release)
#   release  builds the node in the `release` profile (about 40 min the first time, apart from
#            the test build) and measures it: the figure that counts.
#   debug    measures the test build's node (`target/debug`), as the tests run it.
# SECONDS_EACH (default 20) sets how long each measurement runs.
#
# It starts a development node of its own (temporary database, free ports), sets up 100
# patients' worst case through the node's RPC (`healthchain-bench access-setup`), then asks
# (`healthchain-bench access`): one question per call through `check_access` (the API before
# the batch) and batches of 100 through `check_access_batch`, over the 100 patients (each
# question of a batch about another patient: the worst case) and over one patient (a custodian
# releasing one patient's records), first as fast as the node answers (the most decisions a
# second it gives), then paced at 10,000 decisions a second in all (the latency of a batch at
# that load). Each run prints a JSON line: decisions per second and the latency of a call
# (p50, p95, p99). The load generator is the test build's `healthchain-bench`: it sends calls
# encoded once and times their answers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

source scripts/bench-node.sh
bench_node "${1:-release}" --rpc-max-connections 200

echo "==> the worst case, for 100 patients" >&2
"$bench" --url "$url" access-setup --patients 100

each="${SECONDS_EACH:-20}"
echo "==> $profile node ($("$node" --version))" >&2
"$bench" --url "$url" access --custodians 50 --one-by-one --patients 100 --seconds "$each"
"$bench" --url "$url" access --custodians 50 --batch 100 --patients 100 --seconds "$each"
"$bench" --url "$url" access --custodians 50 --batch 100 --patients 1 --seconds "$each"
"$bench" --url "$url" access --custodians 50 --batch 100 --patients 100 --seconds "$each" --rate 10000
"$bench" --url "$url" access --custodians 50 --batch 100 --patients 1 --seconds "$each" --rate 10000
