.PHONY: run test build clean demo bench bench-quick

## Build in release mode and serve on 127.0.0.1:8080 (starts a local Redis unless REDIS_URL is set).
run:
	scripts/run.sh

## Run the whole test suite against a throwaway Redis.
test:
	scripts/test.sh

## Replay a sample workload through Redis, a fake provider and the sidecar; print hit rate and savings.
demo:
	scripts/demo.sh

## The benchmark suite: cache-sidecar, nginx and LiteLLM side by side (results in docs/BENCHMARKS.md).
bench:
	scripts/bench.sh

## The same in under two minutes, as CI runs it (never touches docs/).
bench-quick:
	scripts/bench.sh --quick

build:
	swift build -c release

clean:
	rm -rf .build .run
