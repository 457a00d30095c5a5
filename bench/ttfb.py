#!/usr/bin/env python3
"""Time to first body byte of streamed completions, one keep-alive connection, sequential requests.

Usage: ttfb.py PORT COUNT LABEL   → "p50_ms p99_ms" on stdout. Every prompt is new (a miss).
"""
import http.client, json, statistics, sys, time, uuid

port, count, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
connection = http.client.HTTPConnection("127.0.0.1", port)
samples = []
for i in range(count):
    body = json.dumps({"model": "gpt-4.1", "stream": True,
                       "messages": [{"role": "user", "content": f"TTFB {label} {uuid.uuid4()}"}]})
    started = time.perf_counter()
    connection.request("POST", "/v1/chat/completions", body,
                       {"Content-Type": "application/json", "Authorization": "Bearer sk-bench"})
    response = connection.getresponse()
    response.read(1)
    samples.append((time.perf_counter() - started) * 1000)
    response.read()
    assert response.status == 200, response.status
samples.sort()
print(f"{statistics.median(samples):.3f} {samples[int(len(samples) * 0.99) - 1]:.3f}")
