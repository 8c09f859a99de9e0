# Sourced by the load benchmarks (scripts/bench-access.sh, scripts/bench-throughput.sh), after
# scripts/setup.sh: `bench_node <release | debug> [node flags…]` builds the node of that profile
# (`release`: in the `release` profile, about 40 min the first time; `debug`: the test build's)
# and `healthchain-bench` (the test build: it sends pre-encoded or pre-signed calls and times
# their answers), starts a development node of its own (temporary database, free ports),
# waits until it finalizes, and sets `profile`, `node`, `bench` and `url`. The node stops on
# exit.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bench_node() {
	profile="$1"
	shift
	case "$profile" in
	release)
		echo "==> building the node (release)" >&2
		cargo build --locked --profile release -p healthchain-node
		;;
	debug) ;;
	*) echo "usage: $0 [release | debug]" >&2; exit 2 ;;
	esac
	node="$CARGO_TARGET_DIR/$profile/healthchain-node"
	echo "==> building healthchain-bench (the test build)" >&2
	cargo build --locked "${TEST_BUILD[@]}" --bin healthchain-bench
	bench="$CARGO_TARGET_DIR/debug/healthchain-bench"

	bench_work=$(mktemp -d)
	local port
	port=$(free_port)
	"$node" --dev --base-path "$bench_work/node" --rpc-port "$port" --port "$(free_port)" \
		--no-prometheus "$@" >"$bench_work/node.log" 2>&1 &
	bench_node_pid=$!
	trap 'kill "$bench_node_pid" 2>/dev/null || true; wait "$bench_node_pid" 2>/dev/null || true; rm -rf "$bench_work"' EXIT
	url="ws://127.0.0.1:$port"
	for _ in $(seq 120); do
		grep -q "finalized #1" "$bench_work/node.log" 2>/dev/null && return 0
		sleep 1
	done
	tail -20 "$bench_work/node.log"
	echo "the node did not finalize" >&2
	exit 1
}
