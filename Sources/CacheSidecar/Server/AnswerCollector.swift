import NIOCore

/// Watches an upstream answer on its way to the client and, once it has ended, says whether
/// it can be kept and what to keep.
struct AnswerCollector: Sendable {
    /// An answer larger than this is relayed but not cached.
    static let maximumCachedBytes = 16 * 1024 * 1024

    private var bytes: [UInt8] = []
    private var overflowed = false
    private var stream: CompletionStreamAssembler?

    init(streamed: Bool) {
        stream = streamed ? CompletionStreamAssembler() : nil
    }

    mutating func observe(_ chunk: ByteBuffer) {
        if stream != nil {
            stream!.feed(chunk.readableBytesView)
            return
        }
        guard !overflowed else { return }
        if bytes.count + chunk.readableBytes > Self.maximumCachedBytes {
            overflowed = true
            bytes = []
            return
        }
        bytes.append(contentsOf: chunk.readableBytesView)
    }

    /// The entry to store, or nil when the answer was incomplete, too large or not a normal completion.
    func entry(model: String, scope: TenantScope, now: Int64) -> CachedCompletion? {
        if var stream {
            stream.finish()
            guard let completion = stream.completion() else { return nil }
            return CachedCompletion.storable(body: JSONWriter.compact(completion), parsed: completion, model: model, scope: scope.id, now: now)
        }
        guard !overflowed, let parsed = try? JSONParser.parse(bytes) else { return nil }
        return CachedCompletion.storable(body: bytes, parsed: parsed, model: model, scope: scope.id, now: now)
    }
}
