#!/usr/bin/env python3
"""Gathers the card quality bars table of compare.py runs (one per split seed) into one Markdown page.
usage: seeds.py WORK SEED [SEED ...]   (WORK/seedN.md is compare.py's --no-write output for seed N)"""
import re
import statistics
import subprocess
import sys

work, seeds = sys.argv[1], sys.argv[2:]
row = re.compile(r"^\| (\S+) \| (logistic|stumps) \| ([-+0-9.]+) \| ×([0-9.]+) \| ([0-9.]+)[^|]*\| ([-+0-9.]+)[^|]*\| ([-+0-9.]+)[^|]*\|$")
found = {}
for seed in seeds:
    for line in open(f"{work}/seed{seed}.md"):
        match = row.match(line.strip())
        if match:
            key = (match.group(1), match.group(2))
            found.setdefault(key, []).append((seed, *[float(match.group(i)) for i in range(3, 8)]))

commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print("# Card quality bars over several splits\n")
print(f"Written by `Benchmarks/accuracy/seeds.sh` (commit {commit}): `compare.py` once per split seed "
      f"({', '.join(seeds)}; the main run in BENCHMARKS.md uses seed 7), each a stratified 70/30 split of the file, "
      "every tool trained on the same 70 % and tested on the same 30 %. Columns as in BENCHMARKS.md's bars table; "
      "✗ marks a missed bar.\n")
print("| data set | card from | seed | AUC − model's (≥ −0.005) | log loss ÷ model's (≤ 1.02) | ECE (≤ 0.02) | AUC − optbinning's (> 0) | AUC − FasterRisk's (> 0) |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
def mark(ok): return "" if ok else " ✗"
for (dataset, model), runs in sorted(found.items()):
    for seed, gap, ratio, ece, optb, fr in runs:
        print(f"| {dataset} | {model} | {seed} | {gap:+.4f}{mark(gap >= -0.005)} | ×{ratio:.4f}{mark(ratio <= 1.02)} | "
              f"{ece:.4f}{mark(ece <= 0.02)} | {optb:+.4f}{mark(optb > 0)} | {fr:+.4f}{mark(fr > 0)} |")
print("\nAUC − optbinning's over the seeds:\n")
print("| data set | card from | mean | smallest | largest | seeds ahead |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
for (dataset, model), runs in sorted(found.items()):
    gaps = [r[4] for r in runs]
    print(f"| {dataset} | {model} | {statistics.mean(gaps):+.4f} | {min(gaps):+.4f} | {max(gaps):+.4f} | "
          f"{sum(g > 0 for g in gaps)} of {len(gaps)} |")
