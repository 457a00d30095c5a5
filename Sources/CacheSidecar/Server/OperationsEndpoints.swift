import Embeddings
import Foundation
import Hummingbird
import NIOCore

/// `/healthz`, `/readyz`, `/stats` and `/metrics`: what operators and orchestrators ask the sidecar.
struct OperationsEndpoints: Sendable {
    let store: any ResponseStore
    let stats: StatsRecorder
    let metrics: SidecarMetrics
    let semantic: SemanticLayer
    let startedAt: ContinuousClock.Instant

    func health() -> Response {
        json(.ok, .object(JSONObject([("status", .string("ok"))])))
    }

    /// Ready when the store answers and the semantic layer is as configured (its model loaded,
    /// or turned off on purpose). Until then requests are still served — bypassing the cache, or
    /// matched exactly only — but an orchestrator should know the sidecar is not all there.
    func readiness() async -> Response {
        let reachable = await store.isReachable()
        let semanticStatus: String
        let semanticReady: Bool
        switch semantic {
        case .on: (semanticStatus, semanticReady) = ("loaded", true)
        case .off: (semanticStatus, semanticReady) = ("off", true)
        case .unavailable: (semanticStatus, semanticReady) = ("model not loaded", false)
        }
        let ready = reachable && semanticReady
        return json(ready ? .ok : .serviceUnavailable, .object(JSONObject([
            ("status", .string(ready ? "ready" : "degraded")),
            ("redis", .string(reachable ? "up" : "down")),
            ("semantic", .string(semanticStatus)),
        ])))
    }

    func statistics() async -> Response {
        let snapshot = stats.snapshot()
        let uptime = ContinuousClock.now - startedAt
        // Entry counts are Redis's, not this process's: absent when Redis does not answer.
        let entries = try? await store.entryCounts(models: Array(snapshot.models.keys))
        let indexSizes = semantic.cache?.indexSizesByModel ?? [:]
        var models = JSONObject()
        for (name, counters) in snapshot.models.sorted(by: { $0.key < $1.key }) {
            guard case .object(var fields) = Self.json(counters) else { continue }
            if let count = entries?[name] { fields["entries"] = .integer(Int64(count)) }
            if let size = indexSizes[name] {
                fields["index"] = .object(JSONObject([
                    ("contexts", .integer(Int64(size.contexts))),
                    ("entries", .integer(Int64(size.entries))),
                    ("bytes", .integer(Int64(size.bytes))),
                ]))
            }
            models[name] = .object(fields)
        }
        var semanticStatus = JSONObject()
        switch semantic {
        case .on(let cache):
            let size = cache.indexSize
            semanticStatus["enabled"] = .bool(true)
            semanticStatus["model"] = .string(cache.embedder.modelName)
            semanticStatus["loaded_contexts"] = .integer(Int64(size.contexts))
            semanticStatus["indexed_entries"] = .integer(Int64(size.entries))
            semanticStatus["index_bytes"] = .integer(Int64(size.bytes))
            // Whether the alignment stage can run: it needs an embedder that gives token states.
            semanticStatus["token_alignment"] = .string(cache.stateEmbedder == nil ? "unavailable (the embedder gives no token states)" : "available")
            semanticStatus["candidate_states_cached"] = .integer(Int64(cache.candidateStates.count))
            semanticStatus["candidate_state_passes"] = .integer(Int64(cache.candidateStatePasses))
        case .off(let reason), .unavailable(let reason):
            semanticStatus["enabled"] = .bool(false)
            semanticStatus["reason"] = .string(reason)
        }
        var total = Self.json(snapshot.total)
        if let entries, case .object(var fields) = total {
            fields["entries"] = .integer(Int64(entries.values.reduce(0, +)))
            total = .object(fields)
        }
        return json(.ok, .object(JSONObject([
            ("uptime_seconds", .integer(uptime.components.seconds)),
            ("semantic", .object(semanticStatus)),
            ("total", total),
            ("models", .object(models)),
        ])))
    }

    func prometheus() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(semantic: semantic))))
    }

    static func json(_ c: StatsRecorder.Counters) -> JSONValue {
        .object(JSONObject([
            ("requests", .integer(Int64(c.requests))),
            ("hits", .integer(Int64(c.hits))),
            ("exact_hits", .integer(Int64(c.exactHits))),
            ("semantic_hits", .integer(Int64(c.semanticHits))),
            ("misses", .integer(Int64(c.misses))),
            ("coalesced", .integer(Int64(c.coalesced))),
            ("bypasses", .integer(Int64(c.bypasses))),
            ("errors", .integer(Int64(c.errors))),
            ("guard_refusals", .integer(Int64(c.guardRefusals))),
            ("alignment_refusals", .integer(Int64(c.alignmentRefusals))),
            ("alignment_skipped", .integer(Int64(c.alignmentSkipped))),
            ("hit_rate", .double((c.hitRate * 10000).rounded() / 10000)),
            ("upstream_calls_avoided", .integer(Int64(c.hits + c.coalesced))),
            ("tokens_saved", .object(JSONObject([
                ("prompt", .integer(Int64(c.promptTokensSaved))),
                ("completion", .integer(Int64(c.completionTokensSaved))),
                ("total", .integer(Int64(c.promptTokensSaved + c.completionTokensSaved))),
            ]))),
            ("cost_saved_usd", .double((c.costSaved * 1_000_000).rounded() / 1_000_000)),
            ("latency_ms", .object(JSONObject([
                ("hit", json(c.hitLatency)),
                ("miss", json(c.missLatency)),
            ]))),
        ]))
    }

    /// Count and p50/p90/p99 in milliseconds (null while there are no samples).
    static func json(_ histogram: LatencyHistogram) -> JSONValue {
        func milliseconds(_ q: Double) -> JSONValue {
            guard let microseconds = histogram.quantile(q) else { return .null }
            return .double(microseconds.rounded() / 1000)
        }
        return .object(JSONObject([
            ("count", .integer(Int64(histogram.count))),
            ("p50", milliseconds(0.5)),
            ("p90", milliseconds(0.9)),
            ("p99", milliseconds(0.99)),
        ]))
    }

    private func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.compact(value))))
    }
}
