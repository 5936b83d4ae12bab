#!/usr/bin/env python3
"""The scale run of issue 9: LeadScore's train (both trainers) and score against LightGBM and scikit-learn
on synthetic lead files of growing size, in the same run, with wall time and peak memory of every process.

usage: scale.py --leadscore BIN [--sizes 10000,100000,1000000,5000000] [--repeats 3] [--single-from 5000000]
                [--work /tmp/leadscore-scale] [--threads 2] [--peer-timeout 900] [--timeout 2400]
                [--memory-cap-gib 20] [--markdown BENCHMARKS.md] [--no-write]
       scale.py --leadscore BIN --from-results WORK/results.json   (write the section again, running nothing)

For every size N it makes (once; cached in WORK) `synth_leads.py N WORK/leads-N.csv --seed 1` (above 5M in
chunks of 5M with seeds 1, 2, …, lead ids renumbered: the generator holds every row in memory), reads it once
to warm the page cache, and then runs, one process at a time, interleaved (all jobs of repeat 1, then all of
repeat 2, ...):
  inspect   `leadscore inspect FILE --target converted`              (loading only: the memory reference)
  logistic  `leadscore train FILE --target converted --exclude lead_id --model logistic --out CARD --json`
  stumps    the same with `--model stumps`
  score     `leadscore score CARD FILE --out SCORED`                  (CARD: the stumps card of this repeat)
  lgbm      peer.py lgbm FILE: pandas read_csv + prepare + LightGBM LGBMClassifier() fit, n_jobs=THREADS
  sklearn   peer.py lr FILE:   pandas read_csv + prepare + peers.py's one-hot encoding + LogisticRegression
Sizes below --single-from run --repeats times (the median is reported), larger ones once.

Every process is timed from outside (wall clock; user + system CPU and peak resident memory of that
process alone from os.wait4). The fit alone comes from inside: `fitSeconds` of train's JSON summary and
peer.py's fit_s (and encode_s). A watchdog reads the process's resident memory from /proc every 0.2 s
and kills it above --memory-cap-gib or after its time limit; a killed job is reported as capped, one that
exits with an error as failed; either way its remaining repeats and larger sizes are skipped and the run goes

Cost growth: the slope of log(median wall) against log(rows), least squares, over all sizes and over sizes
from 100 000 rows (where start-up no longer dominates); peak memory per row at each size and the marginal
bytes per row between the two largest sizes. Where LeadScore's memory goes: peak of inspect (load only)
against train and score, set beside the typed-column layout (Benchmarks/csv-load/RESULTS.md) and the
sizes the encoding rules imply.

Writes WORK/results.json (raw, every run) and a Markdown section into BENCHMARKS.md between
`<!-- scale:begin -->` and `<!-- scale:end -->` (appended when missing; the rest of the file is kept).
Progress goes to stderr.
"""
import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "../.."))
SHARED = os.environ.get("LEADSCORE_SHARED", os.path.join(REPO, "../shared"))
SYNTH = os.path.join(SHARED, "tools/synth_leads.py")
PEER = os.path.join(HERE, "peer.py")
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--leadscore", required=True, help="the leadscore binary (release build)")
parser.add_argument("--sizes", default="10000,100000,1000000,5000000")
parser.add_argument("--repeats", type=int, default=3, help="runs per job for sizes below --single-from")
parser.add_argument("--single-from", type=int, default=5_000_000, help="sizes from this many rows run once")
parser.add_argument("--work", default="/tmp/leadscore-scale")
parser.add_argument("--threads", type=int, default=2, help="LightGBM n_jobs")
parser.add_argument("--omp-wait-policy", default="passive",
                    help="OMP_WAIT_POLICY for the Python peers ('' leaves the OpenMP default)")
parser.add_argument("--peer-timeout", type=float, default=900, help="seconds before a peer process is killed")
parser.add_argument("--timeout", type=float, default=2400, help="seconds before a leadscore process is killed")
parser.add_argument("--memory-cap-gib", type=float, default=20, help="resident memory at which a process is killed")
parser.add_argument("--source-commit", help="the binary was built from a clean export of this commit (run.sh's default)")
parser.add_argument("--markdown", default=os.path.join(REPO, "BENCHMARKS.md"))
parser.add_argument("--no-write", action="store_true", help="print the section, leave BENCHMARKS.md alone")
parser.add_argument("--from-results", metavar="JSON",
                    help="run nothing: write the section again from the results.json of an earlier run")
args = parser.parse_args()

JOBS = ["inspect", "logistic", "stumps", "score", "lgbm", "sklearn"]
TRAIN_JOBS = ("logistic", "stumps")
TITLES = {
    "inspect": "LeadScore `inspect` (load only)",
    "logistic": "LeadScore `train --model logistic`",
    "stumps": "LeadScore `train --model stumps`",
    "score": "LeadScore `score`",
    "lgbm": "LightGBM (pandas + fit)",
    "sklearn": "scikit-learn LogisticRegression (pandas + encode + fit)",
}
SHORT = {"inspect": "LeadScore inspect", "logistic": "LeadScore train logistic",
         "stumps": "LeadScore train stumps",
         "score": "LeadScore score", "lgbm": "LightGBM", "sklearn": "scikit-learn LR"}


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def resident_bytes(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(command, limit_s, environment=None, stdout_path=os.devnull):
    """One process: wall seconds, CPU seconds, peak resident bytes (wait4), exit status, and why it was
    killed (None when it was not). Standard output goes to stdout_path, standard error is kept for errors."""
    cap = args.memory_cap_gib * 2**30
    with open(stdout_path, "wb") as output, open(stdout_path + ".err" if stdout_path != os.devnull else os.devnull, "wb") as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=errors, env=environment)
        done = threading.Event()
        killed = []

        def watch():
            while not done.wait(0.2):
                if resident_bytes(child.pid) > cap:
                    killed.append(f"resident memory over the {args.memory_cap_gib:g} GiB cap")
                elif time.perf_counter() - started > limit_s:
                    killed.append(f"over the {limit_s:.0f} s time limit")
                else:
                    continue
                try:
                    os.kill(child.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        watcher.join()
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
    return dict(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime, peak_bytes=usage.ru_maxrss * 1024,
                status=child.returncode, killed=killed[0] if killed else None)


def last_json(path):
    text = open(path).read().strip()
    if not text:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


CHUNK_ROWS = 5_000_000


def make_file(rows):
    """The synthetic file of `rows` leads. Up to CHUNK_ROWS one `synth_leads.py` run (seed 1); above it, the
    generator (which holds every row in memory) runs in chunks of CHUNK_ROWS with seeds 1, 2, … and the chunks
    are joined with their lead ids renumbered (chunk k's ids + k·CHUNK_ROWS), so 50M leads fit in memory."""
    path = os.path.join(args.work, f"leads-{rows}.csv")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        log(f"making {path} (once; cached)")
        if rows <= CHUNK_ROWS:
            subprocess.run([sys.executable, SYNTH, str(rows), path + ".partial", "--seed", "1"], check=True,
                           stdout=sys.stderr)
        else:
            with open(path + ".partial", "w") as out:
                for chunk, start in enumerate(range(0, rows, CHUNK_ROWS)):
                    size = min(CHUNK_ROWS, rows - start)
                    part = path + f".chunk{chunk}"
                    subprocess.run([sys.executable, SYNTH, str(size), part, "--seed", str(chunk + 1)], check=True,
                                   stdout=sys.stderr)
                    with open(part) as lines:
                        header = next(lines)
                        if chunk == 0:
                            out.write(header)
                        for line in lines:
                            lead, rest = line.split(",", 1)
                            out.write(f"{int(lead) + start},{rest}")
                    os.remove(part)
        os.replace(path + ".partial", path)
    return path


def warm(path):
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


def job_command(job, path, rows, repeat):
    ls = args.leadscore
    card = os.path.join(args.work, f"card-stumps-{rows}-{repeat}.json")
    if job == "inspect":
        return [ls, "inspect", path, "--target", "converted"], None
    if job in TRAIN_JOBS:
        out = os.path.join(args.work, f"card-{job}-{rows}-{repeat}.json")
        return [ls, "train", path, "--target", "converted", "--exclude", "lead_id", "--model", job,
                "--out", out, "--json"], None
    if job == "score":
        return [ls, "score", card, path, "--out", os.path.join(args.work, f"scored-{rows}.csv")], None
    environment = dict(os.environ)
    if args.omp_wait_policy:
        environment["OMP_WAIT_POLICY"] = args.omp_wait_policy
    model = "lgbm" if job == "lgbm" else "lr"
    return [sys.executable, PEER, model, path, "--target", "converted", "--drop", "lead_id",
            "--threads", str(args.threads)], environment


def inner_fit(job, output):
    """Seconds of the fit measured inside the process (None for jobs without a fit)."""
    if job in TRAIN_JOBS:
        return output.get("fitSeconds")
    if job == "lgbm":
        return output.get("fit_s")
    if job == "sklearn":
        return output.get("fit_s")
    return None


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0) * 1024
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return dict(nproc=nproc, cpu=model, memory_bytes=memory, system=platform.platform())


def versions():
    def package(name):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    leadscore = subprocess.run([args.leadscore, "--version"], capture_output=True, text=True).stdout.strip()
    if args.source_commit:
        commit, dirty = args.source_commit[:12], ""
    else:
        commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", "Sources", "Package.swift"],
                               capture_output=True, text=True).stdout.strip()
    return dict(swift=swift[0] if swift else "?", leadscore=leadscore, commit=commit, sources_modified=bool(dirty),
                clean_export=bool(args.source_commit),
                python=platform.python_version(), lightgbm=package("lightgbm"), sklearn=package("scikit-learn"),
                pandas=package("pandas"), numpy=package("numpy"))


def typed_bytes_per_row(summary):
    """Bytes a row the loaded values take, as `inspect --json` reports them (`Dataset.bytesPerLead`): a 1- or
    2-byte code per numeric, yes/no or date column with at most 65,536 distinct values (8 bytes past that),
    1 per categorical with at most 255 levels (4 past that), 1 for the outcome; identifiers and excluded columns keep no values. Summaries from
    before that field: 8 bytes a row per number, as the loader then stored them."""
    if "bytesPerLead" in summary:
        return summary["bytesPerLead"]
    per_row = {"numeric": 8, "boolean": 8, "date": 8, "categorical": 4}
    return sum(per_row.get(column["role"], 0) for column in summary["columns"]) + 1


def design_columns_bound(summary):
    """At most how many design columns the logistic trainer's encoding makes (DesignEncoder with numerics
    binned, TrainedModel.logisticBins = 16): per numeric min(distinct, 16) bins + a missing bin, per
    categorical its levels + "other" + missing, per yes/no column a value and a missing indicator."""
    total = 0
    for column in summary["columns"]:
        if column["role"] == "numeric":
            total += min(column["distinct"], 16) + 1
        elif column["role"] == "categorical":
            total += column["distinct"] + 2
        elif column["role"] == "boolean":
            total += 2
    return total


def features(summary):
    return sum(1 for column in summary["columns"] if column["role"] in ("numeric", "boolean", "date", "categorical"))


def slope(points):
    """Least-squares slope of log y against log x."""
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else None


def summarize(runs):
    ok = [r for r in runs if r["status"] == 0 and not r["killed"]]
    if not ok:
        return None
    med = lambda key: statistics.median(r[key] for r in ok)
    def inner(key):
        values = [r["output"][key] for r in ok if r["output"].get(key) is not None]
        return statistics.median(values) if values else None
    fits = [r["fit_s"] for r in ok if r.get("fit_s") is not None]
    return dict(runs=len(ok), wall_s=med("wall_s"), wall_min=min(r["wall_s"] for r in ok), wall_max=max(r["wall_s"] for r in ok),
                cpu_s=med("cpu_s"), peak_bytes=med("peak_bytes"), fit_s=statistics.median(fits) if fits else None,
                load_s=inner("load_s"), encode_s=inner("encode_s"))


# ---------------------------------------------------------------------------------------------------- report

def mib(value):
    return f"{value / 2**20:,.0f} MiB" if value < 10 * 2**30 else f"{value / 2**30:,.1f} GiB"


def secs(value):
    if value is None:
        return "—"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def num(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"


def rows_text(rows):
    return f"{rows:,}".replace(",", " ")


def growth_section(results, sizes):
    lines = ["### How cost grows", "",
             "Slope of log(median wall time) against log(rows), least squares (1 = linear in rows, 0 = flat); "
             "“from 100 000” leaves out the smallest size, where start-up and imports dominate. Memory: peak "
             "resident memory divided by rows, and the marginal bytes per row between the two largest sizes "
             "(the extra peak memory per extra row, start-up and libraries cancelled).", ""]
    big = [n for n in sizes if n >= 100_000]
    top = sorted(sizes)[-2:] if len(sizes) >= 2 else []
    per_row_sizes = [n for n in sizes if n >= 1_000_000] or sizes[-1:]
    header = ["job", "largest size run", "wall slope (all sizes)", "wall slope (from 100 000)", "fit slope (from 100 000)"]
    header += [f"bytes/row at {rows_text(n)}" for n in per_row_sizes]
    if len(top) == 2:
        header.append(f"marginal bytes/row {rows_text(top[0])} → {rows_text(top[1])}")
    lines += ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * (len(header) - 1)]
    growth = {}
    for job in JOBS:
        summaries = {n: results[n]["summary"].get(job) for n in sizes}
        walls = [(n, s["wall_s"]) for n, s in summaries.items() if s]
        fits = [(n, s["fit_s"]) for n, s in summaries.items() if s and s["fit_s"] and n in big]
        entry = dict(wall_slope=slope(walls), wall_slope_big=slope([p for p in walls if p[0] in big]),
                     fit_slope_big=slope(fits),
                     bytes_per_row={n: summaries[n]["peak_bytes"] / n for n in per_row_sizes if summaries.get(n)})
        if len(top) == 2 and summaries.get(top[0]) and summaries.get(top[1]):
            entry["marginal"] = (summaries[top[1]]["peak_bytes"] - summaries[top[0]]["peak_bytes"]) / (top[1] - top[0])
        growth[job] = entry
        cells = [SHORT[job], rows_text(max(n for n, _ in walls)) if walls else "none", num(entry["wall_slope"]), num(entry["wall_slope_big"]),
                 num(entry["fit_slope_big"]) if job not in ("inspect", "score") else "—"]
        cells += [f"{entry['bytes_per_row'][n]:,.0f}" if n in entry["bytes_per_row"] else "—" for n in per_row_sizes]
        if len(top) == 2:
            cells.append(f"{entry['marginal']:,.0f}" if "marginal" in entry else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return lines, growth


def memory_section(results, sizes, growth, baseline):
    largest = sizes[-1]
    summary = results[largest]["inspect_json"]
    typed = typed_bytes_per_row(summary)
    bound = design_columns_bound(summary)
    nfeat = features(summary)
    train_json = results[largest].get("train_json", {})
    split = train_json.get("rows") or {}
    # a validation split: train + heldOut + test; cross-fitting ("folds"): train (all held out once) + test
    total = (split["train"] + split["test"] + (0 if "folds" in split else split.get("heldOut", 0))) if split else None
    train_share = split["train"] / total if total else None
    validation_share = (0 if "folds" in split else split.get("heldOut", 0)) / total if total else None
    peaks = {job: (results[largest]["summary"].get(job) or {}).get("peak_bytes") for job in JOBS}
    lines = ["### Where LeadScore's memory goes", "",
             f"Measured at {rows_text(largest)} rows unless stated; “marginal” figures are the extra peak memory "
             "per extra row between the two largest sizes, so the process's fixed part (runtime, libraries, "
             f"buffers) cancels. The process alone (`leadscore --version`) peaks at {mib(baseline)}.", ""]
    load = growth["inspect"].get("marginal")
    if peaks["inspect"]:
        lines.append(f"- **Loading** (`inspect`): peak {mib(peaks['inspect'])}"
                     + (f", marginal {load:,.0f} bytes a row. The typed columns take {typed} bytes a row (`inspect --json`'s "
                        f"bytesPerLead: a 1- or 2-byte code per number column into its distinct values, 8 bytes past 65,536 "
                        f"of them; 1 per categorical up to 255 levels, 4 past that; 1 for the outcome), so loading costs {load / typed:.2f}× the typed "
                        f"columns: the parse streams, the text is not kept."
                        if load else f"; typed columns {typed} bytes a row."))
    for job, what in (("stumps", "stumps"), ("logistic", "logistic")):
        marginal = growth.get(job, {}).get("marginal")
        if not peaks[job]:
            lines.append(f"- **train {what}**: no completed run at {rows_text(largest)} rows "
                         f"({results[largest]['failures'].get(job, 'not run')}).")
            continue
        text = f"- **train {what}**: peak {mib(peaks[job])} ({peaks[job] / peaks['inspect']:.1f}× loading)" if peaks["inspect"] else f"- **train {what}**: peak {mib(peaks[job])}"
        if marginal and load and train_share:
            extra = marginal - load
            text += (f", marginal {marginal:,.0f} bytes a row: {extra:,.0f} a row more than loading, "
                     f"{extra / train_share:,.0f} per training row (training is {train_share:.0%} of the rows). ")
            if job == "stumps":
                # Columns without codes of their own (more than 65,536 distinct numbers or 255 levels) get a bin column.
                uncoded = sum(1 for column in summary["columns"]
                              if (column["role"] in ("numeric", "boolean") and column.get("distinct", 0) > 65_536)
                              or (column["role"] == "categorical" and column.get("distinct", 0) > 255))
                expected = uncoded * (train_share + validation_share) + 24 * train_share + 8 * validation_share
                text += (f"The code's own accounting for that extra: the loaded leads are split into train, validation "
                         f"and test column by column while given up (no second copy); the booster reads each feature's bins "
                         f"through the column's own codes (a table of one bin per distinct value), so only the {uncoded} "
                         f"feature(s) without codes take a bin column of 1 byte per train or validation row; gradient+hessian "
                         f"and scores take 24 bytes per training row and 8 per validation row — {expected:,.0f} bytes a row in "
                         f"all, {expected / extra:.0%} of the measured extra; the remaining {extra - expected:,.0f} bytes a row "
                         f"are not itemised here.")
            else:
                text += (f"That is {extra / train_share / 8:,.0f} 8-byte values per training row. The logistic trainer "
                         f"fits on bin codes (1 byte per feature and row, Benchmarks/scale/CODED-LOGISTIC.md), never a dense "
                         f"design: the dense Double design of the {bound} design columns that the encoding rules give for "
                         f"this file would be {mib(8 * bound * split['train'])} over the {rows_text(split['train'])} training rows.")
        lines.append(text)
    if peaks["score"]:
        flat = [mib(results[n]["summary"]["score"]["peak_bytes"]) for n in sizes if results[n]["summary"].get("score")]
        lines.append(f"- **score**: peak {' / '.join(flat)} at {' / '.join(rows_text(n) for n in sizes if results[n]['summary'].get('score'))} "
                     "rows: it streams, so memory does not grow with the file.")
    lines.append("")
    return lines, dict(typed_bytes_per_row=typed, design_columns_bound=bound, features=nfeat,
                       train_share=train_share, baseline_bytes=baseline)


def size_table(rows, entry):
    info = entry["file"]
    lines = [f"### {rows_text(rows)} rows", "",
             (f"`synth_leads.py {rows} FILE --seed 1`" if rows <= CHUNK_ROWS else
              f"`synth_leads.py` in {-(-rows // CHUNK_ROWS)} chunks of {CHUNK_ROWS:,} (seeds 1–{-(-rows // CHUNK_ROWS)}, lead ids renumbered)")
             + f": {info['megabytes']:.0f} MB, {info['columns']} columns. "
             + (f"Median of {entry['repeats']} runs (interleaved)." if entry["repeats"] > 1 else "One run (no repeats at this size)."),
             "", "| job | wall (median) | range | CPU user+sys | load | fit | rest | peak memory | peak bytes/row |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    inspect = entry["summary"].get("inspect")
    for job in JOBS:
        s = entry["summary"].get(job)
        if s is None:
            if job not in entry["failures"]:
                continue
            lines.append(f"| {TITLES[job]} | {entry['failures'][job]} | | | | | | | |")
            continue
        load = fit = rest = None
        if job in TRAIN_JOBS and inspect:
            load, fit = inspect["wall_s"], s["fit_s"]
        elif job in ("lgbm", "sklearn"):
            load, fit = s["load_s"], s["fit_s"]
        if load is not None and fit is not None:
            rest = s["wall_s"] - load - fit - (s["encode_s"] or 0)
        load_text = ("≈ " if job in TRAIN_JOBS else "") + secs(load) if load is not None else "—"
        fit_text = secs(fit) + (f" + encode {secs(s['encode_s'])}" if s["encode_s"] is not None else "") if fit is not None else "—"
        if job == "score":
            fit_text = f"{rows / s['wall_s']:,.0f} rows/s"
        rng = f"{s['wall_min']:.2f}–{s['wall_max']:.2f} s" if s["runs"] > 1 else "—"
        lines.append(f"| {TITLES[job]} | **{secs(s['wall_s'])}** | {rng} | {secs(s['cpu_s'])} | {load_text} | {fit_text} | "
                     f"{secs(rest) if rest is not None else '—'} | {mib(s['peak_bytes'])} | {s['peak_bytes'] / rows:,.0f} |")
    lines.append("")
    return lines


def markdown(results, meta, sizes):
    m, v = meta["machine"], meta["versions"]
    repeated = [rows_text(n) for n in sizes if n < meta["single_from"]]
    single = [rows_text(n) for n in sizes if n >= meta["single_from"]]
    lines = [BEGIN, "## Speed and scale", "",
             f"Written by `Benchmarks/scale/run.sh` (sizes {', '.join(rows_text(n) for n in sizes)}) on {meta['date']}; "
             "every figure below comes from that run. Raw runs: `results.json` in the work directory "
             f"(`{args.work}`).", "",
             f"- Machine: `nproc` {m['nproc']}, {m['cpu']}, {m['memory_bytes'] / 2**30:.0f} GiB RAM; {m['system']}. "
             f"Load average (1/5/15 min) {' / '.join(f'{x:.2f}' for x in meta['load_before'])} before, "
             f"{' / '.join(f'{x:.2f}' for x in meta['load_after'])} after; the machine is shared with other work, "
             f"so wall times are noisy. Whole run: {meta['total_s'] / 60:.0f} min.",
             f"- Versions: {v['swift']}; leadscore {v['leadscore']} built from commit `{v['commit']}`"
             + (" (a clean export of the commit)" if v["clean_export"] else
                " (the working tree, with uncommitted changes under Sources/)" if v["sources_modified"] else " (the working tree)")
             + f"; Python {v['python']}, LightGBM {v['lightgbm']}, scikit-learn {v['sklearn']}, pandas {v['pandas']}, "
             f"NumPy {v['numpy']}.",
             f"- Repeats: " + (f"median of {meta['repeats']} runs at {', '.join(repeated)} rows" if repeated else "")
             + ("; " if repeated and single else "") + (f"one run at {', '.join(single)} rows" if single else "")
             + ". Jobs interleaved (every job of repeat 1, then of repeat 2, …), one process at a time, file in the page cache.",
             "- Timing: wall clock of the whole process; CPU and peak resident memory of that process alone (`wait4`). "
             "**fit**, measured inside the process: LeadScore's `fitSeconds` (binning/encoding and fitting on the training "
             "leads; logistic fits one model per L2 strength of its search and scores the held-out leads with each, stumps boost "
             "with early stopping on them; up to 200 000 training leads this runs once per fold of a 4-fold cross-fitting, "
             "plus logistic's final fit on all; the trainers' own notes are below), the peers' fit call (scikit-learn's one-hot encoding shown apart). **load**: "
             "pandas' `read_csv` call inside the peer; for LeadScore's train, ≈ the wall time of `inspect` on the same "
             "file (a separate process: load, role inference, summary). **rest** = wall − load − fit (− encode): for "
             "LeadScore the split, rounding to points, calibration, tiers, test metrics, writing the card and start-up; "
             "for the peers interpreter start-up, imports and making the categories. For `score` the fit column gives "
             "rows per second of the whole process (CSV in, CSV out).",
             "- LeadScore: `leadscore train FILE --target converted --exclude lead_id --model logistic|stumps --out card.json "
             "--json` holds out 20 % for test, cross-fits on the rest in 4 folds up to 200 000 leads and above that "
             "splits it 75/25 into train and validation, and, beyond the fit, rounds to points, calibrates, picks tiers, reports test metrics "
             "and writes the card; `leadscore score card.json FILE --out scored.csv` scores every row with the stumps card "
             "of the same repeat; `leadscore inspect FILE --target converted` loads only (the memory reference).",
             f"- Peers (`Benchmarks/scale/peer.py`), fitted on **all** rows of the file (no split, no prediction): "
             f"`pandas.read_csv` (C parser), every non-numeric column a category as in `../shared/tools/peers.py`, then "
             f"LightGBM `LGBMClassifier(n_jobs={meta['threads']})` with default settings (100 trees, 31 leaves) on the "
             "categories natively, or scikit-learn `LogisticRegression(C=1, max_iter=2000)` (lbfgs) on peers.py's "
             "encoding (median imputation + missing indicators + standardising; one-hot with `min_frequency=10`)."
             + (f" Peers run with `OMP_WAIT_POLICY={meta['omp_wait_policy']}`: with OpenMP's default busy-waiting, LightGBM "
                "with 2 threads on this 2-core machine ran several times slower than with 1 whenever anything else "
                "was running (seen while writing this script; `--omp-wait-policy ''` keeps OpenMP's default)."
                if meta["omp_wait_policy"] else ""),
             f"- Caps: a process is killed above {meta['memory_cap_gib']:g} GiB resident or after {meta['peer_timeout_s']:.0f} s "
             f"(peers) / {meta['timeout_s']:.0f} s (LeadScore); "
             + (("capped: " + "; ".join(meta["capped"]) + ".") if meta["capped"] else "nothing was capped in this run.")
             + ((" **Failed** (the process exited with an error; its remaining repeats and larger sizes are skipped): "
                 + "; ".join(meta["failed"]) + ".") if meta["failed"] else ""),
             ""]
    growth_lines, growth = growth_section(results, sizes)
    lines += growth_lines + [""]
    largest = sizes[-1]
    notes = []
    for job in TRAIN_JOBS:
        done = [r for r in results[largest]["runs"][job] if r["status"] == 0 and r["output"].get("modelNote")]
        if done:
            notes.append(f"{SHORT[job]}: “{done[0]['output']['modelNote']}”")
    if notes:
        lines += [f"Trainers' notes at {rows_text(largest)} rows (train's JSON summary): " + "; ".join(notes) + ".", ""]
    score, inspect = results[largest]["summary"].get("score"), results[largest]["summary"].get("inspect")
    if score and inspect:
        lines += [f"Scoring a file (`score`, CSV in and CSV out) runs at {largest / score['wall_s']:,.0f} rows a second at "
                  f"{rows_text(largest)} rows, loading it (`inspect`) at {largest / inspect['wall_s']:,.0f}: scoring takes "
                  f"{score['wall_s'] / inspect['wall_s']:.1f}× the time of loading, with {score['cpu_s'] / score['wall_s']:.1f} "
                  f"cores busy on average (loading: {inspect['cpu_s'] / inspect['wall_s']:.1f}).", ""]
    memory_lines, memory = memory_section(results, sizes, growth, meta["baseline_bytes"])
    lines += memory_lines
    for rows in sizes:
        lines += size_table(rows, results[rows])
    lines.append(END)
    return "\n".join(lines), growth, memory


def write_section(path, block):
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\nLeadScore beside the tools a user would otherwise pick.\n"
    if BEGIN in text and END in text and text.index(BEGIN) < text.index(END):
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(path + ".scale-tmp", "w") as handle:
        handle.write(text)
    os.replace(path + ".scale-tmp", path)


# ------------------------------------------------------------------------------------------------------ main

def publish(meta, results, sizes):
    text, growth, memory = markdown(results, meta, sizes)
    with open(os.path.join(args.work, "results.json"), "w") as handle:
        json.dump(dict(meta=meta, results=results, growth=growth, memory=memory), handle, indent=1, default=str)
    print(text)
    if not args.no_write:
        write_section(args.markdown, text)
        log(f"wrote the scale section of {args.markdown}; raw runs in {os.path.join(args.work, 'results.json')}")


def main():
    if args.from_results:
        saved = json.load(open(args.from_results))
        results = {int(rows): entry for rows, entry in saved["results"].items()}
        args.work = os.path.dirname(os.path.abspath(args.from_results))
        return publish(saved["meta"], results, sorted(results))
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    os.makedirs(args.work, exist_ok=True)
    started = time.perf_counter()
    files = {n: make_file(n) for n in sizes}
    meta = dict(machine=machine(), versions=versions(), sizes=sizes, repeats=args.repeats, single_from=args.single_from,
                threads=args.threads, omp_wait_policy=args.omp_wait_policy, memory_cap_gib=args.memory_cap_gib,
                peer_timeout_s=args.peer_timeout, timeout_s=args.timeout, capped=[], failed=[])
    meta["baseline_bytes"] = run([args.leadscore, "--version"], 60)["peak_bytes"]
    # One untimed pass over every job on the smallest file, so no timed run pays for a cold binary or cold imports.
    for job in JOBS:
        command, environment = job_command(job, files[sizes[0]], sizes[0], "warmup")
        run(command, args.timeout, environment)
    meta["load_before"] = os.getloadavg()
    log(f"load average before: {meta['load_before']}")
    results = {}
    skipped = {}  # job -> "capped|failed at N rows"
    for rows in sizes:
        path = files[rows]
        warm(path)
        inspect_out = os.path.join(args.work, f"inspect-{rows}.json")
        subprocess.run([args.leadscore, "inspect", path, "--target", "converted", "--json"], check=True,
                       stdout=open(inspect_out, "w"))
        with open(path) as handle:
            columns = len(handle.readline().split(","))
        entry = dict(file=dict(path=path, bytes=os.path.getsize(path), megabytes=os.path.getsize(path) / 1e6, columns=columns),
                     inspect_json=last_json(inspect_out), repeats=args.repeats if rows < args.single_from else 1,
                     runs={job: [] for job in JOBS}, failures={})
        for repeat in range(entry["repeats"]):
            for job in JOBS:
                if job in skipped:
                    entry["failures"].setdefault(job, f"skipped ({skipped[job]})")
                    continue
                if job == "score" and not os.path.exists(os.path.join(args.work, f"card-stumps-{rows}-{repeat}.json")):
                    entry["failures"][job] = "no stumps card to score with"
                    continue
                command, environment = job_command(job, path, rows, repeat)
                out = os.path.join(args.work, f"out-{job}-{rows}-{repeat}.txt")
                limit = args.peer_timeout if job in ("lgbm", "sklearn") else args.timeout
                result = run(command, limit, environment, out)
                output = {}
                if result["status"] == 0 and job != "inspect":
                    output = last_json(out) if job != "score" else {}
                result.update(repeat=repeat, fit_s=inner_fit(job, output), output=output)
                entry["runs"][job].append(result)
                if job == "stumps" and result["status"] == 0:
                    entry["train_json"] = {k: output.get(k) for k in ("rows", "fitSeconds", "modelNote", "criteria")}
                if result["killed"] or result["status"] != 0:
                    reason = result["killed"] or f"exit status {result['status']}: " + open(out + ".err").read().strip()[-300:]
                    reason += f"; stopped after {result['wall_s']:.0f} s at {mib(result['peak_bytes'])} peak"
                    kind = "capped" if result["killed"] else "failed"
                    entry["failures"][job] = f"{kind}: {reason}"
                    meta[kind].append(f"{SHORT[job]} at {rows_text(rows)} rows ({reason})")
                    skipped[job] = f"{kind} at {rows_text(rows)} rows"
                    log(f"{rows} rows, repeat {repeat + 1}: {job} stopped: {reason}")
                else:
                    log(f"{rows} rows, repeat {repeat + 1}: {job:8s} {result['wall_s']:8.2f} s wall, "
                        f"{result['cpu_s']:8.2f} s CPU, {result['peak_bytes'] / 2**20:8.0f} MiB"
                        + (f", fit {result['fit_s']:.2f} s" if result["fit_s"] is not None else ""))
            if os.path.exists(os.path.join(args.work, f"scored-{rows}.csv")):
                os.remove(os.path.join(args.work, f"scored-{rows}.csv"))  # up to a GB at 5M rows; only its cost matters
        entry["summary"] = {job: summarize(entry["runs"][job]) for job in JOBS}
        encodes = [r["output"].get("encode_s") for r in entry["runs"]["sklearn"] if r["status"] == 0 and r["output"]]
        entry["encode_s"] = statistics.median(encodes) if encodes else None
        results[rows] = entry
        with open(os.path.join(args.work, "results.json"), "w") as handle:  # after every size, so a crash keeps the rest
            json.dump(dict(meta=meta, results=results), handle, indent=1, default=str)
    meta["load_after"] = os.getloadavg()
    meta["total_s"] = time.perf_counter() - started
    meta["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    publish(meta, results, sizes)


if __name__ == "__main__":
    main()
