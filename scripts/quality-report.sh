#!/usr/bin/env bash
# Semantic matching quality through the running sidecar (release build), against a throwaway
# Redis and a fake provider (nginx answering every chat completion with bench/completion.json).
#
#   scripts/quality-report.sh [--pairs PATH] [--sample N] [--live-sample N] [--concurrency C] [--runs LIST] [--out DIR]
#                             [--at T] [--alignment LIST] [--bin PATH] [--prompts LIST]
#
# --pairs        labeled pairs (default ../shared/data/pairs-dev.jsonl, then /work/shared/data/…)
# --sample N     N pairs per source (stratified) for a quick run; default: every pair
# --live-sample N  pairs per source for the `default*` runs (default 500; 0 = as --sample):
#                their figures are also derived exactly from the full `eval` runs, so a sample checks them
# --runs         comma-separated, any of:
#                  default          built-in settings: threshold, guards, token alignment (live figures)
#                  default-noalign  the same with SEMANTIC_ALIGNMENT=off
#                  default-off      SEMANTIC_GUARDS=off SEMANTIC_ALIGNMENT=off: cosine alone
#                  eval             similarity_threshold 0.75, guards on, SEMANTIC_ALIGNMENT=report (curves, derived offline)
#                  eval-off         the same with guards off
#                  crowd            built-in settings, but each source's pairs share one context: every s1
#                                   stored, then every s2 asked with only-if-cached (replay_pairs.py crowd);
#                                   its table is printed on its own, with the hits `default` made that it lost
#                  traffic          built-in settings on apps' prompt streams (--prompts; replay_pairs.py traffic)
#                  traffic-off      the same with SEMANTIC_GUARDS=off SEMANTIC_ALIGNMENT=off: cosine alone
#                (default: the first five; ≈ 45 min on 2 cores, most of it the two full eval runs)
# --out DIR      where results (*.jsonl) and report.md go (default: a new /tmp directory)
# --at T         the threshold of the per-source tables derived from the eval runs (default 0.88, the built-in)
# --alignment L  alignment minimums derived from the eval runs, `none` = the stage off (default none,0.4)
# --bin PATH     a prebuilt cache-sidecar to measure instead of building this checkout (for A/B)
# --prompts P    the traffic runs' prompt streams, comma-separated (default: scripts/quality/app-traffic-*.jsonl)
# The sidecar inherits the environment: SEMANTIC_ALIGNMENT=0.5 scripts/quality-report.sh --runs traffic
# measures another alignment minimum.
#
# Markdown on stdout and in DIR/report.md. Each run replays every pair: s1 with a fresh API key
# (stored), then s2 with the same key; see scripts/quality/replay_pairs.py.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
. scripts/bench-lib.sh
pairs=../shared/data/pairs-dev.jsonl
[ -f "$pairs" ] || pairs=/work/shared/data/pairs-dev.jsonl
sample=0 live_sample=500 concurrency=4 runs=eval,eval-off,default,default-noalign,default-off out="" at=0.88 alignment=none,0.4 bin=""
prompts=$(ls scripts/quality/app-traffic-*.jsonl | paste -sd, -)
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --live-sample) live_sample=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --at) at=$2; shift 2 ;;
    --alignment) alignment=$2; shift 2 ;;
    --bin) bin=$(realpath "$2"); shift 2 ;;
    --prompts) prompts=$2; shift 2 ;;
    *) echo "usage: $0 [--pairs PATH] [--sample N] [--live-sample N] [--concurrency C] [--runs LIST] [--out DIR] [--at T] [--alignment LIST] [--bin PATH] [--prompts LIST]" >&2; exit 2 ;;
  esac
done
[ -f "$pairs" ] || { echo "quality-report: no pairs file at $pairs" >&2; exit 1; }
pairs=$(realpath "$pairs")
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}

if [ -z "$bin" ]; then
  swift build -c release --product cache-sidecar >&2
  bin="$(swift build -c release --show-bin-path)/cache-sidecar"
fi
out=${out:-$(mktemp -d /tmp/cache-sidecar-quality.XXXXXX)}
mkdir -p "$out"
work=$(mktemp -d /tmp/cache-sidecar-quality-run.XXXXXX)
printf 'defaults:\n  similarity_threshold: 0.75\n' > "$work/eval.yaml"

sidecar_pid=""
stop_sidecar() {
  if [ -n "$sidecar_pid" ]; then kill "$sidecar_pid" 2>/dev/null || true; wait "$sidecar_pid" 2>/dev/null || true; sidecar_pid=""; fi
}
cleanup() {
  stop_sidecar
  stop_bench_servers
}
trap cleanup EXIT
start_bench_nginx
redis_url=$(scripts/redis-local.sh start "$work/redis")
redis_port=${redis_url##*:}

IFS=, read -ra run_list <<< "$runs"
for run in "${run_list[@]}"; do
  env_args=(SEMANTIC=on SEMANTIC_GUARDS=on)
  case "$run" in
    default) ;;
    default-noalign) env_args+=(SEMANTIC_ALIGNMENT=off) ;;
    default-off) env_args=(SEMANTIC=on SEMANTIC_GUARDS=off SEMANTIC_ALIGNMENT=off) ;;
    eval) env_args+=(SEMANTIC_ALIGNMENT=report SIDECAR_CONFIG="$work/eval.yaml") ;;
    eval-off) env_args=(SEMANTIC=on SEMANTIC_GUARDS=off SEMANTIC_ALIGNMENT=report SIDECAR_CONFIG="$work/eval.yaml") ;;
    crowd|traffic) ;;
    traffic-off) env_args=(SEMANTIC=on SEMANTIC_GUARDS=off SEMANTIC_ALIGNMENT=off) ;;
    *) echo "quality-report: unknown run '$run'" >&2; exit 2 ;;
  esac
  redis-cli -p "$redis_port" flushall >/dev/null
  port=$(free_port)
  env "${env_args[@]}" SIDECAR_PORT="$port" UPSTREAM_URL="http://127.0.0.1:$upstream_port" REDIS_URL="$redis_url" \
    MODEL_DIR="${MODEL_DIR:-models/all-MiniLM-L6-v2}" LOG_LEVEL=warning "$bin" > "$out/sidecar-$run.log" 2>&1 &
  sidecar_pid=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/stats" | grep -q '"enabled":true' || { echo "quality-report: semantic layer is off" >&2; cat "$out/sidecar-$run.log" >&2; exit 1; }
  run_sample=$sample
  case "$run" in default*) [ "$live_sample" -gt 0 ] && { [ "$sample" -eq 0 ] || [ "$live_sample" -lt "$sample" ]; } && run_sample=$live_sample ;; esac
  echo "quality-report: run $run (${env_args[*]}), sample per source: ${run_sample/#0/all}" >&2
  if [[ "$run" == traffic* ]]; then
    IFS=, read -ra streams <<< "$prompts"
    cat "${streams[@]}" > "$work/traffic.jsonl"
    python3 scripts/quality/replay_pairs.py traffic --url "http://127.0.0.1:$port" --prompts "$work/traffic.jsonl" \
      --out "$out/$run.jsonl" > "$out/$run.md"
  elif [ "$run" = crowd ]; then
    pairwise=()
    [ -f "$out/default.jsonl" ] && pairwise=(--pairwise "$out/default.jsonl")
    python3 scripts/quality/replay_pairs.py crowd --url "http://127.0.0.1:$port" --pairs "$pairs" --out "$out/crowd.jsonl" \
      --sample "$run_sample" --concurrency "$concurrency" "${pairwise[@]}" > "$out/crowd.md"
  else
    python3 scripts/quality/replay_pairs.py replay --url "http://127.0.0.1:$port" --pairs "$pairs" --out "$out/$run.jsonl" \
      --sample "$run_sample" --concurrency "$concurrency" --label "$run"
  fi
  stop_sidecar
done

report_args=()
for run in "${run_list[@]}"; do
  case "$run" in
    default) report_args+=(--live "guarded=$out/default.jsonl") ;;
    default-noalign) report_args+=(--live "guarded-noalign=$out/default-noalign.jsonl") ;;
    default-off) report_args+=(--live "unguarded=$out/default-off.jsonl") ;;
    eval) report_args+=(--curve "guarded=$out/eval.jsonl") ;;
    eval-off) report_args+=(--curve "unguarded=$out/eval-off.jsonl") ;;
  esac
done
report_args+=(--alignment "$alignment")
# The crowd and traffic runs print tables of their own.
own_tables() {
  if [ -f "$out/crowd.md" ]; then echo; echo "### One context per source (crowd)"; echo; cat "$out/crowd.md"; fi
  for run in traffic traffic-off; do
    if [ -f "$out/$run.md" ]; then echo; echo "### Apps' prompt streams ($run)"; echo; cat "$out/$run.md"; fi
  done
}
if [ ${#report_args[@]} -eq 2 ]; then  # no pairs run: only those tables
  own_tables | tee "$out/report.md"
  echo "quality-report: results in $out" >&2
  exit 0
fi
{
  echo "### All pairs"; echo
  python3 scripts/quality/replay_pairs.py report "${report_args[@]}" --half all --at "$at"
  echo "### Held-out half (odd lines)"; echo
  python3 scripts/quality/replay_pairs.py report "${report_args[@]}" --half holdout --at "$at"
  echo "### Chosen on the tune half (even lines)"; echo
  python3 scripts/quality/replay_pairs.py report "${report_args[@]}" --choose
  own_tables
} | tee "$out/report.md"
echo "quality-report: results in $out" >&2
