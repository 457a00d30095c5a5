import Synchronization

/// Counts what the cache did, in total and per model, since the process started.
public final class StatsRecorder: Sendable {
    public struct Counters: Sendable, Equatable {
        public var requests = 0
        public var exactHits = 0
        public var semanticHits = 0
        public var misses = 0
        /// Served by another request's upstream call (see ``RequestCoalescer``).
        public var coalesced = 0
        public var bypasses = 0
        public var errors = 0
        public var promptTokensSaved = 0
        public var completionTokensSaved = 0
        public var costSaved = 0.0

        public var hits: Int { exactHits + semanticHits }
        /// Hits over requests that could have been served from cache (misses and hits).
        public var hitRate: Double {
            let eligible = hits + misses
            return eligible == 0 ? 0 : Double(hits) / Double(eligible)
        }

        mutating func record(_ outcome: CacheOutcome, saved: SavedUsage?) {
            requests += 1
            switch outcome {
            case .exactHit: exactHits += 1
            case .semanticHit: semanticHits += 1
            case .miss: misses += 1
            case .coalesced: coalesced += 1
            case .bypass: bypasses += 1
            case .error: errors += 1
            }
            if let saved {
                promptTokensSaved += saved.promptTokens
                completionTokensSaved += saved.completionTokens
                costSaved += saved.cost
            }
        }
    }

    /// What a hit avoided paying for.
    public struct SavedUsage: Sendable {
        public var promptTokens: Int
        public var completionTokens: Int
        public var cost: Double
    }

    public struct Snapshot: Sendable {
        public var total: Counters
        public var models: [String: Counters]
    }

    private let state = Mutex(Snapshot(total: Counters(), models: [:]))

    public init() {}

    /// - Parameter model: nil for requests refused before a model was known (they count in the total only).
    public func record(model: String?, outcome: CacheOutcome, saved: SavedUsage? = nil) {
        state.withLock { state in
            state.total.record(outcome, saved: saved)
            if let model { state.models[model, default: Counters()].record(outcome, saved: saved) }
        }
    }

    public func snapshot() -> Snapshot {
        state.withLock { $0 }
    }
}
