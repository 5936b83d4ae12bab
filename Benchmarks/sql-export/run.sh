#!/usr/bin/env bash
# Issue 15 item 15: time and peak memory of `leadscore export-sql` on a card with one huge category, for each
# dialect and size, so a return of the per-character (or quadratic) quoting shows here, not in a timed test.
#
#   Benchmarks/sql-export/run.sh                      # 8, 32 and 100 MB with .build/release/leadscore
#   Benchmarks/sql-export/run.sh 5 20 BINARY          # other sizes (MB), another binary (last argument)
#
# The category is text with a quote every 64 bytes ("plain") or a quote and a backslash every 3 bytes
# ("hostile": the worst case for PostgreSQL's E'…' escaping). Cards are made from docs/examples/… in a
# temporary folder, removed at the end. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=.build/release/leadscore
sizes=()
for argument in "$@"; do
  if [[ "$argument" =~ ^[0-9]+$ ]]; then sizes+=("$argument"); else binary="$argument"; fi
done
[ ${#sizes[@]} -gt 0 ] || sizes=(8 32 100)
[ -x "$binary" ] || swift build -c release --product leadscore >&2
work="$(mktemp -d "${TMPDIR:-/tmp}/leadscore-sql-export.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "| category | MB | dialect | seconds | peak memory (MB) | query (MB) |"
echo "| --- | ---: | --- | ---: | ---: | ---: |"
for kind in plain hostile; do
  for size in "${sizes[@]}"; do
    python3 - "$work/card.json" "$size" "$kind" <<'PY'
import json, sys
path, size, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
card = json.load(open("docs/examples/synthetic-seed-practice.json"))
unit = "x'\\" if kind == "hostile" else "a" * 63 + "'"
value = (unit * (size * 1_000_000 // len(unit) + 1))[: size * 1_000_000]
for criterion in card["criteria"]:
    if criterion["type"] == "categorical":
        criterion["conditions"][0]["categories"].append(value)
        break
json.dump(card, open(path, "w"))
PY
    for dialect in sqlite postgres ansi; do
      /usr/bin/time -f "%e %M" -o "$work/time" "$binary" export-sql "$work/card.json" --dialect "$dialect" > "$work/query.sql"
      read -r seconds kilobytes < "$work/time"
      query=$(( $(stat -c %s "$work/query.sql") / 1000000 ))
      echo "| $kind | $size | $dialect | $seconds | $(( kilobytes / 1024 )) | $query |"
    done
  done
done
