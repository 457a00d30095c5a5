#!/usr/bin/env bash
# `make demo`: Redis, a fake provider (scripts/demo/fake_upstream.py, 0.4 s per answer) and the
# sidecar on free loopback ports; replays scripts/demo/workload.jsonl (repeated, paraphrased and
# look-alike prompts, two tenants, three models) and prints hit rate and savings from /stats.
# Offline once built. CONFIG=debug uses the debug build instead of release.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
config=${CONFIG:-release}
scripts/install-deps.sh run
swift build -c "$config" --product cache-sidecar --quiet
bin="$(swift build -c "$config" --show-bin-path)/cache-sidecar"
export MODEL_DIR=${MODEL_DIR:-models/all-MiniLM-L6-v2}
[ -f "$MODEL_DIR/model.safetensors" ] || scripts/fetch-model.sh || echo "demo: no model in $MODEL_DIR; exact matching only" >&2

work=$(mktemp -d /tmp/cache-sidecar-demo.XXXXXX)
upstream_port=$(free_port); sidecar_port=$(free_port)
cleanup() {
  [ -n "${sidecar_pid:-}" ] && kill "$sidecar_pid" 2>/dev/null && wait "$sidecar_pid" 2>/dev/null
  [ -n "${upstream_pid:-}" ] && kill "$upstream_pid" 2>/dev/null
  scripts/redis-local.sh stop "$work/redis"
  rm -rf "$work"
}
trap cleanup EXIT

python3 scripts/demo/fake_upstream.py "$upstream_port" 0.4 &
upstream_pid=$!
redis_url=$(scripts/redis-local.sh start "$work/redis")
SIDECAR_PORT=$sidecar_port UPSTREAM_URL=http://127.0.0.1:$upstream_port REDIS_URL=$redis_url LOG_LEVEL=warning \
  "$bin" > "$work/sidecar.log" 2>&1 &
sidecar_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$sidecar_port/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$sidecar_port/readyz" >/dev/null || { echo "demo: the sidecar did not become ready" >&2; cat "$work/sidecar.log" >&2; exit 1; }

python3 scripts/demo/replay.py "http://127.0.0.1:$sidecar_port" scripts/demo/workload.jsonl
echo
echo "dashboard: http://127.0.0.1:$sidecar_port/dashboard (while DEMO_HOLD=1 keeps the demo running)"
if [ "${DEMO_HOLD:-0}" = 1 ]; then echo "Ctrl-C to stop"; wait "$sidecar_pid"; fi
