#!/usr/bin/env bash
# Miss overhead: the latency cache-sidecar (release) adds to a request it must forward, against
# calling the same fake provider (nginx answering a fixed completion) directly, in the same run;
# and the time to the first byte of a streamed miss, through the sidecar and direct.
# Every request through the sidecar is a real miss: new prompt, Redis lookup, forward, store.
# Usage: scripts/bench-miss.sh [duration-seconds] [connections] [ttfb-requests]   → markdown on stdout
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
. scripts/bench-lib.sh
duration=${1:-10}
connections=${2:-8}
ttfb_requests=${3:-500}
scripts/install-deps.sh bench >&2
swift build -c release --product cache-sidecar >&2
bin="$(swift build -c release --show-bin-path)/cache-sidecar"

work=$(mktemp -d /tmp/cache-sidecar-bench.XXXXXX)
json_port=$(free_port); sse_port=$(free_port); sidecar_port=$(free_port); sse_sidecar_port=$(free_port)
chmod 755 "$work"  # nginx workers run unprivileged
body=$(tr -d '\n' < bench/completion.json)  # has no single quote, so it fits nginx's '…'
# The same completion as a stream: role chunk, content in four pieces, finish chunk, [DONE].
sse=$(python3 - <<'PY'
import json
c = json.load(open("bench/completion.json"))
text = c["choices"][0]["message"]["content"]
base = {k: c[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}
def event(delta, finish=None):
    return "data: " + json.dumps(base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}) + "\n\n"
step = (len(text) + 3) // 4
out = event({"role": "assistant", "content": ""})
out += "".join(event({"content": text[i:i + step]}) for i in range(0, len(text), step))
out += event({}, "stop") + "data: [DONE]\n\n"
print(out.replace("\n", "\\n"), end="")
PY
)
sed -e "s#__DIR__#$work#g" -e "s#__JSON_PORT__#$json_port#" -e "s#__SSE_PORT__#$sse_port#" \
    -e "s#__BODY__#${body//&/\\&}#" -e "s#__SSE__#${sse//&/\\&}#" bench/nginx-miss.conf.template > "$work/nginx.conf"
# nginx writes '\n' in a string as a newline.

cleanup() {
  for pid in ${sidecar_pid:-} ${sse_sidecar_pid:-}; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  stop_bench_servers
}
trap cleanup EXIT
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
redis_url=$(scripts/redis-local.sh start "$work/redis")
start_sidecar() {  # port upstream-port
  SIDECAR_PORT=$1 UPSTREAM_URL=http://127.0.0.1:$2 REDIS_URL=$redis_url LOG_LEVEL=${BENCH_LOG_LEVEL:-warning} \
    SEMANTIC=off "$bin" >> "$work/sidecar.log" 2>&1 &
}
start_sidecar "$sidecar_port" "$json_port"; sidecar_pid=$!
start_sidecar "$sse_sidecar_port" "$sse_port"; sse_sidecar_pid=$!
for port in "$sidecar_port" "$sse_sidecar_port"; do
  wait_healthy "$port"
done
curl -s -o /dev/null -D - "http://127.0.0.1:$sidecar_port/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"gpt-4.1","messages":[{"role":"user","content":"check"}]}' | tr -d '\r' | grep -qi '^x-cache: MISS' \
  || { echo "bench: a new prompt is not a miss" >&2; exit 1; }

run_wrk() { wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/miss.lua "$@" 2>&1; }
read -r d_rps d_p50 d_p99 d_err <<< "$(run_wrk "http://127.0.0.1:$json_port" | wrk_summary)"
read -r s_rps s_p50 s_p99 s_err <<< "$(run_wrk "http://127.0.0.1:$sidecar_port" | wrk_summary)"
stored=$(redis-cli -u "$redis_url" --scan --pattern 'cs:v1:e:*' | wc -l)
read -r td_p50 td_p99 <<< "$(python3 bench/ttfb.py "$sse_port" "$ttfb_requests" direct)"
read -r ts_p50 ts_p99 <<< "$(python3 bench/ttfb.py "$sse_sidecar_port" "$ttfb_requests" sidecar)"
added() { python3 -c "print(f'{$1 - $2:+.3f}')"; }

echo "| path | requests/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
echo "| nginx fake provider, direct | $d_rps | $d_p50 | $d_p99 | $d_err |"
echo "| through cache-sidecar, every request a miss | $s_rps | $s_p50 | $s_p99 | $s_err |"
echo "| **added by the sidecar** | | **$(added "$s_p50" "$d_p50")** | **$(added "$s_p99" "$d_p99")** | |"
echo
echo "wrk -t2 -c$connections, ${duration} s each, same run; $stored entries stored in Redis by the misses."
echo
echo "| streamed miss, time to first byte | p50 ms | p99 ms |"
echo "|---|---:|---:|"
echo "| nginx fake provider, direct | $td_p50 | $td_p99 |"
echo "| through cache-sidecar | $ts_p50 | $ts_p99 |"
echo "| **added by the sidecar** | **$(added "$ts_p50" "$td_p50")** | **$(added "$ts_p99" "$td_p99")** |"
echo
echo "$ttfb_requests sequential streamed requests on one keep-alive connection (Python http.client), new prompt each."
