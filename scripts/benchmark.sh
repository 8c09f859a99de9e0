#!/usr/bin/env bash
# Regenerate the weights from an optimised build: the pallets' `weights.rs`
# (`pallets/*/src/weights.rs`), `pallet_balances` for this runtime
# (`runtime/src/weights/pallet_balances.rs`, the yardstick every call is compared with), and this
# runtime's block and extrinsic base weights (`runtime/src/weights/{block,extrinsic}_weights.rs`).
#
# Usage: scripts/benchmark.sh [target ...]    (default: every target below, `overhead` last)
#   <pallet>, each directory of pallets/ (registry, consent, …)
#                                           pallets/<target>/src/weights.rs
#   balances | transaction-payment          runtime/src/weights/pallet_<target>.rs
#   system-extensions                       runtime/src/weights/frame_system_extensions.rs
#   overhead                                runtime/src/weights/{block,extrinsic}_weights.rs
# STEPS and REPEAT override the sampling (defaults 50 and 20).
#
# What runs: `healthchain-bencher` (FRAME's `benchmark pallet` / `benchmark overhead` over a
# wasm blob, as `frame-omni-bencher` does; built in the `release` profile) over the runtime's
# wasm built with `--features runtime-benchmarks` (always optimised by substrate-wasm-builder).
# Both live in `$CARGO_TARGET_DIR/release`, apart from the test build in `debug`, which this
# script does not touch. The first run builds both (about 40 min on 2 cores); later runs only
# rebuild the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
	targets=("${PALLETS[@]}" balances transaction-payment system-extensions
		overhead)

echo "==> building healthchain-bencher and the runtime with runtime-benchmarks (release)" >&2
cargo build --locked --profile release -p healthchain-bencher
cargo build --locked --profile release -p healthchain-runtime --features runtime-benchmarks
bencher="$CARGO_TARGET_DIR/release/healthchain-bencher"
wasm="$CARGO_TARGET_DIR/release/wbuild/healthchain-runtime/healthchain_runtime.compact.compressed.wasm"

for target in "${targets[@]}"; do
	echo "==> benchmarking ${target}" >&2
	common=(--runtime "$wasm" --genesis-builder runtime --genesis-builder-preset development
		--header .maintain/HEADER-APACHE2)
	case "$target" in
	overhead)
		"$bencher" overhead "${common[@]}" --weight-path runtime/src/weights
		;;
	balances | transaction-payment | system-extensions)
		# Upstream pallets: the default template implements their own `WeightInfo` traits.
		case "$target" in
		system-extensions) pallet=frame_system_extensions ;;
		*) pallet="pallet_${target//-/_}" ;;
		esac
		"$bencher" pallet "${common[@]}" --pallet "$pallet" --extrinsic '*' \
			--wasm-execution compiled --steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
			--heap-pages 4096 --output "runtime/src/weights/${pallet}.rs"
		;;
	*)
		"$bencher" pallet "${common[@]}" --pallet "pallet_${target//-/_}" --extrinsic '*' \
			--wasm-execution compiled --steps "${STEPS:-50}" --repeat "${REPEAT:-20}" \
			--heap-pages 4096 --template .maintain/frame-weight-template.hbs \
			--output "pallets/${target}/src/weights.rs"
		;;
	esac
done
cargo fmt --all
