/// One cached answer, as kept in the store.
public struct CachedCompletion: Sendable, Equatable {
    /// The `chat.completion` body exactly as the provider sent it (or as assembled from its stream).
    public var body: [UInt8]
    /// Milliseconds since 1970 when it was stored; the `Age` header on hits derives from it.
    public var storedAtMilliseconds: Int64
    public var model: String
    /// Token counts from the provider's `usage`, to report what a hit saved.
    public var promptTokens: Int
    public var completionTokens: Int
    /// The tenant scope that stored it (a digest, never a credential).
    public var scope: String
    /// What the semantic layer needs to find this entry again by meaning; nil for entries that
    /// can only be matched exactly.
    public var semantic: SemanticFields?

    public init(
        body: [UInt8], storedAtMilliseconds: Int64, model: String, promptTokens: Int, completionTokens: Int, scope: String,
        semantic: SemanticFields? = nil
    ) {
        self.body = body
        self.storedAtMilliseconds = storedAtMilliseconds
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.scope = scope
        self.semantic = semantic
    }
}

/// The semantic side of an entry: the context it was asked in, the prompt (the guards compare
/// it with a new prompt) and its embedding. The vector is written, not read back with the entry.
public struct SemanticFields: Sendable, Equatable {
    public var context: String
    public var prompt: String
    public var vector: [Float]

    public init(context: String, prompt: String, vector: [Float]) {
        self.context = context
        self.prompt = prompt
        self.vector = vector
    }
}

extension CachedCompletion {
    /// Builds an entry from a provider's answer, or nil when the answer must not be cached:
    /// anything but a well-formed `chat.completion` whose every choice finished normally.
    public static func storable(body: [UInt8], parsed: JSONValue, model: String, scope: String, now: Int64) -> CachedCompletion? {
        guard parsed["object"]?.stringValue == "chat.completion",
            let choices = parsed["choices"]?.arrayValue, !choices.isEmpty
        else { return nil }
        for choice in choices {
            guard choice["message"]?.objectValue != nil,
                let reason = choice["finish_reason"]?.stringValue,
                storableFinishReasons.contains(reason)
            else { return nil }
        }
        let usage = parsed["usage"]
        return CachedCompletion(
            body: body, storedAtMilliseconds: now, model: model,
            promptTokens: Int(clamping: usage?["prompt_tokens"]?.integerValue ?? 0),
            completionTokens: Int(clamping: usage?["completion_tokens"]?.integerValue ?? 0),
            scope: scope)
    }

    /// `content_filter` and unknown reasons are not kept: the same question may well pass next time.
    static let storableFinishReasons: Set = ["stop", "length", "tool_calls", "function_call"]
}
