#!/usr/bin/env python3
"""Issue 18 item 1: which columns earn points in the default card, against the known truth.

usage: selection.py --leadscore PATH [--baseline PATH] [--seeds 1,2,3,4,5,6] [--sizes 20000,100000]
                    [--work /tmp/leadscore-selection] [--markdown Benchmarks/accuracy/SELECTION.md]

Data: the shipped datasets/synthetic/leads.csv (20 000 leads, noise_0…3) and ../shared/tools/synth_leads.py
sets of each size and seed (10 noise columns noise_0…9). In both, the truth (synth_leads.py) gives
`industry` and every `noise_*` column no effect at all ("pure noise"), and 11 columns a real one:
lead_source, job_level, company_size, page_views, pricing_page_visits, email_clicks, webinar_attended,
whitepaper_downloads, demo_requested, days_since_last_activity, form_submissions. `email_opens` has no
effect of its own but drives email_clicks (clicks ~ Binomial(opens, 0.25)), so it is neither.

Each set: `leadscore train FILE --target converted --exclude lead_id --seed 1 --json` (the default card:
stumps, 20 % stratified test split, the rest cross-fitted), once with --leadscore and once with --baseline
(the binary of the commit before this work, for "today's" test AUC). Counts: pure-noise columns with points,
true columns with points (of 11), the card's test AUC for both binaries.
"""
import argparse, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "../.."))
SHARED = os.environ.get("LEADSCORE_SHARED", os.path.join(REPO, "../shared"))
TRUE = ["lead_source", "job_level", "company_size", "page_views", "pricing_page_visits", "email_clicks",
        "webinar_attended", "whitepaper_downloads", "demo_requested", "days_since_last_activity", "form_submissions"]

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--leadscore", required=True)
parser.add_argument("--baseline", help="the leadscore binary to compare test AUC with")
parser.add_argument("--seeds", default="1,2,3,4,5,6")
parser.add_argument("--sizes", default="20000,100000")
parser.add_argument("--work", default="/tmp/leadscore-selection")
parser.add_argument("--markdown", default=os.path.join(HERE, "SELECTION.md"))
args = parser.parse_args()
os.makedirs(args.work, exist_ok=True)


def is_noise(column):
    return column == "industry" or column.startswith("noise_")


def train(binary, path, tag):
    """Trains once per binary and set: a result kept in WORK is reused (so a baseline can be added later)."""
    cached = os.path.join(args.work, f"result-{tag}.json")
    if os.path.exists(cached) and os.path.getmtime(cached) > os.path.getmtime(binary):
        return json.load(open(cached))
    result = train_once(binary, path, tag)
    if "error" not in result:
        json.dump(result, open(cached, "w"))
    return result


def train_once(binary, path, tag):
    card = os.path.join(args.work, f"card-{tag}.json")
    result = subprocess.run([binary, "train", path, "--target", "converted", "--exclude", "lead_id", "--seed", "1",
                             "--out", card, "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        return dict(error=result.stderr.strip()[:300])
    summary = json.loads(result.stdout)
    document = json.load(open(card))
    pointed = [c["feature"] for c in document["criteria"] if len({x["points"] for x in c["conditions"]}) > 1]
    return dict(auc=summary["cardTest"]["auc"], pointed=pointed,
                noise=[c for c in pointed if is_noise(c)], true=[c for c in pointed if c in TRUE],
                conditions=sum(len(c["conditions"]) for c in document["criteria"]))


sets = [("shipped 20 000", os.path.join(REPO, "datasets/synthetic/leads.csv"))]
for size in [int(s) for s in args.sizes.split(",") if s]:
    for seed in [int(s) for s in args.seeds.split(",") if s]:
        path = os.path.join(args.work, f"synth-{size}-{seed}.csv")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(SHARED, "tools/synth_leads.py"), str(size), path, "--seed", str(seed)],
                           check=True, stdout=subprocess.DEVNULL)
        sets.append((f"synth_leads.py {size}, seed {seed}", path))

rows = []
for name, path in sets:
    print(f"== {name}", file=sys.stderr, flush=True)
    tag = os.path.basename(path).replace(".csv", "")
    ours = train(args.leadscore, path, tag)
    base = train(args.baseline, path, tag + "-baseline") if args.baseline else None
    rows.append((name, ours, base))
    print(json.dumps(dict(set=name, ours=ours, baseline=base)), flush=True)

lines = ["# Criterion selection against the known truth (issue 18, item 1)", "",
         f"Written by `Benchmarks/accuracy/selection.py` (seeds {args.seeds}, sizes {args.sizes}). The default card "
         "(`leadscore train FILE --target converted --exclude lead_id --seed 1`: stumps, 20 % stratified test split, the "
         "rest cross-fitted in 4 folds) of each set. Pure noise: `industry` and every `noise_*` column (the truth in "
         "`../shared/tools/synth_leads.py` gives them no effect); true: the 11 columns with an effect. \"before\": the binary "
         "built from the commit before criterion selection (same command).", "",
         "| data | noise columns with points (before → now) | true columns with points of 11 (before → now) | card test AUC before | now | now − before | conditions before → now |",
         "| --- | --- | --- | ---: | ---: | ---: | --- |"]
for name, ours, base in rows:
    if "error" in ours or (base and "error" in base):
        lines.append(f"| {name} | error: {ours.get('error') or base.get('error')} | | | | | |")
        continue
    b = base or {}
    noise_before = ", ".join(b.get("noise", [])) or "none"
    lines.append(f"| {name} | {len(b.get('noise', []))} ({noise_before}) → {len(ours['noise'])}"
                 f"{' (' + ', '.join(ours['noise']) + ')' if ours['noise'] else ''} | {len(b.get('true', []))} → {len(ours['true'])}"
                 f"{' (missing: ' + ', '.join(c for c in TRUE if c not in ours['true']) + ')' if len(ours['true']) < len(TRUE) else ''} | "
                 f"{b.get('auc', float('nan')):.4f} | {ours['auc']:.4f} | {ours['auc'] - b.get('auc', float('nan')):+.4f} | "
                 f"{b.get('conditions', '?')} → {ours['conditions']} |")
open(args.markdown, "w").write("\n".join(lines) + "\n")
print(f"wrote {args.markdown}", file=sys.stderr)
