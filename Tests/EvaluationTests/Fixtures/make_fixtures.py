#!/usr/bin/env python3
"""Reference values for the Evaluation and Calibration tests, computed with scikit-learn, SciPy and NumPy.

Run from this folder:  python3 make_fixtures.py  (writes sklearn_reference.json next to this script).

The data are a few hundred seeded random rows built to exercise the awkward cases:
  * `probabilities` are rounded to two decimals, so they tie a lot and some sit exactly on bin edges (0.30, 0.70);
  * `scores` are integer point totals 0...40 with gaps, like a score card's totals;
  * `weights` are multiples of 0.01 and include a few exact zeros (scikit-learn drops zero-weight rows from
    ranking curves and isotonic fits; they contribute nothing to averages).

Every number is produced by a library call or by a computation that differs from the Swift one
(e.g. lift by expanding rows into unit slices instead of overlapping intervals), so the Swift tests compare
against independent truth. Only the equal-width/equal-count reliability numbers for the *weighted* case have no
library function; they reuse scikit-learn's own bin assignment (np.searchsorted on the same edges) with np.bincount.
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.stats import binomtest, ks_2samp
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (average_precision_score, brier_score_loss, log_loss, roc_auc_score,
                             roc_curve)

SEED = 20261123
N = 400

rng = np.random.default_rng(SEED)
z = rng.normal(size=N)
outcomes = (rng.uniform(size=N) < 1.0 / (1.0 + np.exp(-(1.3 * z - 0.8)))).astype(int)
raw = 1.0 / (1.0 + np.exp(-(0.9 * z - 0.6 + 0.4 * rng.normal(size=N))))
probabilities = np.clip(np.round(raw, 2), 0.01, 0.99)
scores = np.clip(np.round(12 + 7 * z + 2 * rng.normal(size=N)), 0, 40).astype(float)
# Leave some totals unused so the isotonic fit must interpolate over gaps.
scores[(scores == 5) | (scores == 23) | (scores == 30)] += 1
weight_units = rng.integers(20, 300, size=N)  # weights in hundredths: 0.20 ... 2.99
weight_units[rng.choice(N, size=6, replace=False)] = 0
weights = weight_units / 100.0


def ks_weighted(y, s, w):
    fpr, tpr, _ = roc_curve(y, s, sample_weight=w, drop_intermediate=False)
    return float(np.max(np.abs(tpr - fpr)))


def metric_block(w):
    block = {}
    for name, s in (("probabilities", probabilities), ("scores", scores)):
        block[name] = {
            "roc_auc": roc_auc_score(outcomes, s, sample_weight=w),
            "average_precision": average_precision_score(outcomes, s, sample_weight=w),
            "ks": ks_weighted(outcomes, s, w if w is not None else np.ones(N)),
        }
    block["probabilities"]["log_loss"] = log_loss(outcomes, probabilities, sample_weight=w)
    block["probabilities"]["brier"] = brier_score_loss(outcomes, probabilities, sample_weight=w)
    return block


def reliability(strategy, n_bins, w):
    """scikit-learn's calibration_curve, extended with bin edges, weights and the ECE built from them."""
    ww = np.ones(N) if w is None else w
    if strategy == "quantile":  # edges from the rows that carry weight
        edges = np.percentile(probabilities[ww > 0], np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    binids = np.searchsorted(edges[1:-1], probabilities)  # exactly what calibration_curve does
    rows = np.bincount(binids, weights=(ww > 0).astype(float), minlength=n_bins).astype(int)
    bw = np.bincount(binids, weights=ww, minlength=n_bins)
    bp = np.bincount(binids, weights=ww * probabilities, minlength=n_bins)
    bt = np.bincount(binids, weights=ww * outcomes, minlength=n_bins)
    keep = bw > 0
    prob_true, prob_pred = bt[keep] / bw[keep], bp[keep] / bw[keep]
    if w is None:  # the library's own numbers must agree with the bincount ones
        lib_true, lib_pred = calibration_curve(outcomes, probabilities, n_bins=n_bins, strategy=strategy)
        assert np.allclose(lib_true, prob_true, rtol=0, atol=1e-15)
        assert np.allclose(lib_pred, prob_pred, rtol=0, atol=1e-15)
        prob_true, prob_pred = lib_true, lib_pred
    ece = float(np.sum(bw[keep] / bw.sum() * np.abs(prob_true - prob_pred)))
    return {
        "strategy": strategy, "bins": n_bins, "weighted": w is not None,
        "lower": edges[:-1][keep].tolist(), "upper": edges[1:][keep].tolist(),
        "rows": rows[keep].tolist(), "weight": bw[keep].tolist(),
        "mean_predicted": prob_pred.tolist(), "observed_rate": prob_true.tolist(), "ece": ece,
    }


def lift(s, groups, units):
    """Lift by unit expansion: row i becomes units[i]*groups equal slices, ordered by score (highest first);
    inside a block of tied scores every slice carries the block's conversion rate (the average over all
    orders of the tied rows). Group k is the k-th equal run of slices."""
    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted, u_sorted = s[order], outcomes[order], units[order]
    slice_rate, slice_score = [], []
    for value in np.unique(s_sorted)[::-1]:
        m = s_sorted == value
        u = int(u_sorted[m].sum())
        if u == 0:
            continue
        rate = float((u_sorted[m] * y_sorted[m]).sum()) / u
        slice_rate.append(np.full(u * groups, rate))
        slice_score.append(np.full(u * groups, value))
    slice_rate, slice_score = np.concatenate(slice_rate), np.concatenate(slice_score)
    total = int(units.sum())
    per = slice_rate.reshape(groups, total)
    sc = slice_score.reshape(groups, total)
    unit_weight = 1.0 if units is unit_ones else 0.01
    pos = per.sum(axis=1) / groups * unit_weight
    wt = np.full(groups, total / groups * unit_weight)
    overall = pos.sum() / wt.sum()
    return {
        "groups": groups, "weighted": units is not unit_ones,
        "weight": wt.tolist(), "positives": pos.tolist(), "conversion_rate": (pos / wt).tolist(),
        "lift": (pos / wt / overall).tolist(), "cumulative_gain": (np.cumsum(pos) / pos.sum()).tolist(),
        "cumulative_lift": (np.cumsum(pos) / np.cumsum(wt) / overall).tolist(),
        "min_score": sc.min(axis=1).tolist(), "max_score": sc.max(axis=1).tolist(),
    }


unit_ones = np.ones(N, dtype=int)


def wilson(k, n, confidence):
    ci = binomtest(int(k), int(n)).proportion_ci(confidence_level=confidence, method="wilson")
    return {"successes": int(k), "trials": int(n), "confidence": confidence, "low": ci.low, "high": ci.high}


def tiers():
    tier = np.where(scores >= 20, 0, np.where(scores >= 12, 1, 2))
    out = []
    for t, name in enumerate(["A", "B", "C"]):
        m = tier == t
        k, n = int(outcomes[m].sum()), int(m.sum())
        ci = wilson(k, n, 0.95)
        out.append({"name": name, "rows": n, "share_of_leads": n / N, "conversions": k,
                    "conversion_rate": k / n, "share_of_conversions": k / int(outcomes.sum()),
                    "wilson_low": ci["low"], "wilson_high": ci["high"]})
    return {"tier_of_row": tier.tolist(), "names": ["A", "B", "C"], "tiers": out}


def isotonic(x, w):
    model = IsotonicRegression(out_of_bounds="clip").fit(x, outcomes, sample_weight=w)
    grid = np.concatenate([np.arange(-5.0, 45.5, 0.5), x[:40]]) if x is scores else \
        np.concatenate([np.linspace(-0.1, 1.1, 121), x[:40]])
    return {"input": "scores" if x is scores else "probabilities", "weighted": w is not None,
            "x_thresholds": model.X_thresholds_.tolist(), "y_thresholds": model.y_thresholds_.tolist(),
            "grid": grid.tolist(), "predictions": model.predict(grid).tolist()}


def platt(x, w):
    """Platt scaling with prior-corrected targets, solved tightly with SciPy's trust-region Newton on the exact
    Hessian; scikit-learn's own L-BFGS answer (gtol 1e-6) is recorded too, with its sign convention flipped
    (scikit-learn fits 1/(1+exp(A*s+B)); we fit sigmoid(a*s+b), so a = -A, b = -B)."""
    ww = np.ones(N) if w is None else w
    n_pos, n_neg = ww[outcomes == 1].sum(), ww[outcomes == 0].sum()
    t = np.where(outcomes == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    X = np.column_stack([x, np.ones(N)])

    def f(ab):
        zz = X @ ab
        return float(np.sum(ww * (np.logaddexp(0, zz) - t * zz)))

    def g(ab):
        p = 1 / (1 + np.exp(-(X @ ab)))
        return X.T @ (ww * (p - t))

    def h(ab):
        p = 1 / (1 + np.exp(-(X @ ab)))
        return X.T @ (X * (ww * p * (1 - p))[:, None])

    res = minimize(f, np.zeros(2), jac=g, hess=h, method="trust-exact", options={"gtol": 1e-11})
    assert res.success or np.max(np.abs(g(res.x))) < 1e-7, (res.message, g(res.x))
    A, B = _sigmoid_calibration(x, outcomes, sample_weight=w)
    return {"input": "scores" if x is scores else "probabilities", "weighted": w is not None,
            "slope": float(res.x[0]), "intercept": float(res.x[1]),
            "sklearn_slope": float(-A), "sklearn_intercept": float(-B)}


fixture = {
    "generated_by": "Tests/EvaluationTests/Fixtures/make_fixtures.py",
    "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
    "seed": SEED,
    "probabilities": probabilities.tolist(),
    "scores": scores.tolist(),
    "outcomes": outcomes.tolist(),
    "weights": weights.tolist(),
    "metrics": {"unweighted": metric_block(None), "weighted": metric_block(weights)},
    "ks_scipy_unweighted": {
        "probabilities": ks_2samp(probabilities[outcomes == 1], probabilities[outcomes == 0]).statistic,
        "scores": ks_2samp(scores[outcomes == 1], scores[outcomes == 0]).statistic,
    },
    "reliability": [reliability(s, b, w) for s in ("uniform", "quantile") for b in (10, 7)
                    for w in (None, weights)],
    "lift": [lift(s_, g, u) for s_ in (scores,) for g in (10, 7, 3) for u in (unit_ones, weight_units)],
    "wilson": [wilson(k, n, c) for (k, n) in ((0, 10), (5, 10), (10, 10), (1, 3), (37, 412), (123, 130))
               for c in (0.95, 0.9)],
    "tiers": tiers(),
    "isotonic": [isotonic(x, w) for x in (scores, probabilities) for w in (None, weights)],
    "platt": [platt(x, w) for x in (scores, probabilities) for w in (None, weights)],
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_reference.json")
with open(path, "w") as fh:
    json.dump(fixture, fh, indent=1, allow_nan=False)
    fh.write("\n")
print(f"wrote {path}: {N} rows, {int(outcomes.sum())} converted")
