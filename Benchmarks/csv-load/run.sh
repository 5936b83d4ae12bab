#!/bin/sh
# CSV loading benchmark: `leadscore inspect` against pandas `read_csv` on the same synthetic file, in the
# same run, runs interleaved so both see the same machine. Writes Benchmarks/csv-load/RESULTS.md.
#
#   Benchmarks/csv-load/run.sh                 # 1 000 000 rows, 5 runs each
#   ROWS=200000 RUNS=3 Benchmarks/csv-load/run.sh
#
# Environment: ROWS, RUNS, CACHE (where the generated file is kept; it takes a while to make),
# SCRATCH (SwiftPM scratch path, default .build).
set -eu
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
CACHE=${CACHE:-/tmp/leadscore-bench}
SCRATCH=${SCRATCH:-.build}
FILE="$CACHE/leads-$ROWS.csv"

mkdir -p "$CACHE"
if [ ! -s "$FILE" ]; then
    echo "making $FILE (once; cached)"
    python3 ../shared/tools/synth_leads.py "$ROWS" "$FILE.partial"
    mv "$FILE.partial" "$FILE"
fi

swift build -c release --scratch-path "$SCRATCH" --product leadscore
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/leadscore"

python3 Benchmarks/csv-load/bench.py --leadscore "$BIN" --file "$FILE" --runs "$RUNS" \
    --out Benchmarks/csv-load/RESULTS.md
