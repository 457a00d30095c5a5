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
        /// Semantic lookups that found a candidate above the threshold but served none, by the stage
        /// that refused the last one checked: the look-alike guards, or token alignment.
        public var guardRefusals = 0
        public var alignmentRefusals = 0
        /// Semantic hits served without the alignment stage they were configured with, because the
        /// embedder gives no token states.
        public var alignmentSkipped = 0
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
        let label = update(model: model) { $0.record(outcome, latency: latency, saved: saved) }
        metrics?.record(model: label ?? "-", outcome: outcome, latency: latency, saved: saved)
    }

    /// A semantic lookup that served nothing because `stage` refused its candidate.
    public func recordRefusal(model: String, by stage: SemanticCache.Refusal) {
        let label = update(model: model) { counters in
            switch stage {
            case .guards: counters.guardRefusals += 1
            case .alignment: counters.alignmentRefusals += 1
            }
        }
        metrics?.recordRefusal(model: label ?? model, stage: stage.stage, rule: stage.rule)
    }

    /// A semantic hit served without its alignment check (the embedder gives no token states).
    public func recordAlignmentSkipped(model: String) {
        let label = update(model: model) { $0.alignmentSkipped += 1 }
        metrics?.recordAlignmentSkipped(model: label ?? model)
    }

    /// Applies `change` to the total and, given a model, to its counters; returns the model's label.
    @discardableResult
    private func update(model: String?, _ change: (inout Counters) -> Void) -> String? {
        state.withLock { state in
            change(&state.total)
            guard var name = model else { return nil }
            if state.models[name] == nil, state.models.count >= Self.modelLimit { name = Self.otherModels }
            change(&state.models[name, default: Counters()])
            return name
        }
    }

    public func snapshot() -> Snapshot {
        state.withLock { $0 }
    }
}
