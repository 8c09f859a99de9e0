#!/usr/bin/env bash
# Regenerate the pallets' weights (`pallets/*/src/weights.rs`) with the node's
# `benchmark pallet`, from the FRAME v2 benchmarks in `pallets/*/src/benchmarking.rs`.
#
# Usage: scripts/benchmark.sh [pallet ...]    (default: every healthchain pallet)
# STEPS and REPEAT override the sampling (defaults 50 and 20).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(registry health-tokens consent)

# The runtime-benchmarks build shares the debug profile (and so most of the dependency graph)
# with the test build; the test build is restored at the end (see `with_runtime_features`).
with_runtime_features
cargo build --locked -p healthchain-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/debug/healthchain-node"

for pallet in "${pallets[@]}"; do
	name="pallet_${pallet//-/_}"
	echo "==> benchmarking ${name}"
	"$node" benchmark pallet \
		--chain dev \
		--pallet "${name}" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--heap-pages 4096 \
		--template .maintain/frame-weight-template.hbs \
		--header .maintain/HEADER-APACHE2 \
		--output "pallets/${pallet}/src/weights.rs"
done
