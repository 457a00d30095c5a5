@testable import CacheSidecar

/// The rows of one test context, in the index and as the store would hold them.
struct IndexedRows {
    var matrix: VectorMatrix
    var vectors: [EntryID: [Float]] = [:]

    init(dimensions: Int = 384) {
        matrix = VectorMatrix(dimensions: dimensions)
    }

    mutating func add(_ id: EntryID, _ vector: [Float], expiresAt: Int64 = .max) {
        matrix.upsert(id, vector: vector, expiresAt: expiresAt)
        vectors[id] = vector
    }

    /// What a brute-force float32 scan finds: every row at or above `minimum`, most similar first.
    func bruteForce(_ query: [Float], minimum: Float) -> [(id: EntryID, similarity: Float)] {
        let ids = Array(vectors.keys)
        let scores = ExactSimilarity.scores(query, ids.map { vectors[$0]! })
        return zip(ids, scores).filter { $0.1 >= minimum }.sorted { $0.1 > $1.1 }.map { ($0.0, $0.1) }
    }

    /// What a lookup sees: the index's candidates ranked exactly, vectors fetched from `vectors`.
    func ranked(
        _ query: [Float], minimum: Float, best: Int = CandidateSet.checkedLimit, limit: Int = CandidateSet.listedLimit
    ) async throws -> (found: [(id: EntryID, similarity: Float)], fetches: Int) {
        let candidates = matrix.search(query, minimum: minimum, best: best, limit: limit, now: 0)
        var ranking = ExactRanking<EntryID>(candidates, query: query, minimum: minimum)
        var found: [(id: EntryID, similarity: Float)] = []
        while found.count < best, let next = try await ranking.next(fetch: { ids in ids.map { id in vectors[id].map { (id, $0) } } }) {
            found.append((next.id, next.similarity))
        }
        return (found, ranking.fetches)
    }
}
