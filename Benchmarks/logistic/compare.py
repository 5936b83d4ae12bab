#!/usr/bin/env python3
"""LeadScore's logistic regression against scikit-learn's lbfgs on the same rows and columns, in one run.

usage: compare.py [--rows 1000000] [--work /tmp/leadscore-logistic-bench] [--repeats 3] [--threads 2]
                  [--package REPO] [--scratch-path .build-logistic-release] [--strength 1]

Data: shared/tools/synth_leads.py ROWS (seed 1), cached in --work. Rows whose index is a multiple of 5
are the test set, the rest train, on both sides. Each side reads the CSV untimed (pandas; LeadScore's
Dataset.load), then times encoding + fit on the training rows:
  LeadScore     DesignEncoder (numerics standardised + missing indicator, yes/no as 0/1, one-hot with
                levels under 10 rows pooled) + LogisticRegression(strength) with its automatic solver;
  scikit-learn  ColumnTransformer building the same columns (StandardScaler then SimpleImputer(0,
                add_indicator), yes/no as 0/1, OneHotEncoder(min_frequency=10)) + LogisticRegression(
                C = 1/strength, solver="lbfgs", default tol 1e-4, max_iter 1000).
The two fits alternate --repeats times; medians of wall seconds. Test AUC from each side's test-set
probabilities with sklearn.metrics.roc_auc_score. Memory: peak resident size during encoding + fit above
the size before it (VmHWM reset through /proc/self/clear_refs), against the encoded design's bytes.
The LeadScore side is LinearModelsTests.LogisticBenchmarkTests in a release build (run.sh builds it).
Prints one JSON line per fit and a Markdown summary.
"""
import argparse, json, os, platform, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=1_000_000)
parser.add_argument("--work", default="/tmp/leadscore-logistic-bench")
parser.add_argument("--repeats", type=int, default=3)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--package", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "../..")))
parser.add_argument("--scratch-path", default=".build-logistic-release")
parser.add_argument("--strength", type=float, default=1.0)
args = parser.parse_args()
for variable in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]:
    os.environ[variable] = str(args.threads)

import numpy as np, pandas as pd, sklearn  # after the thread variables, which numpy reads at import
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

SHARED = os.environ.get("LEADSCORE_SHARED", os.path.join(args.package, "../shared"))
TEST_EVERY = 5


def resident(peak):
    key = "VmHWM:" if peak else "VmRSS:"
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith(key))


def reset_peak():
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def data():
    os.makedirs(args.work, exist_ok=True)
    path = os.path.join(args.work, f"leads-{args.rows}.csv")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(SHARED, "tools/synth_leads.py"), str(args.rows), path], check=True)
    return path


def yes_no(frame):
    return (frame == "yes").astype(float)


def sklearn_fit(frame, y, train, test):
    X = frame.drop(columns=["lead_id", "converted"])
    text = [c for c in X if not pd.api.types.is_numeric_dtype(X[c])]
    booleans = [c for c in text if set(X[c].dropna().unique()) <= {"yes", "no"}]
    categorical = [c for c in text if c not in booleans]
    numeric = [c for c in X if c not in booleans + categorical]
    X_train, X_test = X.iloc[train], X.iloc[test]
    encoder = ColumnTransformer([
        ("numeric", make_pipeline(StandardScaler(), SimpleImputer(strategy="constant", fill_value=0.0, add_indicator=True)), numeric),
        ("boolean", FunctionTransformer(yes_no), booleans),
        ("categorical", OneHotEncoder(min_frequency=10, handle_unknown="infrequent_if_exist", sparse_output=False), categorical),
    ])
    model = LogisticRegression(C=1 / args.strength, solver="lbfgs", max_iter=1000)
    baseline = resident(False)
    reset_peak()
    started, cpu = time.perf_counter(), time.process_time()
    design = encoder.fit_transform(X_train)
    encoded = time.perf_counter()
    model.fit(design, y[train])
    total = time.perf_counter() - started
    result = dict(side="scikit-learn", encodeSeconds=encoded - started, fitSeconds=total - (encoded - started),
                  totalSeconds=total, cpuSeconds=time.process_time() - cpu, peakExtraBytes=resident(True) - baseline,
                  designColumns=design.shape[1], designBytes=design.nbytes, iterations=int(model.n_iter_[0]),
                  auc=roc_auc_score(y[test], model.predict_proba(encoder.transform(X_test))[:, 1]))
    del design
    return result


def leadscore_fit(csv, y, test):
    output = os.path.join(args.work, "leadscore")
    job = os.path.join(args.work, "job.json")
    with open(job, "w") as out:
        json.dump(dict(csv=csv, target="converted", testEvery=TEST_EVERY, strength=args.strength, output=output), out)
    subprocess.run([os.path.join(args.scratch_path, "release", "logistic-job"), job],
                   cwd=args.package, check=True, stdout=subprocess.DEVNULL)
    with open(output + ".json") as result:
        result = dict(side="LeadScore", **json.load(result))
    result["auc"] = roc_auc_score(y[test], np.fromfile(output + ".test.f64", dtype=np.float64))
    return result


def main():
    csv = data()
    frame = pd.read_csv(csv)
    y = frame["converted"].to_numpy()
    rows = np.arange(len(frame))
    train, test = rows[rows % TEST_EVERY != 0], rows[rows % TEST_EVERY == 0]
    fits = {"LeadScore": [], "scikit-learn": []}
    for _ in range(args.repeats):
        for side in fits:
            result = leadscore_fit(csv, y, test) if side == "LeadScore" else sklearn_fit(frame, y, train, test)
            fits[side].append(result)
            print(json.dumps(result), flush=True)

    def median(side, key):
        return statistics.median(fit[key] for fit in fits[side])

    ours, theirs = fits["LeadScore"], fits["scikit-learn"]
    ratio = median("LeadScore", "totalSeconds") / median("scikit-learn", "totalSeconds")
    memory = max(fit["peakExtraBytes"] for fit in ours) / ours[0]["designBytes"]
    print(f"\n### {args.rows:,} synthetic leads ({len(train):,} train / {len(test):,} test), {args.threads} threads, "
          f"{time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"scikit-learn {sklearn.__version__}, numpy {np.__version__}\n")
    print("| side | columns | encode s | fit s | total s (median) | CPU s | iterations | test AUC | peak extra MB | design MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for side, results in fits.items():
        print(f"| {side} | {results[0]['designColumns']} | {median(side, 'encodeSeconds'):.2f} | {median(side, 'fitSeconds'):.2f} "
              f"| {median(side, 'totalSeconds'):.2f} | {median(side, 'cpuSeconds'):.2f} | {results[0]['iterations']} "
              f"| {results[0]['auc']:.4f} | {max(r['peakExtraBytes'] for r in results) / 1e6:.0f} | {results[0]['designBytes'] / 1e6:.0f} |")
    print(f"\nLeadScore / scikit-learn wall time: **{ratio:.3f}** (target ≤ 0.25); "
          f"AUC difference {ours[0]['auc'] - theirs[0]['auc']:+.4f} (target ±0.001); "
          f"LeadScore peak extra memory / design: **{memory:.2f}** (target ≤ 2)")


if __name__ == "__main__":
    main()
