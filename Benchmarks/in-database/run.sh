#!/usr/bin/env bash
# One in-database training run with its cost: wall time and peak memory of the leadscore process
# (/usr/bin/time) and of the PostgreSQL server (the largest sum of its processes' resident memory, sampled
# every second), plus the machine's load average. Prints the trainer's JSON line, then the figures.
#
#   Benchmarks/in-database/run.sh URL TABLE TARGET [InDatabaseCompare flags…]
# (URL without password; the binary is the release InDatabaseCompare: swift build -c release --product InDatabaseCompare)
set -euo pipefail
binary="${BINARY:-.build/release/InDatabaseCompare}"
samples="$(mktemp)"
trap 'rm -f "$samples"' EXIT
( while sleep 1; do ps -C postgres -o rss= | awk '{ s += $1 } END { print s }' >> "$samples"; done ) &
sampler=$!
/usr/bin/time -v -o "$samples.time" "$binary" "$@" 2> >(grep -v '^pass' >&2)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
client=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$samples.time")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$samples.time")
server=$(sort -n "$samples" | tail -1)
echo "leadscore: wall $wall, peak RSS $((client / 1024)) MiB; postgres (all processes): peak RSS $((server / 1024)) MiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$samples.time"
