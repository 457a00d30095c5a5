import Embeddings
import Testing

@testable import CacheSidecar

/// `cache-sidecar explain`'s stages must be the cache's: the same similarity, guard and alignment.
@Suite("PairExplanation")
struct PairExplanationTests {
    @Test func eachStageSaysWhatTheCacheWouldDo() async throws {
        let embedder = try MiniLMEmbedder(modelDirectory: SidecarHarness.modelDirectory)
        let pairs = [
            (cached: "How do I reverse a list in Python?", incoming: "python reverse list"),
            (cached: "How many moons does Jupiter have?", incoming: "Which moons does Jupiter have?"),
            (cached: "What is the capital of France?", incoming: "What is the boiling point of water?"),
        ]
        let explanations = try await PairExplanation.explain(pairs, embedder: embedder)
        let states = try await embedder.embedWithTokenStates(pairs.flatMap { [$0.cached, $0.incoming] })
        for (i, explanation) in explanations.enumerated() {
            let (cached, incoming) = (states[2 * i], states[2 * i + 1])
            #expect(explanation.similarity == ExactSimilarity.scores(incoming.vector, [cached.vector])[0])
            #expect(explanation.alignment == TokenAlignment.score(incoming, cached))
        }
        let rule = AlignmentRule.minimum(0.4)
        #expect(explanations[0].refusal == nil && explanations[0].isServed(threshold: 0.88, alignment: rule))
        #expect(explanations[1].refusal?.rule == "question-focus" && !explanations[1].isServed(threshold: 0.88, alignment: rule))
        // Unrelated prompts fall below the threshold whatever the other stages say.
        #expect(explanations[2].similarity < 0.88 && !explanations[2].isServed(threshold: 0.88, alignment: .off))
    }
}
