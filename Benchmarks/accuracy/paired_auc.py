"""DeLong's test for two ROC AUCs measured on the same leads (DeLong, DeLong & Clarke-Pearson 1988, in the
fast midrank form of Sun & Xu 2014). Two scorers tested on one split share the split's luck, so the
standard error of their difference is far smaller than either AUC's own, and it is the one that says
whether "higher" means anything."""
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

