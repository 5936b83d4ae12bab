#!/usr/bin/env bash
# The CI smoke run: builds both libFuzzer harnesses and fuzzes each for 25 s from the committed seeds
# (50 s of fuzzing; the build takes a few minutes more). Exits non-zero on a crash (a trap, a failed
# precondition, an AddressSanitizer report) or a broken build. Longer runs: Fuzz/run.sh 600 (see docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
exec Fuzz/run.sh 25 csv card
