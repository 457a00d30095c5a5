import Crypto

/// The two keys a completion request is looked up under.
public struct CacheKeys: Sendable {
    /// Identifies the request exactly: tenant, path and the canonical body minus ``ignoredFields``.
    public let exact: String
    /// Identifies everything but the last user message, so that only entries asked in the same
    /// context (tenant, path, model, parameters, system prompt, earlier turns, tools) are semantic
    /// candidates. Nil when the request has no text-only last user message.
    ///
    /// Derived on use, not up front: an exact hit, or a sidecar with the semantic layer off, never
    /// pays for a second canonical serialisation and digest.
    public var context: String? {
        guard let contextBody else { return nil }
        return Self.digest(kind: "context", scope: scope, path: path, body: .object(contextBody))
    }

    private let scope: TenantScope
    private let path: String
    /// The exact key's body with the last user message's text taken out; nil without one.
    private let contextBody: JSONObject?

    /// Body fields that do not change the answer, left out of both keys:
    /// - `stream`, `stream_options`: a cached answer is served as JSON or replayed as a stream;
    /// - `user`, `safety_identifier`, `metadata`: bookkeeping about the caller;
    /// - `store`, `service_tier`, `prompt_cache_key`: how the provider stores, schedules or caches.
    public static let ignoredFields: Set<String> = [
        "stream", "stream_options", "user", "safety_identifier", "metadata", "store", "service_tier", "prompt_cache_key",
    ]

    /// Bumped when the key derivation changes, so old entries are simply never found again.
    static let version = "v1"

    public init(scope: TenantScope, path: String, request: CompletionRequest) {
        self.scope = scope
        self.path = path
        var body = request.body
        for field in Self.ignoredFields { body[field] = nil }
        exact = Self.digest(kind: "exact", scope: scope, path: path, body: .object(body))

        if request.semanticPrompt != nil, case .object(var last)? = request.messages.last {
            last["content"] = nil
            var earlier = Array(request.messages.dropLast())
            earlier.append(.object(last))
            body["messages"] = .array(earlier)
            contextBody = body
        } else {
            contextBody = nil
        }
    }

    private static func digest(kind: String, scope: TenantScope, path: String, body: JSONValue) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(version)\n\(kind)\n\(scope.id)\n\(path)\n".utf8))
        hasher.update(data: JSONWriter.canonical(body))
        return hasher.finalize().hexString
    }
}

extension CacheKeys: Equatable {
    /// Two requests have equal keys when both digests agree, whatever order their fields came in.
    public static func == (lhs: CacheKeys, rhs: CacheKeys) -> Bool {
        lhs.exact == rhs.exact && lhs.context == rhs.context
    }
}
