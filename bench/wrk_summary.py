"""wrk's --latency output on stdin → one JSON line appended to RESULTS, and a summary on stdout.

Usage: wrk_summary.py RESULTS PHASE SYSTEM CONNECTIONS UPSTREAM_REQUESTS [EXTRA_JSON]
The record: phase, system, connections, requests, rps, p50/p99 ms, errors (non-2xx responses,
socket errors and time-outs), not_semantic (bench/semantic-hit.lua's count, else 0), upstream
(requests that reached the fake provider during the run), load (1-minute load average at the end),
and the fields of EXTRA_JSON (an object), if given.
"""
import json
import os
import re
import sys

text = sys.stdin.read()
results, phase, system, connections, upstream = sys.argv[1:6]


def milliseconds(value):
    m = re.match(r"([\d.]+)(us|ms|s)", value)
    n = float(m.group(1))
    return {"us": n / 1000, "ms": n, "s": n * 1000}[m.group(2)]


try:
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = milliseconds(re.search(r"\s50%\s+(\S+)", text).group(1))
    p99 = milliseconds(re.search(r"\s99%\s+(\S+)", text).group(1))
except AttributeError:
    sys.exit(f"wrk_summary: cannot read wrk's output:\n{text}")
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
not_semantic = re.search(r"not semantic: (\d+)", text)
record = {
    "phase": phase, "system": system, "connections": int(connections), "requests": requests,
    "rps": round(rps), "p50": round(p50, 3), "p99": round(p99, 3),
    "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0),
    "not_semantic": int(not_semantic.group(1)) if not_semantic else 0,
    "upstream": int(upstream), "load": float(open("/proc/loadavg").read().split()[0]),
}
if len(sys.argv) > 6:
    record.update(json.loads(sys.argv[6]))
with open(results, "a") as out:
    out.write(json.dumps(record) + "\n")
print(f"  {phase:8} {system:14} c={connections:<3} {record['rps']:>7} req/s  p50 {record['p50']:8.3f} ms  "
      f"p99 {record['p99']:8.3f} ms  errors {record['errors']}  upstream {upstream}  load {record['load']}"
      + (f"  not semantic {record['not_semantic']}" if not_semantic else ""), flush=True)
