#!/usr/bin/env python3
"""The speed regression gate (issue 21 item 6): instruction counts of the hot paths users run, under
Valgrind's cachegrind, against the baselines stored in Benchmarks/Thresholds/baseline.json.

    Benchmarks/Thresholds/gate.py                      # check: exit 1 if a path costs > 10 % more than its baseline
    Benchmarks/Thresholds/gate.py --update             # measure and store new baselines (commit the JSON)
    Benchmarks/Thresholds/gate.py --binary PATH --only train-stumps --tolerance 5

Why instructions, not time: this 2-core machine is shared by several sessions, so wall and CPU time vary
2-3x between identical runs (Benchmarks/scale/CODED-LOGISTIC.md), and the VM exposes no hardware
counters to `perf stat`. Cachegrind counts every user-space instruction the process executes (`Ir`),
which is the same from run to run to well under 1 % when the work is the same, whatever else runs.
OpenBLAS is pinned to one thread (its idle workers spin a varying number of instructions); LeadScore's
own threads run serialised under Valgrind but do the same work. What a count does not see: cache misses,
memory bandwidth, kernel time and lost parallelism; the scale run (Benchmarks/scale) measures those.

Each path is a whole `leadscore` command on the shipped data (datasets/synthetic, 20 000 leads, and
datasets/online-shoppers), so a regression anywhere on the path a user runs shows, not only in a kernel.
A path that fails, or that the binary no longer runs, fails the gate. Needs valgrind (`apt-get install
valgrind`; not in bin/setup, since the test suite does not run the gate) and a release build (`swift build -c release --product leadscore`, the default binary).
"""
import argparse, json, os, platform, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BASELINE = os.path.join(HERE, "baseline.json")
SYNTHETIC = "datasets/synthetic/leads.csv"
SHOPPERS = "datasets/online-shoppers/online_shoppers_intention.csv"
SEED_CARD = "docs/examples/synthetic-seed-practice.json"

# name -> (arguments after the binary, what it stands for). {out} is a scratch folder.
PATHS = {
    "inspect": (["inspect", SYNTHETIC, "--target", "converted"],
                "CSV loading, typing and role inference (20 000 leads, 18 columns)"),
    "train-stumps": (["train", SYNTHETIC, "--target", "converted", "--exclude", "lead_id", "--model", "stumps",
                      "--out", "{out}/stumps.json"],
                     "train's default trainer: binning, 4-fold cross-fitted boosting, points, calibration, card"),
    "train-logistic": (["train", SYNTHETIC, "--target", "converted", "--exclude", "lead_id", "--model", "logistic",
                        "--out", "{out}/logistic.json"],
                       "binned logistic on codes: strength search per fold, final fit, card"),
    "train-shoppers": (["train", SHOPPERS, "--target", "Revenue", "--out", "{out}/shoppers.json"],
                       "train on real data (12 330 sessions, 17 columns), default trainer"),
    "score": (["score", SEED_CARD, SYNTHETIC, "--out", "{out}/scored.csv"],
              "rule scoring CSV in, CSV out (20 000 leads, 8 criteria)"),
    "export-sql": (["export-sql", "{out}/stumps.json", "--dialect", "postgres"],
                   "export of the trained stumps card as one PostgreSQL query"),
}


def count(binary, arguments, scratch):
    """User-space instructions of one run of `binary arguments` (cachegrind's Ir total)."""
    out_file = os.path.join(scratch, "cachegrind.out")
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out_file}",
               binary, *[a.format(out=scratch) for a in arguments]]
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    started = time.monotonic()
    run = subprocess.run(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    if run.returncode != 0:
        raise RuntimeError(f"exit {run.returncode}: {run.stderr[-2000:]}")
    with open(out_file) as handle:
        for line in handle:
            if line.startswith("summary:"):
                return int(line.split()[1]), seconds
    raise RuntimeError("cachegrind wrote no summary line")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/leadscore"))
    parser.add_argument("--update", action="store_true", help="store the measured counts as the new baselines")
    parser.add_argument("--tolerance", type=float, default=10.0, help="percent above the baseline that fails (default 10)")
    parser.add_argument("--only", action="append", choices=sorted(PATHS), help="check only these paths")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"gate: no leadscore binary at {binary}: build it (swift build -c release --product leadscore) or pass --binary")
    stored = json.load(open(BASELINE)) if os.path.exists(BASELINE) else {"paths": {}}
    names = options.only or list(PATHS)
    if "export-sql" in names and "train-stumps" not in names:
        names = ["train-stumps"] + names  # export-sql reads the card train-stumps writes
    failures, measured = [], {}
    with tempfile.TemporaryDirectory(prefix="leadscore-gate.") as scratch:
        print(f"{'path':16} {'baseline Ir':>16} {'now Ir':>16} {'change':>8}  valgrind s")
        for name in names:
            arguments, _ = PATHS[name]
            try:
                instructions, seconds = count(binary, arguments, scratch)
            except RuntimeError as error:
                failures.append(f"{name}: the command failed: {error}")
                print(f"{name:16} FAILED")
                continue
            measured[name] = instructions
            base = stored["paths"].get(name, {}).get("instructions")
            change = "" if base is None else f"{(instructions / base - 1) * 100:+.1f}%"
            print(f"{name:16} {base if base is not None else '-':>16} {instructions:>16} {change:>8}  {seconds:.0f}", flush=True)
            if base is not None and not options.update and instructions > base * (1 + options.tolerance / 100):
                failures.append(f"{name}: {instructions:,} instructions, {change} against the baseline {base:,} "
                                f"(more than {options.tolerance:g} %): {PATHS[name][1]}")
    if options.update:
        if failures:
            sys.exit("gate: not updating, a path failed:\n  " + "\n  ".join(failures))
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "Sources", "Package.swift"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True).stdout.strip()
        valgrind = subprocess.run(["valgrind", "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
        swift = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]
        for name, instructions in measured.items():
            stored["paths"][name] = {"instructions": instructions, "command": "leadscore " + " ".join(PATHS[name][0]),
                                     "what": PATHS[name][1]}
        stored["measured"] = {"commit": commit + (" (with uncommitted changes to Sources)" if dirty else ""),
                              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "valgrind": valgrind,
                              "swift": swift, "machine": platform.platform(),
                              "how": "valgrind --tool=cachegrind --cache-sim=no, OPENBLAS_NUM_THREADS=1, release build"}
        with open(BASELINE + ".partial", "w") as handle:
            json.dump(stored, handle, indent=2, sort_keys=True)
            handle.write("\n")
        os.replace(BASELINE + ".partial", BASELINE)
        print(f"gate: baselines stored in {os.path.relpath(BASELINE, ROOT)}")
        return
    if failures:
        print("gate: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"gate: every path within {options.tolerance:g} % of its baseline")


if __name__ == "__main__":
    main()
