#!/usr/bin/env bash
# LeadScore logistic regression vs scikit-learn lbfgs on 1 000 000 synthetic leads (see compare.py).
# usage: Benchmarks/logistic/run.sh [compare.py options, e.g. --rows 200000 --repeats 1]
# Needs python3 with numpy, pandas, scikit-learn; results go to stdout (copy them into RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product logistic-job --scratch-path .build-logistic-release >&2
python3 Benchmarks/logistic/compare.py --scratch-path .build-logistic-release "$@"
