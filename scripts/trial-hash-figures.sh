#!/usr/bin/env bash
# The client's hashing of a trial's data against `sha256sum`, over the same synthetic data set in
# one run: thousands of small files (CRF exports, lab results) and a few large ones (imaging
# exports). Both read the files from the page cache (each goes twice; the second time is
# reported). Usage: scripts/trial-hash-figures.sh [small files] [large files] [MiB per large file]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
small=${1:-5000}
large=${2:-6}
mib=${3:-256}
hc_bin="$CARGO_TARGET_DIR/debug/healthchain"
[ -x "$hc_bin" ] || cargo build --locked -p healthchain-client
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "==> writing $small small files and $large files of $mib MiB to $dir/data" >&2
python3 - "$dir/data" "$small" "$large" "$mib" <<'PY'
import os, sys
root, small, large, mib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for i in range(small):
    folder = os.path.join(root, f"site-{i % 20:02}", f"subject-{i:05}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "crf.csv"), "wb") as f:
        f.write(os.urandom(1024 + (i * 7919) % 60000))
os.makedirs(os.path.join(root, "imaging"), exist_ok=True)
for i in range(large):
    with open(os.path.join(root, "imaging", f"export-{i}.bin"), "wb") as f:
        for _ in range(mib):
            f.write(os.urandom(1 << 20))
PY
total=$(du -sm "$dir/data" | cut -f1)
cd "$dir"
run_sha256sum() { find data -type f -print0 | xargs -0 sha256sum >/dev/null; }
run_parallel() { find data -type f -print0 | xargs -0 -P "$(nproc)" -n 64 sha256sum >/dev/null; }
run_client() { "$hc_bin" trial log hash data >/dev/null; }
for round in 1 2; do
	s0=$(date +%s.%N); run_sha256sum; s1=$(date +%s.%N)
	p0=$(date +%s.%N); run_parallel; p1=$(date +%s.%N)
	c0=$(date +%s.%N); run_client; c1=$(date +%s.%N)
done
printf 'data set: %s files, %s MiB, %s cores\n' "$((small + large))" "$total" "$(nproc)"
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
echo "sha256sum (find | xargs, one process at a time): $(elapsed "$s0" "$s1") s"
echo "sha256sum on every core (xargs -P $(nproc)):      $(elapsed "$p0" "$p1") s"
echo "healthchain trial log hash (the debug build):     $(elapsed "$c0" "$c1") s"
