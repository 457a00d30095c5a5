#!/usr/bin/env python3
"""Latency of semantic hits as a client sees it, to price the token-alignment stage.

Each round stores a prompt twice, under two new API keys (so two tenants, contexts and entries),
then sends its paraphrase twice under each key:
- "cold": the prompt is stored with `Cache-Control: no-cache`, without a lookup, so the sidecar has
  not computed its token states, as for an entry another sidecar stored. The first paraphrase is a
  hit whose candidate's states cost a forward pass over the stored prompt; the second finds them
  in the LRU of candidate states.
- "own": the prompt is stored by an ordinary miss, whose lookup computed its token states; the
  sidecar keeps them with the entry, so even the first hit needs no forward pass.
Against a sidecar with SEMANTIC_ALIGNMENT=off all four are plain semantic hits. Every answer must
be a semantic hit.

    python3 bench/alignment_latency.py --url http://127.0.0.1:8080 --rounds 200
"""
import argparse
import http.client
import json
import os
import statistics
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--model", default="gpt-4.1")
    args = ap.parse_args()
    u = urllib.parse.urlparse(args.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    pairs = [(e["prompt"], p) for e in json.load(open(os.path.join(HERE, "semantic-prompts.json"))) for p in e["paraphrases"]]

    def post(prompt, key, extra_headers=None):
        body = json.dumps({"model": args.model, "messages": [{"role": "user", "content": prompt}]})
        started = time.perf_counter()
        conn.request("POST", "/v1/chat/completions", body=body,
                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + key, **(extra_headers or {})})
        r = conn.getresponse()
        r.read()
        return (time.perf_counter() - started) * 1000, r.getheader("x-cache"), r.getheader("x-cache-match")

    samples = {"cold": ([], []), "own": ([], [])}
    for i in range(args.rounds):
        stored, asked = pairs[i % len(pairs)]
        for kind, headers in (("cold", {"Cache-Control": "no-cache"}), ("own", None)):
            key = f"sk-latency-{uuid.uuid4().hex}"
            post(stored, key, headers)
            for hits in samples[kind]:
                ms, cache, match = post(asked, key)
                if (cache, match) != ("HIT", "semantic"):
                    raise SystemExit(f"{asked!r}: {cache} {match}, not a semantic hit")
                hits.append(ms)

    def summary(xs):
        xs = sorted(xs)
        return f"p50 {statistics.median(xs):.2f} ms, p90 {xs[int(0.9 * (len(xs) - 1))]:.2f} ms, mean {statistics.fmean(xs):.2f} ms"

    print(f"first hit, entry stored without a lookup: {summary(samples['cold'][0])}")
    print(f"first hit, entry stored by this sidecar:  {summary(samples['own'][0])}")
    print(f"repeated hit:                             {summary(samples['cold'][1] + samples['own'][1])}")


if __name__ == "__main__":
    main()
