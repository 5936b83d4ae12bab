#!/usr/bin/env bash
# The accuracy table of issue 9 and the card quality bars of issue 6 (see compare.py), written to BENCHMARKS.md
# and the headline rows to README.md.
#
#   pip install -r Benchmarks/accuracy/requirements.txt && pip install --no-deps fasterrisk==0.1.10
#   Benchmarks/accuracy/run.sh [compare.py options, e.g. --only synthetic --repeats 1 --no-write]
#
# Needs ../shared/tools/peers.py and synth_leads.py beside the repository (LEADSCORE_SHARED overrides);
# the X Education set is used when ../shared/datasets/x-education-leads/Leads.csv is there.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product leadscore --scratch-path .build-bench >&2
exec python3 Benchmarks/accuracy/compare.py --leadscore .build-bench/release/leadscore "$@"
