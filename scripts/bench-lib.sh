# Sourced by the benchmark scripts: what each of them needs to run servers on loopback.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_healthy() {  # port [path] [tries, 0.1 s apart] [pid: give up as soon as it has exited]
  for _ in $(seq 1 "${3:-100}"); do
    curl -sf "http://127.0.0.1:$1${2:-/healthz}" >/dev/null && return 0
    if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then echo "bench: the server for port $1 exited" >&2; return 1; fi
    sleep 0.1
  done
  echo "bench: nothing healthy on port $1 (${2:-/healthz})" >&2
  return 1
}

# Renders bench/nginx.conf.template into $work and starts nginx on free ports: static_port (the
# completion as a static file), upstream_port (the fake provider, JSON), sse_port (the same
# completion streamed). stop_bench_servers stops it.
start_bench_nginx() {
  static_port=$(free_port); upstream_port=$(free_port); sse_port=$(free_port)
  chmod 755 "$work"  # nginx workers run unprivileged
  mkdir -p "$work/static" && cp bench/completion.json "$work/static/completion.json"
  local body sse
  body=$(tr -d '\n' < bench/completion.json)  # has no single quote, so it fits nginx's '…'
  sse=$(python3 bench/sse_body.py bench/completion.json)
  sed -e "s#__DIR__#$work#g" -e "s#__STATIC_PORT__#$static_port#" -e "s#__UPSTREAM_PORT__#$upstream_port#" \
      -e "s#__SSE_PORT__#$sse_port#" \
      -e "s#__BODY__#${body//&/\\&}#" -e "s#__SSE__#${sse//&/\\&}#" bench/nginx.conf.template > "$work/nginx.conf"
  nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
}

# nginx (start_bench_nginx) and a throwaway Redis, both under $work: sets redis_url and redis_port.
start_bench_servers() {
  start_bench_nginx
  redis_url=$(scripts/redis-local.sh start "$work/redis")
  redis_port=${redis_url##*:}
}

# Chat completions the fake provider has answered so far (its log is flushed within 50 ms).
provider_requests() { sleep 0.1; wc -l < "$work/provider.log"; }

# Stops the nginx and Redis started under $work, then removes it.
stop_bench_servers() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  scripts/redis-local.sh stop "$work/redis"
  rm -rf "$work"
}

# Builds the release sidecar and sets bin to it. In an environment of its own: SwiftPM recompiles
# whenever the environment differs from the previous build's, and this one does not change.
build_release_sidecar() {
  env -i HOME="$HOME" PATH="$PATH" swift build -c release --product cache-sidecar 2>&1 | grep -v -E "prohibited flag|unhandled" | tail -1
  bin="$(env -i HOME="$HOME" PATH="$PATH" swift build -c release --show-bin-path)/cache-sidecar"
}

# Starts $bin in the background against $redis_url (database DB), logging to $work/NAME.log;
# appends to sidecar_pids and sidecar_ports.
start_sidecar() {  # name port upstream-port redis-db env…
  local name=$1 port=$2 upstream=$3 db=$4; shift 4
  env SIDECAR_PORT="$port" UPSTREAM_URL="http://127.0.0.1:$upstream" REDIS_URL="$redis_url/$db" \
    LOG_LEVEL=${BENCH_LOG_LEVEL:-warning} "$@" "$bin" > "$work/$name.log" 2>&1 &
  sidecar_pids+=($!) sidecar_ports+=("$port")
}

# Stops the sidecars start_sidecar started, by PID.
stop_sidecars() {
  for pid in "${sidecar_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  return 0
}

# After a failure: the last lines of every server's log under $work, and FAILED.
show_bench_logs() {
  for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log (last lines)"; tail -20 "$log"; } >&2; done
  echo "bench: FAILED" >&2
}
