#!/usr/bin/env python3
"""The accuracy table of issue 9 and the card quality bars of issue 6, from one run.

usage: compare.py --leadscore PATH [--work /tmp/leadscore-accuracy-bench] [--repeats 3] [--threads 2]
                  [--only KEY,KEY] [--big-rows 100000] [--markdown BENCHMARKS.md] [--readme README.md]
                  [--no-write]

For every data set (see DATASETS) it makes ONE split of the file and trains, on the same rows:
  LeadScore   `leadscore train TRAIN --test-data TEST --model logistic|stumps --json`: the model and the
              point card made from it (LeadScore cross-fits on TRAIN in 4 folds: each fold's model is
              early-stopped or penalised on the quarter it did not see, those out-of-fold totals set
              points → probability and the tiers, the card's model learns from all of TRAIN; TEST is never seen);
  peers       ../shared/tools/peers.py TRAIN --test TEST (scikit-learn logistic regression, LightGBM default
              and stumps, XGBoost stumps, InterpretML EBM, optbinning Scorecard 0-100, FasterRisk), which fit
              on all of TRAIN.
The split: stratified 70/30 by outcome, seed 7, with identical rows (over the columns the models see)
kept on one side so a duplicated lead is never both trained on and tested (online shoppers has 125 such
rows). Files are written byte-for-byte as the source rows, so both sides parse the same text.

Metrics on TEST: ROC AUC, log loss, Brier score and expected calibration error over 10 equal-width bins.
Peers' and the card's are computed by peers.py's own `metrics()` (the card's from `leadscore score`
output on TEST, and checked against what `train` reported); the LeadScore models' by LeadScore's
Evaluation module, which uses the same definitions (bins closed on the right as in scikit-learn's
calibration_curve, where peers.py closes them on the left: they differ only for a probability exactly
on a bin edge).

Fit seconds: the median of --repeats runs for every model whose first run took under --slow seconds,
one run otherwise (marked). LeadScore: `fitSeconds` of the summary (fitting only, no loading) for the
models, wall time of the whole `train` command (load, fit, rounding, calibration, tiers, test metrics,
writing the card) for the cards. Peers: peers.py's fit_s (encoding + fit + predicting the test rows).

Writes a Markdown section to BENCHMARKS.md between `<!-- accuracy:begin -->` and `<!-- accuracy:end -->`
(other sections are left alone) and the headline rows to README.md between
`<!-- accuracy-headline:begin -->` and `<!-- accuracy-headline:end -->` when those markers exist.
Raw results: WORK/results.json. Progress goes to stderr.
"""
import argparse, datetime, hashlib, importlib.metadata, importlib.util, json, os, platform, re, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "../.."))
SHARED = os.environ.get("LEADSCORE_SHARED", os.path.join(REPO, "../shared"))
PEERS = os.path.join(SHARED, "tools/peers.py")
SYNTH = os.path.join(SHARED, "tools/synth_leads.py")
PEER_PREDICTIONS = os.path.join(HERE, "peer_predictions.py")

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--leadscore", required=True, help="the leadscore binary (release build)")
parser.add_argument("--built-from", default=REPO, help="the source tree the binary was built from (for its commit)")
parser.add_argument("--work", default="/tmp/leadscore-accuracy-bench")
parser.add_argument("--repeats", type=int, default=3, help="runs per model for the median fit time")
parser.add_argument("--slow", type=float, default=20.0, help="models whose first fit takes longer run once")
parser.add_argument("--threads", type=int, default=2, help="peers.py --threads (LightGBM, XGBoost, EBM)")
parser.add_argument("--fasterrisk-rows", type=int, default=20_000,
                    help="FasterRisk trains on a stratified sample of this many train rows when there are more (0: all)")
parser.add_argument("--seed", type=int, default=7, help="seed of the split")
parser.add_argument("--only", default="", help="comma-separated data set keys (default: all)")
parser.add_argument("--peers", default="", help="comma-separated peer models to run (default: all; e.g. optb,fasterrisk for the point cards only)")
parser.add_argument("--big-rows", type=int, default=100_000, help="rows of the generated synthetic set")
parser.add_argument("--markdown", default=os.path.join(REPO, "BENCHMARKS.md"))
parser.add_argument("--readme", default=os.path.join(REPO, "README.md"))
parser.add_argument("--no-write", action="store_true", help="print the Markdown only")
parser.add_argument("--from-results", action="store_true",
                    help="train and measure nothing: write the Markdown again from WORK/results.json of an earlier run")
args = parser.parse_args()

import numpy as np, pandas as pd  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

import paired_auc  # noqa: E402  (beside this file)

ONLINE_CODES = ["OperatingSystems", "Browser", "Region", "TrafficType"]
X_LEAKS = ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"]

# key, title, source file, target, columns left out, LeadScore flags, how the peers' copy differs
DATASETS = [
    dict(key="online-shoppers", title="Online shoppers, all 17 inputs (PageValues probably leaks)",
         file="datasets/online-shoppers/online_shoppers_intention.csv", target="Revenue", drop=[],
         split_ignores=["PageValues"], roles=ONLINE_CODES, missing=[], peer_codes=ONLINE_CODES),
    dict(key="online-shoppers-no-pagevalues", title="Online shoppers without PageValues",
         file="datasets/online-shoppers/online_shoppers_intention.csv", target="Revenue", drop=["PageValues"],
         split_ignores=["PageValues"], roles=ONLINE_CODES, missing=[], peer_codes=ONLINE_CODES),
    dict(key="x-education", title="X Education leads (leaking columns excluded)",
         file=os.path.join(SHARED, "datasets/x-education-leads/Leads.csv"), target="Converted", drop=X_LEAKS,
         split_ignores=[], roles=[], missing=["Select"], peer_codes=[], optional=True),
    dict(key="synthetic", title="Synthetic leads, 20 000 (datasets/synthetic)",
         file="datasets/synthetic/leads.csv", target="converted", drop=["lead_id"],
         split_ignores=[], roles=[], missing=[], peer_codes=[]),
    dict(key="synthetic-big", title="Synthetic leads, {rows} (shared/tools/synth_leads.py, seed 1)",
         file=None, target="converted", drop=["lead_id"], split_ignores=[], roles=[], missing=[], peer_codes=[]),
]
PEER_MODELS = ["lr", "lgbm", "lgbm_stumps", "xgb_stumps", "ebm", "optb", "fasterrisk"]
PEER_NAMES = dict(lr="scikit-learn logistic regression", lgbm="LightGBM (default, 300 trees)",
                  lgbm_stumps="LightGBM stumps (1000)", xgb_stumps="XGBoost stumps (1000)",
                  ebm="InterpretML EBM (no interactions)", optb="optbinning Scorecard 0–100",
                  fasterrisk="FasterRisk (k = 10, points −5…5)")
POINT_PEERS = {"optb", "fasterrisk"}
if args.peers:
    PEER_MODELS = [m for m in PEER_MODELS if m in args.peers.split(",")]


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def load_peers_module():
    """peers.py's metric code, so every Python-side number uses the definitions the peers use."""
    spec = importlib.util.spec_from_file_location("peers", PEERS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def patch_fasterrisk():
    """fasterrisk 0.1.10 calls ndarray.tostring(), removed in NumPy 2 (see peers.py): use tobytes(), once."""
    spec = importlib.util.find_spec("fasterrisk")
    if spec is None or spec.origin is None:
        return "fasterrisk not installed"
    path = os.path.join(os.path.dirname(spec.origin), "rounding.py")
    text = open(path).read()
    if ".tostring()" not in text:
        return "fasterrisk: rounding.py already uses tobytes()"
    with open(path, "w") as handle:
        handle.write(text.replace(".tostring()", ".tobytes()"))
    return f"fasterrisk: patched {path} (.tostring() → .tobytes())"


# ---------------------------------------------------------------- data and split

def source_file(dataset):
    if dataset["file"] is not None:
        path = dataset["file"] if os.path.isabs(dataset["file"]) else os.path.join(REPO, dataset["file"])
        return path if os.path.exists(path) else None
    path = os.path.join(args.work, f"synthetic-{args.big_rows}.csv")
    if not os.path.exists(path):
        log(f"generating {args.big_rows} synthetic leads → {path}")
        subprocess.run([sys.executable, SYNTH, str(args.big_rows), path, "--seed", "1"], check=True, stdout=sys.stderr)
    return path


def make_split(dataset, path, folder):
    """Stratified 70/30, identical rows (over the columns any model sees) on one side; returns row counts."""
    os.makedirs(folder, exist_ok=True)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)  # text as in the file
    ignored = set(dataset["drop"]) | set(dataset["split_ignores"]) | {dataset["target"]}
    key_columns = [c for c in frame.columns if c not in ignored]
    group = pd.util.hash_pandas_object(frame[key_columns], index=False).values
    groups = pd.DataFrame(dict(group=group, label=frame[dataset["target"]].values)).drop_duplicates("group")
    train_groups, _ = train_test_split(groups["group"].values, test_size=0.3, random_state=args.seed,
                                       stratify=groups["label"].values)
    in_train = np.isin(group, train_groups)
    parts = dict(train=frame[in_train], test=frame[~in_train])
    for name, part in parts.items():
        part.to_csv(os.path.join(folder, f"{name}.csv"), index=False)
        peer = part.copy()
        for column in dataset["peer_codes"]:  # integer-coded categories: text, so pandas treats them as categories
            peer[column] = "code_" + peer[column]
        for token in dataset["missing"]:  # a placeholder that means missing: empty, so pandas reads NaN
            peer = peer.replace(token, "")
        peer.to_csv(os.path.join(folder, f"peers-{name}.csv"), index=False)
    duplicates = int(len(frame) - len(groups))
    return dict(rows=len(frame), train=int(in_train.sum()), test=int((~in_train).sum()), grouped_duplicates=duplicates,
                positive_rate=None, sha256=hashlib.sha256(open(path, "rb").read()).hexdigest())


# ---------------------------------------------------------------- LeadScore side

def leadscore_train(dataset, folder, model, peers):
    card = os.path.join(folder, f"card-{model}.json")
    command = [args.leadscore, "train", os.path.join(folder, "train.csv"), "--test-data", os.path.join(folder, "test.csv"),
               "--target", dataset["target"], "--model", model, "--out", card, "--json"]
    if dataset["drop"]:
        command += ["--exclude", ",".join(dataset["drop"])]
    for column in dataset["roles"]:
        command += ["--role", f"{column}=categorical"]
    for token in dataset["missing"]:
        command += ["--missing", token]
    runs, walls = [], []
    for attempt in range(args.repeats):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if result.returncode != 0:
            return dict(error=f"exit {result.returncode}: {result.stderr.strip()[:600]}", command=command)
        summary = json.loads(result.stdout)
        runs.append(summary)
        walls.append(wall)
        if attempt == 0 and wall > args.slow:
            break
    first = runs[0]
    changed = [k for k in ("modelTest", "cardTest", "criteria") for r in runs[1:] if r[k] != first[k]]
    # the card on TEST again, through the rule scorer and peers.py's metric code
    scored = os.path.join(folder, f"scored-{model}.csv")
    result = subprocess.run([args.leadscore, "score", card, os.path.join(folder, "test.csv"), "--out", scored],
                            capture_output=True, text=True)
    check = None
    if result.returncode == 0:
        table = pd.read_csv(scored, usecols=["probability", "points", dataset["target"]], keep_default_na=False, dtype=str)
        truth = table[dataset["target"]].str.lower().isin(["1", "true", "yes"]).astype(int).values
        probability = table["probability"].astype(float).values
        check = peers.metrics(truth, probability)
        check["points_auc"] = round(float(roc_auc_score(truth, table["points"].astype(float).values)), 5)
    else:
        check = dict(error=result.stderr.strip()[:400])
    document = json.load(open(card))
    conditions = sum(len(criterion["conditions"]) for criterion in document["criteria"])
    return dict(model=first["model"], note=first["modelNote"], rows=first["rows"], modelTest=first["modelTest"],
                cardTest=first["cardTest"], criteria=first["criteria"], conditions=conditions,
                droppedFeatures=first["droppedFeatures"], notes=first["notes"],
                fit_s=statistics.median(r["fitSeconds"] for r in runs), wall_s=statistics.median(walls), runs=len(runs),
                unstable=sorted(set(changed)), scoredCheck=check, command=" ".join(command))


# ---------------------------------------------------------------- peers

def peers_run(dataset, folder, models, train="peers-train.csv", environment=None):
    command = [sys.executable, PEER_PREDICTIONS, os.path.join(folder, "predictions"), PEERS,
               os.path.join(folder, train), "--test", os.path.join(folder, "peers-test.csv"),
               "--target", dataset["target"], "--threads", str(args.threads), "--models", ",".join(models)]
    if dataset["drop"]:
        command += ["--drop", ",".join(dataset["drop"])]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(environment or {})})
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    out = {line["model"]: line for line in lines if "model" in line}
    info = next((line for line in lines if "dataset" in line), {})
    if result.returncode != 0:
        for model in models:
            out.setdefault(model, dict(model=model, error=f"peers.py exit {result.returncode}: {result.stderr.strip()[-400:]}"))
    return out, info


def optbinning_criteria(folder, dataset):
    """Variables of peers.py's optbinning Scorecard whose (non-empty) bins get different points, and those bins.
    A refit with exactly peers.py's settings (peers.py prints metrics only); not timed."""
    try:
        from optbinning import BinningProcess, Scorecard
        from sklearn.linear_model import LogisticRegression
        train = pd.read_csv(os.path.join(folder, "peers-train.csv"), sep=None, engine="python")
        y = train[dataset["target"]].astype(int).values
        X = train.drop(columns=[c for c in dataset["drop"] + [dataset["target"]] if c in train.columns])
        cats = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
        X = X.astype({c: object for c in cats})
        scorecard = Scorecard(binning_process=BinningProcess(list(X.columns), categorical_variables=cats),
                              estimator=LogisticRegression(max_iter=2000), scaling_method="min_max",
                              scaling_method_params={"min": 0, "max": 100}, intercept_based=False)
        scorecard.fit(X, y)
        table = scorecard.table(style="detailed")
        table = table[table["Count"] > 0]
        varying = [v for v, rows in table.groupby("Variable") if rows["Points"].round(6).nunique() > 1]
        bins = int(table[table["Variable"].isin(varying)].shape[0])
        integral = bool(np.allclose(table["Points"], np.round(table["Points"])))
        return dict(criteria=len(varying), conditions=bins, integer_points=integral)
    except Exception as error:  # reported, not hidden
        return dict(error=f"{type(error).__name__}: {error}"[:200])


def fasterrisk_train(dataset, folder, train_rows):
    """FasterRisk's training file: all train rows, or a stratified sample of --fasterrisk-rows of them."""
    if not args.fasterrisk_rows or train_rows <= args.fasterrisk_rows:
        return "peers-train.csv", None
    frame = pd.read_csv(os.path.join(folder, "peers-train.csv"), dtype=str, keep_default_na=False)
    sample, _ = train_test_split(frame, train_size=args.fasterrisk_rows, random_state=args.seed, stratify=frame[dataset["target"]])
    sample.to_csv(os.path.join(folder, "peers-train-fasterrisk.csv"), index=False)
    return "peers-train-fasterrisk.csv", len(sample)


def run_peers(dataset, folder, train_rows):
    """Every peer once, then again (--repeats in all) those whose first fit took at most --slow seconds.
    FasterRisk runs on its own with one BLAS thread (see the notes) and possibly on a sample of train."""
    fasterrisk_file, sampled = fasterrisk_train(dataset, folder, train_rows)
    groups = [([m for m in PEER_MODELS if m != "fasterrisk"], "peers-train.csv", None),
              (["fasterrisk"], fasterrisk_file, {"OPENBLAS_NUM_THREADS": "1"})]
    results, info = {}, {}
    for models, train, environment in groups:
        first, group_info = peers_run(dataset, folder, models, train, environment)
        info = info or group_info
        times = {m: [first[m]["fit_s"]] for m in models if "fit_s" in first.get(m, {})}
        fast = [m for m in models if m in times and times[m][0] <= args.slow]
        for _ in range(args.repeats - 1):
            if not fast:
                break
            again, _ = peers_run(dataset, folder, fast, train, environment)
            for m in fast:
                if "fit_s" in again.get(m, {}):
                    times[m].append(again[m]["fit_s"])
                    changed = [k for k in ("auc", "logloss", "brier", "ece") if again[m][k] != first[m][k]]
                    first[m]["unstable"] = sorted(set(first[m].get("unstable", []) + changed))
        for m, values in times.items():
            first[m]["fit_median_s"] = statistics.median(values)
            first[m]["runs"] = len(values)
        for m in models:
            results[m] = first.get(m, dict(model=m, error="no output from peers.py"))
    if sampled and "fasterrisk" in results:
        results["fasterrisk"]["train_rows"] = sampled
    return results, info


# ---------------------------------------------------------------- report

def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0) / 1024 ** 2
    os_name = next((line.split("=", 1)[1].strip().strip('"') for line in open("/etc/os-release") if line.startswith("PRETTY_NAME")), platform.system())
    return dict(cpu=cpu, cores=os.cpu_count(), memory_gib=round(memory, 1), os=os_name, kernel=platform.release())


def versions():
    found = {}
    for package in ["scikit-learn", "lightgbm", "xgboost", "interpret-core", "interpret", "optbinning", "fasterrisk", "pandas", "numpy"]:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            pass
    found["python"] = platform.python_version()
    found["swift"] = sh("swift --version 2>&1 | head -1")
    found["openblas"] = sh("dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || dpkg-query -W -f='${Version}' libopenblas0 2>/dev/null")
    found["leadscore"] = sh(f"{args.leadscore} --version")
    source = args.built_from
    if os.path.isdir(os.path.join(source, ".git")):
        commit = sh(f"git -C {source} rev-parse --short HEAD")
        dirty = sh(f"git -C {source} status --porcelain -- Sources Package.swift Package.resolved")
    else:  # an exported snapshot: `git archive` writes the commit into the archive's comment only, so it is passed in
        commit, dirty = os.environ.get("LEADSCORE_COMMIT", "unknown (exported tree)"), ""
    found["leadscore_commit"] = commit + (" + uncommitted changes in Sources/ at run time" if dirty else "")
    return found


def f4(value):
    return "–" if value is None or (isinstance(value, float) and value != value) else f"{value:.4f}"


def seconds(value, runs):
    if value is None:
        return "–"
    text = f"{value:.2f}" if value < 100 else f"{value:.0f}"
    return text + ("" if runs is None or runs >= args.repeats else "¹")


def dataset_table(entry):
    rows = [["model", "test AUC", "log loss", "Brier", "ECE", "fit s", "criteria (conditions)"],
            ["---", "---:", "---:", "---:", "---:", "---:", "---:"]]
    for model in ("logistic", "stumps"):
        side = entry["leadscore"][model]
        name = dict(logistic="LeadScore logistic", stumps="LeadScore stumps")[model]
        if "error" in side:
            rows.append([f"**{name}**", "failed", "", "", "", "", ""])
            continue
        m, c = side["modelTest"], side["cardTest"]
        rows.append([f"**{name}**", f4(m["auc"]), f4(m["logLoss"]), f4(m["brier"]), f4(m["ece"]), seconds(side["fit_s"], side["runs"]), ""])
        rows.append([f"**{name} → card** (0–100 points)", f4(c["auc"]), f4(c["logLoss"]), f4(c["brier"]), f4(c["ece"]),
                     seconds(side["wall_s"], side["runs"]) + "²", f"{side['criteria']} ({side['conditions']})"])
    for model in PEER_MODELS:
        peer = entry["peers"].get(model, {})
        if "auc" not in peer:
            rows.append([PEER_NAMES[model], "failed: " + peer.get("error", "no output").replace("|", "/")[:120], "", "", "", "", ""])
            continue
        criteria = ""
        if model == "optb":
            o = entry.get("optb_criteria", {})
            criteria = f"{o['criteria']} ({o['conditions']})" if "criteria" in o else "?"
        elif model == "fasterrisk":
            criteria = f"– ({peer.get('points_terms', '?')})"
        sampled = "³" if peer.get("train_rows") else ""
        rows.append([PEER_NAMES[model] + sampled, f4(peer["auc"]), f4(peer["logloss"]), f4(peer["brier"]), f4(peer["ece"]),
                     seconds(peer["fit_median_s"], peer["runs"]), criteria])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def paired_margins(dataset, folder):
    """Each card's test AUC minus each point peer's on the same leads, with DeLong's standard error:
    {model: {peer: paired_auc.delong(...)}}. The card is ranked by its points, as the rule scorer ranks leads."""
    out = {}
    for model in ("logistic", "stumps"):
        scored = os.path.join(folder, f"scored-{model}.csv")
        if not os.path.exists(scored):
            continue
        table = pd.read_csv(scored, usecols=["points", dataset["target"]], keep_default_na=False, dtype=str)
        truth = table[dataset["target"]].str.lower().isin(["1", "true", "yes"]).astype(int).values
        out[model] = {}
        for peer in sorted(POINT_PEERS):
            path = os.path.join(folder, "predictions", f"{peer}.txt")
            if not os.path.exists(path):
                continue
            probability = np.loadtxt(path, ndmin=1)
            if len(probability) != len(truth):
                out[model][peer] = dict(error=f"{len(probability)} predictions for {len(truth)} test rows")
                continue
            out[model][peer] = paired_auc.delong(truth, table["points"].astype(float).values, probability)
    return out


def quality_bars(entry):
    """Issue 6's bars for each card on this data set: list of (model, bar, measured, passed)."""
    out = []
    peers = entry["peers"]
    for model in ("logistic", "stumps"):
        side = entry["leadscore"][model]
        if "error" in side:
            out.append((model, "train ran", side["error"], False))
            continue
        m, c = side["modelTest"], side["cardTest"]
        out.append((model, "card AUC ≥ model AUC − 0.005", f"{c['auc'] - m['auc']:+.4f}", c["auc"] >= m["auc"] - 0.005))
        ratio = c["logLoss"] / m["logLoss"]
        out.append((model, "card log loss ≤ 1.02 × model's", f"×{ratio:.4f}", ratio <= 1.02))
        out.append((model, "card ECE ≤ 0.02", f"{c['ece']:.4f}", c["ece"] <= 0.02))
        for peer, label in (("optb", "optbinning"), ("fasterrisk", "FasterRisk")):
            if "auc" in peers.get(peer, {}):
                margin = c["auc"] - peers[peer]["auc"]
                paired = entry.get("paired", {}).get(model, {}).get(peer)
                out.append((model, f"card AUC > {label}'s", paired_auc.margin_text(margin, paired), margin > 0))
            else:
                out.append((model, f"card AUC > {label}'s", f"{label} failed", None))
    return out


def markdown(results, meta):
    lines = ["<!-- accuracy:begin -->", "## Accuracy", "",
             "Generated by `Benchmarks/accuracy/run.sh` (`compare.py`); do not edit by hand — re-run the command:", "",
             "```sh", "pip install -r Benchmarks/accuracy/requirements.txt && pip install --no-deps fasterrisk==0.1.10",
             "Benchmarks/accuracy/run.sh", "```", ""]
    v, mc = meta["versions"], meta["machine"]
    lines += [f"- **Run:** {meta['date']}, {meta['total_s'] / 60:.1f} min for the whole command after the build.",
              f"- **Machine:** {mc['cores']} cores ({mc['cpu']}), {mc['memory_gib']} GiB, {mc['os']}, Linux {mc['kernel']}. "
              f"Load average (1 min) {meta['load_before']:.1f} at the start and {meta['load_after']:.1f} at the end"
              + (" — **the machine was busy with other work, so fit times are inflated and noisy**; compare them within a run only."
                 if max(meta["load_before"], meta["load_after"]) > 1.5 else "."),
              f"- **LeadScore** {v.get('leadscore', '?')} (commit {v.get('leadscore_commit', '?')}), {v.get('swift', '?')}, "
              f"OpenBLAS {v.get('openblas', '?')}; release build; OpenBLAS threads default (all cores).",
              "- **Peers** (`../shared/tools/peers.py`, `--threads " + str(args.threads) + "`): "
              + ", ".join(f"{k} {v[k]}" for k in ["scikit-learn", "lightgbm", "xgboost", "interpret-core", "interpret", "optbinning", "fasterrisk", "pandas", "numpy"] if k in v)
              + f", Python {v['python']}. FasterRisk runs in a peers.py call of its own with `OPENBLAS_NUM_THREADS=1`: with two BLAS "
              "threads its many small NumPy products ran 4× slower or worse on the shared 2-core machine"
              + (f"; ³ = when train has more than {args.fasterrisk_rows:,} rows, FasterRisk trains on a stratified sample of "
                 f"{args.fasterrisk_rows:,} of them (`--fasterrisk-rows`; its fit time grows about linearly and the whole command "
                 "should stay under 15 minutes)." if args.fasterrisk_rows else "."),
              "- **Split:** one per data file, stratified 70 % train / 30 % test, seed " + str(args.seed)
              + ", identical rows (over the columns the models see) kept on one side. Every model trains on the train rows and is "
              "measured on the same test rows. LeadScore cross-fits on the train rows in 4 folds (each fold's model early-stopped or "
              "its L2 strength chosen on the quarter it did not see; their out-of-fold totals set points → probability and the tiers), "
              "and its card comes from the model of all train rows (stumps: the average of the four fold models); the peers fit on all 70 %.",
              "- **Metrics** on test: ROC AUC, log loss, Brier score, ECE = expected calibration error over 10 equal-width bins "
              "(the peers' and the cards' computed by peers.py's `metrics()`, LeadScore's models by its Evaluation module, same definitions).",
              f"- **fit s:** median of {args.repeats} runs (¹ = one run: the first took over {args.slow:.0f} s). LeadScore models: fitting only; "
              "² cards: wall time of the whole `leadscore train` command (loading, fitting, rounding, calibration, tiers, test metrics, writing the card); "
              "peers: peers.py's `fit_s` (encoding, fit, predicting the test rows).",
              "- **criteria (conditions):** point models only. LeadScore card: features with points (their conditions: ranges, "
              "categories, missing); optbinning: variables whose bins get different points (their bins); FasterRisk: binary "
              "conditions with non-zero points (its features are one-hot categories and quantile thresholds, at most k = 10).",
              "- **Data handling:** online shoppers' integer-coded `OperatingSystems`, `Browser`, `Region`, `TrafficType` are categories "
              "on both sides (`--role X=categorical` for LeadScore; written as text, `code_N`, in the peers' copy); X Education's "
              "`Select` means missing on both sides (`--missing Select`; an empty cell in the peers' copy) and its ID and leaking "
              "columns are left out; synthetic `lead_id` is left out.", ""]
    for entry in results:
        lines.append(f"### {entry['title']}")
        lines.append("")
        if entry.get("skipped"):
            lines += [f"Skipped: {entry['skipped']}", ""]
            continue
        s = entry["split"]
        lines.append(f"{s['rows']:,} rows ({s['train']:,} train, {s['test']:,} test; {s['grouped_duplicates']} duplicate rows kept "
                     f"with their twin), {entry['peer_info'].get('numeric', '?')} numeric and {entry['peer_info'].get('categorical', '?')} "
                     f"categorical inputs as the peers see them, {entry['peer_info'].get('pos_rate', 0) * 100:.1f} % converted in train.")
        lines.append("")
        lines.append(dataset_table(entry))
        lines.append("")
        notes = []
        for model in ("logistic", "stumps"):
            side = entry["leadscore"][model]
            if "error" in side:
                notes.append(f"LeadScore {model} failed: `{side['error']}`")
                continue
            notes.append(f"LeadScore {model}: {side['note']}" + (f"; no points for {', '.join(side['droppedFeatures'])}" if side["droppedFeatures"] else ""))
            check = side["scoredCheck"]
            if "error" in check:
                notes.append(f"`leadscore score` failed on the {model} card: `{check['error']}`")
            else:
                gap = max(abs(check["auc"] - side["cardTest"]["auc"]), abs(check["logloss"] - side["cardTest"]["logLoss"]),
                          abs(check["brier"] - side["cardTest"]["brier"]), abs(check["ece"] - side["cardTest"]["ece"]))
                if gap > 2e-5:
                    notes.append(f"the {model} card scored by `leadscore score` and measured by peers.py's code differs from "
                                 f"`train`'s report by up to {gap:.5f}: {check}")
            if side["unstable"]:
                notes.append(f"LeadScore {model}: {', '.join(side['unstable'])} changed between repeated runs")
        for model, peer in entry["peers"].items():
            if peer.get("unstable"):
                notes.append(f"{PEER_NAMES[model]}: {', '.join(sorted(set(peer['unstable'])))} changed between repeated runs")
        optb = entry.get("optb_criteria", {})
        if "error" in optb:
            notes.append(f"counting optbinning's criteria failed: `{optb['error']}`")
        elif not optb.get("integer_points", True):
            notes.append("optbinning's points are real numbers (its 0–100 min-max scaling does not round), so its card is not "
                         "penalised by rounding as LeadScore's and FasterRisk's integer points are")
        if "points_auc" in entry["peers"].get("optb", {}):
            notes.append(f"optbinning's AUC from its 0–100 points rather than its probabilities: {entry['peers']['optb']['points_auc']:.4f}")
        lines += [f"- {note}" for note in notes] + [""]
    lines += ["### Card quality bars (issue 6)", "",
              "Each LeadScore card against the model it came from and against the two point-based peers, on the same test rows.", "",
              "The margins over optbinning and FasterRisk are the card's test AUC (ranked by its points) minus the peer's, with a 95 % "
              "confidence interval from DeLong's paired test on the same test leads (`Benchmarks/accuracy/paired_auc.py`; the peers' per-lead "
              "probabilities come from peers.py itself, through `Benchmarks/accuracy/peer_predictions.py`). A margin whose interval spans 0 is a tie on "
              "this split: another split may order the two the other way (see [SEEDS.md](Benchmarks/accuracy/SEEDS.md)).", "",
              "| data set | card from | AUC − model's (≥ −0.005) | log loss ÷ model's (≤ 1.02) | ECE (≤ 0.02) | AUC − optbinning's (> 0) | AUC − FasterRisk's (> 0) |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    failures = []
    for entry in results:
        if entry.get("skipped"):
            continue
        bars = quality_bars(entry)
        for model in ("logistic", "stumps"):
            mine = [b for b in bars if b[0] == model]
            if len(mine) == 1:
                lines.append(f"| {entry['key']} | {model} | failed | | | | |")
                failures.append(f"{entry['key']} {model}: train failed")
                continue
            cells = []
            for _, bar, measured, passed in mine:
                cells.append(measured + ("" if passed else (" ✗" if passed is False else " ?")))
                if passed is False:
                    failures.append(f"{entry['key']} · {model} card: {bar} — measured {measured}")
            lines.append(f"| {entry['key']} | {model} | " + " | ".join(cells) + " |")
    lines += ["", "✗ = bar missed."]
    if failures:
        lines += ["", "Missed:"] + [f"- {failure}" for failure in failures]
    else:
        lines += ["", "Every bar holds on every data set."]
    lines += ["", "<!-- accuracy:end -->"]
    return "\n".join(lines), failures


def headline(results):
    rows = ["| data set | LeadScore card (stumps) | LeadScore card (logistic) | best other model | optbinning Scorecard | FasterRisk |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for entry in results:
        if entry.get("skipped"):
            continue
        cells = []
        for model in ("stumps", "logistic"):
            side = entry["leadscore"][model]
            cells.append("failed" if "error" in side else f"{side['cardTest']['auc']:.3f} ({side['criteria']} criteria)")
        continuous = [(p["auc"], PEER_NAMES[m].split(" (")[0]) for m, p in entry["peers"].items() if "auc" in p and m not in POINT_PEERS]
        continuous += [(entry["leadscore"][m]["modelTest"]["auc"], f"LeadScore {m}") for m in ("logistic", "stumps") if "error" not in entry["leadscore"][m]]
        best = max(continuous) if continuous else None
        cells.append(f"{best[0]:.3f} ({best[1]})" if best else "–")
        for peer in ("optb", "fasterrisk"):
            p = entry["peers"].get(peer, {})
            cells.append(f"{p['auc']:.3f}" if "auc" in p else "failed")
        rows.append(f"| {entry['key']} | " + " | ".join(cells) + " |")
    margins = []
    for entry in results:
        if entry.get("skipped"):
            continue
        cards = [(entry["leadscore"][m]["cardTest"]["auc"], m) for m in ("stumps", "logistic") if "error" not in entry["leadscore"][m]]
        for peer, label in (("optb", "optbinning"), ("fasterrisk", "FasterRisk")):
            if cards and "auc" in entry["peers"].get(peer, {}):
                auc, model = max(cards)
                paired = entry.get("paired", {}).get(model, {}).get(peer)
                margins.append((label, entry["key"], auc - entry["peers"][peer]["auc"], paired_auc.tested(paired)))
    summary = []
    for label in ("optbinning", "FasterRisk"):
        mine = [m for m in margins if m[0] == label]
        if not mine:
            continue
        ahead = [m for m in mine if m[2] > 0]
        text = (f"The better LeadScore card has a higher test AUC than {label}'s on {len(ahead)} of {len(mine)} data sets"
                + (f" (by {min(m[2] for m in ahead):+.4f} to {max(m[2] for m in ahead):+.4f})" if ahead else ""))
        behind = [m for m in mine if m[2] <= 0]
        if behind:
            text += "; behind on " + ", ".join(
                f"{m[1]} ({m[2]:+.4f}" + (f", 95 % CI {m[3]['low']:+.4f}…{m[3]['high']:+.4f} by DeLong's paired test"
                                          + (": a tie on this split" if m[3]["high"] > 0 else "") if m[3] else "") + ")"
                for m in behind)
        summary.append(text + ".")
    return "\n".join(["<!-- accuracy-headline:begin -->", "Test AUC on the same split (from the last run of the command; "
                      "all columns, log loss, calibration and fit times in [BENCHMARKS.md](BENCHMARKS.md)):", ""] + rows
                     + [""] + summary + ["", "<!-- accuracy-headline:end -->"])


def replace_block(path, begin, end, block, create_with=None):
    text = open(path).read() if os.path.exists(path) else (create_with or "")
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    elif create_with is not None:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        return False
    with open(path + ".tmp", "w") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)
    return True


def main():
    os.makedirs(args.work, exist_ok=True)
    if args.from_results:
        saved = json.load(open(os.path.join(args.work, "results.json")))
        for option, value in saved["meta"].get("options", {}).items():  # what the text says of the run is the run's
            if option in ("seed", "repeats", "slow", "threads", "fasterrisk_rows", "big_rows"):
                setattr(args, option, value)
        return publish(saved["results"], saved["meta"])
    log(patch_fasterrisk())
    peers = load_peers_module()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    wanted = [k for k in args.only.split(",") if k]
    results = []
    for dataset in DATASETS:
        if wanted and dataset["key"] not in wanted:
            continue
        title = dataset["title"].format(rows=f"{args.big_rows:,}".replace(",", " "))
        entry = dict(key=dataset["key"], title=title)
        path = source_file(dataset)
        if path is None:
            entry["skipped"] = f"`{dataset['file']}` is not there (not shipped: licence unknown)."
            log(f"[{dataset['key']}] skipped: no {dataset['file']}")
            results.append(entry)
            continue
        folder = os.path.join(args.work, dataset["key"])
        entry["split"] = make_split(dataset, path, folder)
        log(f"[{dataset['key']}] split {entry['split']['train']} / {entry['split']['test']}")
        entry["leadscore"] = {}
        for model in ("logistic", "stumps"):
            t = time.perf_counter()
            entry["leadscore"][model] = leadscore_train(dataset, folder, model, peers)
            side = entry["leadscore"][model]
            log(f"[{dataset['key']}] LeadScore {model}: " + (side["error"] if "error" in side else
                f"model AUC {side['modelTest']['auc']:.4f}, card AUC {side['cardTest']['auc']:.4f}, {side['criteria']} criteria") +
                f" ({time.perf_counter() - t:.0f} s)")
        t = time.perf_counter()
        entry["peers"], entry["peer_info"] = run_peers(dataset, folder, entry["split"]["train"])
        for model, peer in entry["peers"].items():
            log(f"[{dataset['key']}] {model}: " + (f"AUC {peer['auc']:.4f}, fit {peer['fit_median_s']:.2f} s" if "auc" in peer else peer.get("error", "?")))
        log(f"[{dataset['key']}] peers: {time.perf_counter() - t:.0f} s")
        entry["optb_criteria"] = optbinning_criteria(folder, dataset)
        entry["paired"] = paired_margins(dataset, folder)
        entry["bars"] = [dict(model=m, bar=b, measured=v, passed=ok) for m, b, v, ok in quality_bars(entry)]
        results.append(entry)
    meta = dict(date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), machine=machine(), versions=versions(),
                load_before=load_before, load_after=os.getloadavg()[0], total_s=time.perf_counter() - started, options=vars(args))
    with open(os.path.join(args.work, "results.json"), "w") as handle:
        json.dump(dict(meta=meta, results=results), handle, indent=1, default=str)
    publish(results, meta)


def publish(results, meta):
    """The Markdown to stdout, and unless --no-write into BENCHMARKS.md and README.md."""
    text, failures = markdown(results, meta)
    print(text)
    print()
    print(headline(results))
    if not args.no_write:
        replace_block(args.markdown, "<!-- accuracy:begin -->", "<!-- accuracy:end -->", text,
                      create_with="# Benchmarks\n\nLeadScore beside the tools a user would otherwise pick. "
                                  "\n")
        if replace_block(args.readme, "<!-- accuracy-headline:begin -->", "<!-- accuracy-headline:end -->", headline(results)):
            log(f"updated the headline rows in {args.readme}")
        log(f"wrote {args.markdown}; raw results in {os.path.join(args.work, 'results.json')}")
    log(f"quality bars: {'all hold' if not failures else str(len(failures)) + ' missed'}")
    for failure in failures:
        log("  missed: " + failure)


if __name__ == "__main__":
    main()
