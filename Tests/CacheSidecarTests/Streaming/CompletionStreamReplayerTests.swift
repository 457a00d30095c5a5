import NIOCore
import Testing
@testable import CacheSidecar

/// Stored completions in the shape OpenAI returns for `stream: false`.
enum StoredCompletions {
    static func completion(choices: String, usage: Bool = true) -> String {
        #"{"id":"chatcmpl-AAA","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06","choices":\#(choices)"#
            + (usage ? #","usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46}"# : "")
            + #","service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}"#
    }

    static func text(_ content: String, index: Int = 0, finish: String = "stop") -> String {
        #"{"index":\#(index),"message":{"role":"assistant","content":"\#(content)","refusal":null},"logprobs":null,"finish_reason":"\#(finish)"}"#
    }

    static let plain = completion(choices: "[" + text(
        "Sure! Here is a short poem about the sea:\\n\\nWaves roll in with silver light,\\nwhispering secrets to the night.") + "]")
    static let twoChoices = completion(choices: "[" + text("First answer, with a few words in it.") + ","
        + text("Second answer, cut short because", index: 1, finish: "length") + "]")
    static let unicode = completion(choices: "[" + text(
        "Emoji: \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}\u{1F1EB}\u{1F1F7}\u{1F44D}\u{1F3FD} combining: e\u{301}\u{302} "
            + "CJK without spaces: " + String(repeating: "\u{6771}\u{4EAC}\u{90FD}\u{306E}\u{5929}\u{6C17}\u{306F}\u{6674}\u{308C}", count: 12)
            + " quote \\\" backslash \\\\ tab\\t end") + "]")
    static let empty = completion(choices: "[" + text("") + "]")
    static let refusal = completion(choices: #"""
        [{"index":0,"message":{"role":"assistant","content":null,"refusal":"I'm sorry, I can't help with that request."},"logprobs":null,"finish_reason":"stop"}]
        """#)
    static let toolCalls = completion(choices: #"""
        [{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[
          {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris, France\",\"unit\":\"celsius\",\"days\":3}"}},
          {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{\"timezone\":\"Europe/Paris\",\"format\":\"24h\",\"note\":\"caf\u00e9 \ud83d\ude00\"}"}}]},
          "logprobs":null,"finish_reason":"tool_calls"}]
        """#)
    static let textAndToolCall = completion(choices: #"""
        [{"index":0,"message":{"role":"assistant","content":"Let me check.","refusal":null,"tool_calls":[
          {"id":"call_9","type":"function","function":{"name":"noop","arguments":""}}]},"logprobs":null,"finish_reason":"tool_calls"}]
        """#)
}

@Suite struct CompletionStreamReplayerTests {
    private func replay(_ completion: JSONValue, includeUsage: Bool = true) -> [[UInt8]] {
        CompletionStreamReplayer.eventBytes(for: completion, includeUsage: includeUsage)
    }

    private func replayedChunks(_ text: String, includeUsage: Bool = false) throws -> [JSONValue] {
        CompletionStreamReplayer.chunks(for: try json(text), includeUsage: includeUsage)
    }

    @Test(arguments: [
        ("plain", StoredCompletions.plain), ("n=2", StoredCompletions.twoChoices),
        ("unicode", StoredCompletions.unicode), ("empty", StoredCompletions.empty),
        ("refusal", StoredCompletions.refusal), ("tool calls", StoredCompletions.toolCalls),
        ("text and tool call", StoredCompletions.textAndToolCall),
    ])
    func replayThenAssembleGivesTheOriginal(_ name: String, _ text: String) throws {
        let original = try json(text)
        let events = replay(original)
        let assembler = assemble(events)
        #expect(assembler.isComplete, "\(name)")
        #expect(canonical(assembler.completion()) == canonical(original), "\(name)")
        // The same through arbitrary reads of the concatenated stream.
        let stream = events.flatMap { $0 }
        for offset in stride(from: 0, through: stream.count, by: 7) {
            #expect(canonical(assemble(split(stream, at: offset)).completion()) == canonical(original), "\(name) @\(offset)")
        }
    }

    @Test func withoutUsageRequestedTheUsageChunkIsLeftOut() throws {
        let original = try json(StoredCompletions.plain)
        let chunks = CompletionStreamReplayer.chunks(for: original, includeUsage: false)
        #expect(chunks.allSatisfy { $0["usage"] == nil && $0["choices"]?.arrayValue?.count == 1 })
        var expected = try #require(original.objectValue)
        expected["usage"] = nil
        #expect(canonical(assemble(replay(original, includeUsage: false)).completion()) == canonical(.object(expected)))
    }

    @Test func chunksFollowOpenAIsShape() throws {
        let chunks = try replayedChunks(StoredCompletions.plain, includeUsage: true)
        for chunk in chunks {
            #expect(chunk["id"] == .string("chatcmpl-AAA"))
            #expect(chunk["object"] == .string("chat.completion.chunk"))
            #expect(chunk["created"] == .integer(1741570283))
            #expect(chunk["model"] == .string("gpt-4o-2024-08-06"))
            #expect(chunk["system_fingerprint"] == .string("fp_fc9f1d7035"))
            #expect(chunk["service_tier"] == .string("default"))
        }
        let first = try #require(chunks.first?["choices"]?.arrayValue?.first)
        #expect(canonical(first) == canonical(try json(
            #"{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}"#)))
        let contentChunks = chunks.filter { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue?.isEmpty == false }
        #expect(contentChunks.count > 3, "content is streamed in several pieces")
        let finish = try #require(chunks.dropLast().last?["choices"]?.arrayValue?.first)
        #expect(canonical(finish) == canonical(try json(#"{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}"#)))
        let usage = try #require(chunks.last)
        #expect(usage["choices"] == .array([]))
        #expect(usage["usage"]?["total_tokens"] == .integer(46))
        #expect(chunks.dropLast().allSatisfy { $0["usage"] == .null })
    }

    @Test func eventsAreFramedAndEndWithDone() throws {
        let original = try json(StoredCompletions.twoChoices)
        let events = replay(original)
        #expect(events.last == Array("data: [DONE]\n\n".utf8))
        for event in events {
            #expect(event.starts(with: Array("data: ".utf8)))
            #expect(event.suffix(2) == [0x0A, 0x0A])
            #expect(!event.dropLast(2).contains(0x0A) && !event.contains(0x0D))
        }
        let buffers = CompletionStreamReplayer.events(for: original, includeUsage: true)
        #expect(buffers.map { Array($0.readableBytesView) } == events)
    }

    @Test func toolCallArgumentsArriveInPieces() throws {
        let chunks = try replayedChunks(StoredCompletions.toolCalls)
        let calls = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first }
        let naming = calls.filter { $0["id"] != nil }
        #expect(naming.map { $0["index"] } == [.integer(0), .integer(1)])
        #expect(naming.allSatisfy { $0["type"] == .string("function") && $0["function"]?["arguments"] == .string("") })
        #expect(calls.filter { $0["index"] == .integer(0) && $0["id"] == nil }.count > 1)
        #expect(calls.filter { $0["index"] == .integer(1) && $0["id"] == nil }.count > 1)
        let role = try #require(chunks.first?["choices"]?.arrayValue?.first?["delta"])
        #expect(role["content"] == .null)
    }

    @Test func refusalIsStreamedAsRefusalDeltas() throws {
        let chunks = try replayedChunks(StoredCompletions.refusal)
        let pieces = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["refusal"]?.stringValue }
        #expect(pieces.first == "")
        #expect(pieces.joined() == "I'm sorry, I can't help with that request.")
        #expect(pieces.count > 2)
    }

    @Test func logprobsSurviveTheRoundTrip() throws {
        let original = try json(StoredCompletions.completion(choices: #"""
            [{"index":0,"message":{"role":"assistant","content":"Hi!","refusal":null},
              "logprobs":{"content":[{"token":"Hi","logprob":-0.25,"bytes":[72,105],"top_logprobs":[]},
                                     {"token":"!","logprob":-0.5,"bytes":[33],"top_logprobs":[]}],"refusal":null},
              "finish_reason":"stop"}]
            """#))
        #expect(canonical(assemble(replay(original)).completion()) == canonical(original))
    }

    @Test func legacyFunctionCallRoundTrips() throws {
        let original = try json(StoredCompletions.completion(choices: #"""
            [{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
              "function_call":{"name":"lookup","arguments":"{\"query\":\"weather in Paris tomorrow morning\",\"limit\":5}"}},
              "logprobs":null,"finish_reason":"function_call"}]
            """#))
        let pieces = CompletionStreamReplayer.chunks(for: original, includeUsage: false)
            .compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["function_call"] }
        #expect(pieces.first?["name"] == .string("lookup"))
        #expect(pieces.count > 2)
        #expect(canonical(assemble(replay(original)).completion()) == canonical(original))
    }

    @Test func annotationsRoundTripAndOtherFieldsGoOutWhole() throws {
        let original = try json(StoredCompletions.completion(choices: #"""
            [{"index":0,"message":{"role":"assistant","content":"See the docs.","refusal":null,
              "annotations":[{"type":"url_citation","url_citation":{"url":"https://example.com","title":"Docs","start_index":4,"end_index":12}}]},
              "logprobs":null,"finish_reason":"stop"}]
            """#))
        #expect(canonical(assemble(replay(original)).completion()) == canonical(original))

        let custom = try replayedChunks(StoredCompletions.completion(choices: #"""
            [{"index":0,"message":{"role":"assistant","content":null,
              "tool_calls":[{"id":"call_c","type":"custom","custom":{"name":"grammar","input":"x + 1"}}]},"finish_reason":"tool_calls"}]
            """#))
        let call = custom.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first }
        #expect(call.map(canonical) == [canonical(try json(
            #"{"index":0,"id":"call_c","type":"custom","custom":{"name":"grammar","input":"x + 1"}}"#))])
    }

    @Test func garbageInGivesAnEmptyStreamNotACrash() throws {
        #expect(replay(try json(#"{"id":"x"}"#)) == [Array("data: [DONE]\n\n".utf8)])
        #expect(replay(try json("[1]")).count == 1)
        let noIndex = try replayedChunks(#"{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]}"#)
        #expect(noIndex.allSatisfy { $0["choices"]?.arrayValue?.first?["index"] == .integer(0) })
    }
}

@Suite struct StreamTextPiecesTests {
    @Test(arguments: [
        "", "a", "word", "Hello there, how are you doing today? Fine thanks.",
        String(repeating: "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", count: 40),
        String(repeating: "e\u{301}\u{302}\u{303}", count: 50),
        String(repeating: "\u{6771}\u{4EAC}", count: 100),
        "line one\nline two\r\nline three\r\n\r\n" + String(repeating: " ", count: 200),
    ])
    func piecesConcatenateToTheInputAtGraphemeBoundaries(_ text: String) {
        let pieces = StreamTextPieces.split(text)
        #expect(pieces.joined() == text)
        #expect(pieces.flatMap { Array($0) } == Array(text), "a cut fell inside a grapheme cluster")
        #expect(pieces.allSatisfy { !$0.isEmpty })
        // A piece exceeds the limit only by its last grapheme cluster.
        #expect(pieces.allSatisfy { $0.utf8.count - ($0.last?.utf8.count ?? 0) < 96 })
        if text.utf8.count > 200 { #expect(pieces.count > 2) }
    }
}
