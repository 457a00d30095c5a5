#!/usr/bin/env python3
"""Asks whether token alignment over an earlier layer's states separates look-alikes better.

The alignment stage uses the last layer's token states, which attention has mixed with the whole
sentence. An earlier layer keeps more of each token's own meaning, so a content word with no
counterpart might stand out more. For every pair a lookup would check (cosine >= 0.85, passed by
the Swift guards), this computes the alignment score over the states after the embeddings and
after layers 2-6, then searches threshold x layer-k minimum x last-layer minimum on the tune half
(the rule of docs/QUALITY-guards.md: best worst-source precision with qqp recall >= 0.35) and
prints the best eight settings with their held-out precision / recall.

    OPENBLAS_NUM_THREADS=1 python3 scripts/quality/layer_alignment_probe.py --states /tmp/ta/states.npz --refusals /tmp/ta/refusals.tsv

--states and --refusals as made for scripts/quality/token_alignment.py. ~2 min (onnxruntime).
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from token_alignment import alignment, encode, read_refusals  # noqa: E402

LAYERS = [0, 2, 3, 4, 5, 6]  # 0: after the embeddings; k: after encoder layer k


def layer_states(texts):
    """For each text, its L2-normalised token states after each of LAYERS, and its tokens."""
    def outputs(graph):
        norms = [n for n in graph.node if n.op_type == "LayerNormalization"]
        # One LayerNorm after the embeddings, then two per layer; a layer's output is its second.
        return [norms[2 * k].output[0] for k in LAYERS]
    return {t: (per_layer, words) for t, words, _, per_layer in encode(texts, outputs)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", default="/work/shared/data/pairs-dev.jsonl")
    ap.add_argument("--states", required=True, help="token_alignment.py's .npz (similarities and last-layer alignment)")
    ap.add_argument("--refusals", required=True, help="GUARD_REFUSALS output of GuardsEvaluation (line, 0|1)")
    args = ap.parse_args()
    pairs = [json.loads(line) for line in open(args.pairs)]
    cached = np.load(args.states)
    sims, last = cached["sims"], cached["alignment"]
    refused = read_refusals(args.refusals, len(pairs))
    candidates = [i for i in range(len(pairs)) if sims[i] >= 0.85 and not refused[i]]
    states = layer_states(sorted({t for i in candidates for t in (pairs[i]["s1"], pairs[i]["s2"])}))
    by_layer = np.full((len(LAYERS), len(pairs)), -1.0, np.float32)
    for i in candidates:
        (a, a_tokens), (b, b_tokens) = states[pairs[i]["s1"]], states[pairs[i]["s2"]]
        for k in range(len(LAYERS)):
            by_layer[k, i] = min(alignment(a[k], a_tokens, b[k]), alignment(b[k], b_tokens, a[k]))

    labels = np.array([p["label"] for p in pairs])
    sources = np.array([p["source"] for p in pairs])
    exact = np.array([p["s1"] == p["s2"] for p in pairs])
    tune = np.arange(len(pairs)) % 2 == 0
    scored = [s for s in sorted(set(sources)) if s != "gptcache_mock"]

    def cells(hit, half):
        out = {}
        for s in sorted(set(sources)):
            m = half & (sources == s)
            tp, fp = (m & hit & (labels == 1)).sum(), (m & hit & (labels == 0)).sum()
            out[s] = (tp / max(1, tp + fp), tp / max(1, (m & (labels == 1)).sum()))
        return out

    settings = []
    for t in np.arange(0.85, 0.955, 0.01):
        base = exact | ((sims >= t) & ~refused)
        for k, layer in enumerate(LAYERS):
            for minimum in (None, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
                for last_minimum in (None, 0.3, 0.4):
                    hit = base & (exact | (True if minimum is None else by_layer[k] >= minimum))
                    hit &= exact | (True if last_minimum is None else last >= last_minimum)
                    tuned = cells(hit, tune)
                    if tuned["qqp"][1] >= 0.35:
                        settings.append((min(tuned[s][0] for s in scored), t, layer, minimum, last_minimum, hit))
    settings.sort(key=lambda s: -s[0])
    print("| tune worst-source precision | threshold | layer k ≥ | last layer ≥ | held out: " + " | ".join(sorted(set(sources))) + " |")
    for worst, t, layer, minimum, last_minimum, hit in settings[:8]:
        held = cells(hit, ~tune)
        print(f"| {worst:.3f} | {t:.2f} | {layer} ≥ {minimum} | {last_minimum} | "
              + " | ".join(f"{held[s][0]:.3f} / {held[s][1]:.3f}" for s in sorted(set(sources))) + " |")


if __name__ == "__main__":
    main()
