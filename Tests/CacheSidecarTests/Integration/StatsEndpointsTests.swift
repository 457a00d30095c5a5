import Foundation
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// `/stats`, `/metrics` and `/readyz` after a known sequence of requests, with the real model.
@Suite("Stats, metrics and readiness")
struct StatsEndpointsTests {
    /// One of each outcome. The fake provider's usage is word counts: "How do I reset my
    /// password?" is 6 prompt tokens, its answer "answer 1 to: How do I reset my password?" 9.
    private func knownSequence(_ sidecar: SidecarHarness) async throws {
        let apiKey = "sk-\(UUID().uuidString)"
        #expect(try await sidecar.complete("How do I reset my password?", apiKey: apiKey).xCache == "MISS")
        #expect(try await sidecar.complete("How do I reset my password?", apiKey: apiKey).xCache == "HIT")
        let semantic = try await sidecar.complete("How can I reset my password?", apiKey: apiKey)
        #expect(semantic.headers.first(name: "x-cache-match") == "semantic")
        #expect(try await sidecar.complete("What is Redis?", model: "gpt-4o", apiKey: apiKey).xCache == "MISS")
        #expect(try await sidecar.complete("Anything", apiKey: apiKey, headers: [("Cache-Control", "no-store")]).xCache == "BYPASS")
        #expect(try await sidecar.send(body: "{").status == 400)
    }

    private func start() async throws -> SidecarHarness {
        try await SidecarHarness.start { $0.semanticEnabled = true }
    }

    @Test func statsAfterAKnownSequence() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        try await knownSequence(sidecar)
        let stats = try await sidecar.getJSON("/stats")

        let total = try #require(stats["total"])
        #expect(total["requests"]?.integerValue == 6)
        #expect(total["exact_hits"]?.integerValue == 1)
        #expect(total["semantic_hits"]?.integerValue == 1)
        #expect(total["misses"]?.integerValue == 2)
        #expect(total["bypasses"]?.integerValue == 1)
        #expect(total["errors"]?.integerValue == 1)
        #expect(total["hit_rate"]?.doubleValue == 0.5)
        #expect(total["upstream_calls_avoided"]?.integerValue == 2)
        #expect(total["tokens_saved"]?["prompt"]?.integerValue == 12)
        #expect(total["tokens_saved"]?["completion"]?.integerValue == 18)
        #expect(total["tokens_saved"]?["total"]?.integerValue == 30)
        // 12 prompt tokens at $2/M and 18 completion tokens at $8/M (gpt-4.1's list price).
        #expect(total["cost_saved_usd"]?.doubleValue == 0.000168)
        #expect(total["entries"]?.integerValue == 2)
        #expect(total["latency_ms"]?["hit"]?["count"]?.integerValue == 2)
        #expect(total["latency_ms"]?["miss"]?["count"]?.integerValue == 2)
        for kind in ["hit", "miss"] {
            let latency = try #require(total["latency_ms"]?[kind])
            let p50 = try #require(latency["p50"]?.doubleValue)
            let p90 = try #require(latency["p90"]?.doubleValue)
            let p99 = try #require(latency["p99"]?.doubleValue)
            #expect(p50 > 0 && p50 <= p90 && p90 <= p99)
        }

        let gpt41 = try #require(stats["models"]?["gpt-4.1"])
        #expect(gpt41["requests"]?.integerValue == 4)
        #expect(gpt41["hits"]?.integerValue == 2)
        #expect(gpt41["misses"]?.integerValue == 1)
        #expect(gpt41["bypasses"]?.integerValue == 1)
        #expect(gpt41["hit_rate"]?.doubleValue == 0.6667)
        #expect(gpt41["entries"]?.integerValue == 1)
        #expect(gpt41["latency_ms"]?["miss"]?["count"]?.integerValue == 1)
        let gpt4o = try #require(stats["models"]?["gpt-4o"])
        #expect(gpt4o["requests"]?.integerValue == 1)
        #expect(gpt4o["misses"]?.integerValue == 1)
        #expect(gpt4o["entries"]?.integerValue == 1)
        #expect(gpt4o["latency_ms"]?["hit"]?["p50"] == .null)
        #expect(stats["models"]?.objectValue?.keys == ["gpt-4.1", "gpt-4o"])

        let semantic = try #require(stats["semantic"])
        #expect(semantic["enabled"]?.boolValue == true)
        #expect(semantic["loaded_contexts"]?.integerValue == 2)
        #expect(semantic["indexed_entries"]?.integerValue == 2)
        // Two entries of 384 int8 codes and three floats each.
        #expect(semantic["index_bytes"]?.integerValue == 792)
    }

    @Test func metricsAfterAKnownSequence() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        try await knownSequence(sidecar)
        let reply = try await sidecar.send(.GET, path: "/metrics", headers: [])
        #expect(reply.status == 200)
        #expect(reply.headers.first(name: "content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let samples = PrometheusSamples(reply.text)

        #expect(samples[#"cache_sidecar_requests_total{model="gpt-4.1",outcome="miss"}"#] == 1)
        #expect(samples[#"cache_sidecar_requests_total{model="gpt-4.1",outcome="exact_hit"}"#] == 1)
        #expect(samples[#"cache_sidecar_requests_total{model="gpt-4.1",outcome="semantic_hit"}"#] == 1)
        #expect(samples[#"cache_sidecar_requests_total{model="gpt-4.1",outcome="bypass"}"#] == 1)
        #expect(samples[#"cache_sidecar_requests_total{model="gpt-4o",outcome="miss"}"#] == 1)
        #expect(samples[#"cache_sidecar_requests_total{model="-",outcome="error"}"#] == 1)
        #expect(samples.sum("cache_sidecar_requests_total") == 6)
        #expect(samples[#"cache_sidecar_request_duration_seconds_count{model="gpt-4.1",outcome="exact_hit"}"#] == 1)
        #expect(samples[#"cache_sidecar_request_duration_seconds_count{model="gpt-4o",outcome="miss"}"#] == 1)
        #expect(samples[#"cache_sidecar_request_duration_seconds_bucket{model="gpt-4o",outcome="miss",le="+Inf"}"#] == 1)
        #expect(samples[#"cache_sidecar_tokens_saved_total{model="gpt-4.1",kind="prompt"}"#] == 12)
        #expect(samples[#"cache_sidecar_tokens_saved_total{model="gpt-4.1",kind="completion"}"#] == 18)
        let cost = try #require(samples[#"cache_sidecar_cost_saved_usd_total{model="gpt-4.1"}"#])
        #expect(abs(cost - 0.000168) < 1e-12)
        #expect(samples["cache_sidecar_semantic_index_entries"] == 2)
        #expect(samples["cache_sidecar_semantic_index_contexts"] == 2)
        #expect(samples["cache_sidecar_semantic_enabled"] == 1)
    }

    /// Each application owns its registry: two sidecars in one process count apart.
    @Test func twoSidecarsInOneProcessHaveTheirOwnMetrics() async throws {
        let a = try await SidecarHarness.start()
        let b = try await SidecarHarness.start()
        defer { Task { await a.stop(); await b.stop() } }
        _ = try await a.complete(uniquePrompt())
        _ = try await a.complete(uniquePrompt())
        _ = try await b.complete(uniquePrompt())
        let fromA = PrometheusSamples(try await a.send(.GET, path: "/metrics", headers: []).text)
        let fromB = PrometheusSamples(try await b.send(.GET, path: "/metrics", headers: []).text)
        #expect(fromA.sum("cache_sidecar_requests_total") == 2)
        #expect(fromB.sum("cache_sidecar_requests_total") == 1)
        #expect(fromA["cache_sidecar_semantic_enabled"] == 0)
    }

    @Test func readinessSaysWhyNot() async throws {
        let on = try await start()
        let off = try await SidecarHarness.start { $0.semanticEnabled = false }
        let broken = try await SidecarHarness.start { config in
            config.semanticEnabled = true
            config.modelDirectory = "/nonexistent/model"
        }
        defer { Task { await on.stop(); await off.stop(); await broken.stop() } }

        let ready = try await on.send(.GET, path: "/readyz", headers: [])
        #expect(ready.status == 200)
        #expect(ready.json?["semantic"]?.stringValue == "loaded")
        #expect(ready.json?["redis"]?.stringValue == "up")
        let knowinglyOff = try await off.send(.GET, path: "/readyz", headers: [])
        #expect(knowinglyOff.status == 200)
        #expect(knowinglyOff.json?["semantic"]?.stringValue == "off")
        let notLoaded = try await broken.send(.GET, path: "/readyz", headers: [])
        #expect(notLoaded.status == 503)
        #expect(notLoaded.json?["status"]?.stringValue == "degraded")
        #expect(notLoaded.json?["redis"]?.stringValue == "up")
        #expect(notLoaded.json?["semantic"]?.stringValue == "model not loaded")
        // Still serving, exactly.
        #expect(try await broken.complete(uniquePrompt()).status == 200)
    }
}

/// Samples of a Prometheus text exposition, by series (`name{labels}`).
struct PrometheusSamples {
    private var values: [String: Double] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
    }

    subscript(series: String) -> Double? { values[series] }

    /// The sum over every series of the metric.
    func sum(_ name: String) -> Double {
        values.filter { $0.key == name || $0.key.hasPrefix(name + "{") }.values.reduce(0, +)
    }
}
