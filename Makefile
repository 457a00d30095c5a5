.PHONY: run test build clean demo

## Build in release mode and serve on 127.0.0.1:8080 (starts a local Redis unless REDIS_URL is set).
run:
	scripts/run.sh

## Run the whole test suite against a throwaway Redis.
test:
	scripts/test.sh

## Replay a sample workload through Redis, a fake provider and the sidecar; print hit rate and savings.
demo:
	scripts/demo.sh

build:
	swift build -c release

clean:
	rm -rf .build .run
