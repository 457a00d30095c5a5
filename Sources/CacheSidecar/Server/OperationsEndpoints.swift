import Embeddings
import Foundation
import Hummingbird
import NIOCore

/// `/healthz`, `/readyz` and `/stats`: what operators and orchestrators ask the sidecar.
struct OperationsEndpoints: Sendable {
    let store: any ResponseStore
    let stats: StatsRecorder
    let semantic: SemanticLayer
    let startedAt: ContinuousClock.Instant

    func health() -> Response {
        json(.ok, .object(JSONObject([("status", .string("ok"))])))
    }

    /// Ready when the store answers; until then requests are still served (bypassing the cache),
    /// but an orchestrator should know the cache is not working.
    func readiness() async -> Response {
        let reachable = await store.isReachable()
        return json(reachable ? .ok : .serviceUnavailable, .object(JSONObject([
            ("status", .string(reachable ? "ready" : "degraded")),
            ("redis", .string(reachable ? "up" : "down")),
        ])))
    }

    func statistics() -> Response {
        let snapshot = stats.snapshot()
        let uptime = ContinuousClock.now - startedAt
        var models = JSONObject()
        for (name, counters) in snapshot.models.sorted(by: { $0.key < $1.key }) {
            models[name] = Self.json(counters)
        }
        var semanticStatus = JSONObject()
        switch semantic {
        case .on(let cache):
            let size = cache.indexSize
            semanticStatus["enabled"] = .bool(true)
            semanticStatus["model"] = .string(cache.embedder.modelName)
            semanticStatus["loaded_contexts"] = .integer(Int64(size.contexts))
            semanticStatus["indexed_entries"] = .integer(Int64(size.entries))
            semanticStatus["index_bytes"] = .integer(Int64(size.vectorBytes))
        case .off(let reason):
            semanticStatus["enabled"] = .bool(false)
            semanticStatus["reason"] = .string(reason)
        }
        return json(.ok, .object(JSONObject([
            ("uptime_seconds", .integer(uptime.components.seconds)),
            ("semantic", .object(semanticStatus)),
            ("total", Self.json(snapshot.total)),
            ("models", .object(models)),
        ])))
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
            ("hit_rate", .double((c.hitRate * 10000).rounded() / 10000)),
            ("upstream_calls_avoided", .integer(Int64(c.hits + c.coalesced))),
            ("tokens_saved", .object(JSONObject([
                ("prompt", .integer(Int64(c.promptTokensSaved))),
                ("completion", .integer(Int64(c.completionTokensSaved))),
                ("total", .integer(Int64(c.promptTokensSaved + c.completionTokensSaved))),
            ]))),
            ("cost_saved_usd", .double((c.costSaved * 1_000_000).rounded() / 1_000_000)),
        ]))
    }

    private func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: JSONWriter.compact(value))))
    }
}
