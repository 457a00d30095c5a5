"""Primes a cache and checks that what the benchmark will measure as hits are hits.

  prime.py exact URL PROVIDER_LOG KIND
      Sends bench/exact-hit.lua's request (the same body and BENCH_API_KEY) once to store it,
      then 5 more times: each must be a 200 with the system's own hit marker (KIND sidecar:
      X-Cache: HIT; KIND litellm: the x-litellm-cache-key header it sets on cache hits), and none
      may reach the fake provider (no line added to its log, PROVIDER_LOG).
  prime.py semantic URL PROVIDER_LOG PROMPTS BODIES
      Stores each prompt of PROMPTS (bench/semantic-prompts.json), then sends each paraphrase
      once: it must be a hit with X-Cache-Match: semantic that never reached the fake provider.
      Writes the paraphrases' request bodies, one per line, to BODIES (for bench/semantic-hit.lua)
      and prints the similarities.

Exits non-zero, saying why, when anything is not as expected.
"""
import json
import os
import re
import sys
import time
import urllib.request

API_KEY = os.environ.get("BENCH_API_KEY", "sk-bench")
EXACT_BODY = re.search(r"wrk\.body = '(.*)'", open("bench/exact-hit.lua").read()).group(1)


def post(url, body, key):
    request = urllib.request.Request(url + "/v1/chat/completions", data=body.encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status, {k.lower(): v for k, v in response.headers.items()}


def provider_requests(log):
    """Chat completions the fake provider has answered (nginx flushes its log within 50 ms)."""
    time.sleep(0.1)
    with open(log) as f:
        return sum(1 for _ in f)


def fail(message):
    print(f"prime: {message}", file=sys.stderr)
    sys.exit(1)


def body(prompt):
    return json.dumps({"model": "gpt-4.1", "messages": [{"role": "user", "content": prompt}]}, separators=(",", ":"))


def exact(url, log, kind):
    status, _ = post(url, EXACT_BODY, API_KEY)
    if status != 200:
        fail(f"{kind}: priming answered {status}")
    before = provider_requests(log)
    for _ in range(5):
        status, headers = post(url, EXACT_BODY, API_KEY)
        marker = headers.get("x-cache") == "HIT" if kind == "sidecar" else "x-litellm-cache-key" in headers
        if status != 200 or not marker:
            fail(f"{kind}: a repeated request is not a hit (status {status}, headers {headers})")
    reached = provider_requests(log) - before
    if reached:
        fail(f"{kind}: {reached} of 5 repeated requests reached the fake provider")
    print(f"prime: {kind}: the repeated request is a hit (5 of 5, none reached the fake provider)", file=sys.stderr)


def semantic(url, log, prompts_path, bodies_path):
    prompts = json.load(open(prompts_path))
    for item in prompts:
        status, headers = post(url, body(item["prompt"]), "sk-bench-semantic")
        if status != 200 or headers.get("x-cache") not in ("MISS", "HIT"):
            fail(f"storing {item['prompt']!r}: {status} {headers}")
    lines, similarities = [], []
    before = provider_requests(log)
    for item in prompts:
        for paraphrase in item["paraphrases"]:
            status, headers = post(url, body(paraphrase), "sk-bench-semantic")
            if status != 200 or headers.get("x-cache-match") != "semantic":
                fail(f"{paraphrase!r} is not a semantic hit of {item['prompt']!r}: {status}, {headers}")
            similarities.append(float(headers["x-cache-similarity"]))
            lines.append(body(paraphrase))
    reached = provider_requests(log) - before
    if reached:
        fail(f"{reached} of {len(lines)} paraphrases reached the fake provider")
    with open(bodies_path, "w") as out:
        out.write("\n".join(lines) + "\n")
    print(f"prime: {len(lines)} paraphrases of {len(prompts)} stored prompts are semantic hits "
          f"(similarity {min(similarities):.3f}–{max(similarities):.3f})", file=sys.stderr)
    print(f"{len(lines)} {len(prompts)} {min(similarities):.3f} {max(similarities):.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "exact":
        exact(*sys.argv[2:5])
    elif sys.argv[1] == "semantic":
        semantic(*sys.argv[2:6])
    else:
        fail(__doc__)
