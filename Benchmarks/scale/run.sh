#!/usr/bin/env bash
# The scale run of issue 9 (see scale.py): LeadScore train (logistic, stumps) and score against LightGBM and
# scikit-learn on 10 000 … 5 000 000 synthetic leads, wall time and peak memory, written to BENCHMARKS.md
# between <!-- scale:begin --> and <!-- scale:end --> (raw runs in WORK/results.json).
#
#   pip install -r Benchmarks/accuracy/requirements.txt        # pandas, scikit-learn, lightgbm (the peers)
#   Benchmarks/scale/run.sh                                    # all four sizes: 20-40 minutes on 2 cores
#   Benchmarks/scale/run.sh --sizes 10000,100000 --no-write    # a quick check (scale.py --help for options)
#
# leadscore is built from the committed HEAD, exported with git archive to /tmp/leadscore-scale/source, with
# scratch path .build-scale, so work in progress in the tree does not leak into the figures and other builds in
# this tree are left alone. SCALE_SOURCE=tree builds the working tree instead, in .build-scale-tree: SwiftPM
# keeps the build plan of the first package path it built in a scratch folder and reuses it for another
# --package-path (it reported a stale binary as up to date), so each source folder has its own scratch folder.
# Synthetic files are made once with ../shared/tools/synth_leads.py N FILE --seed 1 and cached in the work
# directory (default /tmp/leadscore-scale, --work to change; the 5M file is about 620 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SCALE_SOURCE:-head}" = tree ]; then
    swift build -c release --product leadscore --scratch-path .build-scale-tree >&2
    exec python3 Benchmarks/scale/scale.py --leadscore .build-scale-tree/release/leadscore "$@"
fi
commit=$(git rev-parse HEAD)
# what the binary is made of: a commit that changes only Benchmarks/ or docs reuses the export and the build
key=$(git rev-parse "$commit:Sources" "$commit:Package.swift" | tr '\n' ' ')
source=/tmp/leadscore-scale/source
if [ "$(cat "$source/.key" 2>/dev/null)" != "$key" ]; then
    rm -rf "$source.partial" && mkdir -p "$source.partial"
    git archive "$commit" | tar -x -C "$source.partial"
    if [ -f Package.resolved ]; then cp Package.resolved "$source.partial/"; fi  # same dependency versions as the tree
    touch "$source.partial/.exported"  # now, unlike the commit-time stamps git archive gives the files
    rm -rf "$source" && mv "$source.partial" "$source"
fi
swift build -c release --product leadscore --package-path "$source" --scratch-path .build-scale >&2
binary=.build-scale/release/leadscore
if [ "$(cat "$source/.key" 2>/dev/null)" != "$key" ]; then
    # a fresh export must give a fresh binary; anything else is a stale build plan
    if [ "$binary" -ot "$source/.exported" ]; then echo "stale $binary: older than the export of $commit" >&2; exit 1; fi
    echo "$key" > "$source/.key"
fi
exec python3 Benchmarks/scale/scale.py --leadscore "$binary" --source-commit "$commit" "$@"
