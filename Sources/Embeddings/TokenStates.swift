/// One text's sentence vector and the contextual token states it was pooled from, both from the
/// same forward pass: what token alignment compares when two vectors alone look too alike.
public struct TokenStates: Sendable, Equatable {
    /// The L2-normalised sentence vector, exactly as ``Embedder/embed(_:)`` returns it.
    public var vector: [Float]
    /// The WordPiece tokens, without `[CLS]` and `[SEP]` (`##` marks a word's continuation).
    public var tokens: [String]
    /// `tokens.count` rows of ``dimensions`` floats, row-major: each token's last-layer state (the
    /// vectors mean pooling averages), L2-normalised, so a dot product of two rows is their cosine.
    public var states: [Float]

    public var dimensions: Int { vector.count }

    public init(vector: [Float], tokens: [String], states: [Float]) {
        precondition(states.count == tokens.count * vector.count, "states must hold one row per token")
        self.vector = vector
        self.tokens = tokens
        self.states = states
    }
}

/// An ``Embedder`` that can also hand out the token states behind each vector. A refinement rather
/// than a requirement of the seam: an embedder that cannot (a remote API) simply does not conform,
/// and the cache skips the checks that need them.
public protocol TokenStateEmbedder: Embedder {
    /// One ``TokenStates`` per text, in order; the vectors equal what `embed` would return.
    func embedWithTokenStates(_ texts: [String]) async throws -> [TokenStates]
}
