#!/usr/bin/env python3
"""peers.py, unchanged, plus each model's test probabilities, so a difference in AUC can be tested on the
same leads (peers.py prints metrics only).

usage: peer_predictions.py OUT_DIR PEERS.PY [peers.py arguments ...]
Runs PEERS.PY's main() in this process with its arguments; every model that reaches peers.py's `metrics()`
also leaves OUT_DIR/MODEL.txt, one probability per test row in the test file's order. The printed JSON
lines, and so the timings, are peers.py's own: a file is written after its line is printed."""
import importlib.util
import json
import os
import sys

out_dir, peers_path, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(out_dir, exist_ok=True)
spec = importlib.util.spec_from_file_location("peers", peers_path)
peers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peers)

pending = []  # the probabilities metrics() saw, until run() prints the line naming their model
measure = peers.metrics


def metrics(y, p):
    pending.append(p)
    return measure(y, p)


def print_line(*parts, **options):
    print(*parts, **options)
    text = " ".join(str(part) for part in parts)
    if pending and text.startswith("{"):
        line = json.loads(text)
        if "model" in line and "auc" in line:
            path = os.path.join(out_dir, f"{line['model']}.txt")
            with open(path + ".tmp", "w") as handle:
                handle.write("\n".join(f"{float(value):.17g}" for value in pending[-1]) + "\n")
            os.replace(path + ".tmp", path)
    pending.clear()


peers.metrics = metrics
peers.print = print_line
sys.argv = [peers_path] + rest
peers.main()
