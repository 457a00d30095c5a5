import Embeddings
import NIOCore

/// Stores a relayed answer once it has ended well, with everything the request decided: key,
/// TTL, tenant and the prompt's vector for the semantic layer.
struct AnswerKeeper: Sendable {
    let cache: CompletionCache
    let semantic: SemanticCache?
    let call: CompletionCall
    let semanticFields: SemanticFields?
    /// The prompt's token states, if its lookup computed them: once the entry is stored, they
    /// become its candidate states (never stored in Redis).
    let promptStates: TokenStates?

    /// Watches one answer on its way to the client; its `complete()` keeps it.
    func makeRecorder() -> Recorder {
        Recorder(keeper: self, collector: AnswerCollector(streamed: call.request.isStream))
    }

    /// Writes the entry if the collected answer is a complete, storable completion.
    func keep(_ collector: AnswerCollector) async {
        guard var entry = collector.entry(model: call.request.model, scope: call.scope, now: WallClock.milliseconds) else { return }
        entry.semantic = semanticFields
        if let expiresAt = await cache.save(entry, keys: call.keys, ttl: call.directives.ttl), let semanticFields {
            semantic?.didStore(key: call.keys.exact, semantic: semanticFields, expiresAt: expiresAt, tokenStates: promptStates)
        }
    }

    struct Recorder: AnswerRecorder {
        let keeper: AnswerKeeper
        var collector: AnswerCollector

        mutating func observe(_ chunk: ByteBuffer) { collector.observe(chunk) }
        func complete() async { await keeper.keep(collector) }
    }
}
