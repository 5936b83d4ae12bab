#!/usr/bin/env bash
# Snapshot + feature building at scale (issue 20): synthetic leads and events (1 000 000 leads ≈ 22.8 M events by
# default), then events-job (Benchmarks/events/EventsJob) three times: read both CSVs as train-engagement does,
# weekly snapshots with a 90-day label, every type's decayed count per snapshot. Prints each run's JSON line
# (phase times, peak RSS, load average) and /usr/bin/time's wall, CPU and max RSS; RESULTS.md records them.
#
#   Benchmarks/events/scale.sh [LEADS] [SEED]      (default 1000000 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
leads="${1:-1000000}"; seed="${2:-2}"
swift build -c release --product leadscore >/dev/null
swift build -c release --product events-job >/dev/null
work="${TMPDIR:-/tmp}/leadscore-events-scale-$leads-$seed"
mkdir -p "$work"
[ -f "$work/leads.csv" ] || nice -n 10 .build/release/leadscore synth --events "$leads" "$work/leads.csv" --seed "$seed"
echo "cores: $(nproc)"
for run in 1 2 3; do
  nice -n 10 /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" .build/release/events-job "$work/leads.csv" "$work/leads.events.csv"
done
