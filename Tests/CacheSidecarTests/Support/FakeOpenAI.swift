import Foundation

/// OpenAI-shaped bodies for the fake provider: what a chat completion request asked for, and the
/// JSON and SSE events a real provider would answer with.
struct FakeChatRequest {
    var model = "gpt-4o-mini"
    var lastUserMessage = ""
    var promptTokens = 1
    var stream = false
    var includeUsage = false

    init(body: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return }
        self.model = object["model"] as? String ?? self.model
        self.stream = object["stream"] as? Bool ?? false
        self.includeUsage = (object["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
        let messages = object["messages"] as? [[String: Any]] ?? []
        let texts = messages.map { (role: $0["role"] as? String, text: Self.text(of: $0["content"])) }
        self.lastUserMessage = texts.last { $0.role == "user" }?.text ?? ""
        self.promptTokens = max(1, texts.map { FakeOpenAI.tokenCount($0.text) }.reduce(0, +))
    }

    /// Content is a string, or an array of parts of which the text parts count.
    private static func text(of content: Any?) -> String {
        if let string = content as? String { return string }
        let parts = content as? [[String: Any]] ?? []
        return parts.compactMap { $0["text"] as? String }.joined(separator: " ")
    }
}

enum FakeOpenAI {
    static func tokenCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    static func completionID(_ call: Int) -> String { "chatcmpl-fake\(call)" }

    static func usage(_ request: FakeChatRequest, content: String) -> [String: Any] {
        let completion = max(1, tokenCount(content))
        return [
            "prompt_tokens": request.promptTokens,
            "completion_tokens": completion,
            "total_tokens": request.promptTokens + completion,
        ]
    }

    static func completion(_ request: FakeChatRequest, call: Int, content: String) -> [UInt8] {
        json([
            "id": completionID(call),
            "object": "chat.completion",
            "created": Int(Date().timeIntervalSince1970),
            "model": request.model,
            "system_fingerprint": "fp_fake",
            "choices": [
                [
                    "index": 0,
                    "message": ["role": "assistant", "content": content, "refusal": NSNull()],
                    "logprobs": NSNull(),
                    "finish_reason": "stop",
                ] as [String: Any]
            ],
            "usage": usage(request, content: content),
        ])
    }

    /// The SSE events of a streamed completion, split so that `contentPieces` can be sent one by one:
    /// the role event, one event per piece, the finish event, the usage event if asked, `[DONE]`.
    struct StreamEvents {
        var role: [UInt8]
        var pieces: [[UInt8]]
        var ending: [UInt8]
    }

    static func streamEvents(_ request: FakeChatRequest, call: Int, contentPieces: [String]) -> StreamEvents {
        let created = Int(Date().timeIntervalSince1970)
        func chunk(_ choices: [[String: Any]], usage: Any? = nil) -> [UInt8] {
            var object: [String: Any] = [
                "id": completionID(call),
                "object": "chat.completion.chunk",
                "created": created,
                "model": request.model,
                "system_fingerprint": "fp_fake",
                "choices": choices,
            ]
            if request.includeUsage { object["usage"] = usage ?? NSNull() }
            return sse(json(object))
        }
        func choice(_ delta: [String: Any], finish: String?) -> [[String: Any]] {
            [["index": 0, "delta": delta, "logprobs": NSNull(), "finish_reason": finish ?? NSNull()]]
        }
        var ending = chunk(choice([:], finish: "stop"))
        if request.includeUsage {
            ending += chunk([], usage: usage(request, content: contentPieces.joined()))
        }
        ending += Array("data: [DONE]\n\n".utf8)
        return StreamEvents(
            role: chunk(choice(["role": "assistant", "content": "", "refusal": NSNull()], finish: nil)),
            pieces: contentPieces.map { chunk(choice(["content": $0], finish: nil)) },
            ending: ending
        )
    }

    /// Splits content into about `count` pieces, the way a provider streams tokens.
    static func pieces(of content: String, count: Int = 4) -> [String] {
        let characters = Array(content)
        guard !characters.isEmpty else { return [""] }
        let size = max(1, (characters.count + count - 1) / count)
        return stride(from: 0, to: characters.count, by: size).map {
            String(characters[$0..<min($0 + size, characters.count)])
        }
    }

    static func error(message: String, type: String) -> [UInt8] {
        json(["error": ["message": message, "type": type, "param": NSNull(), "code": NSNull()] as [String: Any]])
    }

    static func sse(_ data: [UInt8]) -> [UInt8] {
        Array("data: ".utf8) + data + Array("\n\n".utf8)
    }

    static func json(_ object: Any) -> [UInt8] {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        return Array(data)
    }
}
