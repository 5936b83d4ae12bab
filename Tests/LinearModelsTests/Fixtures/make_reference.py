#!/usr/bin/env python3
"""Reference coefficients for LinearModelsTests: scikit-learn's LogisticRegression on the shipped online shoppers.

Encodes the first 6 000 rows of datasets/online-shoppers/online_shoppers_intention.csv by LeadScore's DesignEncoder rules (written out below, so the encoding can be checked
against the Swift encoder), writes the exact design matrix it fitted on, then fits scikit-learn at tol 1e-12:
newton-cholesky for L2 (lbfgs stops near a gradient norm of 1e-3 on the summed loss, leaving coefficients
off by about that much), saga for L1 and elastic net (about ten minutes on two cores). The Swift tests fit the same matrix and
compare; a second test encodes the CSV in Swift and compares its columns with this matrix.

usage: make_reference.py [PATH/TO/online_shoppers_intention.csv]   (default ../../../datasets/online-shoppers/online_shoppers_intention.csv)
writes: shoppers_design.csv  (no header; columns: Revenue, sample_weight, then one per design term)
        shoppers_reference.json  (terms, cases with C, l1_ratio, class_weight, coef_, intercept_)
(Until 2026-12 the fixture encoded all 9 240 rows of the X Education leads, which are not redistributed.)

Encoding (LeadScore DesignEncoder, numericEncoding .linear, minimumLevelCount 10):
- excluded: none. Empty cells are missing.
- numeric (parses as numbers): (x - mean) / sd with the population sd of non-missing values, missing -> 0,
  plus a missing-indicator column when some (not all) are missing; no value column when sd = 0.
- boolean (only TRUE/FALSE): TRUE -> 1, FALSE -> 0, missing -> 0 plus indicator; dropped when constant.
- categorical: one-hot over levels with >= 10 rows in first-seen order, then "other" (rarer levels) when
  there are any, then "missing" when any; dropped when every row falls in one column.
"""
import hashlib, json, os, sys, time
import numpy as np, pandas as pd, sklearn
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
EXCLUDED = []
TARGET = "Revenue"
ROWS = 6000
MIN_LEVEL_COUNT = 10


def encode(frame):
    """Columns (label, values) in LeadScore's design order."""
    columns = []
    for name in frame.columns:
        raw = frame[name]
        missing = raw.isna().to_numpy()
        present = raw[~missing]
        numbers = pd.to_numeric(present, errors="coerce")
        if len(present) and not numbers.isna().any():  # numeric
            x = pd.to_numeric(raw).to_numpy(dtype=float)
            mean = x[~missing].mean()
            sd = np.sqrt(((x[~missing] - mean) ** 2).mean())
            if sd > 0:
                columns.append((name, np.where(missing, 0.0, (x - mean) / sd)))
            if 0 < missing.sum() < len(x):
                columns.append((f"{name}: missing", missing.astype(float)))
        elif set(present) <= {"TRUE", "FALSE"}:  # boolean
            yes = (raw == "TRUE").to_numpy()
            if yes[~missing].any() and (~yes[~missing]).any():
                columns.append((name, yes.astype(float)))
            if 0 < missing.sum() < len(raw):
                columns.append((f"{name}: missing", missing.astype(float)))
        else:  # categorical
            counts = present.value_counts()
            levels = list(pd.unique(present))
            kept = [level for level in levels if counts[level] >= MIN_LEVEL_COUNT]
            groups = [(f"{name} = {level}", (raw == level).to_numpy()) for level in kept]
            pooled = [level for level in levels if counts[level] < MIN_LEVEL_COUNT]
            if pooled:
                groups.append((f"{name}: other", raw.isin(pooled).to_numpy()))
            if missing.any():
                groups.append((f"{name}: missing", missing))
            if len(groups) >= 2:
                columns += [(label, hit.astype(float)) for label, hit in groups]
    return columns


def gradient_norm(X, y, w, coef, intercept, C, l1_ratio):
    """Euclidean norm of the minimum-norm subgradient of LeadScore's objective (sum loss, strength = 1/C)."""
    z = X @ coef + intercept
    r = w * (1 / (1 + np.exp(-z)) - y)
    strength = 1 / C
    g = np.append(X.T @ r + strength * (1 - l1_ratio) * coef, r.sum())
    l1 = strength * l1_ratio
    if l1 > 0:
        nonzero = coef != 0
        g[:-1][nonzero] += l1 * np.sign(coef[nonzero])
        zero = ~nonzero
        g[:-1][zero] = np.sign(g[:-1][zero]) * np.maximum(np.abs(g[:-1][zero]) - l1, 0)
    return float(np.linalg.norm(g))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../datasets/online-shoppers/online_shoppers_intention.csv")
    data = open(path, "rb").read()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]).head(ROWS)
    y = (frame[TARGET] == "TRUE").astype(float).to_numpy()
    columns = encode(frame.drop(columns=EXCLUDED + [TARGET]))
    labels = [label for label, _ in columns]
    X = np.column_stack([values for _, values in columns])
    weights = 1 + (np.arange(len(y)) % 5) / 4  # a fixed pattern the Swift test does not need to reproduce

    design_path = os.path.join(HERE, "shoppers_design.csv")
    np.savetxt(design_path, np.column_stack([y, weights, X]), delimiter=",", fmt="%.10g")
    table = np.loadtxt(design_path, delimiter=",")  # fit on exactly the digits written
    y, weights, X = table[:, 0], table[:, 1], table[:, 2:]

    cases = [
        dict(name="l2", C=1.0, l1_ratio=0.0, class_weight=None, sample_weights=False, solver="newton-cholesky"),
        dict(name="l2-strong", C=0.01, l1_ratio=0.0, class_weight=None, sample_weights=False, solver="newton-cholesky"),
        dict(name="l2-balanced-weighted", C=1.0, l1_ratio=0.0, class_weight="balanced", sample_weights=True, solver="newton-cholesky"),
        dict(name="l1", C=0.05, l1_ratio=1.0, class_weight=None, sample_weights=False, solver="saga"),
        dict(name="elastic-net", C=0.05, l1_ratio=0.5, class_weight=None, sample_weights=False, solver="saga"),
    ]
    for case in cases:
        tol = 1e-12
        model = LogisticRegression(C=case["C"], l1_ratio=case["l1_ratio"], class_weight=case["class_weight"],
                                   solver=case["solver"], tol=tol, max_iter=1_000_000)
        started = time.time()
        sample = weights if case["sample_weights"] else None
        model.fit(X, y, sample_weight=sample)
        row_weights = (sample if sample is not None else np.ones_like(y)).copy()
        if case["class_weight"] == "balanced":
            totals = np.array([row_weights[y == 0].sum(), row_weights[y == 1].sum()])
            row_weights *= (totals.sum() / (2 * totals))[y.astype(int)]
        coef, intercept = model.coef_[0], float(model.intercept_[0])
        case.update(tol=tol, iterations=int(model.n_iter_[0]), seconds=round(time.time() - started, 2),
                    gradient_norm=gradient_norm(X, y, row_weights, coef, intercept, case["C"], case["l1_ratio"]),
                    intercept=intercept, coef=[float(c) for c in coef])
        print(f"{case['name']}: {case['iterations']} iterations, {case['seconds']} s, gradient norm {case['gradient_norm']:.3g}, "
              f"{int((coef == 0).sum())} zero weights")

    reference = dict(
        source="datasets/online-shoppers/online_shoppers_intention.csv", first_rows=ROWS, sha256=hashlib.sha256(data).hexdigest(), sklearn=sklearn.__version__,
        excluded=EXCLUDED, missing_tokens=[""], minimum_level_count=MIN_LEVEL_COUNT,
        objective="sum_i c_i log(1 + exp(-y_i (x_i.b + b0))) + (1/C) [(1 - l1_ratio)/2 |b|^2 + l1_ratio |b|_1]",
        rows=len(y), terms=labels, cases=cases)
    with open(os.path.join(HERE, "shoppers_reference.json"), "w") as out:
        json.dump(reference, out, indent=1)
        out.write("\n")
    print(f"{len(y)} rows x {len(labels)} terms")


if __name__ == "__main__":
    main()
