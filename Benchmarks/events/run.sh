#!/usr/bin/env bash
# The events benchmark (issue 20): synthetic leads + events with known half-lives, then train-engagement with
# learned half-lives, no decay ("points forever") and HubSpot-style decay (−25 % per 30 days) on the same
# snapshots and the same split (newest 20 % of leads = test). Prints each run's table; RESULTS.md records them.
#
#   Benchmarks/events/run.sh [LEADS] [HORIZON] [SEED]      (default 50000 90d 1)
#
# Uses the release build (swift build -c release --product leadscore). Runs niced; takes 10–15 minutes at
# 50 000 leads on a shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
leads="${1:-50000}"; horizon="${2:-90d}"; seed="${3:-1}"
bin=.build/release/leadscore
work="${TMPDIR:-/tmp}/leadscore-events-$leads-$seed"
mkdir -p "$work"
[ -f "$work/leads.csv" ] || nice -n 10 "$bin" synth --events "$leads" "$work/leads.csv" --seed "$seed"
for decay in learned none hubspot; do
  echo "== decay $decay, horizon $horizon"
  /usr/bin/time -f "wall %e s, max RSS %M KB" nice -n 10 "$bin" train-engagement "$work/leads.csv" --events "$work/leads.events.csv" \
    --horizon "$horizon" --decay "$decay" --out "$work/card-$decay-$horizon.json"
done
echo "== truth"; cat "$work/leads.truth.json"
