"""The soak test's fake provider: an asyncio HTTP/1.1 server on loopback.

Answers every POST /v1/chat/completions with a completion whose content names the prompt and
the caller (`answer to: <last user message> | tenant=<digest of Authorization>`), as JSON or,
for `"stream": true`, as SSE in chunked pieces ending with `[DONE]`. The load client checks every
answer against that, so a wrong, truncated or other tenant's answer is an error.

Usage: python3 bench/soak_upstream.py PORT [DELAY_MS]
"""
import asyncio
import hashlib
import json
import sys
import time


def tenant_of(authorization: str) -> str:
    return hashlib.sha256(authorization.encode()).hexdigest()[:8]


def content_for(request: dict, authorization: str) -> str:
    messages = request.get("messages") or []
    prompt = next((m.get("content") for m in reversed(messages) if m.get("role") == "user"), "")
    return f"answer to: {prompt} | tenant={tenant_of(authorization)}"


def completion(request: dict, content: str) -> bytes:
    return json.dumps({
        "id": "chatcmpl-soak", "object": "chat.completion", "created": int(time.time()),
        "model": request.get("model", "m"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 8, "completion_tokens": 8, "total_tokens": 16},
    }).encode()


def sse_events(request: dict, content: str) -> list[bytes]:
    def chunk(delta, finish=None):
        return b"data: " + json.dumps({
            "id": "chatcmpl-soak", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": request.get("model", "m"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }).encode() + b"\n\n"
    size = max(1, len(content) // 4 + 1)
    pieces = [content[i:i + size] for i in range(0, len(content), size)]
    return [chunk({"role": "assistant", "content": ""})] + [chunk({"content": p}) for p in pieces] \
        + [chunk({}, "stop"), b"data: [DONE]\n\n"]


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            request = json.loads(body) if body else {}
            content = content_for(request, headers.get("authorization", ""))
            if delay:
                await asyncio.sleep(delay)
            if request.get("stream"):
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                for event in sse_events(request, content):
                    writer.write(b"%x\r\n%s\r\n" % (len(event), event))
                    await writer.drain()
                    await asyncio.sleep(0.002)
                writer.write(b"0\r\n\r\n")
            else:
                data = completion(request, content)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(data), data))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main() -> None:
    port = int(sys.argv[1])
    delay = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.02
    server = await asyncio.start_server(lambda r, w: handle(r, w, delay), "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
