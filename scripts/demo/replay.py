#!/usr/bin/env python3
"""Replays a JSONL workload ({"model", "prompt", "key"} per line) against the sidecar, prints how
each request was served, then the totals and savings from /stats. Usage: replay.py URL WORKLOAD"""
import json
import sys
import urllib.request

base, workload = sys.argv[1], sys.argv[2]


def get(path):
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


print(f"{'served':<16} {'model':<18} prompt")
for line in open(workload):
    if not line.strip():
        continue
    item = json.loads(line)
    request = urllib.request.Request(
        base + "/v1/chat/completions",
        data=json.dumps({"model": item["model"], "messages": [{"role": "user", "content": item["prompt"]}]}).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + item.get("key", "sk-demo-team-a")})
    with urllib.request.urlopen(request) as response:
        response.read()
        served = response.headers.get("X-Cache", "?")
        match = response.headers.get("X-Cache-Match")
        if match == "semantic":
            served += f" ~{response.headers.get('X-Cache-Similarity')}"
        elif match:
            served += " exact"
    print(f"{served:<16} {item['model']:<18} {item['prompt']}")

stats = get("/stats")
total = stats["total"]
print()
print(f"requests {total['requests']}: {total['exact_hits']} exact hits, {total['semantic_hits']} semantic hits, "
      f"{total['misses']} misses")
print(f"hit rate {total['hit_rate']:.1%}; upstream calls avoided {total['upstream_calls_avoided']}; "
      f"tokens saved {total['tokens_saved']['total']:,}; money saved ${total['cost_saved_usd']:.4f}")
hit, miss = total["latency_ms"]["hit"], total["latency_ms"]["miss"]
if hit["p50"] is not None and miss["p50"] is not None:
    print(f"latency p50/p99: hits {hit['p50']:.2f}/{hit['p99']:.2f} ms, misses {miss['p50']:.0f}/{miss['p99']:.0f} ms")
print()
print(f"{'model':<18} {'requests':>8} {'hits':>5} {'hit rate':>8} {'tokens saved':>12} {'money saved':>11}")
for name, m in stats["models"].items():
    print(f"{name:<18} {m['requests']:>8} {m['hits']:>5} {m['hit_rate']:>8.1%} {m['tokens_saved']['total']:>12,} "
          f"{'$' + format(m['cost_saved_usd'], '.4f'):>11}")
semantic = stats["semantic"]
print()
print("semantic layer: " + (f"on, {semantic['indexed_entries']} vectors in {semantic['loaded_contexts']} contexts"
                            if semantic["enabled"] else f"off ({semantic.get('reason')})"))
