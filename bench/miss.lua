-- wrk: a chat completion with a prompt no request used before, so every one is a cache miss.
-- Also sent to the fake provider directly, where the prompt does not matter.
-- The prompt is random words (so two misses are not near-duplicates for the semantic layer)
-- and ends in "<run> <thread>-<counter>", unique across threads and runs: wrk -- RUN_TAG.
-- The API key: BENCH_API_KEY, or sk-bench.
local threads = 0
local words = {
  "apple", "river", "engine", "garden", "protocol", "winter", "kernel", "violin", "harbor", "matrix",
  "pepper", "glacier", "ledger", "cactus", "tunnel", "orbit", "saddle", "lantern", "quartz", "falcon",
  "compiler", "meadow", "anchor", "biscuit", "canyon", "dynamo", "ember", "fjord", "gravel", "hammock",
  "igloo", "jigsaw", "kettle", "lagoon", "magnet", "nectar", "oyster", "pixel", "quiver", "rocket",
  "sapphire", "thistle", "umbrella", "velvet", "walrus", "yogurt", "zeppelin", "bamboo", "cobalt", "drizzle",
  "eclipse", "fossil", "granite", "horizon", "insect", "jasmine", "kayak", "lobster", "marble", "noodle",
  "opera", "parsley", "quarry", "raven", "satellite", "tomato", "utopia", "volcano", "whistle", "xylophone",
  "yacht", "zodiac", "barley", "cipher", "dolphin", "elbow", "feather", "goblet", "hazel", "ivory",
}

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = 0
  tag = args[1] or tostring(os.time())
  math.randomseed(os.time() * 100 + id)
  authorization = "Bearer " .. (os.getenv("BENCH_API_KEY") or "sk-bench")
end

function request()
  counter = counter + 1
  local prompt = "Tell me about"
  for _ = 1, 6 do prompt = prompt .. " " .. words[math.random(#words)] end
  local body = '{"model":"gpt-4.1","messages":[{"role":"user","content":"' .. prompt .. ' ' .. tag .. ' '
    .. tostring(id) .. '-' .. tostring(counter) .. '"}]}'
  return wrk.format("POST", "/v1/chat/completions",
    { ["Content-Type"] = "application/json", ["Authorization"] = authorization }, body)
end
