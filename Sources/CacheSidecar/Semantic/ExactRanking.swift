/// Hands out a lookup's candidates in order of their exact similarity, fetching them from the
/// store as the int8 bounds require and no further.
///
/// The index holds no float32 vectors; the store does, beside each entry, and the lookup reads
/// the entry anyway to check its guards and serve it. So candidates are fetched with their
/// vectors, highest upper bound first, in one pipelined round trip per chunk, and scored exactly
/// (``ExactSimilarity``). A fetched candidate is handed out once no unfetched one can beat it —
/// its exact score reaches every remaining upper bound — so the order is exactly the float32
/// order. The first chunk (4) holds every candidate in the common case; a later chunk is needed
/// only when many rows sit within the bounds' width (≈ ±0.015–0.02) of the best, and each is
/// four times the last, so even a full list (``CandidateSet/listedLimit``, 64) takes three round
/// trips.
///
/// When the index listed fewer rows than qualified (``CandidateSet/unlistedBound``) and an
/// unlisted row might beat what is left, the ranking ends: a miss costs a provider call, an answer
/// out of order could be the wrong one.
package struct ExactRanking<Entry> {
    package struct Scored {
        package var id: EntryID
        package var entry: Entry
        package var similarity: Float
    }

    /// An entry with its stored vector, or nil when it is gone from the store.
    package typealias Fetch = ([EntryID]) async throws -> [(entry: Entry, vector: [Float])?]

    private let query: [Float]
    private let minimum: Float
    private var pending: ArraySlice<CandidateSet.Candidate>
    private let unlistedBound: Float?
    private var fetched: [Scored] = []
    private var chunkSize = 4
    /// Fetches made so far (one pipelined round trip each).
    package private(set) var fetches = 0

    /// Candidates below `minimum` (which a similarity floor may have raised above the index's) are
    /// never fetched.
    package init(_ set: CandidateSet, query: [Float], minimum: Float) {
        self.query = query
        self.minimum = minimum
        pending = set.candidates.filter { $0.upperBound >= minimum }[...]
        unlistedBound = set.unlistedBound.flatMap { $0 >= minimum ? $0 : nil }
    }

    /// The next candidate, most similar first, with its exact similarity (at least `minimum`); nil
    /// when none is left.
    package mutating func next(fetch: Fetch) async throws -> Scored? {
        while true {
            let best = fetched.indices.max { fetched[$0].similarity < fetched[$1].similarity }
            let unfetched = pending.first?.upperBound ?? unlistedBound
            if let best, unfetched.map({ fetched[best].similarity >= $0 }) ?? true {
                return fetched.remove(at: best)
            }
            guard !pending.isEmpty else { return nil }
            let chunk = pending.prefix(chunkSize)
            pending = pending.dropFirst(chunk.count)
            chunkSize *= 4
            let found = try await fetch(chunk.map(\.id))
            fetches += 1
            let usable = zip(chunk, found).compactMap { candidate, found in
                found.flatMap { $0.vector.count == query.count ? (candidate.id, $0.entry, $0.vector) : nil }
            }
            let scores = ExactSimilarity.scores(query, usable.map(\.2))
            for ((id, entry, _), score) in zip(usable, scores) where score >= minimum {
                fetched.append(Scored(id: id, entry: entry, similarity: score))
            }
        }
    }
}
