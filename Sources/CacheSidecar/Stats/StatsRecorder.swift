import Synchronization

/// Counts what the cache did, in total and per model, since the process started, and hands each
/// outcome to the Prometheus metrics too, so `/stats` and `/metrics` never disagree.
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
        /// Time to the response's head, of hits (exact and semantic) and of misses.
        public var hitLatency = LatencyHistogram()
        public var missLatency = LatencyHistogram()

        public var hits: Int { exactHits + semanticHits }
        /// Hits over requests that could have been served from cache (misses and hits).
        public var hitRate: Double {
            let eligible = hits + misses
            return eligible == 0 ? 0 : Double(hits) / Double(eligible)
        }

        mutating func record(_ outcome: CacheOutcome, latency: Duration?, saved: SavedUsage?) {
            requests += 1
            switch outcome {
            case .exactHit: exactHits += 1
            case .semanticHit: semanticHits += 1
            case .miss: misses += 1
            case .coalesced: coalesced += 1
            case .bypass: bypasses += 1
            case .error: errors += 1
            }
            if let latency {
                switch outcome {
                case .exactHit, .semanticHit: hitLatency.record(latency)
                case .miss: missLatency.record(latency)
                case .coalesced, .bypass, .error: break
                }
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

    /// Model names come from clients: past this many, new names are counted as ``otherModels``
    /// so that neither memory nor metric labels grow without bound.
    static let modelLimit = 100
    static let otherModels = "other"

    private let state = Mutex(Snapshot(total: Counters(), models: [:]))
    let metrics: SidecarMetrics?

    public init(metrics: SidecarMetrics? = nil) {
        self.metrics = metrics
    }

    /// - Parameters:
    ///   - model: nil for requests refused before a model was known (they count in the total only).
    ///   - latency: time until the response's head was ready.
    public func record(model: String?, outcome: CacheOutcome, latency: Duration? = nil, saved: SavedUsage? = nil) {
        let label: String? = state.withLock { state in
            state.total.record(outcome, latency: latency, saved: saved)
            guard var name = model else { return nil }
            if state.models[name] == nil, state.models.count >= Self.modelLimit { name = Self.otherModels }
            state.models[name, default: Counters()].record(outcome, latency: latency, saved: saved)
            return name
        }
        metrics?.record(model: label ?? "-", outcome: outcome, latency: latency, saved: saved)
    }

    public func snapshot() -> Snapshot {
        state.withLock { $0 }
    }
}
