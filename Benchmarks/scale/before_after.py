#!/usr/bin/env python3
"""Issue 21: the whole `train` command of two builds (before and after a change), beside LightGBM, in one run.
Used for the warm-started refit (WARM-START.md) and the large-data learning rate (LEARNING-RATE.md).

usage: before_after.py --before BIN --after BIN DATA.csv [--repeats 3] [--python PYTHON]

Runs, interleaved (repeat 1 of every job, then repeat 2, ...), one process at a time:
  before  BIN_BEFORE train DATA --target converted --exclude lead_id --out CARD --json   (the default stumps card)
  after   the same with BIN_AFTER
  lgbm    Benchmarks/scale/peer.py lgbm DATA (pandas read_csv + LightGBM default fit, 2 threads), as scale.py runs it
and prints one JSON line per process (wall and CPU seconds and peak resident memory from wait4, the train's
note and test AUC) and then the medians and ratios, with the load average before and after.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--before", required=True)
parser.add_argument("--after", required=True)
parser.add_argument("--repeats", type=int, default=3)
parser.add_argument("--python", default=sys.executable)
parser.add_argument("data")
args = parser.parse_args()
work = tempfile.mkdtemp(prefix="before-after-")


def run(name, command):
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    row = dict(job=name, wall_s=round(wall, 2), cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
               peak_mib=round(usage.ru_maxrss / 1024, 1), status=os.waitstatus_to_exitcode(status))
    if name != "lgbm" and row["status"] == 0:
        summary = json.loads(out)
        row.update(auc=round(summary["cardTest"]["auc"], 4), fit_s=round(summary["fitSeconds"], 2), note=summary["modelNote"])
    print(json.dumps(row), flush=True)
    return row


jobs = {
    "before": [args.before, "train", args.data, "--target", "converted", "--exclude", "lead_id", "--out", f"{work}/before.json", "--json"],
    "after": [args.after, "train", args.data, "--target", "converted", "--exclude", "lead_id", "--out", f"{work}/after.json", "--json"],
    "lgbm": [args.python, os.path.join(HERE, "peer.py"), "lgbm", args.data, "--threads", "2"],
}
load_before = os.getloadavg()
try:
    rows = [run(name, command) for _ in range(args.repeats) for name, command in jobs.items()]
finally:
    shutil.rmtree(work, ignore_errors=True)  # the cards written there are not kept
medians = {name: {key: statistics.median(r[key] for r in rows if r["job"] == name) for key in ("wall_s", "cpu_s", "peak_mib")}
           for name in jobs}
print(json.dumps(dict(medians=medians, load_average=[load_before, os.getloadavg()],
                      ratios={f"{name}/lgbm": {key: round(medians[name][key] / medians["lgbm"][key], 2) for key in ("wall_s", "cpu_s", "peak_mib")}
                              for name in ("before", "after")})))
