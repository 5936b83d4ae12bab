#!/usr/bin/env python3
"""Gathers the card quality bars of compare.py runs (one per split seed) into one Markdown page.
usage: seeds.py WORK SEED [SEED ...]   (WORK/seedN/results.json is compare.py's raw output for seed N)"""
import json
import statistics
import subprocess
import sys

import paired_auc  # beside this file

work, seeds = sys.argv[1], sys.argv[2:]
runs = {}  # (data set, card from) -> [(seed, entry, model side)]
for seed in seeds:
    for entry in json.load(open(f"{work}/seed{seed}/results.json"))["results"]:
        if entry.get("skipped"):
            continue
        for model in ("logistic", "stumps"):
            runs.setdefault((entry["key"], model), []).append((seed, entry, entry["leadscore"][model]))


def mark(passed):
    return "" if passed else " ✗"


def margin(entry, model, peer):
    """The card's AUC minus the peer's on this split, and DeLong's paired test of it (None when it could not run)."""
    card, other = entry["leadscore"][model].get("cardTest", {}), entry["peers"].get(peer, {})
    if "auc" not in card or "auc" not in other:
        return None, None
    return card["auc"] - other["auc"], paired_auc.tested(entry.get("paired", {}).get(model, {}).get(peer))


def margin_cell(value, paired):
    return "failed" if value is None else paired_auc.margin_text(value, paired) + mark(value > 0)


commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print("# Card quality bars over several splits\n")
print(f"Written by `Benchmarks/accuracy/seeds.sh` (commit {commit}): `compare.py` once per split seed "
      f"({', '.join(seeds)}; seed 7 is the split of the main run in BENCHMARKS.md), each a stratified 70/30 split of the file, "
      "every tool trained on the same 70 % and tested on the same 30 %. Columns as in BENCHMARKS.md's bars table: "
      "✗ marks a missed bar; a margin over a peer is followed by its 95 % confidence interval from DeLong's paired "
      "test on that split's test leads.\n")
print("| data set | card from | seed | AUC − model's (≥ −0.005) | log loss ÷ model's (≤ 1.02) | ECE (≤ 0.02) | AUC − optbinning's (> 0) | AUC − FasterRisk's (> 0) |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for (dataset, model), found in sorted(runs.items()):
    for seed, entry, side in found:
        if "error" in side:
            print(f"| {dataset} | {model} | {seed} | failed | | | | |")
            continue
        m, c = side["modelTest"], side["cardTest"]
        gap, ratio = c["auc"] - m["auc"], c["logLoss"] / m["logLoss"]
        print(f"| {dataset} | {model} | {seed} | {gap:+.4f}{mark(gap >= -0.005)} | ×{ratio:.4f}{mark(ratio <= 1.02)} | "
              f"{c['ece']:.4f}{mark(c['ece'] <= 0.02)} | {margin_cell(*margin(entry, model, 'optb'))} | "
              f"{margin_cell(*margin(entry, model, 'fasterrisk'))} |")
for peer, label in (("optb", "optbinning"), ("fasterrisk", "FasterRisk")):
    print(f"\nAUC − {label}'s over the seeds (ahead / behind: the split's 95 % interval lies wholly above / below 0):\n")
    print("| data set | card from | mean | smallest | largest | splits with the higher AUC | significantly ahead | significantly behind |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (dataset, model), found in sorted(runs.items()):
        pairs = [margin(entry, model, peer) for _, entry, _ in found]
        values = [value for value, _ in pairs if value is not None]
        if not values:
            continue
        tested = [paired for _, paired in pairs if paired]
        print(f"| {dataset} | {model} | {statistics.mean(values):+.4f} | {min(values):+.4f} | {max(values):+.4f} | "
              f"{sum(v > 0 for v in values)} of {len(values)} | {sum(p['low'] > 0 for p in tested)} of {len(tested)} | "
              f"{sum(p['high'] < 0 for p in tested)} of {len(tested)} |")

# Issue 18, item 4: the default (stumps) card has no more conditions than optbinning's Scorecard on the same
# split, with test AUC above optbinning's and FasterRisk's.
print("\n## Condition counts (issue 18, item 4)\n")
print("Criteria (conditions) of each card against optbinning's Scorecard on the same split. LeadScore counts every "
      "condition of the card, including `unknown` and `any other value`; optbinning its non-empty bins of variables "
      "with varying points. Goal, for the default (stumps) card: conditions ≤ optbinning's and test AUC above "
      "optbinning's and FasterRisk's.\n")
print("| data set | seed | LeadScore stumps card (default) | LeadScore logistic card | optbinning | goal |")
print("| --- | ---: | --- | --- | --- | --- |")
for dataset in sorted({key for key, _ in runs}):
    for (seed, entry, stumps), (_, _, logistic) in zip(runs[(dataset, "stumps")], runs[(dataset, "logistic")]):
        optb = entry.get("optb_criteria", {})
        cell = lambda side: "failed" if "error" in side else f"{side['criteria']} ({side['conditions']})"
        optb_cell = f"{optb['criteria']} ({optb['conditions']})" if "conditions" in optb else "?"
        ahead = [margin(entry, "stumps", peer)[0] for peer in ("optb", "fasterrisk")]
        met = ("conditions" in optb and "error" not in stumps and stumps["conditions"] <= optb["conditions"]
               and all(value is not None and value > 0 for value in ahead))
        print(f"| {dataset} | {seed} | {cell(stumps)} | {cell(logistic)} | {optb_cell} | {'met' if met else '**missed**'} |")
