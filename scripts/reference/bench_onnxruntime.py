#!/usr/bin/env python3
"""onnxruntime baseline for the embeddings benchmark, and the shared benchmark inputs.

  python3 bench_onnxruntime.py --texts OUT.json --onnx MODEL.onnx [--threads 1] [--scale 1]

Writes OUT.json (if absent) with texts of exactly 16 and 64 tokens and two batches of 32, then
measures onnxruntime (fp32 graph from build_onnx.py, CPU provider, intra_op_num_threads as
given, all graph optimisations) end to end: HF tokenizers + session.run + the pooled output.
Batches are padded to their longest text, as sentence-transformers does.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_tokenizer, model_dir  # noqa: E402

CORPUS = (
    "The cache sits between the application and the language model API and answers a request from "
    "memory when a previous request had the same meaning. Each prompt is turned into a vector by a "
    "small sentence model running on the same machine, and the nearest stored vector decides whether "
    "the old answer can be reused. This saves money and time for the many users who ask the same "
    "questions in slightly different words, while the rare new question still goes to the upstream "
    "service. Operators can tune the similarity threshold, the time to live of each entry and the "
    "maximum size of the store, and they can watch hit rates and latency on the metrics page. "
    "When the upstream service is slow or unavailable the cache keeps serving what it already knows, "
    "and it records every decision so that a later review can explain why a response was reused."
).split()


def text_with_tokens(tok, n, start=0):
    """A run of corpus words, starting at word `start`, that encodes to exactly n ids."""
    for s in range(start, start + len(CORPUS)):
        words = []
        i = s
        while True:
            words.append(CORPUS[i % len(CORPUS)])
            i += 1
            k = len(tok.encode(" ".join(words)).ids)
            if k == n:
                return " ".join(words)
            if k > n:
                break
    raise RuntimeError(f"no text of {n} tokens")


def make_texts(tok):
    lengths = [8 + (i * 37) % 57 for i in range(32)]  # 8..64 tokens, mixed
    return {
        "single16": text_with_tokens(tok, 16),
        "single64": text_with_tokens(tok, 64),
        "batch_mixed": [text_with_tokens(tok, n, start=i * 5) for i, n in enumerate(lengths)],
        "batch64": [text_with_tokens(tok, 64, start=i * 3) for i in range(32)],
    }


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", required=True)
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()

    tok = load_tokenizer(os.path.join(model_dir(), "vocab.txt"))
    if not os.path.exists(args.texts):
        with open(args.texts, "w") as f:
            json.dump(make_texts(tok), f, indent=1)
    with open(args.texts) as f:
        texts = json.load(f)

    import onnxruntime as ort

    rss0 = rss_mib()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = args.threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    t0 = time.perf_counter()
    sess = ort.InferenceSession(args.onnx, opts, providers=["CPUExecutionProvider"])
    load_ms = (time.perf_counter() - t0) * 1e3
    rss1 = rss_mib()

    def embed(batch):
        encs = tok.encode_batch(batch)
        L = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), L), dtype=np.int64)
        mask = np.zeros((len(encs), L), dtype=np.int64)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        return sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    embed(texts["batch64"])
    rss2 = rss_mib()
    print(f"onnxruntime {ort.__version__}, intra_op_num_threads={args.threads}")
    print(f"load: {load_ms:.1f} ms; RSS before {rss0} MiB, after load {rss1} MiB, after first batch {rss2} MiB")

    def latency(name, text, n):
        for _ in range(max(10, n // 10)):
            embed([text])
        s = []
        cpu = time.process_time()  # CPU time: comparable on a busy machine, unlike wall time
        for _ in range(n):
            t = time.perf_counter()
            embed([text])
            s.append((time.perf_counter() - t) * 1e3)
        cpu_ms = (time.process_time() - cpu) * 1e3 / n
        s.sort()
        p = lambda q: s[min(len(s) - 1, int(len(s) * q))]
        print(f"{name}: p50 {p(0.5):.3f} ms, p99 {p(0.99):.3f} ms, mean {sum(s) / len(s):.3f} ms, cpu {cpu_ms:.3f} ms/text (n={n})")

    def throughput(name, batch, n):
        embed(batch)
        best = float("inf")
        t0 = time.perf_counter()
        for _ in range(n):
            t = time.perf_counter()
            embed(batch)
            best = min(best, time.perf_counter() - t)
        total = time.perf_counter() - t0
        print(f"{name}: {len(batch) * n / total:.1f} texts/s (mean over {n} batches of {len(batch)}; best batch {best * 1e3:.1f} ms)")

    latency("single 16 tokens", texts["single16"], int(400 * args.scale))
    latency("single 64 tokens", texts["single64"], int(200 * args.scale))
    throughput("batch 32 mixed", texts["batch_mixed"], int(20 * args.scale))
    throughput("batch 32 x 64 tokens", texts["batch64"], int(10 * args.scale))


if __name__ == "__main__":
    main()
