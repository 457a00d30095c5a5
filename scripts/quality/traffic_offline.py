#!/usr/bin/env python3
"""Replays apps' prompt streams offline, to try lookup policies the sidecar does not have.

`replay_pairs.py traffic` measures the running sidecar; this script reproduces its verdicts from
`cache-sidecar embed` and `cache-sidecar explain` (the same model, guards and alignment), so a
policy can be tried on every stream in seconds before it is built. With the built-in policy it
gives the same hits as the live run.

    scripts/quality/traffic_offline.py --bin .build/release/cache-sidecar \
        scripts/quality/app-traffic-4.jsonl scripts/quality/app-traffic-5.jsonl

Policies (a candidate is a stored prompt of the same app at or above the threshold, most similar
first; the sidecar serves the first one the guards pass, if its alignment reaches the minimum):
  built-in           as the sidecar, at each alignment minimum of --alignment
  cosine             the most similar candidate, no guards, no alignment
  closer-refused     refuse when a more similar candidate was refused by the guards
  near-refused D     refuse when any candidate the guards refused is within D of the one served
  near-unalike D     refuse when a candidate within D of the one served is a look-alike of it
                     (the guards refuse the two stored prompts against each other)

With --wrong it lists the wrong hits the built-in policy serves instead (app, similarity,
alignment, stored prompt, asked prompt, tab-separated): an app's look-alike classes at a glance.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import numpy as np


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, check=True).stdout.splitlines()


def explained_pairs(binary, rows, lowest):
    """Every ordered pair of distinct prompts of one app with cosine >= lowest, explained."""
    texts = sorted({r["prompt"] for r in rows})
    vectors = {}
    for i in range(0, len(texts), 200):
        chunk = texts[i : i + 200]
        for text, line in zip(chunk, run(binary, "embed", "--", *chunk)):
            vectors[text] = np.array(json.loads(line), dtype=np.float32)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as pairs:
        for app in sorted({r["app"] for r in rows}):
            own = sorted({r["prompt"] for r in rows if r["app"] == app})
            matrix = np.stack([vectors[t] for t in own])
            sims = matrix @ matrix.T
            for i, j in zip(*np.nonzero(sims >= lowest)):
                if i != j:
                    pairs.write(json.dumps({"s1": own[i], "s2": own[j], "app": app}) + "\n")
    try:
        lines = run(binary, "explain", "--alignment", "0", "--threshold", str(lowest), "--pairs", pairs.name)
    finally:
        os.unlink(pairs.name)
    return {(e["app"], e["s1"], e["s2"]): e for e in map(json.loads, lines)}


def replay(rows, explained, policy, threshold, alignment, wrong_hits=None):
    """Each app's stream in order; a miss is stored, a hit is not (as in production).
    Wrong hits are appended to `wrong_hits` as (app, stored prompt, asked prompt, explanation)."""
    counts = collections.Counter()
    for app in sorted({r["app"] for r in rows}):
        stored, meanings = {}, set()
        for row in (r for r in rows if r["app"] == app):
            prompt, meaning = row["prompt"], row["meaning"]
            if prompt in stored:
                counts["exact"] += 1
                continue
            counts["could hit"] += meaning in meanings
            candidates = sorted(
                ((e["similarity"], text, m, e) for text, m in stored.items()
                 if (e := explained.get((app, text, prompt))) and e["similarity"] >= threshold),
                key=lambda c: -c[0])
            served = policy(candidates, app, explained, alignment)
            if served is None:
                stored[prompt] = meaning
                meanings.add(meaning)
            else:
                counts["right" if served[2] == meaning else "wrong"] += 1
                if served[2] != meaning and wrong_hits is not None:
                    wrong_hits.append((app, served[1], prompt, served[3]))
    return counts


def first_passed(candidates):
    return next((i for i, c in enumerate(candidates) if c[3]["refusal"] is None), None)


def built_in(candidates, app, explained, alignment):
    i = first_passed(candidates)
    return candidates[i] if i is not None and candidates[i][3]["alignment"] >= alignment else None


def cosine(candidates, app, explained, alignment):
    return candidates[0] if candidates else None


def closer_refused(candidates, app, explained, alignment):
    return built_in(candidates, app, explained, alignment) if first_passed(candidates) == 0 else None


def near_refused(delta):
    def policy(candidates, app, explained, alignment):
        served = built_in(candidates, app, explained, alignment)
        if served and any(c[3]["refusal"] and c[0] >= served[0] - delta for c in candidates):
            return None
        return served
    return policy


def near_unalike(delta):
    def policy(candidates, app, explained, alignment):
        served = built_in(candidates, app, explained, alignment)
        for c in candidates if served else []:
            if c is served or c[0] < served[0] - delta:
                continue
            e = explained.get((app, served[1], c[1])) or explained.get((app, c[1], served[1]))
            if e is None or e["refusal"]:
                return None
        return served
    return policy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("streams", nargs="+")
    ap.add_argument("--bin", default=".build/release/cache-sidecar")
    ap.add_argument("--threshold", type=float, default=0.88)
    ap.add_argument("--alignment", default="0.4,0.45,0.5,0.6")
    ap.add_argument("--margins", default="0.01,0.03,0.1")
    ap.add_argument("--wrong", action="store_true",
                    help="list the wrong hits the built-in policy serves at the first --alignment")
    args = ap.parse_args()
    rows = [json.loads(line) for path in args.streams for line in open(path)]
    explained = explained_pairs(args.bin, rows, min(args.threshold, 0.86))
    default_alignment = 0.4
    if args.wrong:
        wrong_hits = []
        replay(rows, explained, built_in, args.threshold, float(args.alignment.split(",")[0]), wrong_hits)
        for app, stored, asked, e in wrong_hits:
            print(f"{app}\t{e['similarity']:.3f}\t{e['alignment']:.2f}\t{stored}\t{asked}")
        return 0
    policies = [(f"built-in, alignment >= {a}", built_in, float(a)) for a in args.alignment.split(",")]
    policies += [("cosine alone", cosine, 0.0), ("closer-refused", closer_refused, default_alignment)]
    for d in args.margins.split(","):
        policies += [(f"near-refused {d}", near_refused(float(d)), default_alignment),
                     (f"near-unalike {d}", near_unalike(float(d)), default_alignment)]
    print("| policy | exact | right | wrong | precision (semantic) | could hit |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, policy, alignment in policies:
        c = replay(rows, explained, policy, args.threshold, alignment)
        served = c["right"] + c["wrong"]
        precision = c["right"] / served if served else float("nan")
        print(f"| {name} | {c['exact']} | {c['right']} | {c['wrong']} | {precision:.3f} | {c['could hit']} |")


if __name__ == "__main__":
    sys.exit(main())
