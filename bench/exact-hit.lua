-- wrk: the same chat completion request every time (an exact hit after the first).
-- The API key: BENCH_API_KEY (LiteLLM's proxy refuses to run without a master key), or sk-bench.
wrk.method = "POST"
wrk.body = '{"model":"gpt-4.1","messages":[{"role":"user","content":"What is a sidecar container?"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_API_KEY") or "sk-bench")
