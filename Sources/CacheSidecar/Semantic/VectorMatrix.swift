import CBlas

/// The vectors of one context as a single row-major float32 matrix, so one BLAS call scores
/// them all: `cblas_sgemv` for one query, `cblas_sgemm` for several.
///
/// Memory is the vectors themselves (plus at most an eighth of growth slack) and, per row, its
/// id and expiry (40 bytes) and a dictionary slot; rows are removed by moving the last row into the hole, so the matrix stays
/// dense. Not thread-safe: ``SemanticIndex`` guards each matrix with a lock.
///
/// `package` so the `IndexBenchmark` target can measure it directly.
package final class VectorMatrix {
    package let dimensions: Int
    package private(set) var count = 0
    private var capacity: Int
    private var storage: UnsafeMutablePointer<Float>
    private var ids: [EntryID] = []
    private var expiries: [Int64] = []
    private var rows: [EntryID: Int] = [:]

    package init(dimensions: Int, capacity: Int = 16) {
        self.dimensions = dimensions
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity * dimensions)
    }

    deinit { storage.deallocate() }

    /// Bytes held by the vectors alone (what the matrix costs beyond bookkeeping).
    package var vectorBytes: Int { count * dimensions * MemoryLayout<Float>.stride }

    func contains(_ id: EntryID) -> Bool { rows[id] != nil }

    /// Adds a row, or replaces the row of an id already present.
    package func upsert(_ id: EntryID, vector: [Float], expiresAt: Int64) {
        precondition(vector.count == dimensions, "vector has \(vector.count) dimensions, expected \(dimensions)")
        let row: Int
        if let existing = rows[id] {
            row = existing
            expiries[row] = expiresAt
        } else {
            if count == capacity { grow() }
            row = count
            count += 1
            ids.append(id)
            expiries.append(expiresAt)
            rows[id] = row
        }
        vector.withUnsafeBufferPointer { source in
            (storage + row * dimensions).update(from: source.baseAddress!, count: dimensions)
        }
    }

    @discardableResult
    func remove(_ id: EntryID) -> Bool {
        guard let row = rows.removeValue(forKey: id) else { return false }
        let last = count - 1
        if row != last {
            (storage + row * dimensions).update(from: storage + last * dimensions, count: dimensions)
            ids[row] = ids[last]
            expiries[row] = expiries[last]
            rows[ids[row]] = row
        }
        ids.removeLast()
        expiries.removeLast()
        count -= 1
        return true
    }

    /// Drops rows whose expiry has passed; returns how many.
    func removeExpired(now: Int64) -> Int {
        var removed = 0
        var row = 0
        while row < count {
            if expiries[row] <= now {
                remove(ids[row])
                removed += 1
            } else {
                row += 1
            }
        }
        return removed
    }

    package struct Candidate: Equatable {
        package var id: EntryID
        package var similarity: Float
    }

    /// The best rows for one query, most similar first: at most `limit`, none below `minimum`,
    /// none expired.
    package func search(_ query: [Float], minimum: Float, limit: Int, now: Int64) -> [Candidate] {
        guard count > 0 else { return [] }
        var scores = [Float](repeating: 0, count: count)
        query.withUnsafeBufferPointer { q in
            scores.withUnsafeMutableBufferPointer { s in
                cblas_sgemv(
                    CblasRowMajor, CblasNoTrans, Int32(count), Int32(dimensions),
                    1, storage, Int32(dimensions), q.baseAddress, 1, 0, s.baseAddress, 1)
            }
        }
        return best(scores[...], minimum: minimum, limit: limit, now: now)
    }

    /// Several queries in one `cblas_sgemm`: concurrent lookups in one context share one pass
    /// over the matrix, which is what bounds a lookup's cost.
    package func search(batch queries: [[Float]], minimum: [Float], limit: Int, now: Int64) -> [[Candidate]] {
        guard count > 0, !queries.isEmpty else { return queries.map { _ in [] } }
        if queries.count == 1 { return [search(queries[0], minimum: minimum[0], limit: limit, now: now)] }
        var packed = [Float](repeating: 0, count: queries.count * dimensions)
        for (i, query) in queries.enumerated() {
            precondition(query.count == dimensions)
            packed.replaceSubrange((i * dimensions)..<((i + 1) * dimensions), with: query)
        }
        var scores = [Float](repeating: 0, count: queries.count * count)
        packed.withUnsafeBufferPointer { q in
            scores.withUnsafeMutableBufferPointer { s in
                // scores (queries × rows) = Q (queries × d) · Mᵀ (d × rows)
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(queries.count), Int32(count), Int32(dimensions),
                    1, q.baseAddress, Int32(dimensions), storage, Int32(dimensions), 0, s.baseAddress, Int32(count))
            }
        }
        return (0..<queries.count).map { i in
            best(scores[(i * count)..<((i + 1) * count)], minimum: minimum[i], limit: limit, now: now)
        }
    }

    private func best(_ scores: ArraySlice<Float>, minimum: Float, limit: Int, now: Int64) -> [Candidate] {
        var found: [Candidate] = []
        for (row, score) in scores.enumerated() where score >= minimum {
            guard expiries[row] > now else { continue }
            if found.count < limit {
                found.append(Candidate(id: ids[row], similarity: score))
                found.sort { $0.similarity > $1.similarity }
            } else if score > found[found.count - 1].similarity {
                found[found.count - 1] = Candidate(id: ids[row], similarity: score)
                found.sort { $0.similarity > $1.similarity }
            }
        }
        return found
    }

    /// Grows by an eighth: the slack beyond the vectors themselves stays under 12.5 %.
    private func grow() {
        let newCapacity = capacity + max(16, capacity / 8)
        let bigger = UnsafeMutablePointer<Float>.allocate(capacity: newCapacity * dimensions)
        bigger.update(from: storage, count: count * dimensions)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }
}
