#!/usr/bin/env python3
"""Reference values for PairedAUCTests: DeLong's paired test from Benchmarks/accuracy/paired_auc.py (itself
checked there against scikit-learn's AUCs and a paired bootstrap) on seeded rows with heavy ties.

Run from this folder:  python3 make_paired_auc_fixture.py  (writes paired_auc_reference.json next to it)."""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "Benchmarks", "accuracy"))
from paired_auc import delong  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

rng = np.random.default_rng(20261202)
latent = rng.normal(size=500)
labels = rng.random(500) < 1 / (1 + np.exp(1.0 - latent))
first = np.round((latent + rng.normal(0, 0.6, 500)) * 6)   # integer points: many ties
second = np.round((latent + rng.normal(0, 1.0, 500)) * 4)
cases = []
for level in (0.95, 0.9):
    result = delong(labels, first, second, level=level)
    assert abs(result["auc_first"] - roc_auc_score(labels, first)) < 1e-12
    cases.append(dict(level=level, **{key: float(value) for key, value in result.items()}))
with open(os.path.join(HERE, "paired_auc_reference.json"), "w") as out:
    json.dump(dict(outcomes=labels.astype(int).tolist(), first=first.tolist(), second=second.tolist(), cases=cases), out)
    out.write("\n")
print("wrote paired_auc_reference.json:", cases)
