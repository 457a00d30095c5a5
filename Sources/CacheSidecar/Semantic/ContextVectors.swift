import Synchronization

/// One context's vectors, with the lock that guards them and the queue that gathers concurrent
/// lookups into one pass over the int8 codes (``VectorMatrix/search(batch:minimum:best:limit:now:)``).
///
/// The first lookup to arrive becomes the leader: it scores every query queued by then in one
/// pass over the matrix and hands each its result; lookups arriving meanwhile queue for the
/// leader's next pass. One pass over a large matrix costs little more for ten queries than for
/// one, because reading the matrix from memory is what it costs.
final class ContextVectors: Sendable {
    private struct Query {
        var vector: [Float]
        var minimum: Float
        var continuation: CheckedContinuation<CandidateSet, Never>
    }

    private struct Queue {
        var queries: [Query] = []
        var leaderActive = false
    }

    private let matrix: Mutex<VectorMatrixBox>
    private let queue = Mutex(Queue())
    /// When a lookup last asked for this context (wall-clock milliseconds).
    private let lastUsed: Atomic<Int64>

    /// The model whose requests this context holds (a context key covers one model), for sizes per model.
    let model: String

    init(_ matrix: VectorMatrix, model: String, now: Int64) {
        self.matrix = Mutex(VectorMatrixBox(matrix))
        self.model = model
        self.lastUsed = Atomic(now)
    }

    /// Notes a lookup: an empty context is kept while the answer its last lookup went upstream
    /// for may still arrive (``SemanticIndex/sweep(now:)``).
    func markUsed(now: Int64) {
        lastUsed.store(now, ordering: .relaxed)
    }

    /// Whether no lookup has asked for this context since `instant`.
    func unused(since instant: Int64) -> Bool {
        lastUsed.load(ordering: .relaxed) < instant
    }

    /// Runs `body` with the matrix locked.
    func withMatrix<T>(_ body: (VectorMatrix) -> T) -> T {
        matrix.withLock { body($0.value) }
    }

    func search(_ vector: [Float], minimum: Float) async -> CandidateSet {
        await withCheckedContinuation { continuation in
            let leads = queue.withLock { queue in
                queue.queries.append(Query(vector: vector, minimum: minimum, continuation: continuation))
                guard !queue.leaderActive else { return false }
                queue.leaderActive = true
                return true
            }
            if leads { drain() }
        }
    }

    private func drain() {
        while true {
            let batch: [Query] = queue.withLock { queue in
                let batch = queue.queries
                queue.queries = []
                if batch.isEmpty { queue.leaderActive = false }
                return batch
            }
            if batch.isEmpty { return }
            let now = WallClock.milliseconds
            let results = withMatrix { matrix in
                matrix.search(
                    batch: batch.map(\.vector), minimum: batch.map(\.minimum), best: CandidateSet.checkedLimit, limit: CandidateSet.listedLimit,
                    now: now)
            }
            for (query, result) in zip(batch, results) { query.continuation.resume(returning: result) }
        }
    }
}

/// Lets a non-Sendable matrix live inside a `Mutex`, which is what makes access to it safe.
struct VectorMatrixBox: @unchecked Sendable {
    let value: VectorMatrix
    init(_ value: VectorMatrix) { self.value = value }
}
