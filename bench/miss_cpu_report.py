"""scripts/bench-miss-cpu.sh's report: results.jsonl → a Markdown table on stdout.

Usage: miss_cpu_report.py RESULTS LABEL [LABEL …]   (the first label is the baseline)
Per level of connections and binary, the median over rounds of: CPU µs and context switches per
miss, misses/s, p50/p99, and p50 added over the provider called directly in the same round; and
the median of the per-round ratios of CPU per miss to the baseline's. Exits 1 if any run had
errors or a request that did not reach the provider (every request must be a miss).
"""
import json
import sys
from collections import defaultdict
from statistics import median

results, *labels = sys.argv[1:]
records = [json.loads(line) for line in open(results) if line.strip()]
runs = defaultdict(dict)  # (connections, round) → label → record
loads = []
failed = []
for r in records:
    runs[(r["connections"], r["round"])][r["system"]] = r
    loads.append(r["load"])
    if r["errors"] or r["upstream"] < r["requests"]:
        failed.append(f"{r['system']} c={r['connections']} round {r['round']}: "
                      f"{r['errors']} errors, {r['upstream']} provider requests for {r['requests']}")
    if "cpu_seconds" in r:
        r["cpu_us"] = r["cpu_seconds"] * 1e6 / r["requests"]
        r["switches_per"] = r["switches"] / r["requests"]

levels = sorted({c for c, _ in runs})
print(f"Rounds: {len({n for _, n in runs})}; 1-minute load average over the runs {min(loads):.2f}–{max(loads):.2f}.\n")
print("| connections | binary | CPU µs / miss | × baseline | switches / miss | misses/s | p50 ms | added p50 ms | p99 ms |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for c in levels:
    rounds = [runs[key] for key in sorted(runs) if key[0] == c]
    for label in labels:
        mine = [r[label] for r in rounds if label in r]
        if not mine:
            continue
        ratio = median(r[label]["cpu_us"] / r[labels[0]]["cpu_us"] for r in rounds if label in r and labels[0] in r)
        added = median(r[label]["p50"] - r["direct"]["p50"] for r in rounds if label in r and "direct" in r)
        print(f"| {c} | {label} | {median(m['cpu_us'] for m in mine):.0f} | {ratio:.2f}× "
              f"| {median(m['switches_per'] for m in mine):.1f} | {median(m['rps'] for m in mine):.0f} "
              f"| {median(m['p50'] for m in mine):.3f} | +{added:.3f} | {median(m['p99'] for m in mine):.3f} |")
if failed:
    print("\nFAILED:\n" + "\n".join(failed), file=sys.stderr)
    sys.exit(1)
