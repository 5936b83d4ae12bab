#!/usr/bin/env bash
# The scale run of issue 9 (see scale.py): LeadScore train (logistic, stumps) and score against LightGBM and
# scikit-learn on 10 000 … 5 000 000 synthetic leads, wall time and peak memory, written to BENCHMARKS.md
# between <!-- scale:begin --> and <!-- scale:end --> (raw runs in WORK/results.json).
#
#   pip install -r Benchmarks/accuracy/requirements.txt        # pandas, scikit-learn, lightgbm (the peers)
#   Benchmarks/scale/run.sh                                    # all four sizes: 20-40 minutes on 2 cores
#   Benchmarks/scale/run.sh --sizes 10000,100000 --no-write    # a quick check (scale.py --help for options)
#
# leadscore is built from the committed HEAD (exported with git archive to /tmp/leadscore-scale/source-COMMIT),
# so work in progress in the tree does not leak into the figures; SCALE_SOURCE=tree builds the working tree
# instead. Either way the scratch path is .build-scale, so other builds in this tree are left alone.
# Synthetic files are made once with ../shared/tools/synth_leads.py N FILE --seed 1 and cached in the work
# directory (default /tmp/leadscore-scale, --work to change; the 5M file is about 620 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
if [ "${SCALE_SOURCE:-head}" = tree ]; then
    swift build -c release --product leadscore --scratch-path .build-scale >&2
    exec python3 Benchmarks/scale/scale.py --leadscore .build-scale/release/leadscore "$@"
fi
commit=$(git rev-parse HEAD)
source="/tmp/leadscore-scale/source-${commit:0:12}"
if [ ! -f "$source/Package.swift" ]; then
    rm -rf "$source.partial" && mkdir -p "$source.partial"
    git archive "$commit" | tar -x -C "$source.partial"
    if [ -f Package.resolved ]; then cp Package.resolved "$source.partial/"; fi  # same dependency versions as the tree
    mv "$source.partial" "$source"
fi
swift build -c release --product leadscore --package-path "$source" --scratch-path "$repo/.build-scale" >&2
exec python3 Benchmarks/scale/scale.py --leadscore .build-scale/release/leadscore --source-commit "$commit" "$@"
