"""Row samples of datasets/synthetic/leads.csv on which `leadscore train` (before the fix of issue 15 item 12)
failed after training: default tiers invalid for the card. Writes small_samples.json: for each case the
0-based data rows (header excluded), the train --seed, and whether 100 noise columns are appended (their
values come from `noise(row, column)` below, which the Swift test reproduces). Run from the repository root:
    python3 Tests/CardTrainingTests/Fixtures/make_samples.py
"""
import json, random, subprocess, sys, os

def noise(row, column):
    """A deterministic value in [0, 1) from a 32-bit integer hash (same in the Swift test)."""
    x = (row * 2654435761 + column * 40503 + 12345) % 2**32
    x ^= x >> 13
    x = (x * 0x5BD1E995) % 2**32
    x ^= x >> 15
    return x / 2**32

def csv(body, header, rows, noisy):
    lines = [header + ("," + ",".join("n%d" % c for c in range(100)) if noisy else "")]
    for r in rows:
        lines.append(body[r] + ("," + ",".join("%.4f" % noise(r, c) for c in range(100)) if noisy else ""))
    return "\n".join(lines) + "\n"

if __name__ == "__main__":
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/leadscore"
    lines = open("datasets/synthetic/leads.csv").read().splitlines()
    header, body = lines[0], lines[1:]
    cases = []
    for noisy, sizes in ((False, (150, 200, 300)), (True, (200,))):
        for sample_seed in range(40):
            for n in sizes:
                rows = sorted(random.Random(sample_seed).sample(range(len(body)), n))
                open("/tmp/sample.csv", "w").write(csv(body, header, rows, noisy))
                for seed in (1, 2):
                    r = subprocess.run([binary, "train", "/tmp/sample.csv", "--target", "converted", "--out", "/tmp/sample.json",
                                        "--seed", str(seed)], capture_output=True, text=True)
                    if r.returncode and "tier" in r.stderr:
                        print(n, noisy, sample_seed, seed, r.stderr.strip())
                        cases.append({"rows": rows, "seed": seed, "noiseColumns": 100 if noisy else 0, "failedWith": r.stderr.strip()})
            if sum(c["noiseColumns"] == (100 if noisy else 0) for c in cases) >= 3:
                break
    json.dump(cases, open("Tests/CardTrainingTests/Fixtures/small_samples.json", "w"), indent=0)
