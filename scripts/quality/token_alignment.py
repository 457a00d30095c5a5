#!/usr/bin/env python3
"""Measures a second-stage check the sidecar does not have yet: token alignment.

For each labeled pair, every content token of one prompt (not a function word, not punctuation)
is matched to its most similar token of the other by cosine of all-MiniLM-L6-v2's contextual token
states (last layer, the vectors mean pooling averages); the pair's score is the worst such match
over both directions. A content word with no counterpart ("knowledge management" vs "knowledge
management system") scores low even when the sentence vectors are close.

Prints held-out precision / recall per source for threshold + guards, with and without the check,
so it can be read next to docs/QUALITY-guards.md. Guard verdicts come from the Swift rules:

    OPENBLAS_NUM_THREADS=1 python3 scripts/quality/token_alignment.py --states /tmp/ta/states.npz   # ~4 min (onnxruntime)
    GUARD_SIMS=/tmp/ta/sims.npy GUARD_HALF=all GUARD_REFUSALS=/tmp/ta/refusals.tsv swift test --filter GuardsEvaluation
    python3 scripts/quality/token_alignment.py --states /tmp/ta/states.npz --refusals /tmp/ta/refusals.tsv

Needs scripts/reference/requirements.txt (onnx, onnxruntime, tokenizers, numpy).
"""
import argparse
import json
import os
import string
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
from build_onnx import build, pad  # noqa: E402
from common import load_tokenizer, model_dir, read_safetensors  # noqa: E402

FUNCTION_WORDS = set(
    "a an the of to in on for and or is are was were be been being do does did what which who whom how why when where "
    "i you he she it we they my your his her its our their this that these those with as at by from can could should "
    "would will shall may might must there here have has had not".split())
# Greetings, thanks and "please" frame a request without changing it (session 11; whole words).
COURTESY_WORDS = set("please pls plz plse kindly hey hi hello thanks thank thx ty me u".split())


def encode(texts, extra_outputs):
    """Runs all-MiniLM-L6-v2 (onnxruntime, one thread) over texts, in batches of similar length.

    `extra_outputs(graph)` names the [batch, seq, 384] tensors to return besides the sentence vector.
    Yields (text, its tokens without [CLS]/[SEP], sentence vector, [each extra tensor's L2-normalised
    token states for those tokens]).
    """
    import onnxruntime as ort
    from onnx import TensorProto, helper

    d = model_dir()
    model = build(read_safetensors(os.path.join(d, "model.safetensors")), json.load(open(os.path.join(d, "config.json"))))
    for name in extra_outputs(model.graph):
        model.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", "seq", 384]))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    tok = load_tokenizer(os.path.join(d, "vocab.txt"))
    encoded = {t: tok.encode(t) for t in texts}
    order = sorted(texts, key=lambda t: len(encoded[t].ids))
    for i in range(0, len(order), 32):
        chunk = order[i : i + 32]
        ids, mask = pad([encoded[t].ids for t in chunk])
        vectors, *extra = session.run(None, {"input_ids": ids, "attention_mask": mask})
        for j, t in enumerate(chunk):
            n = len(encoded[t].ids)
            states = [o[j, 1 : n - 1] / np.maximum(np.linalg.norm(o[j, 1 : n - 1], axis=1, keepdims=True), 1e-9) for o in extra]
            yield t, encoded[t].tokens[1 : n - 1], vectors[j], states


def last_layer(graph):
    """The token states mean pooling averages: the first input of the Mul that masks them."""
    summed = [n for n in graph.node if n.op_type == "ReduceSum"][-3]
    return [next(n for n in graph.node if n.output[0] == summed.input[0]).input[0]]


def token_states(texts):
    """Sentence vectors and L2-normalised token states (without [CLS]/[SEP]) for each text."""
    sentence, tokens = {}, {}
    for t, words, vector, (states,) in encode(texts, last_layer):
        sentence[t] = vector
        tokens[t] = (states, words)
    return sentence, tokens


def alignment(a, a_tokens, b):
    """Worst best-match cosine over a's content tokens (all tokens if it has none)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    best = (a @ b.T).max(axis=1)
    content = content_mask(a_tokens)
    return float((best[content] if content.any() else best).min())


def content_mask(tokens):
    """Content tokens: not a function word nor punctuation, and no piece of a courtesy word."""
    content = np.array([not (t in FUNCTION_WORDS or all(c in string.punctuation for c in t)) for t in tokens])
    start = 0
    while start < len(tokens):
        end = start + 1
        while end < len(tokens) and tokens[end].startswith("##"):
            end += 1
        if "".join(t[2:] if t.startswith("##") else t for t in tokens[start:end]) in COURTESY_WORDS:
            content[start:end] = False
        start = end
    return content


def read_refusals(path, count):
    """The Swift GuardsEvaluation's GUARD_REFUSALS file (line number, 0|1, rule) as a boolean array."""
    refused = np.zeros(count, bool)
    for line in open(path):
        i, r = line.split()[:2]
        refused[int(i)] = r == "1"
    return refused


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", default="/work/shared/data/pairs-dev.jsonl")
    ap.add_argument("--states", required=True, help=".npz cache of similarities and alignments (written when missing)")
    ap.add_argument("--refusals", help="GUARD_REFUSALS output of the Swift GuardsEvaluation (line, 0|1)")
    args = ap.parse_args()
    pairs = [json.loads(line) for line in open(args.pairs)]
    if not os.path.exists(args.states):
        sentence, tokens = token_states(sorted({t for p in pairs for t in (p["s1"], p["s2"])}))
        sims = np.array([sentence[p["s1"]] @ sentence[p["s2"]] for p in pairs], dtype=np.float32)
        aligned = np.array([min(alignment(*tokens[p["s1"]], tokens[p["s2"]][0]), alignment(*tokens[p["s2"]], tokens[p["s1"]][0]))
                            for p in pairs], dtype=np.float32)
        np.savez(args.states, sims=sims, alignment=aligned)
        np.save(os.path.join(os.path.dirname(os.path.abspath(args.states)), "sims.npy"), sims)
    data = np.load(args.states)
    sims, aligned = data["sims"], data["alignment"]
    if not args.refusals:
        print("states written; run the Swift GuardsEvaluation with GUARD_REFUSALS, then again with --refusals")
        return
    refused = read_refusals(args.refusals, len(pairs))
    labels = np.array([p["label"] for p in pairs])
    sources = np.array([p["source"] for p in pairs])
    heldout = np.arange(len(pairs)) % 2 == 1
    print("| threshold | alignment ≥ | " + " | ".join(sorted(set(sources))) + " |  (precision / recall, held-out half, guards on)")
    for threshold in (0.85, 0.87, 0.88, 0.90):
        for minimum in (None, 0.3, 0.4, 0.5, 0.6):
            hit = (sims >= threshold) & ~refused & (True if minimum is None else aligned >= minimum)
            cells = []
            for source in sorted(set(sources)):
                m = heldout & (sources == source)
                tp = (m & hit & (labels == 1)).sum()
                fp = (m & hit & (labels == 0)).sum()
                cells.append(f"{tp / max(1, tp + fp):.3f} / {tp / max(1, (m & (labels == 1)).sum()):.3f}")
            print(f"| {threshold:.2f} | {'–' if minimum is None else minimum} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
