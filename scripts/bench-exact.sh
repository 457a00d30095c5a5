#!/usr/bin/env bash
# Exact-hit throughput and latency, cache-sidecar against nginx's static file only, at one
# connection count: a part of the suite (scripts/bench.sh), kept for the figures that cite it.
# Usage: scripts/bench-exact.sh [duration-seconds=10] [connections=64]; BENCH_PERF=FILE profiles the sidecar.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/bench.sh --only exact --systems nginx,sidecar --duration "${1:-10}" --connections "${2:-64}" --out bench-out/exact
