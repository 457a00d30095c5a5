#!/usr/bin/env bash
# Starts a throwaway redis-server on a free loopback port, or stops one, by PID.
#   scripts/redis-local.sh start DIR   → prints the redis:// URL; PID in DIR/redis.pid
#   scripts/redis-local.sh stop DIR
set -euo pipefail
cmd=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)  # absolute: redis-server resolves its pid and log files after changing to --dir
case "$cmd" in
  start)
    # A free port below the kernel's ephemeral range, so no outgoing connection takes it meanwhile.
    port=${REDIS_PORT:-$(python3 -c '
import random, socket
for _ in range(200):
    p = random.randint(20000, 32000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        s.close()
')}
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 1 100); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && break
      sleep 0.05
    done
    redis-cli -p "$port" ping >/dev/null || { echo "redis did not start; see $dir/redis.log" >&2; exit 1; }
    echo "redis://127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/redis.pid"
    fi
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
