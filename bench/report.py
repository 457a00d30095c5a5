"""scripts/bench.sh's results → markdown (OUT/bench.md), an optional plot, an optional docs update.

Usage: report.py RESULTS OUT [--plot PNG] [--docs docs/BENCHMARKS.md --docs-plot docs/bench/latency.png]

Checks every measurement first: no errors; hits never reached the fake provider; semantic hits
all answered X-Cache-Match: semantic; every miss reached it. Writes the report either way, but
exits 1 (and leaves the docs alone) when a check failed.
"""
import argparse
import json
import os
import shutil
import sys

NAMES = {
    "nginx": "nginx, static file (floor)",
    "sidecar": "cache-sidecar",
    "sidecar-exact": "cache-sidecar, SEMANTIC=off",
    "litellm": "LiteLLM proxy, Redis cache",
    "direct": "fake provider, direct",
}
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

parser = argparse.ArgumentParser()
parser.add_argument("results")
parser.add_argument("out")
parser.add_argument("--plot")
parser.add_argument("--docs")
parser.add_argument("--docs-plot")
options = parser.parse_args()

records = [json.loads(line) for line in open(options.results) if line.strip()]
run = next(r for r in records if r["phase"] == "run")
rows = [r for r in records if r["phase"] in ("exact", "semantic", "miss")]
ttfb = {r["system"]: r for r in records if r["phase"] == "ttfb"}
semantic_set = next((r for r in records if r["phase"] == "semantic-set"), None)


def find(phase, system, connections=None):
    return next((r for r in rows if r["phase"] == phase and r["system"] == system
                 and (connections is None or r["connections"] == connections)), None)


failures = []
for r in rows:
    where = f"{r['phase']} {r['system']} c={r['connections']}"
    if r["errors"]:
        failures.append(f"{where}: {r['errors']} errors")
    if r["phase"] in ("exact", "semantic") and r["system"] != "nginx" and r["upstream"] != 0:
        failures.append(f"{where}: {r['upstream']} requests reached the fake provider during a hit run")
    if r["not_semantic"]:
        failures.append(f"{where}: {r['not_semantic']} answers were not semantic hits")
    if r["phase"] == "miss" and r["upstream"] < r["requests"]:
        failures.append(f"{where}: {r['requests']} requests but {r['upstream']} reached the fake provider (not all were misses)")
    if r["requests"] == 0:
        failures.append(f"{where}: no request completed")


def ratio(a, b):
    if not (a and b):
        return "–"
    return f"{a / b:.0f}×" if a / b >= 10 else f"{a / b:.2f}×"


def ms(value):
    return f"{value:.3f}"


def exact_table():
    lines = ["| connections | system | requests/s | p50 ms | p99 ms | errors | load avg |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for c in sorted({r["connections"] for r in rows if r["phase"] == "exact"}):
        for system in ("nginx", "sidecar", "litellm"):
            r = find("exact", system, c)
            if r:
                lines.append(f"| {c} | {NAMES[system]} | {r['rps']} | {ms(r['p50'])} | {ms(r['p99'])} | {r['errors']} | {r['load']:.2f} |")
    return lines


def headline():
    lines = []
    levels = sorted({r["connections"] for r in rows if r["phase"] == "exact"})
    if levels and find("exact", "sidecar"):
        lines += ["| connections | cache-sidecar / nginx, requests/s | cache-sidecar / LiteLLM, requests/s | LiteLLM p50 ÷ cache-sidecar p50 | LiteLLM p99 ÷ cache-sidecar p99 |",
                  "|---:|---:|---:|---:|---:|"]
        for c in levels:
            s, n, l = find("exact", "sidecar", c), find("exact", "nginx", c), find("exact", "litellm", c)
            lines.append(f"| {c} | {ratio(s['rps'], n and n['rps'])} | {ratio(s['rps'], l and l['rps'])} | "
                         f"{ratio(l and l['p50'], s['p50'])} | {ratio(l and l['p99'], s['p99'])} |")
        lines.append("")
    direct = find("miss", "direct")
    if direct:
        added = [f"{NAMES[system]} **{r['p50'] - direct['p50']:+.3f} ms** at p50 ({r['p99'] - direct['p99']:+.3f} ms at p99)"
                 for system in ("sidecar", "sidecar-exact", "litellm") if (r := find("miss", system))]
        if added:
            lines.append(f"Added to a miss, over calling the fake provider directly ({direct['connections']} connections): "
                         + "; ".join(added) + ".")
    return lines


def semantic_table():
    lines = ["| connections | requests/s | p50 ms | p99 ms | not semantic | errors | load avg |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    semantic = sorted((r for r in rows if r["phase"] == "semantic"), key=lambda r: r["connections"])
    for r in semantic:
        lines.append(f"| {r['connections']} | {r['rps']} | {ms(r['p50'])} | {ms(r['p99'])} | {r['not_semantic']} | {r['errors']} | {r['load']:.2f} |")
    if len(semantic) > 1:
        first, last = semantic[0], semantic[-1]
        lines += ["", f"Throughput at {last['connections']} connections ÷ at {first['connections']}: "
                  f"**{ratio(last['rps'], first['rps'])}** (concurrent lookups share forward passes and BLAS calls)."]
    return lines


def miss_table():
    direct = find("miss", "direct")
    lines = ["| system | requests/s | p50 ms | p99 ms | added p50 ms | added p99 ms | reached the provider / requests | errors | load avg |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for system in ("direct", "sidecar", "sidecar-exact", "litellm"):
        r = find("miss", system)
        if not r:
            continue
        added = ("", "") if system == "direct" or not direct else (
            f"{r['p50'] - direct['p50']:+.3f}", f"{r['p99'] - direct['p99']:+.3f}")
        lines.append(f"| {NAMES[system]} | {r['rps']} | {ms(r['p50'])} | {ms(r['p99'])} | {added[0]} | {added[1]} | "
                     f"{r['upstream']} / {r['requests']} | {r['errors']} | {r['load']:.2f} |")
    return lines


def ttfb_table():
    lines = ["| streamed miss, time to first byte | p50 ms | p99 ms | load avg |", "|---|---:|---:|---:|"]
    for system, label in (("direct", "fake provider, direct"), ("sidecar-exact", "through cache-sidecar (SEMANTIC=off)")):
        if system in ttfb:
            r = ttfb[system]
            lines.append(f"| {label} | {ms(r['p50'])} | {ms(r['p99'])} | {r['load']:.2f} |")
    if "direct" in ttfb and "sidecar-exact" in ttfb:
        d, s = ttfb["direct"], ttfb["sidecar-exact"]
        lines.append(f"| **added by the sidecar** | **{s['p50'] - d['p50']:+.3f}** | **{s['p99'] - d['p99']:+.3f}** | |")
    return lines


def report(image):
    mode = ", quick mode: CI's check that the suite runs, too short to cite" if run["quick"] else ""
    out = [f"### Run of {run['date']}{mode}", "",
           f"- Machine: {run['cpu']}, {run['cores']} cores, {run['memory_gib']} GiB; {run['os']}. "
           "Every server, Redis and wrk share these cores.",
           f"- Versions: {run['swift']}; nginx {run['nginx']}; Redis {run['redis']}; wrk {run['wrk']}; "
           f"LiteLLM {run['litellm']} (proxy, {run['litellm_workers']} uvicorn workers); OpenBLAS {run['openblas']} "
           f"(core type {run['openblas_coretype']}, {run['openblas_threads']} thread); cache-sidecar at {run['commit']}.",
           f"- Command: `{run['command']}`; {run['duration']} s per measurement, `wrk --latency`, "
           "as many wrk threads as cores (at most one per connection).",
           f"- Load average: the 1-minute figure at the end of each measurement is in every table; "
           f"{run['loadavg_end']} (1, 5, 15 min) at the end. Other engineers' builds share the machine: "
           "compare systems within a run, not across runs.",
           "- Phase times (s): " + ", ".join(f"{name} {seconds}" for name, seconds in run["phase_times"]) + ".",
           ""]
    if failures:
        out += ["**Checks failed:**", ""] + [f"- {f}" for f in failures] + [""]
    head = headline()
    if head:
        out += ["#### Headline", ""] + head + [""]
    if find("exact", "sidecar") or find("exact", "nginx"):
        out += ["#### Exact hits", "",
                "The same request every time (`bench/exact-hit.lua`); nginx serves the same body as a static file. "
                "Before measuring, repeated requests were checked to be hits that never reach the fake provider "
                "(X-Cache: HIT, LiteLLM's x-litellm-cache-key, the fake provider's log), and the log was "
                "checked again after each run.", ""] + exact_table() + [""]
        if image:
            out += [f"![Exact-hit latency and throughput against connections]({image})", ""]
    if semantic_set:
        out += ["#### Semantic hits (cache-sidecar only)", "",
                f"{semantic_set['paraphrases']} paraphrases of {semantic_set['prompts']} stored prompts "
                f"(`bench/semantic-prompts.json`, similarity {semantic_set['similarity_min']:.3f}–"
                f"{semantic_set['similarity_max']:.3f}), sent in turn (`bench/semantic-hit.lua`): every request "
                "embeds its prompt, searches the context's vectors, reads the entry and runs the look-alike guards. "
                "Each answer is checked for X-Cache-Match: semantic.", ""] + semantic_table() + [""]
    if find("miss", "direct"):
        out += ["#### Misses", "",
                "A new prompt every request (`bench/miss.lua`): looked up, forwarded to the fake provider (nginx "
                "answering a fixed completion), stored. \"Reached the provider\" is what the fake provider's log counted during the run "
                "(at least one per request: every request was a miss).", ""] + miss_table() + [""]
    if ttfb:
        out += [f"{next(iter(ttfb.values()))['requests']} sequential streamed requests on one keep-alive "
                "connection (`bench/ttfb.py`), a new prompt each:", ""] + ttfb_table() + [""]
    return out


def plot(path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(11, 4.2))
    colours = {"nginx": "tab:green", "sidecar": "tab:blue", "litellm": "tab:red"}
    for system in ("nginx", "sidecar", "litellm"):
        points = sorted((r for r in rows if r["phase"] == "exact" and r["system"] == system), key=lambda r: r["connections"])
        if not points:
            continue
        x = [r["connections"] for r in points]
        latency.plot(x, [r["p50"] for r in points], "o-", color=colours[system], label=f"{NAMES[system]}, p50")
        latency.plot(x, [r["p99"] for r in points], "s--", color=colours[system], alpha=0.6, label=f"{NAMES[system]}, p99")
        throughput.plot(x, [r["rps"] for r in points], "o-", color=colours[system], label=NAMES[system])
    levels = sorted({r["connections"] for r in rows if r["phase"] == "exact"})
    for axis in (latency, throughput):
        axis.set_xscale("log", base=2)
        axis.set_xticks(levels, [str(level) for level in levels])
        axis.set_yscale("log")
        axis.set_xlabel("concurrent connections (wrk)")
        axis.grid(True, which="both", alpha=0.3)
    latency.set_ylabel("latency, ms (log)")
    latency.set_title("Exact hits: latency")
    throughput.set_ylabel("requests/s (log)")
    throughput.set_title("Exact hits: throughput")
    latency.legend(fontsize=7)
    throughput.legend(fontsize=7)
    figure.suptitle(f"{run['date']}, {run['cores']} cores, load average at end {run['loadavg_end']}", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


if not any(r["phase"] == "exact" for r in rows):
    options.plot = None  # the plot shows exact hits only
if options.plot:
    plot(options.plot)
text = "\n".join(report(os.path.basename(options.plot) if options.plot else None))
with open(os.path.join(options.out, "bench.md"), "w") as f:
    f.write(text)
print(text)
if failures:
    print("bench: checks failed:\n" + "\n".join(f"  {f}" for f in failures), file=sys.stderr)
    sys.exit(1)
if options.docs:
    docs = open(options.docs).read()
    if BEGIN not in docs or END not in docs:
        sys.exit(f"report: {options.docs} has no {BEGIN} … {END} block")
    relative = os.path.relpath(options.docs_plot, os.path.dirname(options.docs))
    block = "\n".join(report(relative if options.plot else None))
    docs = docs[:docs.index(BEGIN) + len(BEGIN)] + "\n" + block + "\n" + docs[docs.index(END):]
    with open(options.docs, "w") as f:
        f.write(docs)
    if options.plot:
        os.makedirs(os.path.dirname(options.docs_plot), exist_ok=True)
        shutil.copyfile(options.plot, options.docs_plot)
    print(f"report: updated {options.docs} and {options.docs_plot}", file=sys.stderr)
