"""The soak test's load client: CONNECTIONS keep-alive connections to the sidecar for SECONDS,
each sending a mix of exact hits, misses, streams and (with --semantic) paraphrases, from
several tenants. Every answer is checked: status 200, the complete completion or SSE stream
ending in [DONE], with the content the fake provider gives *this* prompt and *this* tenant.
It samples the sidecar's resident memory and open file descriptors every second.

Prints a JSON report and exits 1 on any error, or when memory or descriptors grew after warm-up
beyond the tolerance.

Usage: python3 bench/soak_client.py PORT PID SECONDS CONNECTIONS [--semantic]
"""
import asyncio
import hashlib
import json
import os
import random
import statistics
import sys
import time
import uuid

TENANTS = [f"Bearer sk-soak-{i}" for i in range(4)]
POOL = [f"Soak pool question number {i}: how does caching help?" for i in range(40)]
# Pairs the semantic layer matches (from SemanticCacheTests): the first is stored, the second asked.
PARAPHRASES = [
    ("How do I reset my password?", "How can I reset my password?"),
    ("What is the capital of France?", "What's the capital of France?"),
    ("How do I turn on dark mode in Chrome?", "How can I turn on dark mode in Chrome?"),
    ("Is a tomato a fruit or a vegetable?", "Is a tomato a vegetable or a fruit?"),
]
# Memory may grow this much after warm-up (allocator arenas settling), descriptors not at all
# beyond a few (connections being replaced).
RSS_TOLERANCE = (1.15, 16 * 1024 * 1024)  # end <= start * 1.15 + 16 MiB
FD_TOLERANCE = 8


def tenant_digest(authorization: str) -> str:
    return hashlib.sha256(authorization.encode()).hexdigest()[:8]


def expected(prompt: str, authorization: str) -> str:
    return f"answer to: {prompt} | tenant={tenant_digest(authorization)}"


class SoakError(Exception):
    pass


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
        return status, headers, bytes(body)
    return status, headers, await reader.readexactly(int(headers.get("content-length", "0")))


def check_json(body: bytes, accepted: set[str]) -> None:
    answer = json.loads(body)
    if answer.get("object") != "chat.completion":
        raise SoakError(f"not a completion: {body[:200]!r}")
    content = answer["choices"][0]["message"]["content"]
    if content not in accepted:
        raise SoakError(f"wrong answer {content!r}, expected one of {accepted}")


def check_sse(body: bytes, accepted: set[str]) -> None:
    text = body.decode()
    if not text.endswith("data: [DONE]\n\n"):
        raise SoakError(f"stream did not end with [DONE]: {text[-200:]!r}")
    content = ""
    for event in text.split("\n\n"):
        if event.startswith("data: {"):
            delta = json.loads(event[6:])["choices"]
            if delta:
                content += delta[0].get("delta", {}).get("content") or ""
    if content not in accepted:
        raise SoakError(f"wrong streamed answer {content!r}, expected one of {accepted}")


class Soak:
    def __init__(self, port: int, pid: int, seconds: float, connections: int, semantic: bool):
        self.port, self.pid, self.seconds, self.connections, self.semantic = port, pid, seconds, connections, semantic
        self.latencies: dict[str, list[float]] = {}
        self.outcomes: dict[str, dict[str, int]] = {}
        self.errors: list[str] = []
        self.sent = 0
        self.verified = 0
        self.samples: list[tuple[float, int, int, int]] = []  # (t, rss bytes, fds, verified so far)

    def request(self, rng: random.Random) -> tuple[str, bytes, set[str], bool]:
        tenant = rng.choice(TENANTS)
        roll = rng.random()
        headers = {"Authorization": tenant}
        stream = False
        if self.semantic and roll < 0.10:
            kind = "semantic"
            base, asked = rng.choice(PARAPHRASES)
            prompt, accepted = asked, {expected(asked, tenant), expected(base, tenant)}
        else:
            kind = "exact" if roll < 0.55 else "miss" if roll < 0.75 else "stream"
            unique = kind == "miss" or (kind == "stream" and rng.random() < 0.5)
            prompt = f"Soak unique question {uuid.uuid4().hex}?" if unique else rng.choice(POOL)
            accepted = {expected(prompt, tenant)}
            stream = kind == "stream"
            if unique:
                # Short-lived entries: memory must stay flat as they expire, not grow with the run.
                headers["X-Cache-TTL"] = "15"
            if self.semantic:
                # Only the semantic kind may be answered by a look-alike.
                headers["X-Cache-Threshold"] = "0.9999"
        body = json.dumps({"model": "gpt-4.1", "messages": [{"role": "user", "content": prompt}], "stream": stream}).encode()
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        data = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{head}"
                f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        return kind, data, accepted, stream

    async def connection(self, index: int, deadline: float) -> None:
        rng = random.Random(index)
        reader = writer = None
        while time.monotonic() < deadline:
            kind, data, accepted, stream = self.request(rng)
            started = time.monotonic()
            self.sent += 1
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.write(data)
                await writer.drain()
                status, headers, body = await asyncio.wait_for(read_response(reader), 60)
                if status != 200:
                    raise SoakError(f"status {status}: {body[:200]!r}")
                (check_sse if stream else check_json)(body, accepted)
                if headers.get("connection", "").lower() == "close":
                    writer.close()
                    writer = None
            except Exception as error:  # every failure is counted, none stops the run
                self.errors.append(f"{kind}: {type(error).__name__}: {error}"[:300])
                if writer is not None:
                    writer.close()
                writer = None
                continue
            self.verified += 1
            self.latencies.setdefault(kind, []).append(time.monotonic() - started)
            outcome = headers.get("x-cache", "-") + ("/" + headers["x-cache-match"] if "x-cache-match" in headers else "")
            counts = self.outcomes.setdefault(kind, {})
            counts[outcome] = counts.get(outcome, 0) + 1
        if writer is not None:
            writer.close()

    def sample(self, started: float) -> None:
        with open(f"/proc/{self.pid}/status") as status:
            rss = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
        fds = len(os.listdir(f"/proc/{self.pid}/fd"))
        self.samples.append((time.monotonic() - started, rss, fds, self.verified))

    async def sampler(self, started: float, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.sample(started)
            await asyncio.sleep(1)

    async def seed(self) -> None:
        """Stores the paraphrases' originals, so that the semantic kind can hit them."""
        if not self.semantic:
            return
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        for tenant in TENANTS:
            for base, _ in PARAPHRASES:
                body = json.dumps({"model": "gpt-4.1", "messages": [{"role": "user", "content": base}]}).encode()
                writer.write((f"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              f"Authorization: {tenant}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
                status, _, answer = await read_response(reader)
                check_json(answer, {expected(base, tenant)})
        writer.close()

    async def run(self) -> dict:
        await self.seed()
        started = time.monotonic()
        deadline = started + self.seconds
        await asyncio.gather(self.sampler(started, deadline), *(self.connection(i, deadline) for i in range(self.connections)))
        self.sample(started)
        return self.report()

    def report(self) -> dict:
        def percentiles(values: list[float]) -> dict:
            values = sorted(values)
            pick = lambda q: round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 2)
            return {"count": len(values), "p50_ms": pick(0.50), "p90_ms": pick(0.90), "p99_ms": pick(0.99), "max_ms": round(values[-1] * 1000, 2)}

        # Warm-up: the first fifth of the run (caches fill, pools and arenas grow). Compare the
        # median of the first and the last tenth after it.
        after = [s for s in self.samples if s[0] >= self.seconds * 0.2]
        tenth = max(1, len(after) // 10)
        start_rss = statistics.median(s[1] for s in after[:tenth])
        end_rss = statistics.median(s[1] for s in after[-tenth:])
        start_fds = statistics.median(s[2] for s in after[:tenth])
        end_fds = statistics.median(s[2] for s in after[-tenth:])
        mid = after[len(after) // 2]
        failures = []
        if self.errors:
            failures.append(f"{len(self.errors)} errors")
        if self.sent != self.verified + len(self.errors):
            failures.append(f"{self.sent} sent but {self.verified} verified and {len(self.errors)} errors")
        if end_rss > start_rss * RSS_TOLERANCE[0] + RSS_TOLERANCE[1]:
            failures.append(f"resident memory grew from {start_rss / 2**20:.1f} to {end_rss / 2**20:.1f} MiB")
        if end_fds > start_fds + FD_TOLERANCE:
            failures.append(f"file descriptors grew from {start_fds} to {end_fds}")
        return {
            "seconds": self.seconds, "connections": self.connections, "semantic": self.semantic,
            "requests": self.sent, "verified": self.verified, "errors": len(self.errors), "error_samples": self.errors[:10],
            "throughput_rps": round(self.verified / self.seconds, 1),
            "latency": {kind: percentiles(values) for kind, values in sorted(self.latencies.items())},
            "outcomes": self.outcomes,
            "rss_mib": {"first": round(self.samples[0][1] / 2**20, 1), "after_warmup": round(start_rss / 2**20, 1),
                        "mid": round(mid[1] / 2**20, 1), "end": round(end_rss / 2**20, 1),
                        "max": round(max(s[1] for s in self.samples) / 2**20, 1)},
            "fds": {"first": self.samples[0][2], "after_warmup": start_fds, "mid": mid[2], "end": end_fds,
                    "max": max(s[2] for s in self.samples)},
            "tolerance": {"rss": "end <= after_warmup * 1.15 + 16 MiB", "fds": f"end <= after_warmup + {FD_TOLERANCE}"},
            "failures": failures,
        }


def main() -> None:
    port, pid, seconds, connections = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    report = asyncio.run(Soak(port, pid, seconds, connections, "--semantic" in sys.argv).run())
    print(json.dumps(report, indent=2))
    if report["failures"]:
        print("soak: FAIL: " + "; ".join(report["failures"]), file=sys.stderr)
        sys.exit(1)
    print(f"soak: PASS: {report['verified']} requests verified, 0 errors", file=sys.stderr)


if __name__ == "__main__":
    main()
