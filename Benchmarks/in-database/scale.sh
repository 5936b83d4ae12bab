#!/usr/bin/env bash
# The in-database scale run of RESULTS.md: synthetic leads of each size (made once, cached in WORK), loaded into a
# throwaway PostgreSQL as a typed table, trained inside it with the cost of both processes (run.sh).
#
#   swift build -c release --product InDatabaseCompare --scratch-path .build-bench
#   bin/with-postgres Benchmarks/in-database/scale.sh [WORK] [SIZE …]     (default: /tmp/leadscore-indb 1M 10M)
# SIZE is 1M, 10M, … (millions of leads). A 10M table takes 1.4 GB in PostgreSQL and about half an hour on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${LEADSCORE_TEST_PG:?run inside bin/with-postgres}"
work="${1:-/tmp/leadscore-indb}"; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1M 10M)
mkdir -p "$work"
export PSQL="$LEADSCORE_TEST_PSQL" PGCONN="$LEADSCORE_TEST_PG"
port=$(echo "$LEADSCORE_TEST_PG" | sed 's/.*port=\([0-9]*\).*/\1/')
url="postgresql://postgres@127.0.0.1:$port/leadscore_test"
for size in "${sizes[@]}"; do
  rows=$(( ${size%M} * 1000000 )); table="leads${size,,}"; file="$work/leads-$size.csv"
  [ -s "$file" ] || python3 ../shared/tools/synth_leads.py "$rows" "$file" --seed 1 --noise 4
  echo "== $size load $(date -u +%T) load average $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "load wall %e s" python3 Benchmarks/in-database/load_csv.py "$file" "$table"
  "$PSQL" "$PGCONN" -X -q -c "SELECT pg_size_pretty(pg_total_relation_size('$table'))"
  echo "== $size train $(date -u +%T) load average $(cut -d' ' -f1-3 /proc/loadavg)"
  BINARY="${BINARY:-.build-bench/release/InDatabaseCompare}" Benchmarks/in-database/run.sh "$url" "$table" converted --no-memory
  echo "== $size done $(date -u +%T) load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$PSQL" "$PGCONN" -X -q -c "DROP TABLE $table"
done
