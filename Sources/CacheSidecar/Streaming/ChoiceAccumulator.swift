/// Folds the `choices[i]` entries of successive `chat.completion.chunk`s into one non-streamed choice.
///
/// Follows OpenAI's streaming contract: text fields arrive as pieces to concatenate, a tool call
/// is addressed by its `index` and names itself (id, type, name) once, its arguments in pieces.
struct ChoiceAccumulator {
    /// Why a chunk cannot be folded in; the whole stream then becomes unstorable.
    struct Malformed: Error {
        var reason: String
    }

    private struct ToolCall {
        var id: String?
        var type: String?
        var name: String?
        var arguments = ""
    }

    /// The deprecated `functions` API: one call, named once, arguments in pieces.
    private struct FunctionCall {
        var name: String?
        var arguments = ""
    }

    let index: Int64
    private var role: String?
    /// nil until a `content` string arrives, so a tool-call-only answer keeps `content: null`.
    private var content: String?
    private var sawRefusalKey = false
    private var refusal: String?
    private var toolCalls: [Int64: ToolCall] = [:]
    private var functionCall: FunctionCall?
    /// Citations (web search) arrive as arrays to concatenate; kept so the message matches OpenAI's.
    private var annotations: [JSONValue]?
    private(set) var finishReason: String?
    private var sawLogprobsKey = false
    private var logprobsContent: [JSONValue]?
    private var logprobsRefusal: [JSONValue]?

    init(index: Int64) {
        self.index = index
    }

    mutating func add(_ choice: JSONObject) throws(Malformed) {
        if let delta = choice["delta"], delta != .null {
            guard case .object(let delta) = delta else { throw Malformed(reason: "delta is not an object") }
            try add(delta: delta)
        }
        if let reason = choice["finish_reason"], reason != .null {
            guard case .string(let reason) = reason else { throw Malformed(reason: "finish_reason is not a string") }
            finishReason = reason
        }
        if let logprobs = choice["logprobs"] {
            sawLogprobsKey = true
            try add(logprobs: logprobs)
        }
    }

    private mutating func add(delta: JSONObject) throws(Malformed) {
        // Audio would be silently lost: refuse to store rather than cache a different answer.
        if let audio = delta["audio"], audio != .null { throw Malformed(reason: "audio output is not supported") }
        if let value = try optionalString(delta["role"], "role"), role == nil { role = value }
        if let piece = try optionalString(delta["content"], "content") { Self.append(piece, to: &content) }
        if let value = delta["refusal"] {
            sawRefusalKey = true
            if let piece = try optionalString(value, "refusal") { Self.append(piece, to: &refusal) }
        }
        if let calls = delta["tool_calls"], calls != .null {
            guard case .array(let calls) = calls else { throw Malformed(reason: "tool_calls is not an array") }
            for call in calls { try add(toolCall: call) }
        }
        if let call = delta["function_call"], call != .null {
            guard case .object(let call) = call else { throw Malformed(reason: "function_call is not an object") }
            var state = functionCall ?? FunctionCall()
            if let name = try optionalString(call["name"], "function_call name"), !name.isEmpty, state.name == nil {
                state.name = name
            }
            if let piece = try optionalString(call["arguments"], "function_call arguments") { state.arguments += piece }
            functionCall = state
        }
        if let entries = try optionalArray(delta["annotations"], "annotations") {
            annotations = annotations ?? []
            annotations!.append(contentsOf: entries)
        }
    }

    private mutating func add(toolCall value: JSONValue) throws(Malformed) {
        // Without an index, pieces of different calls could not be told apart.
        guard case .object(let call) = value, let index = call["index"]?.integerValue else {
            throw Malformed(reason: "tool call delta without an index")
        }
        var state = toolCalls[index] ?? ToolCall()
        if let id = try optionalString(call["id"], "tool call id"), !id.isEmpty, state.id == nil { state.id = id }
        if let type = try optionalString(call["type"], "tool call type"), !type.isEmpty, state.type == nil {
            guard type == "function" else { throw Malformed(reason: "unsupported tool call type \(type)") }
            state.type = type
        }
        if let function = call["function"], function != .null {
            guard case .object(let function) = function else { throw Malformed(reason: "function is not an object") }
            if let name = try optionalString(function["name"], "function name"), !name.isEmpty, state.name == nil {
                state.name = name
            }
            if let piece = try optionalString(function["arguments"], "function arguments") { state.arguments += piece }
        }
        toolCalls[index] = state
    }

    private mutating func add(logprobs: JSONValue) throws(Malformed) {
        guard logprobs != .null else { return }
        guard case .object(let logprobs) = logprobs else { throw Malformed(reason: "logprobs is not an object") }
        if let entries = try optionalArray(logprobs["content"], "logprobs.content") {
            logprobsContent = logprobsContent ?? []
            logprobsContent!.append(contentsOf: entries)
        }
        if let entries = try optionalArray(logprobs["refusal"], "logprobs.refusal") {
            logprobsRefusal = logprobsRefusal ?? []
            logprobsRefusal!.append(contentsOf: entries)
        }
    }

    /// The choice as a non-streamed `chat.completion` would carry it.
    var choice: JSONValue {
        var message = JSONObject()
        message["role"] = .string(role ?? "assistant")
        // OpenAI answers `content: null` beside tool calls or a refusal, never "".
        let hasOtherOutput = !toolCalls.isEmpty || functionCall != nil || !(refusal ?? "").isEmpty
        message["content"] = content.map { $0.isEmpty && hasOtherOutput ? .null : .string($0) } ?? .null
        if sawRefusalKey { message["refusal"] = refusal.map(JSONValue.string) ?? .null }
        message["annotations"] = annotations.map(JSONValue.array)
        if let functionCall {
            message["function_call"] = .object(JSONObject([
                ("name", .string(functionCall.name ?? "")), ("arguments", .string(functionCall.arguments)),
            ]))
        }
        if !toolCalls.isEmpty { message["tool_calls"] = .array(toolCalls.keys.sorted().map { toolCallJSON(toolCalls[$0]!) }) }

        var choice = JSONObject()
        choice["index"] = .integer(index)
        choice["message"] = .object(message)
        if sawLogprobsKey { choice["logprobs"] = logprobsJSON }
        choice["finish_reason"] = finishReason.map(JSONValue.string) ?? .null
        return .object(choice)
    }

    private func toolCallJSON(_ call: ToolCall) -> JSONValue {
        .object(JSONObject([
            ("id", .string(call.id ?? "")),
            ("type", .string(call.type ?? "function")),
            ("function", .object(JSONObject([("name", .string(call.name ?? "")), ("arguments", .string(call.arguments))]))),
        ]))
    }

    private var logprobsJSON: JSONValue {
        guard logprobsContent != nil || logprobsRefusal != nil else { return .null }
        return .object(JSONObject([
            ("content", logprobsContent.map(JSONValue.array) ?? .null),
            ("refusal", logprobsRefusal.map(JSONValue.array) ?? .null),
        ]))
    }

    /// Appends in place: answers can run to tens of thousands of pieces.
    private static func append(_ piece: String, to text: inout String?) {
        if text == nil { text = "" }
        text!.append(piece)
    }

    private func optionalString(_ value: JSONValue?, _ field: String) throws(Malformed) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw Malformed(reason: "\(field) is not a string")
        }
    }

    private func optionalArray(_ value: JSONValue?, _ field: String) throws(Malformed) -> [JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .array(let a)?: return a
        default: throw Malformed(reason: "\(field) is not an array")
        }
    }
}
