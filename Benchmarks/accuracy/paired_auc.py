"""DeLong's test for two ROC AUCs measured on the same leads (DeLong, DeLong & Clarke-Pearson 1988, in the
fast midrank form of Sun & Xu 2014). Two scorers tested on one split share the split's luck, so the
standard error of their difference is far smaller than either AUC's own, and it is the one that says
whether "higher" means anything.

`python3 paired_auc.py` checks it against scikit-learn's AUCs and a paired bootstrap."""
import math

import numpy as np
from scipy.stats import norm, rankdata


def _placements(positive, negative):
    """AUC and the structural components of one scorer (midranks, so ties count one half)."""
    m, n = len(positive), len(negative)
    combined = rankdata(np.concatenate([positive, negative]))
    among_positive, among_negative = rankdata(positive), rankdata(negative)
    v10 = (combined[:m] - among_positive) / n  # per positive: share of negatives it outranks
    v01 = 1 - (combined[m:] - among_negative) / m  # per negative: share of positives that outrank it
    return v10.mean(), v10, v01


def delong(labels, first, second, level=0.95):
    """AUC(first) − AUC(second) on the same leads, its standard error, confidence interval and two-sided p."""
    labels = np.asarray(labels).astype(bool)
    first, second = np.asarray(first, float), np.asarray(second, float)
    auc_a, v10_a, v01_a = _placements(first[labels], first[~labels])
    auc_b, v10_b, v01_b = _placements(second[labels], second[~labels])
    m, n = len(v10_a), len(v01_a)
    s10 = np.cov(np.vstack([v10_a, v10_b]))
    s01 = np.cov(np.vstack([v01_a, v01_b]))
    variance = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    difference = auc_a - auc_b
    se = math.sqrt(max(variance, 0.0))
    quantile = norm.ppf(0.5 + level / 2)
    p = 2 * norm.sf(abs(difference) / se) if se > 0 else (0.0 if difference else 1.0)
    return dict(difference=difference, se=se, low=difference - quantile * se, high=difference + quantile * se, p=p,
                auc_first=auc_a, auc_second=auc_b)


def tested(paired):
    """The test when it ran (a `delong` result), else None (missing, or an error record)."""
    return paired if paired and "se" in paired else None


def margin_text(margin, paired):
    """+0.0043 (+0.0012…+0.0074): a margin and its interval, or the bare margin when no paired test ran."""
    paired = tested(paired)
    return f"{margin:+.4f}" + (f" ({paired['low']:+.4f}…{paired['high']:+.4f})" if paired else "")


if __name__ == "__main__":
    # Self-check against independent truth: scikit-learn's AUCs and a paired bootstrap's standard error,
    # on scores with ties (integer points) like a card's.
    from sklearn.metrics import roc_auc_score
    rng = np.random.default_rng(3)
    latent = rng.normal(size=6000)
    labels = rng.random(6000) < 1 / (1 + np.exp(1.5 - latent))
    model = latent + rng.normal(0, 0.4, 6000)
    points = np.round((latent + rng.normal(0, 0.5, 6000)) * 8)
    test = delong(labels, model, points)
    assert abs(test["auc_first"] - roc_auc_score(labels, model)) < 1e-12
    assert abs(test["auc_second"] - roc_auc_score(labels, points)) < 1e-12
    draws = []
    for _ in range(2000):
        rows = rng.integers(0, 6000, 6000)
        draws.append(roc_auc_score(labels[rows], model[rows]) - roc_auc_score(labels[rows], points[rows]))
    bootstrap = float(np.std(draws))
    assert abs(test["se"] / bootstrap - 1) < 0.1, (test["se"], bootstrap)
    print(f"ok: difference {test['difference']:+.4f}, DeLong se {test['se']:.5f}, bootstrap se {bootstrap:.5f}")
