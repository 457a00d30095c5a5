#!/usr/bin/env bash
# What the token-alignment stage adds to a semantic hit (release build, one client, sequential):
# bench/alignment_latency.py against a sidecar with the built-in settings, then with
# SEMANTIC_ALIGNMENT=off, each on a fresh Redis, behind the fake provider (nginx).
#
#   scripts/bench-alignment.sh [--rounds N]     (default 200; results in docs/BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
. scripts/bench-lib.sh
rounds=200
[ "${1:-}" = "--rounds" ] && rounds=$2
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
swift build -c release --product cache-sidecar >&2
bin="$(swift build -c release --show-bin-path)/cache-sidecar"
work=$(mktemp -d /tmp/cache-sidecar-alignment.XXXXXX)
sidecar_pid=""
cleanup() {
  [ -n "$sidecar_pid" ] && { kill "$sidecar_pid" 2>/dev/null || true; wait "$sidecar_pid" 2>/dev/null || true; }
  stop_bench_servers
}
trap cleanup EXIT
start_bench_nginx
redis_url=$(scripts/redis-local.sh start "$work/redis")
for alignment in default off; do
  redis-cli -p "${redis_url##*:}" flushall >/dev/null
  port=$(free_port)
  env_args=(SEMANTIC=on)
  [ "$alignment" = off ] && env_args+=(SEMANTIC_ALIGNMENT=off)
  env "${env_args[@]}" SIDECAR_PORT="$port" UPSTREAM_URL="http://127.0.0.1:$upstream_port" REDIS_URL="$redis_url" \
    MODEL_DIR="${MODEL_DIR:-models/all-MiniLM-L6-v2}" LOG_LEVEL=warning "$bin" > "$work/sidecar-$alignment.log" 2>&1 &
  sidecar_pid=$!
  wait_healthy "$port" /healthz 200 "$sidecar_pid"
  echo "alignment $alignment (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  python3 bench/alignment_latency.py --url "http://127.0.0.1:$port" --rounds "$rounds"
  kill "$sidecar_pid"; wait "$sidecar_pid" 2>/dev/null || true; sidecar_pid=""
done
