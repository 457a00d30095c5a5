#!/usr/bin/env bash
# `make run`: installs what is missing, builds in release mode, starts a local Redis when
# REDIS_URL is not set, and serves on SIDECAR_HOST:SIDECAR_PORT (127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
scripts/install-deps.sh run
scripts/fetch-model.sh || echo "run: model files unavailable; the semantic layer will be off" >&2
swift build -c release --product cache-sidecar
bin="$(swift build -c release --show-bin-path)/cache-sidecar"

if [ -z "${REDIS_URL:-}" ]; then
  state=.run/redis
  if redis-cli -p 6379 ping >/dev/null 2>&1; then
    export REDIS_URL=redis://127.0.0.1:6379
    echo "run: using the Redis already on 127.0.0.1:6379"
  else
    REDIS_URL=$(REDIS_PORT=6379 scripts/redis-local.sh start "$state") || exit 1
    export REDIS_URL
    trap 'scripts/redis-local.sh stop "$state"' EXIT
    echo "run: started a local Redis at $REDIS_URL"
  fi
fi
export MODEL_DIR=${MODEL_DIR:-models/all-MiniLM-L6-v2}
"$bin" "$@" &
pid=$!
stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -n "${state:-}" ]; then scripts/redis-local.sh stop "$state"; fi
}
trap stop EXIT INT TERM
wait "$pid"
