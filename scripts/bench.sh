#!/usr/bin/env bash
# The benchmark suite: cache-sidecar side by side with what users would pick instead, in the same
# run, on the same machine, Redis and fake provider (`make bench`, `make bench-quick`).
#
#   scripts/bench.sh [--quick] [--only PHASES] [--systems SYSTEMS] [--duration S]
#                    [--connections LIST] [--semantic-connections LIST] [--miss-connections N]
#                    [--ttfb N] [--litellm-workers N] [--out DIR] [--no-docs] [--bin PATH]
#
# Phases (default: all):
#   exact     exact-hit throughput and p50/p99 at each of --connections (1,16,64): nginx serving the
#             completion as a static file (the floor), cache-sidecar, LiteLLM's proxy (Redis cache)
#   semantic  cache-sidecar's semantic hits (embedding included) at --semantic-connections
#             (1,4,16): paraphrases of primed prompts; any answer not X-Cache-Match: semantic fails
#   miss      every request a new prompt, at --miss-connections (8): the fake provider direct,
#             cache-sidecar (semantic layer on, the default), cache-sidecar with SEMANTIC=off (exact
#             caching only, like LiteLLM's), LiteLLM
#   ttfb      time to the first byte of streamed misses, --ttfb sequential requests: direct and
#             through cache-sidecar (SEMANTIC=off)
# Systems (default: all): nginx, sidecar, sidecar-exact, litellm, direct.
#
# Writes DIR/results.jsonl, DIR/bench.md (machine, versions, commands, tables, ratios) and, in a
# full run, DIR/latency.png; a full run of every phase and system (no --only/--systems) also
# replaces the block between <!-- bench:begin --> and <!-- bench:end --> in docs/BENCHMARKS.md
# and docs/bench/latency.png, unless --no-docs. DIR: bench-out/full or bench-out/quick.
#
# --bin PATH: run this sidecar binary instead of building this tree (e.g. a copy of main's, for an
# A/B of the same measurement back to back); never touches docs/.
#
# --quick: 2 s per measurement, fewer levels, never touches docs/; for CI. Any error response,
# a hit that is not a hit, a miss that is not a miss, or a server that does not start makes the
# script exit non-zero (in both modes). Everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
. scripts/bench-lib.sh

quick=0 docs=1 only="" systems="" duration="" connections="" semantic_connections="" miss_connections=""
ttfb="" out="" bin="" prebuilt="" litellm_workers=${LITELLM_WORKERS:-$(nproc)}
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --only) only=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --semantic-connections) semantic_connections=$2; shift 2 ;;
    --miss-connections) miss_connections=$2; shift 2 ;;
    --ttfb) ttfb=$2; shift 2 ;;
    --litellm-workers) litellm_workers=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-docs) docs=0; shift ;;
    --bin) bin=$2 prebuilt=$2 docs=0; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
done
[ -n "$only$systems" ] && docs=0  # the docs hold only complete runs
if [ "$quick" = 1 ]; then
  docs=0
  duration=${duration:-2} connections=${connections:-1,64} semantic_connections=${semantic_connections:-1,16}
  miss_connections=${miss_connections:-8} ttfb=${ttfb:-50} out=${out:-bench-out/quick}
else
  duration=${duration:-10} connections=${connections:-1,16,64} semantic_connections=${semantic_connections:-1,4,16}
  miss_connections=${miss_connections:-8} ttfb=${ttfb:-300} out=${out:-bench-out/full}
fi
only=${only:-exact,semantic,miss,ttfb}
systems=${systems:-nginx,sidecar,sidecar-exact,litellm,direct}
has() { [[ ",$1," == *",$2,"* ]]; }  # list item
want() { has "$only" "$1" && has "$systems" "$2"; }  # phase system

# Phases are timed; the times are printed at the end and kept in bench.md.
phase_started=$SECONDS phase_name="" phase_times=""
phase() {
  [ -n "$phase_name" ] && phase_times+="$phase_name $((SECONDS - phase_started))"$'\n' \
    && echo "   ($phase_name: $((SECONDS - phase_started)) s)"
  phase_name=$1 phase_started=$SECONDS
  [ -n "$1" ] && echo "== $1 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  return 0
}

# --- install and build -------------------------------------------------------------------------
phase install
scripts/install-deps.sh bench
scripts/fetch-model.sh
# LiteLLM and matplotlib in a virtualenv of their own (outside git), at pinned versions, only
# when the installed set differs from bench/requirements.txt.
venv=${BENCH_VENV:-.bench-venv}
if ! cmp -s bench/requirements.txt "$venv/.requirements" 2>/dev/null; then
  echo "bench: pip-installing bench/requirements.txt into $venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
  cp bench/requirements.txt "$venv/.requirements"
fi

# --- servers (the sidecars once built) ---------------------------------------------------------
phase start
mkdir -p "$out"
out=$(cd "$out" && pwd)
results=$out/results.jsonl
: > "$results"
work=$(mktemp -d /tmp/cache-sidecar-bench.XXXXXX)
sidecar_pids=() sidecar_ports=() litellm_pid=""
cleanup() {
  status=$?
  set +e
  stop_sidecars
  if [ -n "$litellm_pid" ]; then
    # LiteLLM runs in a process group of its own (setsid): its workers stop with it.
    kill -TERM -- "-$litellm_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 -- "-$litellm_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$litellm_pid" 2>/dev/null
    wait "$litellm_pid" 2>/dev/null
  fi
  [ "$status" -ne 0 ] && show_bench_logs
  stop_bench_servers
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_bench_servers
# LiteLLM's proxy refuses to start without a master key; this run's key is every system's API key
# (the sidecar only hashes it into the tenant).
BENCH_API_KEY=sk-$(python3 -c 'import secrets; print(secrets.token_hex(32))')

# sidecar: the default configuration (semantic layer on, with the model); sidecar-exact: exact
# caching only; sidecar-sse: exact only, in front of the streaming fake provider. One Redis, one
# database each.
sidecar_port=$(free_port) sidecar_exact_port=$(free_port) sidecar_sse_port=$(free_port)
need_sidecar=0 need_exact=0 need_sse=0 need_litellm=0
{ want exact sidecar || want semantic sidecar || want miss sidecar; } && need_sidecar=1
want miss sidecar-exact && need_exact=1
want ttfb sidecar-exact && need_sse=1
{ want exact litellm || want miss litellm; } && need_litellm=1

if [ $need_litellm = 1 ]; then
  litellm_port=$(free_port)
  # The bench model, routed to the same fake provider; the proxy's Redis cache, on the same
  # Redis (database 3). A master key (LiteLLM requires one) and no database: nothing but
  # authentication, routing and caching.
  cat > "$work/litellm.yaml" <<YAML
model_list:
  - model_name: gpt-4.1
    litellm_params:
      model: openai/gpt-4.1
      api_base: http://127.0.0.1:$upstream_port/v1
      api_key: sk-fake-provider
litellm_settings:
  cache: true
  cache_params:
    type: redis
    host: 127.0.0.1
    port: $redis_port
    db: 3
YAML
  LITELLM_MASTER_KEY=$BENCH_API_KEY LITELLM_LOG=ERROR LITELLM_LOCAL_MODEL_COST_MAP=True NO_DOCS=True \
    setsid "$venv/bin/litellm" --config "$work/litellm.yaml" --host 127.0.0.1 --port "$litellm_port" \
    --num_workers "$litellm_workers" > "$work/litellm.log" 2>&1 &
  litellm_pid=$!
fi

# LiteLLM takes tens of seconds to start (Python imports): it starts during the build.
phase build
[ -n "$bin" ] || build_release_sidecar
export BENCH_API_KEY MODEL_DIR=${MODEL_DIR:-$PWD/models/all-MiniLM-L6-v2}

phase ready
[ $need_sidecar = 1 ] && start_sidecar sidecar "$sidecar_port" "$upstream_port" 0 SEMANTIC=on && sidecar_pid=$!
[ $need_exact = 1 ] && start_sidecar sidecar-exact "$sidecar_exact_port" "$upstream_port" 1 SEMANTIC=off
[ $need_sse = 1 ] && start_sidecar sidecar-sse "$sidecar_sse_port" "$sse_port" 2 SEMANTIC=off
for i in "${!sidecar_pids[@]}"; do
  wait_healthy "${sidecar_ports[$i]}" /readyz 300 "${sidecar_pids[$i]}"
done
[ $need_litellm = 1 ] && wait_healthy "$litellm_port" /health/liveliness 3000 "$litellm_pid"
if [ $need_sidecar = 1 ]; then
  curl -s "http://127.0.0.1:$sidecar_port/readyz" | grep -q '"semantic":"loaded"' \
    || { echo "bench: the sidecar's semantic layer is not loaded (MODEL_DIR=$MODEL_DIR)" >&2; exit 1; }
fi

# --- measuring ---------------------------------------------------------------------------------
# wrk with as many threads as cores but never more than connections; a failed check fails the run.
measure() {  # phase system connections url [wrk args…]
  local phase=$1 system=$2 c=$3 url=$4; shift 4
  local before after output
  # BENCH_PERF=FILE: a CPU profile of the sidecar during its (last) exact-hit run, where perf works.
  if [ -n "${BENCH_PERF:-}" ] && [ "$phase $system" = "exact sidecar" ]; then
    perf record -F 1000 -g -p "$sidecar_pid" -o "$BENCH_PERF" -- sleep "$duration" >/dev/null 2>&1 &
  fi
  before=$(provider_requests)
  output=$(wrk -t"$(( c < $(nproc) ? c : $(nproc) ))" -c"$c" -d"${duration}s" --timeout 10s --latency "$url" "$@" 2>&1) \
    || { echo "bench: wrk failed ($phase, $system, $c connections): $output" >&2; return 1; }
  after=$(provider_requests)
  echo "$output" > "$work/wrk-$phase-$system-$c.txt"
  echo "$output" | python3 bench/wrk_summary.py "$results" "$phase" "$system" "$c" "$((after - before))"
}
declare -A url=(
  [nginx]=http://127.0.0.1:$static_port/completion.json
  [sidecar]=http://127.0.0.1:$sidecar_port/v1/chat/completions
  [sidecar-exact]=http://127.0.0.1:$sidecar_exact_port/v1/chat/completions
  [litellm]=http://127.0.0.1:${litellm_port:-0}/v1/chat/completions
  [direct]=http://127.0.0.1:$upstream_port/v1/chat/completions
)
IFS=, read -ra exact_levels <<< "$connections"
IFS=, read -ra semantic_levels <<< "$semantic_connections"

if has "$only" exact; then
  phase exact
  want exact sidecar && python3 bench/prime.py exact "http://127.0.0.1:$sidecar_port" "$work/provider.log" sidecar
  want exact litellm && python3 bench/prime.py exact "http://127.0.0.1:$litellm_port" "$work/provider.log" litellm
  for c in "${exact_levels[@]}"; do
    for system in nginx sidecar litellm; do
      want exact "$system" || continue
      if [ "$system" = nginx ]; then measure exact "$system" "$c" "${url[$system]}"
      else measure exact "$system" "$c" "${url[$system]}" -s bench/exact-hit.lua; fi
    done
  done
fi

if want semantic sidecar; then
  phase semantic
  read -r paraphrases primed sim_min sim_max < <(python3 bench/prime.py semantic "http://127.0.0.1:$sidecar_port" \
    "$work/provider.log" bench/semantic-prompts.json "$work/semantic-bodies.txt")
  echo "{\"phase\":\"semantic-set\",\"paraphrases\":$paraphrases,\"prompts\":$primed,\"similarity_min\":$sim_min,\"similarity_max\":$sim_max}" >> "$results"
  for c in "${semantic_levels[@]}"; do
    BENCH_SEMANTIC_BODIES=$work/semantic-bodies.txt measure semantic sidecar "$c" "${url[sidecar]}" -s bench/semantic-hit.lua
  done
fi

if has "$only" miss; then
  phase miss
  run=0
  for system in direct sidecar sidecar-exact litellm; do
    want miss "$system" || continue
    run=$((run + 1))
    measure miss "$system" "$miss_connections" "${url[$system]%/v1/chat/completions}" -s bench/miss.lua -- "r$$-$run"
  done
fi

if has "$only" ttfb && want ttfb sidecar-exact; then
  phase ttfb
  for system in direct sidecar-exact; do
    want ttfb "$system" || continue
    port=$sse_port
    [ "$system" = sidecar-exact ] && port=$sidecar_sse_port
    read -r p50 p99 <<< "$(python3 bench/ttfb.py "$port" "$ttfb" "$system")"
    echo "{\"phase\":\"ttfb\",\"system\":\"$system\",\"requests\":$ttfb,\"p50\":$p50,\"p99\":$p99,\"load\":$(cut -d' ' -f1 /proc/loadavg)}" >> "$results"
    echo "  ttfb     $system: p50 $p50 ms  p99 $p99 ms"
  done
fi

# --- report ------------------------------------------------------------------------------------
phase report
{
  echo "{\"phase\":\"run\",\"quick\":$quick,\"duration\":$duration,\"litellm_workers\":$litellm_workers,"
  echo " \"command\":$(python3 -c 'import json,sys; print(json.dumps(" ".join(["scripts/bench.sh"] + sys.argv[1:])))' "${args[@]}"),"
  echo " \"date\":\"$(date -u '+%Y-%m-%d %H:%M UTC')\",\"commit\":\"${prebuilt:+binary $prebuilt, tree }$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo '+changes')\","
  echo " \"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\",\"cores\":$(nproc),"
  echo " \"memory_gib\":$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo),"
  echo " \"os\":\"$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)\","
  echo " \"swift\":\"$(swift --version 2>&1 | grep -m1 -o 'Swift version [^ ]*')\","
  echo " \"nginx\":\"$(nginx -v 2>&1 | cut -d/ -f2)\",\"redis\":\"$(redis-server --version | grep -o 'v=[^ ]*' | cut -d= -f2)\","
  echo " \"wrk\":\"$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)\","
  echo " \"litellm\":\"$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("litellm"))')\","
  echo " \"openblas\":\"$(dpkg-query -W -f='${Version}' libopenblas0-pthread 2>/dev/null || echo unknown)\","
  echo " \"openblas_coretype\":\"${OPENBLAS_CORETYPE:-unset}\",\"openblas_threads\":\"$OPENBLAS_NUM_THREADS\","
  echo " \"phase_times\":$(printf '%s' "$phase_times" | python3 -c 'import json,sys; print(json.dumps([l.split() for l in sys.stdin.read().splitlines()]))'),"
  echo " \"loadavg_end\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
} | tr -d '\n' >> "$results"
echo >> "$results"
report_args=("$results" "$out")
[ "$quick" = 0 ] && report_args+=(--plot "$out/latency.png")
[ "$docs" = 1 ] && report_args+=(--docs docs/BENCHMARKS.md --docs-plot docs/bench/latency.png)
"$venv/bin/python" bench/report.py "${report_args[@]}"
phase ""
echo "== phase times (s):"; printf '%s' "$phase_times" | sed 's/^/  /'
echo "== total: ${SECONDS} s; results in $out"
