import Synchronization

/// Every context's vectors in memory, loaded lazily from the store and kept in step with it.
///
/// A context is loaded on its first lookup. IndexChanges that arrive while it loads (from this
/// sidecar or, through the store's change feed, from others) are queued and applied after the
/// snapshot, so nothing stored during a load is missed; applying a change twice is harmless.
final class SemanticIndex: Sendable {
    /// Each context has its own lock: lookups in different contexts never wait on each other.
    private enum Slot {
        case loading(pending: [IndexChange])
        case loaded(ContextVectors)
    }

    let dimensions: Int
    private let slots = Mutex<[String: Slot]>([:])

    /// How long an empty context stays loaded after its last lookup. A miss loads its context
    /// (often empty: a new conversation) before it goes upstream, and its answer is added to the
    /// loaded matrix when stored; forgetting the context meanwhile would drop that answer from
    /// memory until the next lookup reloads it from Redis. Longer than an upstream call
    /// (`upstream_timeout` is 120 s by default); an empty context costs about a kilobyte.
    static let emptyContextGrace: Int64 = 10 * 60 * 1000

    init(dimensions: Int) {
        self.dimensions = dimensions
    }

    /// The context's matrix, loading it through `load` the first time.
    /// Concurrent first lookups of one context load it once; the others find it loading and
    /// answer from nothing (a miss) rather than wait.
    func vectors(for context: String, model: String, load: () async throws -> [IndexedVector]) async -> ContextVectors? {
        let state: (matrix: ContextVectors?, shouldLoad: Bool) = slots.withLock { slots in
            switch slots[context] {
            case .loaded(let matrix)?:
                matrix.markUsed(now: WallClock.milliseconds)
                return (matrix, false)
            case .loading?: return (nil, false)
            case nil:
                slots[context] = .loading(pending: [])
                return (nil, true)
            }
        }
        if let matrix = state.matrix { return matrix }
        guard state.shouldLoad else { return nil }

        let stored: [IndexedVector]
        do {
            stored = try await load()
        } catch {
            slots.withLock { _ = $0.removeValue(forKey: context) }
            return nil
        }
        let matrix = VectorMatrix(dimensions: dimensions, capacity: stored.count + 1)
        for vector in stored where vector.vector.count == dimensions {
            matrix.upsert(vector.id, vector: vector.vector, expiresAt: vector.expiresAt)
        }
        let vectors = ContextVectors(matrix, model: model, now: WallClock.milliseconds)
        slots.withLock { slots in
            guard case .loading(let pending)? = slots[context] else { return }
            for change in pending { Self.apply(change, to: matrix) }
            slots[context] = .loaded(vectors)
        }
        return vectors
    }

    /// Applies a change to a loaded context, queues it for a loading one, ignores it otherwise
    /// (an unloaded context reads the store when first needed).
    func apply(_ change: IndexChange) {
        guard let context = change.context else {
            slots.withLock { $0.removeAll() }
            return
        }
        let target: ContextVectors? = slots.withLock { slots in
            switch slots[context] {
            case .loading(var pending)?:
                pending.append(change)
                slots[context] = .loading(pending: pending)
                return nil
            case .loaded(let matrix)?: return matrix
            case nil: return nil
            }
        }
        target?.withMatrix { Self.apply(change, to: $0) }
    }

    private static func apply(_ change: IndexChange, to matrix: VectorMatrix) {
        switch change {
        case .upsert(_, let id, let vector, let expiresAt):
            if vector.count == matrix.dimensions { matrix.upsert(id, vector: vector, expiresAt: expiresAt) }
        case .remove(_, let id):
            matrix.remove(id)
        case .reset:
            break
        }
    }

    /// Drops expired rows everywhere and forgets contexts that are empty and have not been looked
    /// up for ``emptyContextGrace``.
    func sweep(now: Int64) {
        let loaded: [(String, ContextVectors)] = slots.withLock { slots in
            slots.compactMap { key, slot in
                if case .loaded(let matrix) = slot { return (key, matrix) }
                return nil
            }
        }
        for (context, locked) in loaded {
            let empty = locked.withMatrix { matrix in
                _ = matrix.removeExpired(now: now)
                return matrix.count == 0
            }
            if empty && locked.unused(since: now - Self.emptyContextGrace) {
                slots.withLock { slots in
                    if case .loaded(let current)? = slots[context], current === locked { slots[context] = nil }
                }
            }
        }
    }

    struct Size: Sendable, Equatable {
        var contexts = 0
        var entries = 0
        /// What the scan reads (``VectorMatrix/scannedBytes``).
        var bytes = 0
    }

    func size() -> Size {
        sizesByModel().values.reduce(into: Size()) { total, size in
            total.contexts += size.contexts
            total.entries += size.entries
            total.bytes += size.bytes
        }
    }

    /// The loaded contexts' sizes, per model.
    func sizesByModel() -> [String: Size] {
        let loaded: [ContextVectors] = slots.withLock { slots in
            slots.values.compactMap { if case .loaded(let matrix) = $0 { matrix } else { nil } }
        }
        var sizes: [String: Size] = [:]
        for vectors in loaded {
            vectors.withMatrix { matrix in
                sizes[vectors.model, default: Size()].contexts += 1
                sizes[vectors.model, default: Size()].entries += matrix.count
                sizes[vectors.model, default: Size()].bytes += matrix.scannedBytes
            }
        }
        return sizes
    }
}

/// One stored vector as the store lists it when a context is loaded.
public struct IndexedVector: Sendable, Equatable {
    public var id: EntryID
    public var vector: [Float]
    public var expiresAt: Int64

    public init(id: EntryID, vector: [Float], expiresAt: Int64) {
        self.id = id
        self.vector = vector
        self.expiresAt = expiresAt
    }
}
