#!/usr/bin/env bash
# Miss overhead (cache-sidecar with SEMANTIC=off against the fake provider directly) and streamed
# time to first byte: a part of the suite (scripts/bench.sh), kept for the figures that cite it.
# Usage: scripts/bench-miss.sh [duration-seconds=10] [connections=8] [ttfb-requests=500]
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/bench.sh --only miss,ttfb --systems direct,sidecar-exact --duration "${1:-10}" \
  --miss-connections "${2:-8}" --ttfb "${3:-500}" --out bench-out/miss
