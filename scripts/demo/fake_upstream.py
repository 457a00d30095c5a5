#!/usr/bin/env python3
"""A stand-in for an OpenAI-compatible provider, for `make demo`: answers every
POST /v1/chat/completions after a short delay (as a real model would take), with usage counted
in words. Usage: fake_upstream.py PORT [DELAY_SECONDS]"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.4
calls = 0


class Provider(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global calls
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        calls += 1
        messages = body.get("messages", [])
        question = next((m.get("content", "") for m in reversed(messages) if m.get("role") == "user"), "")
        answer = f"(demo answer #{calls}) You asked: {question}"
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in messages) * 4
        completion_tokens = 250
        time.sleep(DELAY)
        self.send_json(200, {
            "id": f"chatcmpl-demo{calls}", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "unknown"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })

    def do_GET(self):
        self.send_json(200, {"object": "list", "data": [], "upstream_calls": calls})

    def send_json(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Provider).serve_forever()
