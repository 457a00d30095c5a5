#!/usr/bin/env bash
# Soak test on loopback: a real Redis, a fake provider (bench/soak_upstream.py) and the sidecar,
# driven by bench/soak_client.py at CONNECTIONS concurrent keep-alive connections for SECONDS
# with exact hits, misses, streams and (with the model) semantic hits from four tenants. Every
# answer is verified; memory and descriptors are sampled each second. Exits 1 on any error or
# growth beyond the tolerance. Figures: docs/RELIABILITY.md.
#
#   scripts/soak.sh [--quick] [SECONDS] [CONNECTIONS]
#
# Default: 300 s, 64 connections, release build, semantic layer on if the model is there.
# --quick: 40 s on the debug build `make test` already made, semantic layer off (run by CI).
# The JSON report is also written to .run/soak-{quick,full}.json.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
. scripts/bench-lib.sh

mode=full
if [ "${1:-}" = --quick ]; then mode=quick; shift; fi
seconds=${1:-$([ $mode = quick ] && echo 40 || echo 300)}
connections=${2:-64}

if [ $mode = quick ]; then
  binary=$(swift build --show-bin-path)/cache-sidecar
  [ -x "$binary" ] || swift build --product cache-sidecar
  semantic=off
else
  swift build -c release --product cache-sidecar
  binary=$(swift build -c release --show-bin-path)/cache-sidecar
  model=${MODEL_DIR:-$PWD/models/all-MiniLM-L6-v2}
  semantic=$([ -f "$model/model.safetensors" ] && echo on || echo off)
fi

work=$(mktemp -d /tmp/cache-sidecar-soak.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/redis-local.sh stop "$work/redis"
  rm -rf "$work"
}
trap cleanup EXIT

redis_url=$(scripts/redis-local.sh start "$work/redis")
upstream_port=$(free_port)
python3 bench/soak_upstream.py "$upstream_port" 20 &
pids+=($!)
port=$(free_port)
SIDECAR_PORT=$port UPSTREAM_URL=http://127.0.0.1:$upstream_port REDIS_URL=$redis_url SEMANTIC=$semantic \
  MODEL_DIR=${MODEL_DIR:-$PWD/models/all-MiniLM-L6-v2} LOG_LEVEL=warning "$binary" >"$work/sidecar.log" 2>&1 &
sidecar=$!
pids+=($sidecar)
wait_healthy "$port"

echo "soak: $mode, ${seconds}s, $connections connections, semantic $semantic, $(basename "$(dirname "$binary")") build"
echo "soak: load before: $(uptime)"
mkdir -p .run
flags=()
[ $semantic = on ] && flags+=(--semantic)
status=0
python3 bench/soak_client.py "$port" "$sidecar" "$seconds" "$connections" "${flags[@]}" >".run/soak-$mode.json" || status=$?
cat ".run/soak-$mode.json"
echo "soak: load after: $(uptime)"
kill -0 "$sidecar" 2>/dev/null || { echo "soak: the sidecar died; its log:" >&2; tail -50 "$work/sidecar.log" >&2; exit 1; }
if [ $status -ne 0 ]; then
  echo "soak: FAIL (sidecar log below)" >&2
  tail -50 "$work/sidecar.log" >&2
fi
exit $status
