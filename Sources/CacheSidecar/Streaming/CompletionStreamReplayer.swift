import NIOCore

/// Turns a cached `chat.completion` back into the `text/event-stream` a provider would have sent
/// for `stream: true`, so one cache entry serves streaming and non-streaming clients alike.
///
/// Shape follows OpenAI: per choice a role chunk (`content: ""`, or `null` when the answer has no
/// text), the text in pieces of a few words, each tool call as a naming delta then argument pieces,
/// a final empty delta with `finish_reason`; then the usage chunk (`choices: []`) when asked for,
/// and `data: [DONE]`. Feeding the result through ``CompletionStreamAssembler`` gives back the
/// original completion.
///
/// Expects an entry that ``CachedCompletion/storable(body:parsed:model:scope:now:)`` accepted.
/// Message fields without a streaming form of their own (legacy `function_call` aside) — e.g.
/// `annotations`, or tool calls of a type other than `function` — go out whole in one delta.
public enum CompletionStreamReplayer {
    /// The framed events, one buffer per event, ending with `data: [DONE]`.
    public static func events(for completion: JSONValue, includeUsage: Bool) -> [ByteBuffer] {
        eventBytes(for: completion, includeUsage: includeUsage).map { ByteBuffer(bytes: $0) }
    }

    /// ``events(for:includeUsage:)`` as plain bytes.
    public static func eventBytes(for completion: JSONValue, includeUsage: Bool) -> [[UInt8]] {
        let events = chunks(for: completion, includeUsage: includeUsage).map { SSEEvent.encodedData(JSONWriter.compact($0)) }
        return events + [SSEEvent.encodedData("[DONE]".utf8)]
    }

    /// The `chat.completion.chunk` objects, in sending order (without the `[DONE]` marker).
    ///
    /// When `includeUsage` is set every chunk carries `usage: null` and a last chunk the usage, as
    /// OpenAI does for `stream_options.include_usage`; a completion stored without usage gets no
    /// usage chunk.
    public static func chunks(for completion: JSONValue, includeUsage: Bool) -> [JSONValue] {
        let envelope = ChunkEnvelope(completion: completion, includeUsage: includeUsage)
        var chunks: [JSONValue] = []
        for (position, choice) in (completion["choices"]?.arrayValue ?? []).enumerated() {
            guard case .object(let choice) = choice else { continue }
            let replay = ChoiceReplay(choice, position: position)
            chunks += replay.chunks.map { envelope.chunk(choices: [$0]) }
        }
        if includeUsage, case .object? = completion["usage"] {
            chunks.append(envelope.chunk(choices: [], usage: completion["usage"]))
        }
        return chunks
    }
}

/// The fields every chunk repeats from the completion.
private struct ChunkEnvelope {
    var head: JSONObject
    var includeUsage: Bool

    init(completion: JSONValue, includeUsage: Bool) {
        head = JSONObject()
        head["id"] = completion["id"] ?? .string("")
        head["object"] = .string("chat.completion.chunk")
        head["created"] = completion["created"] ?? .integer(0)
        head["model"] = completion["model"] ?? .string("")
        head["service_tier"] = completion["service_tier"]
        head["system_fingerprint"] = completion["system_fingerprint"]
        self.includeUsage = includeUsage
    }

    func chunk(choices: [JSONValue], usage: JSONValue? = nil) -> JSONValue {
        var chunk = head
        chunk["choices"] = .array(choices)
        if includeUsage { chunk["usage"] = usage ?? .null }
        return .object(chunk)
    }
}

/// The streamed deltas of one stored choice.
private struct ChoiceReplay {
    let index: JSONValue
    let message: JSONObject
    /// OpenAI puts `logprobs` on every chunk choice when the completion has it.
    let logprobs: JSONValue?
    let finishReason: JSONValue

    /// Message members streamed by a delta form of their own; any other goes whole in the role chunk.
    private static let streamedFields: Set = ["role", "content", "refusal", "tool_calls", "function_call"]

    init(_ choice: JSONObject, position: Int) {
        index = choice["index"]?.integerValue.map(JSONValue.integer) ?? .integer(Int64(position))
        message = choice["message"]?.objectValue ?? JSONObject()
        logprobs = choice["logprobs"]
        finishReason = choice["finish_reason"] ?? .null
    }

    var chunks: [JSONValue] {
        var chunks: [JSONValue] = [roleChunk]
        if case .string(let content)? = message["content"] {
            chunks += StreamTextPieces.split(content).map { delta([("content", .string(String($0)))]) }
        }
        if case .string(let refusal)? = message["refusal"] {
            chunks += StreamTextPieces.split(refusal).map { delta([("refusal", .string(String($0)))]) }
        }
        if case .object(let call)? = message["function_call"] {
            chunks += functionChunks(call) { delta([("function_call", .object($0))]) }
        }
        for (position, call) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            chunks += toolCallChunks(call, index: .integer(Int64(position)))
        }
        chunks.append(delta([], finishReason: finishReason))
        return chunks
    }

    private var roleChunk: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("role", message["role"] ?? .string("assistant"))]
        members.append(("content", message["content"]?.stringValue != nil ? .string("") : .null))
        if let refusal = message["refusal"] { members.append(("refusal", refusal.stringValue != nil ? .string("") : .null)) }
        members += message.members.filter { !Self.streamedFields.contains($0.key) }
        return delta(members, logprobs: logprobs)
    }

    /// A call naming itself with empty `arguments`, then one delta per piece of the arguments
    /// (fixed-size pieces: JSON arguments rarely have spaces to cut at).
    private func functionChunks(_ function: JSONObject, wrap: (JSONObject) -> JSONValue) -> [JSONValue] {
        let name = function["name"] ?? .string("")
        let arguments = function["arguments"]?.stringValue ?? ""
        return [wrap(JSONObject([("name", name), ("arguments", .string(""))]))]
            + StreamTextPieces.split(arguments, target: 32, limit: 32).map { wrap(JSONObject([("arguments", .string(String($0)))])) }
    }

    private func toolCallChunks(_ value: JSONValue, index: JSONValue) -> [JSONValue] {
        func toolCallDelta(_ members: [(key: String, value: JSONValue)]) -> JSONValue {
            let indexed: [(key: String, value: JSONValue)] = [("index", index)]
            return delta([("tool_calls", .array([.object(JSONObject(indexed + members))]))])
        }
        guard case .object(let call) = value else { return [] }
        guard (call["type"] ?? .string("function")) == .string("function"), case .object(let function)? = call["function"] else {
            return [toolCallDelta(call.members.filter { $0.key != "index" })]
        }
        var first = true
        return functionChunks(function) { function in
            defer { first = false }
            let naming: [(key: String, value: JSONValue)] = first ? [("id", call["id"] ?? .string("")), ("type", .string("function"))] : []
            return toolCallDelta(naming + [("function", .object(function))])
        }
    }

    /// One chunk choice: `index`, `delta`, `logprobs` (when the completion has them), `finish_reason`.
    private func delta(
        _ members: [(key: String, value: JSONValue)], logprobs: JSONValue? = nil, finishReason: JSONValue = .null
    ) -> JSONValue {
        var choice = JSONObject()
        choice["index"] = index
        choice["delta"] = .object(JSONObject(members))
        if self.logprobs != nil { choice["logprobs"] = logprobs ?? .null }
        choice["finish_reason"] = finishReason
        return .object(choice)
    }
}
