#!/usr/bin/env python3
"""Writes Tests/EmbeddingsTests/Fixtures/token-states.json: token states and token-alignment scores
from the numpy reference, for the Swift encoder's token states and the sidecar's TokenAlignment.

Token states: last-layer states of numpy_bert.py (float64), without [CLS]/[SEP], L2-normalised,
tokens from HF `tokenizers`. Alignment: scripts/quality/token_alignment.py's `alignment` (the
measured definition) over those states, the worse of both directions.

Usage: python3 scripts/reference/make_token_state_goldens.py   (MODEL_DIR overrides the model folder)
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "quality"))
from common import ROOT, load_tokenizer, model_dir, read_safetensors  # noqa: E402
from numpy_bert import NumpyBert  # noqa: E402
from token_alignment import alignment  # noqa: E402

# Texts whose states are stored whole: a plain question, punctuation and a split word, and one
# with no content token at all.
STATE_TEXTS = ["How does SpaceX generate revenue?", "What's a pitch-deck, really?", "What is it?"]
# Pairs whose alignment is stored: paraphrases and pairs that differ by a content word.
PAIRS = [
    ("How do I reset my password?", "How can I reset my password?"),
    ("What is the capital of France?", "What's the capital of France?"),
    ("Is a tomato a fruit or a vegetable?", "Is a tomato a vegetable or a fruit?"),
    ("Why do I feel alone?", "Why am I feeling alone?"),
    ("How does SpaceX generate revenue in the short term?", "How does SpaceX generate revenue?"),
    ("Which is the best digital marketing course in india?", "Which is the best digital marketing course?"),
    ("What is it like to live in Antigua?", "What is it like to live in Antigua and Barbuda?"),
    ("What is it?", "Is it?"),
    ("", "What is it?"),
]


def main():
    d = model_dir()
    tok = load_tokenizer(os.path.join(d, "vocab.txt"))
    with open(os.path.join(d, "config.json")) as f:
        model = NumpyBert(read_safetensors(os.path.join(d, "model.safetensors")), json.load(f))

    def states(text):
        enc = tok.encode(text)
        x, _ = model.token_states([enc.ids])
        v = x[0, 1 : len(enc.ids) - 1]
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9), enc.tokens[1:-1]

    cache = {t: states(t) for t in sorted(set(STATE_TEXTS) | {t for p in PAIRS for t in p})}
    out = {
        "generator": "scripts/reference/make_token_state_goldens.py (numpy float64 forward pass, HF tokenizers)",
        "texts": [
            {"text": t, "tokens": cache[t][1], "states": [[float(f"{x:.6g}") for x in row] for row in cache[t][0]]}
            for t in STATE_TEXTS
        ],
        "pairs": [
            {"a": a, "b": b, "alignment": round(min(alignment(*cache[a], cache[b][0]), alignment(*cache[b], cache[a][0])), 6)}
            for a, b in PAIRS
        ],
    }
    path = os.path.join(ROOT, "Tests", "EmbeddingsTests", "Fixtures", "token-states.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: " + ", ".join(f"{p['alignment']:.4f}" for p in out["pairs"]))


if __name__ == "__main__":
    main()
