#!/usr/bin/env bash
# `make test`: installs what is missing, fetches the model, starts a throwaway Redis on a free
# port, runs the whole test suite, and stops Redis by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
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
else
  # Suites that bound how long a failure takes run on their own: with the whole suite running in
  # parallel on two cores, thread scheduling alone could break their time limits.
  # The dashboard suite starts a headless browser, heavy enough on two cores to do the same to
  # others, so it runs last, alone.
  timing='RedisClientFailure|CurlUpstreamTests'
  browser='DashboardTests'
  swift test --skip-build --skip "$timing|$browser"
  swift test --skip-build --filter "$timing"
  swift test --skip-build --filter "$browser"
fi
