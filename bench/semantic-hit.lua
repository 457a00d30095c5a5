-- wrk: paraphrases of primed prompts in turn, each meant to be a semantic hit (a semantic hit
-- stores no exact alias, so a paraphrase stays a semantic hit when it comes again).
-- The request bodies, one per line, are in the file named by BENCH_SEMANTIC_BODIES (written by
-- bench/prime.py). Every answer that is not a 200 with X-Cache-Match: semantic is counted, and
-- the count printed as "not semantic: N".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  bodies = {}
  for line in io.lines(os.getenv("BENCH_SEMANTIC_BODIES")) do bodies[#bodies + 1] = line end
  next_body = (id - 1) * 7 % #bodies  -- threads start at different paraphrases
  missed = 0
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/v1/chat/completions",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer sk-bench-semantic" }, bodies[next_body])
end

function response(status, headers, body)
  local match
  for name, value in pairs(headers) do
    if string.lower(name) == "x-cache-match" then match = value end
  end
  if status ~= 200 or match ~= "semantic" then missed = missed + 1 end
end

function done(summary, latency, requests)
  local missed = 0
  for _, thread in ipairs(threads) do missed = missed + thread:get("missed") end
  io.write(string.format("not semantic: %d\n", missed))
end
