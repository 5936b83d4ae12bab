#!/usr/bin/env python3
"""LeadScore's boosted stumps against LightGBM and XGBoost stumps, on the same rows, in one run.

usage: compare.py [accuracy] [speed] [truth]   (default: all three)
                  [--work /tmp/leadscore-stumps-bench] [--repeats 3] [--threads 2] [--package REPO]

  accuracy  shipped data sets (leaking columns excluded per their SOURCE.md; online shoppers with and
            without PageValues) and 100 000 synthetic leads: 70/30 stratified split (seed 7, as
            shared/tools/peers.py), 1000 rounds, learning rate 0.1, no early stopping, on all three.
            Targets: LeadScore test AUC within 0.002 of LightGBM (num_leaves=2, max_depth=1), log loss
            no more than 1 % above it.
  speed     1 000 000 synthetic leads (shared/tools/synth_leads.py, cached in --work), 1000 rounds,
            the three fits interleaved --repeats times; medians of wall and CPU seconds.
            Target: LeadScore at most half of XGBoost's (max_depth=1, tree_method=hist) wall time at
            equal test AUC (±0.001).
  truth     the 100 000-lead truth-recovery check (TruthRecoveryTests with LEADSCORE_BENCH=1).

The LeadScore side is the executable stumps-job (Benchmarks/stumps/StumpsJob), run from a
release build with --scratch-path .build-stumps-release; this script writes each data set as raw
columns (float64 values, int32 category codes, uint8 labels) plus a manifest, and a job file.
Prints one JSON line per fit and a Markdown summary at the end.
"""
import argparse, json, os, statistics, subprocess, sys, time
import numpy as np, pandas as pd
from sklearn.metrics import roc_auc_score, log_loss
from sklearn.model_selection import train_test_split

SHARED = os.environ.get("LEADSCORE_SHARED", "/work/shared")
ROUNDS, RATE = 1000, 0.1
BOOLEAN_WORDS = {"yes", "no", "true", "false"}


# ---------- data sets, typed once for all three tools ----------

def typed(df, target, positive, drop=(), categorical=()):
    """Features as float64 (numeric, boolean 0/1) or pandas category; roles for the Swift side."""
    y = (df[target].astype(str).str.lower() == str(positive).lower()).astype(np.uint8).values
    X = df.drop(columns=[target, *drop])
    roles = {}
    for c in X.columns:
        values = set(X[c].dropna().astype(str).str.lower().unique())
        text = not pd.api.types.is_numeric_dtype(X[c]) and not pd.api.types.is_bool_dtype(X[c])
        if c in categorical or (text and not values <= BOOLEAN_WORDS):
            X[c] = X[c].astype(str).where(X[c].notna(), None).astype("category")
            roles[c] = "categorical"
        elif values <= BOOLEAN_WORDS or pd.api.types.is_bool_dtype(X[c]):
            X[c] = X[c].astype(str).str.lower().map({"yes": 1.0, "true": 1.0, "no": 0.0, "false": 0.0})
            roles[c] = "boolean"
        else:
            X[c] = X[c].astype(float)
            roles[c] = "numeric"
    return X, y, roles


def leads():
    df = pd.read_csv(f"{SHARED}/datasets/x-education-leads/Leads.csv")
    leaks = ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"]
    return typed(df, "Converted", 1, drop=leaks)


def shoppers(page_values):
    df = pd.read_csv(f"{SHARED}/datasets/online-shoppers/online_shoppers_intention.csv")
    codes = ["OperatingSystems", "Browser", "Region", "TrafficType"]  # integer-coded categories (SOURCE.md)
    return typed(df, "Revenue", "true", drop=() if page_values else ["PageValues"], categorical=codes)


def synthetic(rows, work):
    path = f"{work}/synth_{rows}.csv"
    if not os.path.exists(path):
        subprocess.run([sys.executable, f"{SHARED}/tools/synth_leads.py", str(rows), path], check=True)
    return typed(pd.read_csv(path), "converted", 1, drop=["lead_id"])


def write_part(X, y, roles, directory):
    os.makedirs(directory, exist_ok=True)
    columns = []
    for i, c in enumerate(X.columns):
        entry = dict(name=c, role=roles[c], file=f"c{i}.bin")
        if roles[c] == "categorical":
            X[c].cat.codes.values.astype("<i4").tofile(f"{directory}/c{i}.bin")
            entry["levels"] = [str(level) for level in X[c].cat.categories]
        else:
            X[c].values.astype("<f8").tofile(f"{directory}/c{i}.bin")
        columns.append(entry)
    y.astype(np.uint8).tofile(f"{directory}/labels.bin")
    with open(f"{directory}/manifest.json", "w") as f:
        json.dump(dict(rows=len(X), columns=columns, labels="labels.bin"), f)


def split(X, y, seed=7, test=0.3):
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=test, random_state=seed, stratify=y)
    Xtr, Xte = Xtr.copy(), Xte.copy()
    for c in Xtr.columns:
        if isinstance(Xtr[c].dtype, pd.CategoricalDtype):  # LightGBM and XGBoost need one category list
            Xte[c] = Xte[c].cat.set_categories(Xtr[c].cat.categories)
    return Xtr, Xte, ytr, yte


# ---------- the three fits ----------

def timed(fit):
    wall, cpu = time.perf_counter(), time.process_time()
    model = fit()
    return model, time.perf_counter() - wall, time.process_time() - cpu


def metrics(y, p):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return dict(auc=round(roc_auc_score(y, p), 5), logloss=round(log_loss(y, p), 5))


def lightgbm(Xtr, ytr, Xte, yte, threads, rounds=ROUNDS):
    import lightgbm as lgb
    m = lgb.LGBMClassifier(num_leaves=2, max_depth=1, n_estimators=rounds, learning_rate=RATE, n_jobs=threads, verbose=-1)
    m, wall, cpu = timed(lambda: m.fit(Xtr, ytr))
    return dict(model="lightgbm", fit_s=round(wall, 3), cpu_s=round(cpu, 3), **metrics(yte, m.predict_proba(Xte)[:, 1]))


def xgboost(Xtr, ytr, Xte, yte, threads, rounds=ROUNDS):
    import xgboost as xgb
    m = xgb.XGBClassifier(max_depth=1, n_estimators=rounds, learning_rate=RATE, tree_method="hist",
                          enable_categorical=True, n_jobs=threads)
    m, wall, cpu = timed(lambda: m.fit(Xtr, ytr))
    return dict(model="xgboost", fit_s=round(wall, 3), cpu_s=round(cpu, 3), **metrics(yte, m.predict_proba(Xte)[:, 1]))


def leadscore(o, directory, yte, tag):
    job = dict(train=f"{directory}/train", test=f"{directory}/test", validation=None, rounds=ROUNDS, learningRate=RATE,
               earlyStoppingPatience=None, threads=o.threads, output=f"{directory}/leadscore-{tag}")
    with open(f"{directory}/job-{tag}.json", "w") as f:
        json.dump(job, f)
    run = subprocess.run([os.path.join(o.package, ".build-stumps-release", "release", "stumps-job"), f"{directory}/job-{tag}.json"],
                         cwd=o.package, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"stumps-job failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    with open(job["output"] + ".json") as f:
        result = json.load(f)
    log_odds = np.fromfile(job["output"] + ".test.f64", dtype="<f8")
    return dict(model="leadscore", fit_s=round(result["fitSeconds"], 3), cpu_s=round(result["fitCPUSeconds"], 3),
                stumps=result["stumps"], **metrics(yte, 1 / (1 + np.exp(-log_odds))))


def swift_test(o, name, **env):
    command = ["swift", "test", "-c", "release", "--scratch-path", ".build-stumps-release", "--skip-build", "--filter", name]
    run = subprocess.run(command, cwd=o.package, env={**os.environ, "LEADSCORE_BENCH": "1", **env},
                         capture_output=True, text=True)
    if run.returncode != 0 or " 0 failures" not in run.stdout + run.stderr:
        sys.exit(f"{name} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    return run.stdout + run.stderr


# ---------- the four comparisons ----------

def accuracy(o, report):
    report.append("## Accuracy: 1000 rounds, learning rate 0.1, 70/30 stratified split (seed 7)\n")
    report.append("| data | rows train/test | model | test AUC | test log loss | ΔAUC vs LightGBM | log loss vs LightGBM |")
    report.append("| --- | --- | --- | --- | --- | --- | --- |")
    sets = [("x-education-leads", leads), ("online-shoppers", lambda: shoppers(True)),
            ("online-shoppers-no-PageValues", lambda: shoppers(False)), ("synthetic-100k", lambda: synthetic(100_000, o.work))]
    for name, load in sets:
        X, y, roles = load()
        Xtr, Xte, ytr, yte = split(X, y)
        directory = f"{o.work}/{name}"
        write_part(Xtr, ytr, roles, f"{directory}/train")
        write_part(Xte, yte, roles, f"{directory}/test")
        rows = [lightgbm(Xtr, ytr, Xte, yte, o.threads), xgboost(Xtr, ytr, Xte, yte, o.threads),
                leadscore(o, directory, yte, "accuracy")]
        reference = rows[0]
        for row in rows:
            print(json.dumps(dict(data=name, **row)), flush=True)
            report.append(f"| {name} | {len(Xtr)}/{len(Xte)} | {row['model']} | {row['auc']:.5f} | {row['logloss']:.5f} | "
                          f"{row['auc'] - reference['auc']:+.5f} | {100 * (row['logloss'] / reference['logloss'] - 1):+.2f} % |")
    report.append("")


def speed(o, report):
    X, y, roles = synthetic(1_000_000, o.work)
    Xtr, Xte, ytr, yte = split(X, y)
    directory = f"{o.work}/synthetic-1m"
    write_part(Xtr, ytr, roles, f"{directory}/train")
    write_part(Xte, yte, roles, f"{directory}/test")
    runs = {"xgboost": [], "lightgbm": [], "leadscore": []}
    for repeat in range(o.repeats):
        for row in (xgboost(Xtr, ytr, Xte, yte, o.threads), lightgbm(Xtr, ytr, Xte, yte, o.threads),
                    leadscore(o, directory, yte, "speed")):
            print(json.dumps(dict(data="synthetic-1m", repeat=repeat, **row)), flush=True)
            runs[row["model"]].append(row)
    report.append(f"## Speed: 1 000 000 synthetic leads ({len(Xtr)} train / {len(Xte)} test), 1000 rounds, "
                  f"{o.threads} threads, median of {o.repeats} interleaved runs\n")
    report.append("| model | fit wall s (median) | fit CPU s (median) | all wall s | test AUC | LeadScore wall ÷ this |")
    report.append("| --- | --- | --- | --- | --- | --- |")
    ours = statistics.median(r["fit_s"] for r in runs["leadscore"])
    for name, rows in runs.items():
        wall = statistics.median(r["fit_s"] for r in rows)
        report.append(f"| {name} | {wall:.2f} | {statistics.median(r['cpu_s'] for r in rows):.2f} | "
                      f"{', '.join('%.2f' % r['fit_s'] for r in rows)} | {rows[0]['auc']:.5f} | {ours / wall:.3f} |")
    report.append("")


def truth(o, report):
    output = swift_test(o, "TruthRecoveryTests")
    line = next(l for l in output.splitlines() if l.startswith("truth recovery:"))
    report.append(f"## Truth recovery (TruthRecoveryTests, LEADSCORE_BENCH=1)\n\n{line}; tolerance 0.1\n")


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("parts", nargs="*", default=["accuracy", "speed", "truth"])
    a.add_argument("--work", default="/tmp/leadscore-stumps-bench")
    a.add_argument("--repeats", type=int, default=3)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--package", default=os.path.abspath(f"{os.path.dirname(__file__)}/../.."))
    o = a.parse_args()
    os.makedirs(o.work, exist_ok=True)
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-stumps-release", "--build-tests",
                    "-Xswiftc", "-enable-testing"],
                   cwd=o.package, check=True, capture_output=True)
    import lightgbm, xgboost, sklearn
    report = [f"# Stumps benchmark run {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
              f"LightGBM {lightgbm.__version__}, XGBoost {xgboost.__version__}, scikit-learn {sklearn.__version__}\n"]
    for part in o.parts:
        dict(accuracy=accuracy, speed=speed, truth=truth)[part](o, report)
    print("\n".join(report))


if __name__ == "__main__":
    main()
