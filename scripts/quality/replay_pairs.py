#!/usr/bin/env python3
"""Semantic matching quality measured through a running sidecar, over HTTP.

Two modes (standard library only):

  replay   For every labeled pair of the pairs file: POST s1 (a miss: the fake upstream answers
           and the sidecar stores it), then POST s2 with the same API key and record X-Cache,
           X-Cache-Match, X-Cache-Similarity and X-Cache-Alignment (the token-alignment score,
           sent when the stage ran: SEMANTIC_ALIGNMENT=report computes it and refuses nothing). Every pair has its own API key, so its own
           tenant and context: pairs never see each other, and the only candidate s2 can match
           is s1.

      replay_pairs.py replay --url http://127.0.0.1:8080 --pairs pairs-dev.jsonl --out run.jsonl \
          [--sample N] [--concurrency 4] [--seed 1]

  crowd    The pairs of a group (a source, or the whole file) share one API key, so one context,
           as a busy app's prompts do: first every distinct s1 is stored (Cache-Control: no-cache,
           so a stored look-alike cannot answer it instead), then every s2 is asked with
           Cache-Control: only-if-cached, which stores nothing. X-Cache-Key names the entry
           served, so each s2 is served its own s1, another pair's s1 (a cross hit), or nothing.
           A cross hit is judged by the labels when its two texts are a labeled pair elsewhere in
           the file; the rest are listed to be read.

      replay_pairs.py crowd --url http://127.0.0.1:8080 --pairs prompt-pairs.jsonl --out crowd.jsonl \
          [--group source|all] [--pairwise run.jsonl] [--concurrency 4]

  traffic  An app's stream of prompts, in order, as production sees it: each app one API key, so
           one context; each prompt is sent as a plain request, so a miss is stored. The file
           gives every prompt a meaning (prompts of one meaning take the very same answer) and a
           family (meanings that look alike). A hit is right when the entry served has the
           prompt's meaning; recall counts the prompts whose meaning was already stored.

      replay_pairs.py traffic --url http://127.0.0.1:8080 --prompts traffic.jsonl [--out run.jsonl]

  report   Markdown tables from one or more replay results: precision, recall and false-hit
           rate per source at the thresholds a run was made at (live), and the curve derived
           offline from X-Cache-Similarity for thresholds at or above the run's own threshold —
           and, with --alignment, from X-Cache-Alignment for alignment minimums too (the run must
           have reported it). --choose picks (threshold, alignment) on the tune half.

      replay_pairs.py report --live guarded=run-default.jsonl --live unguarded=run-default-off.jsonl \
          --curve guarded=run-075.jsonl --curve unguarded=run-075-off.jsonl --alignment none,0.4

Definitions (per source): precision = right hits / hits; recall = right hits / pairs labeled
same; false-hit rate = wrong hits / pairs labeled different (how often a different question is
served a cached answer). A hit is X-Cache: HIT, exact or semantic. Halves: even lines of the
pairs file tune, odd lines are held out (as in docs/QUALITY-guards.md).
"""
import argparse
import collections
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor


def load_pairs(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line_no, text in enumerate(f):
            if not text.strip():
                continue
            d = json.loads(text)
            pairs.append({"line": line_no, "source": d["source"], "s1": d["s1"], "s2": d["s2"], "label": int(d["label"])})
    return pairs


def stratified_sample(pairs, per_source, seed):
    """`per_source` pairs of every source (all of a smaller source), in file order."""
    by_source = collections.defaultdict(list)
    for p in pairs:
        by_source[p["source"]].append(p)
    rng = random.Random(seed)
    chosen = []
    for source in sorted(by_source):
        items = by_source[source]
        chosen.extend(items if len(items) <= per_source else rng.sample(items, per_source))
    return sorted(chosen, key=lambda p: p["line"])


class Client:
    """One keep-alive connection per thread."""

    def __init__(self, url, model):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port or 80
        self.model = model
        self.local = threading.local()

    def _conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.local.conn = c
        return c

    def complete(self, prompt, api_key, cache_control=None):
        body = json.dumps({"model": self.model, "messages": [{"role": "user", "content": prompt}]})
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + api_key}
        if cache_control:
            headers["Cache-Control"] = cache_control
        for attempt in range(3):
            try:
                c = self._conn()
                c.request("POST", "/v1/chat/completions", body=body, headers=headers)
                r = c.getresponse()
                r.read()
                return r.status, {k.lower(): v for k, v in r.getheaders()}
            except (http.client.HTTPException, OSError):
                self.local.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.2)


def start_run(args):
    """The pairs a run asks (a sample, if asked for), its client, and a nonce for fresh API keys."""
    pairs = load_pairs(args.pairs)
    if args.sample:
        pairs = stratified_sample(pairs, args.sample, args.seed)
    return pairs, Client(args.url, args.model), uuid.uuid4().hex[:12]


def replay(args):
    pairs, client, nonce = start_run(args)
    done = [0]
    lock = threading.Lock()
    started = time.monotonic()

    def one(p):
        key = f"sk-replay-{nonce}-{p['line']}"
        s1_status, s1_headers = client.complete(p["s1"], key)
        status, h = client.complete(p["s2"], key)
        sim = h.get("x-cache-similarity")
        aligned = h.get("x-cache-alignment")
        rec = {
            "line": p["line"], "source": p["source"], "label": p["label"],
            "stored": s1_headers.get("x-cache"), "status": status,
            "x_cache": h.get("x-cache"), "match": h.get("x-cache-match"),
            "similarity": float(sim) if sim is not None else None,
            "alignment": float(aligned) if aligned is not None else None,
        }
        with lock:
            done[0] += 1
            if done[0] % 1000 == 0 or done[0] == len(pairs):
                el = time.monotonic() - started
                print(f"replay: {done[0]}/{len(pairs)} pairs, {el:.0f}s, {done[0] / el:.1f} pairs/s", file=sys.stderr, flush=True)
        return rec

    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(one, pairs))
    elapsed = time.monotonic() - started
    meta = {"meta": True, "pairs": len(results), "seconds": round(elapsed, 1), "concurrency": args.concurrency,
            "sample_per_source": args.sample, "label": args.label}
    with open(args.out, "w") as f:
        f.write(json.dumps(meta) + "\n")
        for r in results:
            f.write(json.dumps(r) + "\n")
    bad = sum(1 for r in results if not valid(r))
    print(f"replay: {len(results)} pairs in {elapsed:.0f}s ({len(results) / elapsed:.1f} pairs/s); "
          f"{bad} not measured (non-200 answer, or s1 not stored: X-Cache other than MISS)", file=sys.stderr)
    # A Redis hiccup on a loaded machine may leave a pair unmeasured; many mean the run is broken.
    if bad > max(10, len(results) // 100):
        sys.exit(1)


def crowd(args):
    pairs, client, nonce = start_run(args)
    group_of = (lambda p: p["source"]) if args.group == "source" else (lambda p: "all")
    started = time.monotonic()

    # Phase 1: every distinct s1 of a group stored under the group's key.
    to_store = sorted({(group_of(p), p["s1"]) for p in pairs})
    def store(item):
        group, text = item
        status, h = client.complete(text, f"sk-crowd-{nonce}-{group}", cache_control="no-cache")
        return item, (h.get("x-cache-key") if status == 200 else None)
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        stored = dict(pool.map(store, to_store))
    texts_by_key = collections.defaultdict(set)
    for (group, text), key in stored.items():
        if key:
            texts_by_key[(group, key)].add(text)
    print(f"crowd: stored {sum(1 for k in stored.values() if k)} of {len(stored)} prompts in "
          f"{len({g for g, _ in stored})} contexts, {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)

    # Phase 2: every s2 asked, only from the cache.
    def ask(p):
        group = group_of(p)
        status, h = client.complete(p["s2"], f"sk-crowd-{nonce}-{group}", cache_control="only-if-cached")
        served = sorted(texts_by_key.get((group, h.get("x-cache-key")), ())) if status == 200 else []
        sim, aligned = h.get("x-cache-similarity"), h.get("x-cache-alignment")
        return {
            "line": p["line"], "source": p["source"], "label": p["label"], "status": status,
            "stored": stored.get((group, p["s1"])) is not None,
            "match": h.get("x-cache-match") if status == 200 else None,
            "served": served, "own": p["s1"] in served,
            "similarity": float(sim) if sim is not None else None,
            "alignment": float(aligned) if aligned is not None else None,
        }
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(ask, pairs))
    elapsed = time.monotonic() - started
    with open(args.out, "w") as f:
        f.write(json.dumps({"meta": True, "mode": "crowd", "group": args.group, "pairs": len(results),
                            "seconds": round(elapsed, 1), "concurrency": args.concurrency}) + "\n")
        for r in results:
            f.write(json.dumps(r) + "\n")
    print(f"crowd: {len(results)} prompts asked, {elapsed:.0f}s in all", file=sys.stderr)
    print("\n".join(crowd_report(pairs, results, args.pairwise)))


def crowd_report(pairs, results, pairwise_path=None):
    """Per source: what each s2 was served in the crowd, and (with a pairwise run of the same
    settings) how many of its own s1's hits the crowd lost."""
    labeled = {frozenset((p["s1"], p["s2"])): p["label"] for p in pairs}
    by_line = {p["line"]: p for p in pairs}
    pairwise = {}
    if pairwise_path:
        _, rows = read_results(pairwise_path)
        pairwise = {r["line"]: is_hit(r) for r in rows if valid(r)}
    out = ["| source | pairs asked | own s1, right | own s1, wrong | cross hits | cross, labeled same | cross, labeled different | cross, unlabeled | no answer |"
           + (" pairwise hits lost in the crowd |" if pairwise else ""),
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if pairwise else "")]
    unlabeled = []
    for source in sorted({r["source"] for r in results}):
        c = collections.Counter()
        for r in results:
            if r["source"] != source or not r["stored"] or r["status"] not in (200, 504):
                continue
            c["asked"] += 1
            if r["status"] != 200:
                c["none"] += 1
            elif r["own"]:
                c["right" if r["label"] else "wrong"] += 1
            else:
                c["cross"] += 1
                s2 = by_line[r["line"]]["s2"]
                verdicts = {labeled.get(frozenset((t, s2))) for t in r["served"]}
                if verdicts == {1}:
                    c["cross_same"] += 1
                elif 0 in verdicts:
                    c["cross_diff"] += 1
                else:
                    c["cross_unlabeled"] += 1
                    unlabeled.append((r, s2))
            if pairwise.get(r["line"]) and not (r["status"] == 200 and r["own"]):
                c["lost"] += 1
        out.append(f"| {source} | {c['asked']} | {c['right']} | {c['wrong']} | {c['cross']} | {c['cross_same']} | "
                   f"{c['cross_diff']} | {c['cross_unlabeled']} | {c['none']} |" + (f" {c['lost']} |" if pairwise else ""))
    if unlabeled:
        out.append(f"\nCross hits no label judges ({len(unlabeled)}): asked ⟶ served (similarity, alignment)\n")
        for r, s2 in unlabeled:
            out.append(f"- line {r['line']} ({r['source']}): {s2!r} ⟶ {r['served'][0]!r} ({r['similarity']}, {r['alignment']})")
    return out


def traffic(args):
    rows = [json.loads(t) for t in open(args.prompts, encoding="utf-8") if t.strip()]
    client = Client(args.url, args.model)
    nonce = uuid.uuid4().hex[:12]
    stored = {}            # (app, key) -> the row stored under it
    meanings_stored = set()  # (app, meaning)
    results = []
    for row in rows:
        app = row["app"]
        status, h = client.complete(row["prompt"], f"sk-traffic-{nonce}-{app}")
        key = h.get("x-cache-key")
        result = {"app": app, "meaning": row["meaning"], "prompt": row["prompt"], "status": status, "x_cache": h.get("x-cache"),
                  "match": h.get("x-cache-match"), "similarity": h.get("x-cache-similarity"), "alignment": h.get("x-cache-alignment"),
                  "possible": (app, row["meaning"]) in meanings_stored}
        if status == 200 and h.get("x-cache") == "HIT":
            entry = stored.get((app, key))
            result["served_meaning"] = entry["meaning"] if entry else None
            result["served_prompt"] = entry["prompt"] if entry else None
        elif status == 200 and h.get("x-cache") == "MISS":
            stored[(app, key)] = row
            meanings_stored.add((app, row["meaning"]))
        results.append(result)
    if args.out:
        with open(args.out, "w") as f:
            for r in results:
                f.write(json.dumps(r) + "\n")
    print("\n".join(traffic_report(results)))


def traffic_report(results):
    out = ["| app | prompts | could hit | hits | right | wrong | precision | recall | not measured |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    wrong = []
    for app in sorted({r["app"] for r in results}):
        c = collections.Counter()
        for r in results:
            if r["app"] != app:
                continue
            c["prompts"] += 1
            c["possible"] += r["possible"]
            if r["status"] != 200 or r["x_cache"] not in ("HIT", "MISS") or (r["x_cache"] == "HIT" and r.get("served_meaning") is None):
                c["unmeasured"] += 1
            elif r["x_cache"] == "HIT":
                c["hits"] += 1
                if r["served_meaning"] == r["meaning"]:
                    c["right"] += 1
                else:
                    c["wrong"] += 1
                    wrong.append(r)
        precision = c["right"] / c["hits"] if c["hits"] else float("nan")
        recall = c["right"] / c["possible"] if c["possible"] else float("nan")
        out.append(f"| {app} | {c['prompts']} | {c['possible']} | {c['hits']} | {c['right']} | {c['wrong']} | "
                   f"{f3(precision)} | {f3(recall)} | {c['unmeasured']} |")
    if wrong:
        out.append(f"\nWrong hits ({len(wrong)}): asked ⟶ served (similarity, alignment)\n")
        for r in wrong:
            out.append(f"- {r['app']} {r['meaning']} ≠ {r['served_meaning']}: {r['prompt']!r} ⟶ {r['served_prompt']!r} "
                       f"({r['similarity']}, {r['alignment']})")
    return out


def valid(r):
    """A pair measures the semantic layer only if s1 was stored and s2 got an answer."""
    return r["status"] == 200 and r["stored"] == "MISS" and r["x_cache"] in ("HIT", "MISS")


# ---------------------------------------------------------------- report

def read_results(path):
    meta, rows = {}, []
    with open(path) as f:
        for text in f:
            d = json.loads(text)
            if d.get("meta"):
                meta = d
            else:
                rows.append(d)
    return meta, rows


def is_hit(r, threshold=None, alignment=None):
    """Hit as served (threshold None), or as it would be at `threshold` (>= the run's own) and, if
    given, with the token-alignment stage refusing semantic hits below `alignment`."""
    if r["x_cache"] != "HIT":
        return False
    if r["match"] == "exact":
        return True
    # The headers carry 3 decimals; compare what was reported.
    if threshold is not None and (r["similarity"] is None or r["similarity"] < threshold - 1e-9):
        return False
    if alignment is not None:
        if r.get("alignment") is None:
            raise SystemExit(f"line {r['line']}: a semantic hit without X-Cache-Alignment; replay with SEMANTIC_ALIGNMENT=report")
        return r["alignment"] >= alignment - 1e-9
    return True


def in_half(r, half):
    return half == "all" or (half == "tune") == (r["line"] % 2 == 0)


def counts(rows, source, threshold=None, half="all", alignment=None):
    c = collections.Counter()
    for r in rows:
        if not valid(r) or r["source"] != source or not in_half(r, half):
            continue
        c["pos" if r["label"] else "neg"] += 1
        if is_hit(r, threshold, alignment):
            c["hits"] += 1
            c["right" if r["label"] else "wrong"] += 1
    p = c["right"] / c["hits"] if c["hits"] else float("nan")
    rec = c["right"] / c["pos"] if c["pos"] else float("nan")
    fhr = c["wrong"] / c["neg"] if c["neg"] else float("nan")
    return p, rec, fhr, c


def f3(x):
    return "–" if x != x else f"{x:.3f}"


def source_table(runs, threshold, half):
    """Per source: pairs, then precision / recall / false hits of each run (at `threshold` if given).
    `runs`: (name, meta, rows, alignment minimum or None)."""
    header = "| source | pairs (same / different) |"
    rule = "|---|---:|"
    for name, _, _, _ in runs:
        header += f" precision {name} | recall {name} | false hits {name} |"
        rule += "---:|---:|---:|"
    lines = [header, rule]
    for s in sorted({r["source"] for _, _, rows, _ in runs for r in rows}):
        _, _, _, c0 = counts(runs[0][2], s, threshold, half)
        line = f"| {s} | {c0['pos'] + c0['neg']} ({c0['pos']} / {c0['neg']}) |"
        for _, _, rows, alignment in runs:
            p, rec, fhr, _ = counts(rows, s, threshold, half, alignment)
            line += f" {f3(p)} | {f3(rec)} | {f3(fhr)} |"
        lines.append(line)
    return lines


def alignment_name(name, alignment):
    return name if alignment is None else f"{name}, alignment ≥ {alignment:g}"


def choose(rows, thresholds, alignments, precision_goal=0.95, recall_goal=0.35, recall_source="qqp"):
    """On the tune half, as docs/QUALITY-guards.md: the setting meeting the goal with the most
    recall, else the best worst-source precision among those keeping recall_source's recall."""
    sources = sorted({r["source"] for r in rows})
    scored = []
    for t in thresholds:
        for a in alignments:
            worst = min(counts(rows, s, t, "tune", a)[0] for s in sources)
            recall = counts(rows, recall_source, t, "tune", a)[1]
            scored.append((t, a, worst, recall))
    meeting = [x for x in scored if x[2] >= precision_goal and x[3] >= recall_goal]
    if meeting:
        return max(meeting, key=lambda x: x[3]), True
    keeping = [x for x in scored if x[3] >= recall_goal]
    return (max(keeping, key=lambda x: x[2]) if keeping else None), False


def report(args):
    out = []
    live = [(name, *read_results(path), None) for name, path in (s.split("=", 1) for s in args.live or [])]
    loaded = [(name, *read_results(path)) for name, path in (s.split("=", 1) for s in args.curve or [])]
    alignments = [None if a == "none" else float(a) for a in args.alignment.split(",")]
    # One derived curve per run and alignment minimum.
    curve = [(alignment_name(name, a), meta, rows, a) for name, meta, rows in loaded for a in alignments]
    half = args.half
    thresholds = [round(0.80 + i / 100, 2) for i in range(18)]
    if args.choose:
        grid = [None, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]
        for name, meta, rows in loaded:
            best, meets = choose(rows, thresholds, grid)
            if best:
                t, a, worst, recall = best
                print(f"`{name}`: chosen on the tune half: threshold {t:.2f}, alignment {'off' if a is None else a}: "
                      f"worst-source precision {worst:.3f}, qqp recall {recall:.3f} ({'meets' if meets else 'does not meet'} the goal)")
        return
    if live:
        out.append(f"Live runs ({half} pairs): each figure is what the sidecar served.\n")
        out += source_table(live, None, half)
        for name, meta, rows, _ in live:
            out.append(f"\n`{name}`: {meta.get('pairs')} pairs in {meta.get('seconds')} s at concurrency {meta.get('concurrency')}"
                       + (f" (sample: {meta['sample_per_source']} per source)" if meta.get("sample_per_source") else "")
                       + f"; {sum(1 for r in rows if not valid(r))} not measured")
        out.append("")
    if curve and args.at:
        t = args.at
        out.append(f"At t = {t:.2f}, derived from the low-threshold runs ({half} pairs):\n")
        out += source_table(curve, t, half)
        out.append("")
        if args.table_only:
            print("\n".join(out))
            return
    for name, meta, rows, alignment in curve:
        sources = sorted({r["source"] for r in rows})
        out.append(f"Derived from `{name}` ({meta.get('pairs')} pairs in {meta.get('seconds')} s, "
                   f"{sum(1 for r in rows if not valid(r))} not measured; {half} half): precision / recall / false-hit rate "
                   "per source if the threshold were t.\n")
        out.append("| t | " + " | ".join(sources) + " |")
        out.append("|---|" + "---|" * len(sources))
        for t in thresholds:
            cells = []
            for s in sources:
                p, rec, fhr, _ = counts(rows, s, t, half, alignment)
                cells.append(f"{f3(p)} / {f3(rec)} / {f3(fhr)}")
            out.append(f"| {t:.2f} | " + " | ".join(cells) + " |")
        out.append("")
    text = "\n".join(out)
    print(text)
    if args.json:
        summary = {}
        for name, meta, rows, alignment in curve:
            summary[name] = {f"{t:.2f}": {s: dict(zip(("precision", "recall", "false_hits"), counts(rows, s, t, half, alignment)[:3]))
                                          for s in sorted({r["source"] for r in rows})} for t in thresholds}
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("replay")
    r.add_argument("--url", required=True)
    r.add_argument("--pairs", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--sample", type=int, default=0, help="pairs per source (all of a smaller source); 0 = every pair")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--concurrency", type=int, default=4)
    r.add_argument("--model", default="gpt-4.1")
    r.add_argument("--label", default="")
    r.set_defaults(func=replay)
    c = sub.add_parser("crowd")
    c.add_argument("--url", required=True)
    c.add_argument("--pairs", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--group", choices=["source", "all"], default="source", help="one context per source, or one for the file")
    c.add_argument("--pairwise", help="a replay run of the same settings: count the hits the crowd lost")
    c.add_argument("--sample", type=int, default=0, help="pairs per source (all of a smaller source); 0 = every pair")
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--concurrency", type=int, default=4)
    c.add_argument("--model", default="gpt-4.1")
    c.set_defaults(func=crowd)
    t = sub.add_parser("traffic")
    t.add_argument("--url", required=True)
    t.add_argument("--prompts", required=True, help="JSON Lines: app, family, meaning, prompt, in the order sent")
    t.add_argument("--out")
    t.add_argument("--model", default="gpt-4.1")
    t.set_defaults(func=traffic)
    p = sub.add_parser("report")
    p.add_argument("--live", action="append", help="NAME=results.jsonl: figures as served")
    p.add_argument("--curve", action="append", help="NAME=results.jsonl from a low-threshold run: derived curve")
    p.add_argument("--half", choices=["all", "tune", "holdout"], default="all")
    p.add_argument("--json", help="also write the curve as JSON here")
    p.add_argument("--at", type=float, help="also a per-source table of every --curve run at this threshold")
    p.add_argument("--table-only", action="store_true", help="with --at: only that table")
    p.add_argument("--alignment", default="none",
                   help="comma-separated token-alignment minimums to derive (none = the stage off), e.g. none,0.4")
    p.add_argument("--choose", action="store_true", help="only print the (threshold, alignment) chosen on the tune half")
    p.set_defaults(func=report)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
