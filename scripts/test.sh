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
swift test --skip-build "$@"
