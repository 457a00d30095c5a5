#!/usr/bin/env bash
# Exact-hit throughput and latency: cache-sidecar (release) vs nginx serving the same body as a
# static file (the floor for one HTTP hop), measured in the same run with wrk on loopback.
# Usage: scripts/bench-exact.sh [duration-seconds] [connections]   → markdown table on stdout
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
. scripts/bench-lib.sh
duration=${1:-10}
connections=${2:-64}
scripts/install-deps.sh bench >&2
swift build -c release --product cache-sidecar >&2
bin="$(swift build -c release --show-bin-path)/cache-sidecar"

work=$(mktemp -d /tmp/cache-sidecar-bench.XXXXXX)
static_port=$(free_port); upstream_port=$(free_port); sidecar_port=$(free_port)
chmod 755 "$work"  # nginx workers run unprivileged
mkdir -p "$work/static" && cp bench/completion.json "$work/static/completion.json"
body=$(tr -d '\n' < bench/completion.json)  # has no single quote, so it fits nginx's '…'
sed -e "s#__DIR__#$work#g" -e "s#__STATIC_PORT__#$static_port#" -e "s#__UPSTREAM_PORT__#$upstream_port#" \
    -e "s#__BODY__#${body//&/\\&}#" bench/nginx.conf.template > "$work/nginx.conf"

cleanup() {
  [ -n "${sidecar_pid:-}" ] && kill "$sidecar_pid" 2>/dev/null && wait "$sidecar_pid" 2>/dev/null
  stop_bench_servers
}
trap cleanup EXIT
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
redis_url=$(scripts/redis-local.sh start "$work/redis")
SIDECAR_PORT=$sidecar_port UPSTREAM_URL=http://127.0.0.1:$upstream_port REDIS_URL=$redis_url LOG_LEVEL=${BENCH_LOG_LEVEL:-warning} \
  SEMANTIC=off "$bin" > "$work/sidecar.log" 2>&1 &
sidecar_pid=$!
wait_healthy "$sidecar_port"

# Prime the entry, and check it is a hit.
prime() { curl -s -o /dev/null -D - "http://127.0.0.1:$sidecar_port/v1/chat/completions" -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer sk-bench' -d '{"model":"gpt-4.1","messages":[{"role":"user","content":"What is a sidecar container?"}]}' | tr -d '\r' | grep -i '^x-cache:'; }
prime >&2; prime | grep -q HIT || { echo "bench: the primed request is not a hit" >&2; exit 1; }

run_wrk() { wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" 2>&1; }
nginx_out=$(run_wrk "http://127.0.0.1:$static_port/completion.json")
# BENCH_PERF=FILE records a CPU profile of the sidecar during its run (perf, where supported).
[ -n "${BENCH_PERF:-}" ] && { perf record -F 1000 -g -p "$sidecar_pid" -o "$BENCH_PERF" -- sleep "$duration" >/dev/null 2>&1 & }
sidecar_out=$(run_wrk -s bench/exact-hit.lua "http://127.0.0.1:$sidecar_port/v1/chat/completions")
read -r n_rps n_p50 n_p99 n_err <<< "$(echo "$nginx_out" | wrk_summary)"
read -r s_rps s_p50 s_p99 s_err <<< "$(echo "$sidecar_out" | wrk_summary)"
ratio=$(python3 -c "print(f'{$s_rps/$n_rps:.2f}')")
echo "| system | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
echo "| nginx, static file (floor) | $n_rps | $n_p50 | $n_p99 | $n_err |"
echo "| cache-sidecar, exact hit | $s_rps | $s_p50 | $s_p99 | $s_err |"
echo
echo "cache-sidecar / nginx throughput: **$ratio** ($connections connections, ${duration} s each, wrk -t2, same run)"
