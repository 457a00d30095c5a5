# Sourced by the benchmark scripts: what each of them needs to run servers on loopback.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_healthy() {  # port
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "bench: nothing healthy on port $1" >&2
  return 1
}

# Stops the nginx and Redis started under $work, then removes it.
stop_bench_servers() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  scripts/redis-local.sh stop "$work/redis"
  rm -rf "$work"
}

wrk_summary() { python3 bench/wrk_summary.py; }
