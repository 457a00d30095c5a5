#!/usr/bin/env python3
"""Cosine similarity of every labeled pair under all-MiniLM-L6-v2, for tuning the look-alike guards.

A plain numpy forward pass (no torch): BERT, mean pooling over real tokens, L2 normalisation,
exactly as sentence-transformers does for this model. Writes one float32 per line of the pairs
file, in file order, to a .npy file that `swift test --filter GuardsEvaluation` reads via GUARD_SIMS.

    pip install numpy tokenizers safetensors
    OPENBLAS_NUM_THREADS=1 python3 scripts/quality/compute_sims.py \
        --pairs /work/shared/data/pairs-dev.jsonl --model models/all-MiniLM-L6-v2 --out /tmp/guards/sims.npy
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
from safetensors.numpy import load_file
from tokenizers import BertWordPieceTokenizer

MAX_TOKENS = 256


def erf(x):
    # numpy has no erf; Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7) keeps GELU exact enough for float32.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


class MiniLM:
    def __init__(self, model_dir):
        cfg = json.load(open(os.path.join(model_dir, "config.json")))
        self.heads = cfg["num_attention_heads"]
        self.layers = cfg["num_hidden_layers"]
        self.eps = cfg["layer_norm_eps"]
        w = load_file(os.path.join(model_dir, "model.safetensors"))
        # Checkpoints differ in whether names carry a "bert." prefix.
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in w.items()}
        self.tok = BertWordPieceTokenizer(
            os.path.join(model_dir, "vocab.txt"), lowercase=True, strip_accents=True, clean_text=True
        )
        self.tok.enable_truncation(MAX_TOKENS)

    def layer_norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def dense(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def embed(self, texts):
        encs = self.tok.encode_batch(texts)
        n = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), n), dtype=np.int64)
        mask = np.zeros((len(encs), n), dtype=np.float32)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self.layer_norm(x, "embeddings.LayerNorm")
        b, _, h = x.shape
        d = h // self.heads
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self.dense(x, p + "attention.self.query").reshape(b, n, self.heads, d).transpose(0, 2, 1, 3)
            k = self.dense(x, p + "attention.self.key").reshape(b, n, self.heads, d).transpose(0, 2, 3, 1)
            v = self.dense(x, p + "attention.self.value").reshape(b, n, self.heads, d).transpose(0, 2, 1, 3)
            s = q @ k / math.sqrt(d) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(b, n, h)
            x = self.layer_norm(x + self.dense(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            f = self.dense(x, p + "intermediate.dense")
            f = 0.5 * f * (1.0 + erf(f / math.sqrt(2.0)))
            x = self.layer_norm(x + self.dense(f, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


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
