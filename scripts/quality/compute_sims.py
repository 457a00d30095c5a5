#!/usr/bin/env python3
"""Cosine similarity of every labeled pair under all-MiniLM-L6-v2, for tuning the look-alike guards.

The numpy reference forward pass of scripts/reference (no torch): BERT, mean pooling over real
tokens, L2 normalisation, exactly as sentence-transformers does for this model. Writes one float32 per line of the pairs
file, in file order, to a .npy file that `swift test --filter GuardsEvaluation` reads via GUARD_SIMS.

    pip install -r scripts/reference/requirements.txt
    OPENBLAS_NUM_THREADS=1 python3 scripts/quality/compute_sims.py \
        --pairs /work/shared/data/pairs-dev.jsonl --model models/all-MiniLM-L6-v2 --out /tmp/guards/sims.npy
"""
import argparse
import json
import os
import sys
import time

import numpy as np

# The reference implementation the embedding goldens come from (scripts/reference/).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
from common import load_tokenizer, read_safetensors  # noqa: E402
from numpy_bert import NumpyBert  # noqa: E402


class MiniLM:
    def __init__(self, model_dir):
        config = json.load(open(os.path.join(model_dir, "config.json")))
        self.tok = load_tokenizer(os.path.join(model_dir, "vocab.txt"))
        self.bert = NumpyBert(read_safetensors(os.path.join(model_dir, "model.safetensors")), config)

    def embed(self, texts):
        return self.bert.embed([self.tok.encode(t).ids for t in texts])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", default="/work/shared/data/pairs-dev.jsonl")
    ap.add_argument("--model", default="models/all-MiniLM-L6-v2")
    ap.add_argument("--out", default="/tmp/guards/sims.npy")
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()

    pairs = [json.loads(line) for line in open(args.pairs)]
    texts = sorted({t for p in pairs for t in (p["s1"], p["s2"])})
    model = MiniLM(args.model)
    # Batch by length so padding stays small.
    lengths = {t: len(model.tok.encode(t).ids) for t in texts}
    texts.sort(key=lambda t: lengths[t])
    vectors = {}
    start = time.time()
    for i in range(0, len(texts), args.batch):
        chunk = texts[i : i + args.batch]
        for t, v in zip(chunk, model.embed(chunk)):
            vectors[t] = v
        if (i // args.batch) % 50 == 0:
            print(f"{i + len(chunk)}/{len(texts)} texts, {time.time() - start:.0f}s", file=sys.stderr)
    sims = np.array([float(vectors[p["s1"]] @ vectors[p["s2"]]) for p in pairs], dtype=np.float32)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    np.save(args.out, sims)
    print(f"wrote {len(sims)} similarities to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
