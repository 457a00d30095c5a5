import Metrics
import Prometheus
import Synchronization

/// The Prometheus side of the stats, served on `/metrics`.
///
/// swift-metrics handles are made by a ``PrometheusMetricsFactory`` over a registry this object
/// owns, never through `MetricsSystem.bootstrap`: a process-wide bootstrap can happen once, and
/// tests run several sidecars in one process.
public final class SidecarMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// Handles per model and outcome, made once: the registry would return the same ones, but
    /// only after building their labels again.
    private let handles = Mutex<[String: Handles]>([:])
    private let indexContexts: CoreMetrics.Gauge
    private let indexEntries: CoreMetrics.Gauge
    private let indexBytes: CoreMetrics.Gauge
    private let semanticEnabled: CoreMetrics.Gauge

    private struct Handles: Sendable {
        let requests: CoreMetrics.Counter
        let duration: CoreMetrics.Timer
        let promptTokensSaved: CoreMetrics.Counter
        let completionTokensSaved: CoreMetrics.Counter
        let costSaved: FloatingPointCounter
    }

    /// Seconds, from an exact hit (a millisecond) to a slow completion (a minute).
    static let durationBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        self.factory = factory
        indexContexts = CoreMetrics.Gauge(label: "cache_sidecar_semantic_index_contexts", factory: factory)
        indexEntries = CoreMetrics.Gauge(label: "cache_sidecar_semantic_index_entries", factory: factory)
        indexBytes = CoreMetrics.Gauge(label: "cache_sidecar_semantic_index_bytes", factory: factory)
        semanticEnabled = CoreMetrics.Gauge(label: "cache_sidecar_semantic_enabled", factory: factory)
    }

    func record(model: String, outcome: CacheOutcome, latency: Duration?, saved: StatsRecorder.SavedUsage?) {
        let handles = self.handles(model: model, outcome: outcome)
        handles.requests.increment()
        if let latency { handles.duration.recordNanoseconds(Self.nanoseconds(latency)) }
        if let saved {
            handles.promptTokensSaved.increment(by: saved.promptTokens)
            handles.completionTokensSaved.increment(by: saved.completionTokens)
            handles.costSaved.increment(by: saved.cost)
        }
    }

    /// `cache_sidecar_semantic_refusals_total{model, stage, rule}`: lookups that served nothing
    /// because the guards (`rule`: which one, e.g. `numbers`) or the token-alignment stage (`rule`:
    /// `alignment`) refused their candidate. Rules are a fixed set, so the label stays small.
    func recordRefusal(model: String, stage: String, rule: String) {
        counter("cache_sidecar_semantic_refusals_total", [("model", model), ("stage", stage), ("rule", rule)]).increment()
    }

    /// `cache_sidecar_semantic_alignment_skipped_total{model}`: hits served without their alignment
    /// check, because the embedder gives no token states.
    func recordAlignmentSkipped(model: String) {
        counter("cache_sidecar_semantic_alignment_skipped_total", [("model", model)]).increment()
    }

    /// Rare events: the registry hands back the existing counter for the same name and labels.
    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
    }

    /// The Prometheus text exposition, with the semantic index's size as of now.
    func exposition(semantic: SemanticLayer) -> [UInt8] {
        let size = semantic.cache?.indexSize ?? SemanticIndex.Size()
        indexContexts.record(size.contexts)
        indexEntries.record(size.entries)
        indexBytes.record(size.bytes)
        semanticEnabled.record(semantic.cache == nil ? 0 : 1)
        return registry.emitToBuffer()
    }

    private func handles(model: String, outcome: CacheOutcome) -> Handles {
        let key = model + "\u{0}" + outcome.rawValue
        if let existing = handles.withLock({ $0[key] }) { return existing }
        let labels = [("model", model), ("outcome", outcome.rawValue)]
        let made = Handles(
            requests: CoreMetrics.Counter(label: "cache_sidecar_requests_total", dimensions: labels, factory: factory),
            duration: CoreMetrics.Timer(label: "cache_sidecar_request_duration_seconds", dimensions: labels, factory: factory),
            promptTokensSaved: CoreMetrics.Counter(
                label: "cache_sidecar_tokens_saved_total", dimensions: [("model", model), ("kind", "prompt")], factory: factory),
            completionTokensSaved: CoreMetrics.Counter(
                label: "cache_sidecar_tokens_saved_total", dimensions: [("model", model), ("kind", "completion")], factory: factory),
            costSaved: FloatingPointCounter(label: "cache_sidecar_cost_saved_usd_total", dimensions: [("model", model)], factory: factory))
        return handles.withLock { handles in
            if let raced = handles[key] { return raced }
            handles[key] = made
            return made
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
