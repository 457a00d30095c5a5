import HTTPTypes

/// A chat-completion request body, parsed and checked for what the cache relies on.
///
/// The client's original bytes are what goes upstream; this view only decides caching.
public struct CompletionRequest: Sendable {
    public let body: JSONObject
    public let model: String
    public let messages: [JSONValue]
    public let isStream: Bool
    /// `stream_options.include_usage`: a replayed stream must then end with a usage chunk.
    public let includeUsage: Bool
    public let maxTokens: Int?

    public static func parse(_ bytes: some Sequence<UInt8>) throws(OpenAIError) -> CompletionRequest {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .invalidJSON(error.description)
        }
        guard case .object(let body) = value else { throw .invalidJSON("the body must be a JSON object") }
        guard let modelValue = body["model"] else { throw .missingParameter("model") }
        guard let model = modelValue.stringValue, !model.isEmpty else { throw .invalidType("model", expected: "a non-empty string") }
        guard let messagesValue = body["messages"] else { throw .missingParameter("messages") }
        guard let messages = messagesValue.arrayValue else { throw .invalidType("messages", expected: "an array") }
        guard !messages.isEmpty else {
            throw OpenAIError(status: .badRequest, message: "'messages' must contain at least one message.", param: "messages", code: "empty_array")
        }
        for (i, message) in messages.enumerated() {
            guard case .object(let object) = message else { throw .invalidType("messages[\(i)]", expected: "an object") }
            guard object["role"]?.stringValue != nil else { throw .missingParameter("messages[\(i)].role") }
        }
        var isStream = false
        if let stream = body["stream"], stream != .null {
            guard let flag = stream.boolValue else { throw .invalidType("stream", expected: "a boolean") }
            isStream = flag
        }
        let maxTokens = (body["max_completion_tokens"] ?? body["max_tokens"])?.integerValue
        return CompletionRequest(
            body: body, model: model, messages: messages, isStream: isStream,
            includeUsage: body["stream_options"]?["include_usage"]?.boolValue ?? false,
            maxTokens: maxTokens.map { Int(clamping: $0) })
    }

    /// The text the semantic layer compares: the last message, when it is the user's and is text only.
    ///
    /// Anything else (an image, audio, a tool result last) has no text that stands for the whole
    /// question, so such requests are matched exactly or not at all.
    public var semanticPrompt: String? {
        guard case .object(let last) = messages.last, last["role"]?.stringValue == "user" else { return nil }
        switch last["content"] {
        case .string(let text)?:
            return text
        case .array(let parts)?:
            var texts: [String] = []
            for part in parts {
                guard part["type"]?.stringValue == "text", let text = part["text"]?.stringValue else { return nil }
                texts.append(text)
            }
            return texts.isEmpty ? nil : texts.joined(separator: "\n")
        default:
            return nil
        }
    }
}
