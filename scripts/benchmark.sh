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
# with the test build. Both write the runtime's wasm to the same `wbuild` directory and the node
# to the same path, so the runtime's build script is made to run again before and after, and
# the normal build is restored at the end: `target/debug/healthchain-node` is again the node
# that `scripts/dev.sh` and the tests use.
restore() {
	touch runtime/build.rs
	echo "==> restoring the normal build" >&2
	cargo build --locked --workspace
}
touch runtime/build.rs
trap restore EXIT
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
