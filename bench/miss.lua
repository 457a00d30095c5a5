-- wrk: a chat completion with a prompt no request used before, so every one is a cache miss.
-- Also sent to nginx directly, where the prompt does not matter.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  local body = '{"model":"gpt-4.1","messages":[{"role":"user","content":"What is a sidecar container? #'
    .. tostring(id) .. '-' .. tostring(counter) .. '-' .. tostring(os.time()) .. '"}]}'
  return wrk.format("POST", "/v1/chat/completions",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer sk-bench" }, body)
end
