import CIndexKernels

/// The vectors of one context as int8 codes, one row each, with a scale and two norms per row
/// (``Int8Code``): 384 + 12 bytes per 384-dimension entry instead of 1 536, and no float32 copy.
///
/// A scan reads a quarter of the bytes a float32 matrix would, which is what a lookup costs (a
/// pass over a large matrix is bound by memory bandwidth), and never loses a row that the float32
/// scan would have found: it returns every row whose exact score may reach the minimum, with
/// bounds of that score (``CandidateSet``). The exact float32 vectors stay in the store, beside
/// their entries; ``ExactRanking`` scores the candidates exactly when it fetches them.
///
/// Rows are removed by moving the last row into the hole, so the codes stay dense. Not
/// thread-safe: ``ContextVectors`` guards each matrix with a lock.
///
/// `package` so the `IndexBenchmark` target can measure it directly.
package final class VectorMatrix {
    package let dimensions: Int
    package private(set) var count = 0
    private var capacity: Int
    private var codes: UnsafeMutablePointer<Int8>
    private var scales: [Float] = []
    private var residuals: [Float] = []
    private var codeNorms: [Float] = []
    private var ids: [EntryID] = []
    private var expiries: [Int64] = []
    private var rows: [EntryID: Int] = [:]
    /// Rows scored per kernel call: one block's int32 scores for 32 queries stay in L2.
    private static let blockRows = 4096

    package init(dimensions: Int, capacity: Int = 16) {
        self.dimensions = dimensions
        self.capacity = max(capacity, 1)
        codes = .allocate(capacity: self.capacity * dimensions)
        reserveRows(self.capacity)
    }

    deinit { codes.deallocate() }

    /// Bytes the scan reads: codes and the three floats of each row (what the index costs beyond
    /// ids, expiries and the id → row dictionary).
    package var scannedBytes: Int { count * (dimensions + 3 * MemoryLayout<Float>.stride) }

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
            scales.append(0)
            residuals.append(0)
            codeNorms.append(0)
            rows[id] = row
        }
        let code = vector.withUnsafeBufferPointer { Int8Code($0, into: codes + row * dimensions) }
        scales[row] = code.scale
        residuals[row] = code.residual
        codeNorms[row] = code.codeNorm
    }

    @discardableResult
    func remove(_ id: EntryID) -> Bool {
        guard let row = rows.removeValue(forKey: id) else { return false }
        let last = count - 1
        if row != last {
            (codes + row * dimensions).update(from: codes + last * dimensions, count: dimensions)
            ids[row] = ids[last]
            expiries[row] = expiries[last]
            scales[row] = scales[last]
            residuals[row] = residuals[last]
            codeNorms[row] = codeNorms[last]
            rows[ids[row]] = row
        }
        ids.removeLast()
        expiries.removeLast()
        scales.removeLast()
        residuals.removeLast()
        codeNorms.removeLast()
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

    /// The rows that may be among the `best` most similar to `query` and reach `minimum`, none
    /// expired, at most `limit` of them (``CandidateSet``).
    package func search(_ query: [Float], minimum: Float, best: Int, limit: Int, now: Int64) -> CandidateSet {
        search(batch: [query], minimum: [minimum], best: best, limit: limit, now: now)[0]
    }

    /// Several queries in one pass over the codes: concurrent lookups in one context share the
    /// reading of the matrix, which is what bounds a lookup's cost.
    package func search(batch queries: [[Float]], minimum: [Float], best: Int, limit: Int, now: Int64) -> [CandidateSet] {
        guard count > 0, !queries.isEmpty else { return queries.map { _ in .empty } }
        let prepared = zip(queries, minimum).map { query, minimum in
            precondition(query.count == dimensions, "query has \(query.count) dimensions, expected \(dimensions)")
            return ScanQuery(query, minimum: minimum)
        }
        let packed = prepared.flatMap(\.codes)
        var builders = prepared.map { CandidateSet.Builder(minimum: $0.minimum, best: best) }
        let block = min(count, Self.blockRows)
        var dots = [Int32](repeating: 0, count: prepared.count * block)
        var upper = [Float](repeating: 0, count: block)
        for start in stride(from: 0, to: count, by: block) {
            let n = min(block, count - start)
            packed.withUnsafeBufferPointer { q in
                dots.withUnsafeMutableBufferPointer { d in
                    if prepared.count == 1 {
                        cik_int8_dot_rows(codes + start * dimensions, q.baseAddress, Int64(n), Int64(dimensions), d.baseAddress)
                    } else {
                        cik_int8_dot_rows_multi(
                            codes + start * dimensions, q.baseAddress, Int64(prepared.count), Int64(n), Int64(dimensions),
                            d.baseAddress)
                    }
                }
            }
            dots.withUnsafeBufferPointer { d in
                upper.withUnsafeMutableBufferPointer { u in
                    for j in prepared.indices {
                        collect(UnsafeBufferPointer(rebasing: d[(j * n)..<(j * n + n)]), firstRow: start, query: prepared[j],
                                into: &builders[j], upper: u, now: now)
                    }
                }
            }
        }
        return builders.map { $0.finish(limit: limit) { ids[$0] } }
    }

    /// Turns one block's int8 dot products into bounds, keeping the rows that may qualify: first
    /// every row's upper bound (a loop the compiler vectorizes), then the few that reach the bar.
    private func collect(
        _ dots: UnsafeBufferPointer<Int32>, firstRow: Int, query: ScanQuery, into builder: inout CandidateSet.Builder,
        upper: UnsafeMutableBufferPointer<Float>, now: Int64
    ) {
        let n = dots.count
        scales.withUnsafeBufferPointer { scales in
            residuals.withUnsafeBufferPointer { residuals in
                codeNorms.withUnsafeBufferPointer { codeNorms in
                    let scales = UnsafeBufferPointer(rebasing: scales[firstRow..<(firstRow + n)])
                    let residuals = UnsafeBufferPointer(rebasing: residuals[firstRow..<(firstRow + n)])
                    let codeNorms = UnsafeBufferPointer(rebasing: codeNorms[firstRow..<(firstRow + n)])
                    for i in 0..<n {
                        upper[i] = Float(dots[i]) * (scales[i] * query.scale)
                            + (query.residualWeight * residuals[i] + query.normWeight * codeNorms[i])
                    }
                    for i in 0..<n where upper[i] >= builder.bar && expiries[firstRow + i] > now {
                        let error = query.residualWeight * residuals[i] + query.normWeight * codeNorms[i]
                        builder.add(row: firstRow + i, upper: upper[i], lower: upper[i] - 2 * error)
                    }
                }
            }
        }
    }

    /// Grows by an eighth: the slack beyond the rows themselves stays under 12.5 %.
    private func grow() {
        let newCapacity = capacity + max(16, capacity / 8)
        let bigger = UnsafeMutablePointer<Int8>.allocate(capacity: newCapacity * dimensions)
        bigger.update(from: codes, count: count * dimensions)
        codes.deallocate()
        codes = bigger
        capacity = newCapacity
        reserveRows(newCapacity)
    }

    /// Per-row arrays grow with the codes, not by doubling on their own.
    private func reserveRows(_ capacity: Int) {
        scales.reserveCapacity(capacity)
        residuals.reserveCapacity(capacity)
        codeNorms.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        expiries.reserveCapacity(capacity)
    }
}
