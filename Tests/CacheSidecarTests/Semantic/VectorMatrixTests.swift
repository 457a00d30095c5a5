import Testing

@testable import CacheSidecar

/// The int8 index must find exactly what a float32 scan finds: the same candidates, in the same
/// order, with the same similarity. A wrong cached answer is the worst failure.
@Suite("Semantic index: int8 scan with exact bounds")
struct VectorMatrixTests {
    /// Checks the ranked lookup against the brute-force scan: the same top `best` scores, bit for
    /// bit, each found row having the score it is reported with (rows with equal float32 scores
    /// may come in either order).
    private func expectSame(_ rows: IndexedRows, _ query: [Float], minimum: Float, sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        let all = rows.bruteForce(query, minimum: minimum)
        let expected = all.prefix(CandidateSet.checkedLimit)
        let found = try await rows.ranked(query, minimum: minimum).found
        #expect(found.map(\.similarity) == expected.map(\.similarity), sourceLocation: sourceLocation)
        let exact = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.similarity) })
        for row in found {
            #expect(exact[row.id] == row.similarity, sourceLocation: sourceLocation)
        }
    }

    @Test func theBoundHoldsForRandomPairs() {
        var fixtures = VectorFixtures(seed: 1)
        for _ in 0..<500 {
            let row = fixtures.unitVector()
            let query = fixtures.vector(atCosine: Float(fixtures.next() % 1000) / 1000, from: row)
            var codes = [Int8](repeating: 0, count: row.count)
            let code = row.withUnsafeBufferPointer { r in codes.withUnsafeMutableBufferPointer { Int8Code(r, into: $0.baseAddress!) } }
            let scan = ScanQuery(query, minimum: 0)
            let dot = zip(codes, scan.codes).reduce(Int32(0)) { $0 + Int32($1.0) * Int32($1.1) }
            let approximate = Float(dot) * code.scale * scan.scale
            let error = scan.residualWeight * code.residual + scan.normWeight * code.codeNorm
            let exact = ExactSimilarity.scores(query, [row])[0]
            #expect(abs(exact - approximate) <= error)
            #expect(error < 0.05, "the bound should be tight enough to discard most rows")
        }
    }

    @Test func randomDataAtSeveralThresholds() async throws {
        var fixtures = VectorFixtures(seed: 2)
        var rows = IndexedRows()
        var queries: [[Float]] = []
        for _ in 0..<20 { queries.append(fixtures.unitVector()) }
        for i in 0..<3000 {
            // A few rows near each query, the rest anywhere.
            let vector = i < 200
                ? fixtures.vector(atCosine: 0.8 + Float(fixtures.next() % 200) / 1000, from: queries[i % queries.count])
                : fixtures.unitVector()
            rows.add(fixtures.id(), vector)
        }
        for query in queries {
            for minimum: Float in [0.0, 0.1, 0.8, 0.85, 0.9, 0.95, 0.99] {
                try await expectSame(rows, query, minimum: minimum)
            }
        }
    }

    /// Many rows within 1e-4 of each other, far inside the bounds' width: the order comes from the
    /// exact scores alone, and the ranking fetches more than one chunk to prove it.
    @Test func nearTiesAreOrderedExactly() async throws {
        var fixtures = VectorFixtures(seed: 3)
        let query = fixtures.unitVector()
        var rows = IndexedRows()
        for i in 0..<40 { rows.add(fixtures.id(), fixtures.vector(atCosine: 0.95 + Float(i % 7) * 1e-5, from: query)) }
        for _ in 0..<500 { rows.add(fixtures.id(), fixtures.unitVector()) }
        try await expectSame(rows, query, minimum: 0.9)
        #expect(try await rows.ranked(query, minimum: 0.9).fetches > 1)
    }

    /// Rows a hair above and below the threshold: in or out exactly as the float32 score says.
    @Test func nearThresholdIsDecidedByTheExactScore() async throws {
        var fixtures = VectorFixtures(seed: 4)
        for _ in 0..<20 {
            let query = fixtures.unitVector()
            var rows = IndexedRows()
            for offset in [-3e-6, -1e-6, -1e-7, 0, 1e-7, 1e-6] as [Float] {
                rows.add(fixtures.id(), fixtures.vector(atCosine: 0.9 + offset, from: query))
            }
            // The threshold at some row's exact score: that row must be found.
            let exact = rows.bruteForce(query, minimum: -1).map(\.similarity)
            for minimum in exact + [0.9] {
                try await expectSame(rows, query, minimum: minimum)
            }
        }
    }

    /// With too many rows to list, the ranking never hands out a row an unlisted one could beat.
    @Test func anOverfullListEndsRatherThanMisorder() async throws {
        var fixtures = VectorFixtures(seed: 5)
        let query = fixtures.unitVector()
        var rows = IndexedRows()
        for i in 0..<30 { rows.add(fixtures.id(), fixtures.vector(atCosine: 0.95 + Float(i) * 1e-5, from: query)) }
        let expected = rows.bruteForce(query, minimum: 0.9)
        let found = try await rows.ranked(query, minimum: 0.9, limit: 5).found
        #expect(found.map(\.similarity) == expected.prefix(found.count).map(\.similarity))
    }

    @Test func aBatchFindsWhatEachQueryFindsAlone() {
        var fixtures = VectorFixtures(seed: 6)
        var rows = IndexedRows()
        let queries = (0..<11).map { _ in fixtures.unitVector() }
        for (i, query) in queries.enumerated() { rows.add(fixtures.id(), fixtures.vector(atCosine: 0.9 + Float(i) / 200, from: query)) }
        for _ in 0..<5000 { rows.add(fixtures.id(), fixtures.unitVector()) }
        let minimums = queries.indices.map { Float($0 % 3) * 0.3 + 0.2 }
        let batch = rows.matrix.search(batch: queries, minimum: minimums, best: 4, limit: 64, now: 0)
        for (i, query) in queries.enumerated() {
            #expect(batch[i] == rows.matrix.search(query, minimum: minimums[i], best: 4, limit: 64, now: 0))
        }
    }

    @Test func upsertRemoveAndExpiryChangeWhatIsFound() async throws {
        var fixtures = VectorFixtures(seed: 7)
        let query = fixtures.unitVector()
        var rows = IndexedRows()
        let near = fixtures.id()
        let other = fixtures.id()
        rows.add(near, fixtures.vector(atCosine: 0.97, from: query))
        rows.add(other, fixtures.vector(atCosine: 0.93, from: query), expiresAt: 1_000)
        for _ in 0..<100 { rows.add(fixtures.id(), fixtures.unitVector()) }
        try await expectSame(rows, query, minimum: 0.9)

        // Upsert replaces the row's vector: `near` is no longer near.
        rows.add(near, fixtures.vector(atCosine: 0.2, from: query))
        try await expectSame(rows, query, minimum: 0.9)
        #expect(try await rows.ranked(query, minimum: 0.9).found.map(\.id) == [other])

        // An expired row is never a candidate, and sweeping removes it.
        #expect(rows.matrix.search(query, minimum: 0.9, best: 4, limit: 64, now: 1_000).isEmpty)
        #expect(rows.matrix.removeExpired(now: 1_000) == 1)
        #expect(!rows.matrix.contains(other))
        #expect(rows.matrix.count == 101)

        // Removal moves the last row into the hole; every other row is still found as itself.
        rows.add(other, fixtures.vector(atCosine: 0.99, from: query))
        let victims = Array(rows.vectors.keys.filter { $0 != other }.prefix(30))
        for id in victims {
            #expect(rows.matrix.remove(id))
            rows.vectors[id] = nil
        }
        #expect(!rows.matrix.remove(victims[0]))
        try await expectSame(rows, query, minimum: 0.9)
        for (id, vector) in rows.vectors.prefix(20) {
            #expect(try await rows.ranked(vector, minimum: 0.999).found.first?.id == id)
        }
    }

    /// A floor comes from Redis as a Double; a float32 score passes it exactly when the score,
    /// widened, reaches it — as before the index was int8.
    @Test func aFloorIsComparedAsTheDoubleItIs() {
        for floor in [0.9, 0.93, 0.95, 0.5, 1.0, Double(Float(0.9))] {
            let minimum = SemanticCache.lowestFloat(notBelow: floor)
            #expect(Double(minimum) >= floor)
            #expect(Double(minimum.nextDown) < floor)
        }
    }

    @Test func aFailingStoreEndsTheRanking() async throws {
        var fixtures = VectorFixtures(seed: 8)
        let query = fixtures.unitVector()
        var rows = IndexedRows()
        rows.add(fixtures.id(), fixtures.vector(atCosine: 0.95, from: query))
        struct Unreachable: Error {}
        var ranking = ExactRanking<EntryID>(
            rows.matrix.search(query, minimum: 0.9, best: 4, limit: 64, now: 0), query: query, minimum: 0.9)
        await #expect(throws: Unreachable.self) { _ = try await ranking.next { _ in throw Unreachable() } }
    }

    /// An entry gone from the store, or stored with a vector of another size, is skipped.
    @Test func missingEntriesAreSkipped() async throws {
        var fixtures = VectorFixtures(seed: 9)
        let query = fixtures.unitVector()
        var rows = IndexedRows()
        let gone = fixtures.id()
        let resized = fixtures.id()
        let kept = fixtures.id()
        rows.add(gone, fixtures.vector(atCosine: 0.99, from: query))
        rows.add(resized, fixtures.vector(atCosine: 0.98, from: query))
        rows.add(kept, fixtures.vector(atCosine: 0.95, from: query))
        rows.vectors[gone] = nil
        rows.vectors[resized] = [1, 0, 0]
        #expect(try await rows.ranked(query, minimum: 0.9).found.map(\.id) == [kept])
    }
}
