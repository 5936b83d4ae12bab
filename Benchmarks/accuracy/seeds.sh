#!/usr/bin/env bash
# The card quality bars of issue 6 on more than one split: compare.py once per split seed (no files written
# but its own work folders), then seeds.py gathers each run's bars table into Benchmarks/accuracy/SEEDS.md.
# One split of 6 000 test leads measures an AUC to about ±0.007, and the paired difference of two close
# scorers to about ±0.004 (95 %, DeLong), so a bar decided by less than that on one split is judged here.
#
#   Benchmarks/accuracy/seeds.sh [SEEDS] [DATA SET KEYS]     # default: 7 (the main run's split) to 12, every data set but the 100 000-lead one
#   PEERS=optb,fasterrisk Benchmarks/accuracy/seeds.sh       # only the peers this page compares with (faster)
#
# About 3.5 minutes a seed for the four data sets on 2 cores (FasterRisk dominates). Needs what run.sh needs.
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=${1:-"7 8 9 10 11 12"}
only=${2:-"online-shoppers,online-shoppers-no-pagevalues,x-education,synthetic"}
swift build -c release --product leadscore --scratch-path .build-bench >&2
work=${WORK:-/tmp/leadscore-accuracy-seeds}
mkdir -p "$work"
for seed in $seeds; do
    echo "== seed $seed" >&2
    python3 Benchmarks/accuracy/compare.py --leadscore .build-bench/release/leadscore --only "$only" --seed "$seed" \
        --repeats 1 --no-write --work "$work/seed$seed" ${PEERS:+--peers "$PEERS"} > "$work/seed$seed.md"
done
python3 Benchmarks/accuracy/seeds.py "$work" $seeds > Benchmarks/accuracy/SEEDS.md
echo "wrote Benchmarks/accuracy/SEEDS.md" >&2
