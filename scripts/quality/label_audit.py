#!/usr/bin/env python3
"""A blind second opinion on the labels of the pairs the sidecar serves.

A source's precision is only as good as its labels. This draws, from one replay (an `eval` run of
scripts/quality-report.sh), the pairs of a source that the default settings serve, half labeled
same and half labeled different, shuffles them and writes them without their labels for a reader
who judges each pair afresh: would one answer serve both prompts? `score` then compares those
verdicts with the labels and estimates what precision the served pairs have when the reader is
right, and what precision by the labels the reader itself would reach if it served only the
served pairs it calls the same.

    label_audit.py sample --results eval.jsonl --pairs pairs-dev.jsonl --source qqp --per-label 60 \
        --out sample.jsonl --key qqp.key.json   # sample: {"id", "s1", "s2"} only, for the reader
    label_audit.py score --pairs pairs-dev.jsonl --key qqp.key.json --verdicts verdicts.jsonl
                                      # verdicts: {"id", "same": true|false}, one line each

Standard library only. The sample holds held-out lines (odd) unless --half says otherwise. Its
`id`s say nothing of the label; the key maps them to lines of the pairs file and records how many
pairs of each label were served, and holds no text of the pairs (docs/BENCHMARKS.md, "A second
opinion on the labels", has the run committed in scripts/quality/audit/).
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from replay_pairs import in_half, is_hit, load_pairs, read_results, valid  # noqa: E402


def served(results, source, half, threshold, alignment):
    _, rows = read_results(results)
    return [r for r in rows if valid(r) and r["source"] == source and in_half(r, half) and is_hit(r, threshold, alignment)]


def sample(args):
    pairs = {p["line"]: p for p in load_pairs(args.pairs)}
    rows = served(args.results, args.source, args.half, args.at, args.alignment)
    rng = random.Random(args.seed)
    chosen = []
    for label in (0, 1):
        group = [r for r in rows if r["label"] == label]
        chosen += rng.sample(group, min(args.per_label, len(group)))
    rng.shuffle(chosen)
    key = {}
    with open(args.out, "w") as f:
        for n, r in enumerate(chosen):
            ident = f"{args.source}-{n:03d}"
            key[ident] = r["line"]
            p = pairs[r["line"]]
            f.write(json.dumps({"id": ident, "s1": p["s1"], "s2": p["s2"]}, ensure_ascii=False) + "\n")
    with open(args.key, "w") as f:
        json.dump({"source": args.source, "half": args.half, "at": args.at, "alignment": args.alignment,
                   "served": {"same": sum(r["label"] for r in rows), "different": sum(1 - r["label"] for r in rows)},
                   "lines": key}, f, indent=1)
    print(f"label_audit: {len(chosen)} of {len(rows)} served {args.source} pairs written to {args.out}", file=sys.stderr)


def score(args):
    key = json.load(open(args.key))
    labels = {p["line"]: p["label"] for p in load_pairs(args.pairs)}
    verdicts = {}
    with open(args.verdicts) as f:
        for text in f:
            if text.strip():
                d = json.loads(text)
                verdicts[d["id"]] = bool(d["same"])
    missing = set(key["lines"]) - set(verdicts)
    if missing:
        raise SystemExit(f"label_audit: no verdict for {len(missing)} pairs, e.g. {sorted(missing)[:3]}")
    # agree[label][verdict]: how often the reader called a pair of that label the same question.
    agree = {0: [0, 0], 1: [0, 0]}
    for ident, line in key["lines"].items():
        agree[labels[line]][int(verdicts[ident])] += 1
    served_same, served_diff = key["served"]["same"], key["served"]["different"]
    same_if_labeled_diff = agree[0][1] / max(1, sum(agree[0]))
    diff_if_labeled_same = agree[1][0] / max(1, sum(agree[1]))
    label_precision = served_same / (served_same + served_diff)
    # Served pairs the reader calls the same question: labeled same and confirmed, plus labeled
    # different and overturned (each rate applied to every served pair of its label).
    reader_same = served_same * (1 - diff_if_labeled_same) + served_diff * same_if_labeled_diff
    reader_precision = reader_same / (served_same + served_diff)
    # The reader as the matcher: serving only the pairs it calls the same, scored by the labels.
    reader_as_matcher = served_same * (1 - diff_if_labeled_same) / reader_same
    print(f"| source | served (labeled same / different) | labeled different, reader: same | labeled same, reader: different "
          f"| precision by the labels | precision by the reader | the reader's picks, by the labels |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| {key['source']} | {served_same} / {served_diff} | {agree[0][1]} of {sum(agree[0])} ({same_if_labeled_diff:.0%}) "
          f"| {agree[1][0]} of {sum(agree[1])} ({diff_if_labeled_same:.0%}) | {label_precision:.3f} | {reader_precision:.3f} "
          f"| {reader_as_matcher:.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--results", required=True, help="an eval run's results (X-Cache-Alignment reported)")
    s.add_argument("--pairs", required=True)
    s.add_argument("--source", required=True)
    s.add_argument("--per-label", type=int, default=60)
    s.add_argument("--half", choices=["all", "tune", "holdout"], default="holdout")
    s.add_argument("--at", type=float, default=0.88, help="threshold (default 0.88, the built-in)")
    s.add_argument("--alignment", type=float, default=0.4, help="alignment minimum (default 0.4, the built-in)")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--out", required=True)
    s.add_argument("--key", required=True, help="where the id → line key goes")
    c = sub.add_parser("score")
    c.add_argument("--pairs", required=True)
    c.add_argument("--key", required=True)
    c.add_argument("--verdicts", required=True)
    args = ap.parse_args()
    sample(args) if args.mode == "sample" else score(args)


if __name__ == "__main__":
    main()
