#!/usr/bin/env bash
# CPU per cache miss: the sidecar's own CPU time (user + system, every thread, /proc/PID/stat)
# divided by the misses it served, A/B between sidecar binaries in the same run.
#
#   scripts/bench-miss-cpu.sh [--duration S] [--connections LIST] [--rounds N] [--out DIR] [BIN[=LABEL] …]
#
# Starts nginx (the fake provider, scripts/bench-lib.sh), Redis and one sidecar per binary
# (SEMANTIC=off, a Redis database each; default: this tree's release build). Then, for each of
# --rounds (3), each level of --connections (1,4,8): the provider directly, then every binary in
# turn, each for --duration seconds (5) of wrk with bench/miss.lua (a new prompt every request), on
# a freshly emptied database. The binaries' order alternates between rounds (A B, then B A), so a
# burst of other load hits both alike. Each run records, besides wrk's rate and p50/p99, the
# sidecar's CPU time and context switches (all threads) per miss; every request must reach the
# provider (a miss) and none may fail.
#
# The report (DIR/cpu.md, from DIR/results.jsonl; DIR defaults to bench-out/miss-cpu) has each
# binary's median over rounds and, against the first binary, the median of the per-round ratios:
# CPU per miss barely moves with other load, and a ratio within one round not at all.
# BENCH_PERF=DIR: also `perf record -g` each sidecar during its first run at the last level.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh

duration=5 connections=1,4,8 rounds=3 out=bench-out/miss-cpu binaries=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -*) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
    *) binaries+=("$1"); shift ;;
  esac
done
if [ ${#binaries[@]} = 0 ]; then
  build_release_sidecar
  binaries=("$bin=this-tree")
fi

work=$(mktemp -d /tmp/cache-sidecar-miss-cpu.XXXXXX)
sidecar_pids=() sidecar_ports=() labels=()
cleanup() {
  status=$?
  set +e
  stop_sidecars
  [ "$status" -ne 0 ] && show_bench_logs
  stop_bench_servers
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_bench_servers
for i in "${!binaries[@]}"; do
  bin=${binaries[$i]%%=*}
  label=${binaries[$i]#*=}
  [ "$label" = "${binaries[$i]}" ] && label=$(basename "$bin")
  labels+=("$label")
  start_sidecar "sidecar-$i" "$(free_port)" "$upstream_port" "$i" SEMANTIC=off
done
for i in "${!sidecar_pids[@]}"; do wait_healthy "${sidecar_ports[$i]}" /readyz 300 "${sidecar_pids[$i]}"; done

mkdir -p "$out"
results=$out/results.jsonl
: > "$results"

# CPU ticks (user + system) and context switches (voluntary + not) of a process, every thread.
cpu_and_switches() {
  local ticks switches
  ticks=$(awk '{ print $14 + $15 }' "/proc/$1/stat")  # comm has no spaces: cache-sidecar
  switches=$(cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n }')
  echo "$ticks $switches"
}

run() {  # round connections label port [sidecar-pid redis-db]
  local round=$1 c=$2 label=$3 port=$4 pid=${5:-} db=${6:-0} before after ticks0 switches0 ticks1 switches1 output extra perf=""
  [ -n "$pid" ] && redis-cli -p "$redis_port" -n "$db" flushdb >/dev/null
  if [ -n "${BENCH_PERF:-}" ] && [ -n "$pid" ] && [ "$round" = 1 ] && [ "$c" = "${levels[-1]}" ]; then
    mkdir -p "$BENCH_PERF"
    perf record -F 999 -g -p "$pid" -o "$BENCH_PERF/$label-c$c.data" -- sleep "$duration" >/dev/null 2>&1 &
    perf=$!
  fi
  before=$(provider_requests)
  [ -n "$pid" ] && read -r ticks0 switches0 < <(cpu_and_switches "$pid")
  output=$(wrk -t"$(( c < $(nproc) ? c : $(nproc) ))" -c"$c" -d"${duration}s" --timeout 10s --latency \
    "http://127.0.0.1:$port" -s bench/miss.lua -- "r$$-$round-$c-$label" 2>&1) \
    || { echo "miss-cpu: wrk failed ($label, $c connections): $output" >&2; return 1; }
  [ -n "$pid" ] && read -r ticks1 switches1 < <(cpu_and_switches "$pid")
  after=$(provider_requests)
  extra="{\"round\":$round}"
  [ -n "$pid" ] && extra="{\"round\":$round,\"cpu_seconds\":$(( ticks1 - ticks0 ))e-2,\"switches\":$(( switches1 - switches0 ))}"
  [ -n "$perf" ] && wait "$perf"
  echo "$output" | python3 bench/wrk_summary.py "$results" miss-cpu "$label" "$c" "$((after - before))" "$extra"
}

IFS=, read -ra levels <<< "$connections"
echo "== miss CPU: ${labels[*]}; ${rounds} rounds × ${levels[*]} connections × ${duration} s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
for round in $(seq 1 "$rounds"); do
  order=("${!labels[@]}")
  [ $((round % 2)) = 0 ] && order=($(printf '%s\n' "${order[@]}" | tac))
  for c in "${levels[@]}"; do
    run "$round" "$c" direct "$upstream_port"
    for i in "${order[@]}"; do run "$round" "$c" "${labels[$i]}" "${sidecar_ports[$i]}" "${sidecar_pids[$i]}" "$i"; done
  done
done
python3 bench/miss_cpu_report.py "$results" "${labels[@]}" | tee "$out/cpu.md"
