#!/usr/bin/env bash
# The whole test suite: formatting, lints (clippy, warnings are errors: in the build, see
# `RUSTC_WORKSPACE_WRAPPER` in setup.sh), the unit tests of
# every crate (pallet, runtime, client), the end-to-end tests that start real nodes and drive
# the real client, the benchmark tests, and try-runtime checks on a snapshot of a dev chain.
#
# Laid out for two cores. The one build lints the workspace's crates as it compiles them. After
# it, the tests run straight from their binaries (as `cargo test` runs them: from their
# package's directory, with `CARGO_MANIFEST_DIR` set), while cargo, at the lowest priority,
# builds (and lints) the second feature set (benchmarks and try-runtime, `CHECKS_BUILD`) beside
# them: the end-to-end nodes mostly wait for their six-second slots, so the build takes the idle
# cores without slowing the nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { echo; echo "==> $*"; }

step "formatting"
cargo fmt --all -- --check

# One build serves the node, the client and every test (same profile, same features), and lints
# the workspace's crates (clippy, warnings are errors) as it compiles them.
step "build and lints (workspace, all targets)"
cargo build --locked "${TEST_BUILD[@]}" --all-targets

work=$(mktemp -d)
background=""
snapshot=""
upgrade=""
finish() {
	[ -z "$background" ] || kill -- "-$background" 2>/dev/null || kill "$background" 2>/dev/null || true
	[ -z "$snapshot" ] || kill "$snapshot" 2>/dev/null || true
	[ -z "$upgrade" ] || kill -- "-$upgrade" 2>/dev/null || kill "$upgrade" 2>/dev/null || true
	rm -rf "$work"
}
trap finish EXIT

# The test binaries of that build, each with its package's directory (listing builds nothing).
cargo test --locked "${TEST_BUILD[@]}" --no-run --message-format json |
	python3 -c '
import json, os, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message["profile"]["test"] \
            and message.get("executable"):
        print(os.path.dirname(message["manifest_path"]) + "\t" + message["executable"])
' >"$work/tests"
# A listing that went wrong must not pass as "no tests failed": every crate with tests is there.
crates=(e2e healthchain_node healthchain_runtime healthchain_client healthchain_primitives)
for pallet in "${PALLETS[@]}"; do crates+=("pallet_${pallet//-/_}"); done
for name in "${crates[@]}"; do
	grep -q "/deps/$name-" "$work/tests" || missing=1
done
[ -z "${missing:-}" ] || {
	cat "$work/tests"
	echo "test.sh: the test binaries were not all listed (above)" >&2
	exit 1
}

# Beside the tests: the benchmark and try-runtime build (the runtime's graph again,
# with `runtime-benchmarks` and `try-runtime`). The crates have no doc tests (`doctest = false`).
# The try-runtime snapshot (a dev node written to through the client) is made beside them too:
# it needs only the node and the client built above, and mostly waits for blocks.
bash scripts/try-runtime.sh snapshot "$work/snapshot.json" >"$work/snapshot.log" 2>&1 &
snapshot=$!

# First the upgrade-test runtime (the runtime compiled to wasm a second time, about a minute),
# which only the end-to-end council test needs: that test (a motion, then a runtime upgrade
# through one, on a four-validator network; ignored in the suite's run below) starts as soon as
# it is built, beside the others, so that it overlaps them rather than adding its length after.
set -m
{
	nice -n 19 cargo build --locked "${UPGRADE_TEST_BUILD[@]}" &&
		touch "$work/upgrade-built" &&
		nice -n 19 cargo test --locked "${CHECKS_BUILD[@]}" --no-run
} >"$work/cargo.log" 2>&1 &
background=$!
e2e_test=$(grep "/deps/e2e-" "$work/tests")
upgrade_test="council::a_council_motion_needs_two_thirds_and_upgrades_the_runtime_on_every_node"
(
	while [ ! -e "$work/upgrade-built" ]; do
		kill -0 "$background" 2>/dev/null || [ -e "$work/upgrade-built" ] || exit 1
		sleep 2
	done
	cd "${e2e_test%%$'\t'*}" && CARGO_MANIFEST_DIR="${e2e_test%%$'\t'*}" "${e2e_test#*$'\t'}" \
		--ignored --exact "$upgrade_test" </dev/null
) >"$work/upgrade.log" 2>&1 &
upgrade=$!
set +m

# The end-to-end tests are one test binary; their nodes mostly wait for six-second slots, so
# they run side by side (each on its own temporary base path and free ports): all at once (32
# threads, more than there are tests), as libtest starts them in name order and a long test
# started late would add its length to the suite's (30 at once kept the two cores about two
# thirds busy).
step "tests (unit, runtime, client, end-to-end), the benchmark and try-runtime build beside them"
while IFS=$'\t' read -r dir binary; do
	echo "     Running ${binary#"$CARGO_TARGET_DIR/"}"
	(cd "$dir" && CARGO_MANIFEST_DIR="$dir" "$binary" --test-threads "${E2E_THREADS:-32}" </dev/null)
done <"$work/tests"

step "the benchmark and try-runtime build (linted too), and the upgrade-test runtime"
if ! wait "$background"; then
	background=""
	cat "$work/cargo.log"
	echo "test.sh: the benchmark and try-runtime build failed (above)" >&2
	exit 1
fi
background=""
grep -E '^(warning|error)|Finished|test result' "$work/cargo.log" || true

# The benchmarks run as tests against the pallets' mock runtimes (built above). Only they: the
# pallets' other tests ran above, and the runtime's expect its metadata without the benchmark
# and try-runtime APIs.
step "benchmark tests"
cargo test --locked "${CHECKS_BUILD[@]}" benchmarking:: | tee "$work/benchmarks"
# Each pallet's benchmarks ran (a filter that matched nothing would pass).
[ "$(grep -c 'test result: ok. [1-9]' "$work/benchmarks")" -eq "${#PALLETS[@]}" ] || {
	echo "test.sh: the ${#PALLETS[@]} pallets' benchmark tests did not all run" >&2
	exit 1
}

step "try-runtime"
if ! wait "$snapshot"; then
	cat "$work/snapshot.log"
	echo "test.sh: the try-runtime snapshot failed (above)" >&2
	exit 1
fi
snapshot=""
cat "$work/snapshot.log"
bash scripts/try-runtime.sh check "$work/snapshot.json"

step "the council's motion and runtime upgrade (end to end)"
if ! wait "$upgrade"; then
	upgrade=""
	cat "$work/upgrade.log"
	echo "test.sh: the end-to-end council test (motion and upgrade) failed (above)" >&2
	exit 1
fi
upgrade=""
cat "$work/upgrade.log"
grep -q "test result: ok. 1 passed" "$work/upgrade.log" || {
	echo "test.sh: the end-to-end council test (motion and upgrade) did not run" >&2
	exit 1
}
