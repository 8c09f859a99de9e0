#!/usr/bin/env bash
# Back up, or restore, a STOPPED node's base path: its chains' ParityDB databases, keystores
# (the validator's session keys) and network keys at their default place
# (`chains/<id>/network/secret_ed25519`; a `--node-key-file` elsewhere is yours to keep), not
# the compiled-runtime cache (`wasm-cache`, rebuilt at start).
#
# Usage:
#   scripts/node-backup.sh backup  <base path> <archive.tar.gz>
#   scripts/node-backup.sh restore <archive.tar.gz> <base path>
#
# The node must be stopped: ParityDB cannot be copied consistently while it writes, and the
# script refuses while a process holds a database's lock. A restored node continues from the
# backup's block and syncs the rest from its peers. The archive holds secret keys: it is written
# readable by its owner only; keep it as you keep the keys. Restore a validator's backup on
# ONE machine only: two nodes signing with the same session keys equivocate. docs/operators.md
# §11; e2e test `operator::a_stopped_nodes_base_path_is_backed_up_and_restored`.
set -euo pipefail

usage() {
	echo "usage:" >&2
	sed -n 's/^#   //p' "$0" >&2
	exit 2
}

# The databases under <base path>: chains/<id>/paritydb.
databases() {
	find "$1/chains" -mindepth 2 -maxdepth 2 -type d -name paritydb 2>/dev/null
}

case "${1:-}" in
backup)
	[ $# -eq 3 ] || usage
	base=$2 archive=$3
	[ -n "$(databases "$base")" ] || {
		echo "node-backup: no chains/<id>/paritydb under $base" >&2
		exit 1
	}
	# ParityDB holds an exclusive lock (flock) on its database's `lock` file while open.
	while IFS= read -r lock; do
		if ! flock -n "$lock" true; then
			echo "node-backup: $lock is held: stop the node first" >&2
			exit 1
		fi
	done < <(find "$base/chains" -path '*/paritydb/*' -name lock)
	umask 077
	tar -C "$base" --exclude='chains/*/wasm-cache' -czf "$archive.partial" chains
	mv "$archive.partial" "$archive"
	echo "node-backup: $base -> $archive ($(du -h "$archive" | cut -f1))"
	;;
restore)
	[ $# -eq 3 ] || usage
	archive=$2 base=$3
	[ -f "$archive" ] || {
		echo "node-backup: no archive $archive" >&2
		exit 1
	}
	if [ -n "$(databases "$base")" ]; then
		echo "node-backup: $base already has a database ($(databases "$base" | head -1)):" \
			"restore into an empty base path" >&2
		exit 1
	fi
	mkdir -p "$base"
	tar -C "$base" -xzf "$archive"
	echo "node-backup: $archive -> $base"
	;;
*) usage ;;
esac
