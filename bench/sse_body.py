"""bench/completion.json as an SSE stream, for nginx's `return 200 '…'` (newlines written `\\n`).

Role chunk, the content in four pieces, finish chunk, [DONE]. Usage: sse_body.py COMPLETION_JSON
"""
import json
import sys

c = json.load(open(sys.argv[1]))
text = c["choices"][0]["message"]["content"]
base = {k: c[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}


def event(delta, finish=None):
    return "data: " + json.dumps(base | {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}) + "\n\n"


step = (len(text) + 3) // 4
out = event({"role": "assistant", "content": ""})
out += "".join(event({"content": text[i:i + step]}) for i in range(0, len(text), step))
out += event({}, "stop") + "data: [DONE]\n\n"
print(out.replace("\n", "\\n"), end="")
