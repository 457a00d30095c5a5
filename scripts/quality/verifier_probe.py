#!/usr/bin/env python3
"""Asks whether a learned verifier on top of all-MiniLM-L6-v2 could replace the alignment minimum.

A logistic regression is fitted on the tune half (even lines) of pairs-dev.jsonl, over the pairs a
lookup would check (cosine >= --floor, not refused by the Swift guards), with every source weighted
equally. Features: the sentence cosine and 16 numbers from the token-state similarity matrix of
content tokens (the alignment score and the next two worst best-matches, mean best-match per side,
counts of tokens matched below 0.5 / 0.6 / 0.7 / 0.8, token counts, Jaccard of content tokens,
worst best-match over all tokens per side); with --pair-vectors also |u - v| and u * v of the
sentence vectors (768 more, the classifier head Sentence-BERT trains). Prints held-out precision /
recall per source at a range of score cut-offs, next to the tune half's qqp figures (overfitting
shows as the gap).

    python3 scripts/quality/token_alignment.py --states /tmp/ta/states.npz       # then GuardsEvaluation with
    GUARD_SIMS=/tmp/ta/sims.npy GUARD_HALF=all GUARD_REFUSALS=/tmp/ta/refusals.tsv swift test --filter GuardsEvaluation
    OPENBLAS_NUM_THREADS=1 python3 scripts/quality/verifier_probe.py --refusals /tmp/ta/refusals.tsv [--pair-vectors]

Needs scripts/reference/requirements.txt and scipy. ~3 min for the forward passes (onnxruntime).
"""
import argparse
import json
import os
import string
import sys

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_alignment import FUNCTION_WORDS, read_refusals, token_states  # noqa: E402


def content(tokens):
    mask = np.array([not (t in FUNCTION_WORDS or all(c in string.punctuation for c in t)) for t in tokens], bool)
    return mask if mask.any() else np.ones(len(tokens), bool)


def alignment_features(a, a_tokens, b, b_tokens):
    if len(a) == 0 or len(b) == 0:
        return [0.0] * 16
    s = a @ b.T
    ca, cb = content(a_tokens), content(b_tokens)
    best_a, best_b = s.max(1)[ca], s.max(0)[cb]
    both = np.sort(np.concatenate([best_a, best_b]))
    words_a = {t for t, c in zip(a_tokens, ca) if c}
    words_b = {t for t, c in zip(b_tokens, cb) if c}
    return [both[0], both[min(1, len(both) - 1)], both[min(2, len(both) - 1)],
            best_a.mean(), best_b.mean(), min(best_a.mean(), best_b.mean()),
            *((both < x).sum() for x in (0.5, 0.6, 0.7, 0.8)), (both < 0.7).mean(),
            ca.sum() + cb.sum(), abs(int(ca.sum()) - int(cb.sum())),
            len(words_a & words_b) / max(1, len(words_a | words_b)), s.max(1).min(), s.max(0).min()]


def fit_logistic(x, y, weight, l2):
    def loss(beta):
        z = x @ beta
        g = x.T @ ((1 / (1 + np.exp(-z)) - y) * weight) + l2 * np.r_[0, beta[1:]]
        return ((np.logaddexp(0, z) - y * z) * weight).sum() + 0.5 * l2 * beta[1:] @ beta[1:], g
    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000}).x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", default="/work/shared/data/pairs-dev.jsonl")
    ap.add_argument("--refusals", required=True, help="GUARD_REFUSALS output of GuardsEvaluation (line, 0|1)")
    ap.add_argument("--floor", type=float, default=0.80, help="cosine a pair needs to be a candidate")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--pair-vectors", action="store_true", help="also |u - v| and u * v")
    args = ap.parse_args()
    pairs = [json.loads(line) for line in open(args.pairs)]
    sentence, tokens = token_states(sorted({t for p in pairs for t in (p["s1"], p["s2"])}))
    u = np.array([sentence[p["s1"]] for p in pairs], np.float64)
    v = np.array([sentence[p["s2"]] for p in pairs], np.float64)
    cosine = (u * v).sum(1)
    columns = [cosine[:, None], np.array([alignment_features(*tokens[p["s1"]], *tokens[p["s2"]]) for p in pairs])]
    if args.pair_vectors:
        columns += [np.abs(u - v), u * v]
    x = np.column_stack(columns)
    refused = read_refusals(args.refusals, len(pairs))
    labels = np.array([p["label"] for p in pairs])
    sources = np.array([p["source"] for p in pairs])
    tune = np.arange(len(pairs)) % 2 == 0
    candidate = (cosine >= args.floor) & ~refused
    train = candidate & tune
    z = np.column_stack([np.ones(len(x)), (x - x[train].mean(0)) / (x[train].std(0) + 1e-9)])
    weight = np.zeros(len(x))
    for s in set(sources):
        weight[train & (sources == s)] = 1.0 / max(1, (train & (sources == s)).sum())
    weight /= weight[train].mean()
    score = z @ fit_logistic(z[train], labels[train], weight[train], args.l2)

    names = sorted(set(sources))

    def cells(hit, half):
        out = {}
        for s in names:
            m = half & (sources == s)
            tp, fp = (m & hit & (labels == 1)).sum(), (m & hit & (labels == 0)).sum()
            out[s] = (tp / max(1, tp + fp), tp / max(1, (m & (labels == 1)).sum()))
        return out

    print("| cut-off (tune quantile) | " + " | ".join(names) + " | tune qqp |  (held-out precision / recall)")
    for q in np.linspace(0.3, 0.95, 14):
        hit = candidate & (score >= np.quantile(score[train], q))
        held, tuned = cells(hit, ~tune), cells(hit, tune)
        print(f"| {q:.2f} | " + " | ".join(f"{held[s][0]:.3f} / {held[s][1]:.3f}" for s in names)
              + f" | {tuned['qqp'][0]:.3f} / {tuned['qqp'][1]:.3f} |")


if __name__ == "__main__":
    main()
