import Embeddings

/// What each stage of a semantic match says about one pair of prompts — cosine similarity, the
/// look-alike guard, token alignment — so an operator can see why a prompt was or was not served
/// another's answer (`cache-sidecar explain`), and a guard change can be tried on hand-written
/// pairs without a running sidecar. The stages and their order are those of ``SemanticCache``.
public struct PairExplanation: Sendable {
    /// The cosine of the two prompts' vectors, as the cache computes it.
    public var similarity: Float
    /// Nil when the guard let the pair through.
    public var refusal: GuardRefusal?
    /// The token-alignment score (the cache computes it only for a candidate the guard passed).
    public var alignment: Float

    /// Whether the cache would serve the cached prompt's answer to the incoming one.
    public func isServed(threshold: Double, alignment rule: AlignmentRule) -> Bool {
        guard Double(similarity) >= threshold, refusal == nil else { return false }
        guard let minimum = rule.minimum else { return true }
        return Double(alignment) >= minimum
    }

    /// One explanation per `(cached, incoming)` pair, from one batched forward pass.
    public static func explain(
        _ pairs: [(cached: String, incoming: String)], embedder: some TokenStateEmbedder,
        guard lookalikeGuard: LookalikeGuard = LookalikeGuard()
    ) async throws -> [PairExplanation] {
        let states = try await embedder.embedWithTokenStates(pairs.flatMap { [$0.cached, $0.incoming] })
        return pairs.indices.map { i in
            let (cached, incoming) = (states[2 * i], states[2 * i + 1])
            return PairExplanation(
                similarity: ExactSimilarity.scores(incoming.vector, [cached.vector])[0],
                refusal: lookalikeGuard.refusal(cached: pairs[i].cached, incoming: pairs[i].incoming),
                alignment: TokenAlignment.score(incoming, cached))
        }
    }
}
