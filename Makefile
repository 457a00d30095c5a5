.PHONY: run test build clean

## Build in release mode and serve on 127.0.0.1:8080 (starts a local Redis unless REDIS_URL is set).
run:
	scripts/run.sh

## Run the whole test suite against a throwaway Redis.
test:
	scripts/test.sh

build:
	swift build -c release

clean:
	rm -rf .build .run
