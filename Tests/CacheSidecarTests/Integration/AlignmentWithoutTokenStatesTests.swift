import Embeddings
import Foundation
import Logging
import Testing

@testable import CacheSidecar

/// An embedder that gives vectors only (as a remote embedding API would): the alignment stage
/// cannot run, so it is skipped, and the hit says so.
@Suite("Alignment without token states")
struct AlignmentWithoutTokenStatesTests {
    struct VectorsOnly: Embedder {
        let base: MiniLMEmbedder
        var dimensions: Int { base.dimensions }
        var modelName: String { base.modelName }
        func embed(_ texts: [String]) async throws -> [[Float]] { try await base.embed(texts) }
    }

    @Test func theStageIsSkippedAndTheHitSaysSo() async throws {
        let logger = Logger(label: "test.alignment")
        let redis = try RedisTest.client(url: try RedisServerProcess.sharedURL())
        let store = RedisResponseStore(redis: redis, prefix: "test:\(UUID().uuidString.prefix(8)):", logger: logger)
        let base = try MiniLMEmbedder(modelDirectory: SidecarHarness.modelDirectory)
        let cache = SemanticCache(embedder: VectorsOnly(base: base), store: store, logger: logger)
        #expect(cache.stateEmbedder == nil)

        // A pair the stage would refuse (SemanticCacheTests.alignmentRefusals).
        let (stored, asked) = SemanticCacheTests.alignmentRefusals[0]
        let context = "context-\(UUID().uuidString)"
        let storedQuery = try #require(await cache.embed(stored, tokenStates: true))
        #expect(storedQuery.tokenStates == nil)
        let key = String((0..<64).map { _ in "0123456789abcdef".randomElement()! })
        let entry = CachedCompletion(
            body: Array("{}".utf8), storedAtMilliseconds: WallClock.milliseconds, model: "gpt-4.1", promptTokens: 1,
            completionTokens: 1, scope: "t", semantic: SemanticFields(context: context, prompt: stored, vector: storedQuery.vector))
        try await store.save(entry, forKey: key, ttl: .seconds(60))

        let query = try #require(await cache.embed(asked, tokenStates: true))
        let result = await cache.lookup(
            prompt: asked, query: query, context: context, model: "gpt-4.1", threshold: 0.87, alignment: .minimum(0.4))
        guard case .hit(let match) = result else {
            Issue.record("expected a hit without the alignment stage, got \(result)")
            return
        }
        #expect(match.key == key)
        #expect(match.alignmentSkipped)
        #expect(match.alignment == nil)
    }
}
