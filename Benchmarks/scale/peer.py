#!/usr/bin/env python3
"""One peer fit for the scale run (Benchmarks/scale/scale.py), as a user of the peer would write it.

usage: peer.py lgbm|lr DATA.csv [--target converted] [--drop lead_id] [--threads 2]

Loads DATA with pandas' C parser, prepares the columns as ../shared/tools/peers.py does (every
non-numeric column becomes a pandas category), then fits on ALL rows of the file:
  lgbm  LightGBM LGBMClassifier with default settings (100 trees of 31 leaves, learning rate 0.1),
        n_jobs=THREADS, categoricals handled natively from the category dtype;
  lr    scikit-learn LogisticRegression(C=1.0, max_iter=2000), lbfgs, on peers.py's encoding: numerics
        median-imputed with missing indicators and standardised, categoricals with missing as a level and
        one-hot (OneHotEncoder(handle_unknown="ignore", min_frequency=10)).
Prints one JSON line: seconds to load, to prepare the columns, to encode (lr only) and to fit, measured
inside the process, so the caller can separate the fit from interpreter start-up, imports and parsing.
"""
import argparse
import json
import time

started = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model", choices=["lgbm", "lr"])
    parser.add_argument("data")
    parser.add_argument("--target", default="converted")
    parser.add_argument("--drop", default="lead_id")
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    out = dict(model=options.model, import_s=time.perf_counter() - started)

    clock = time.perf_counter()
    frame = pd.read_csv(options.data)
    out["load_s"] = time.perf_counter() - clock

    clock = time.perf_counter()
    drop = [c for c in options.drop.split(",") if c] + [options.target]
    y = frame[options.target].astype(int).values
    X = frame.drop(columns=drop, errors="ignore")
    del frame
    cats = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    nums = [c for c in X.columns if c not in cats]
    for c in cats:
        X[c] = X[c].astype("category")
    if options.model == "lr":
        X = X.astype({c: object for c in cats})
    out["prepare_s"] = time.perf_counter() - clock
    out.update(rows=len(X), numeric=len(nums), categorical=len(cats))

    if options.model == "lgbm":
        import lightgbm as lgb
        model = lgb.LGBMClassifier(verbose=-1, n_jobs=options.threads)
        clock = time.perf_counter()
        model.fit(X, y)
        out["fit_s"] = time.perf_counter() - clock
        out["trees"] = int(model.booster_.num_trees())
    else:
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler
        encoder = ColumnTransformer([
            ("n", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), nums),
            ("c", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"),
                                OneHotEncoder(handle_unknown="ignore", min_frequency=10)), cats)])
        clock = time.perf_counter()
        design = encoder.fit_transform(X)
        out["encode_s"] = time.perf_counter() - clock
        out["design_columns"] = int(design.shape[1])
        out["design_sparse"] = not isinstance(design, np.ndarray)
        del X
        model = LogisticRegression(C=1.0, max_iter=2000)
        clock = time.perf_counter()
        model.fit(design, y)
        out["fit_s"] = time.perf_counter() - clock
        out["iterations"] = int(model.n_iter_[0])
    out["total_in_process_s"] = time.perf_counter() - started
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
