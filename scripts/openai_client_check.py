#!/usr/bin/env python3
"""The official openai client against a running sidecar: JSON and streamed completions, misses and
hits, with the cache headers read through with_raw_response.

Usage: openai_client_check.py BASE_URL PROMPT
Prints one line per check; exits 1 on the first failed check.
"""
import sys

import openai


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        sys.exit(1)


def main():
    base_url, prompt = sys.argv[1], sys.argv[2]
    client = openai.OpenAI(base_url=base_url, api_key="sk-openai-client-check", max_retries=0, timeout=30)
    messages = [{"role": "user", "content": prompt}]
    create = client.chat.completions.with_raw_response.create

    raw = create(model="gpt-4.1", messages=messages)
    check(raw.headers.get("x-cache") == "MISS", f"first JSON request is a MISS ({raw.headers.get('x-cache')})")
    text = raw.parse().choices[0].message.content
    check(prompt in text, "the answer is the provider's")

    raw = create(model="gpt-4.1", messages=messages)
    check(raw.headers.get("x-cache") == "HIT", "second JSON request is a HIT")
    check(raw.headers.get("x-cache-match") == "exact", "matched exactly")
    completion = raw.parse()
    check(completion.choices[0].message.content == text, "the hit carries the same text")
    check(completion.choices[0].finish_reason == "stop", "finish_reason survives")

    raw = create(model="gpt-4.1", messages=messages, stream=True)
    check(raw.headers.get("x-cache") == "HIT", "a streamed request is served from the JSON entry")
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in raw.parse() if chunk.choices)
    check(streamed == text, "the replayed stream carries the same text")

    messages = [{"role": "user", "content": prompt + " (streamed)"}]
    raw = create(model="gpt-4.1", messages=messages, stream=True, stream_options={"include_usage": True})
    check(raw.headers.get("x-cache") == "MISS", "first streamed request is a MISS")
    chunks = list(raw.parse())
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    check(chunks[-1].usage is not None and chunks[-1].usage.total_tokens > 0, "include_usage yields a usage chunk")

    raw = create(model="gpt-4.1", messages=messages)
    check(raw.headers.get("x-cache") == "HIT", "the stream was stored: a JSON request hits it")
    check(raw.parse().choices[0].message.content == streamed, "with the streamed text")

    try:
        client.chat.completions.create(model="gpt-4.1", messages="not a list of messages")
        check(False, "a malformed request is refused")
    except openai.BadRequestError as error:
        check(error.status_code == 400, "a malformed request is a BadRequestError the client understands")


if __name__ == "__main__":
    main()
