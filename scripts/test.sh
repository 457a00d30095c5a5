#!/usr/bin/env bash
# `make test`: installs what is missing, fetches the model, starts a throwaway Redis on a free
# port, runs the whole test suite, and stops Redis by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/blas-env.sh
scripts/install-deps.sh test
scripts/fetch-model.sh
export MODEL_DIR=${MODEL_DIR:-$PWD/models/all-MiniLM-L6-v2}

state=$(mktemp -d /tmp/cache-sidecar-test.XXXXXX)
TEST_REDIS_URL=$(scripts/redis-local.sh start "$state")
export TEST_REDIS_URL
trap 'scripts/redis-local.sh stop "$state"; rm -rf "$state"' EXIT
echo "test: Redis at $TEST_REDIS_URL"

swift build --build-tests
if [ $# -gt 0 ]; then
  swift test --skip-build "$@"
  exit
fi
# Swift Testing runs every test at once on a cooperative pool as wide as the machine (2 threads
# here). Three kinds of suite must not share it with the rest: those that bound how long a failure
# may take (thread scheduling alone could break their limits); the embedding suites, whose
# forward passes occupy a pool thread for seconds and would starve the servers other tests run
# in-process; and the dashboard suite, whose headless browser loads both cores. Each runs on its
# own after the rest.
alone=(RedisClientFailure RedisDedicatedConnection CurlUpstream GracefulShutdown EmbeddingsTests DashboardTests RedisFaultUnderLoad)
skip=$(IFS='|'; echo "${alone[*]}")
swift test --skip-build --skip "$skip"
for suite in "${alone[@]}"; do
  swift test --skip-build --filter "$suite"
done
# A short soak on the debug build just made: 64 connections of hits, misses and streams, every
# answer checked, memory and descriptors flat (scripts/soak.sh; docs/RELIABILITY.md has the long run).
scripts/soak.sh --quick
