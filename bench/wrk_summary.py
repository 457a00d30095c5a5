"""wrk's --latency output on stdin → "requests/s p50_ms p99_ms non2xx" on one line."""
import re
import sys

text = sys.stdin.read()


def milliseconds(value):
    m = re.match(r"([\d.]+)(us|ms|s)", value)
    n = float(m.group(1))
    return {"us": n / 1000, "ms": n, "s": n * 1000}[m.group(2)]


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = milliseconds(re.search(r"\s50%\s+(\S+)", text).group(1))
p99 = milliseconds(re.search(r"\s99%\s+(\S+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {p50:.3f} {p99:.3f} {errors.group(1) if errors else 0}")
