import Foundation
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// The admin API through HTTP: refused without the token, and its effects seen by later requests.
@Suite("Admin API")
struct AdminTests {
    static let token = "admin-\(UUID().uuidString)"

    private func start(semantic: Bool = false, prefix: String? = nil, provider: FakeProvider? = nil) async throws -> SidecarHarness {
        try await SidecarHarness.start(provider: provider, prefix: prefix) { config in
            config.adminToken = Self.token
            config.semanticEnabled = semantic
        }
    }

    private func admin(_ sidecar: SidecarHarness, _ path: String, _ body: String, token: String? = token) async throws -> SidecarHarness.Reply {
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        return try await sidecar.send(path: path, body: body, headers: headers)
    }

    @Test func disabledWithoutAToken() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        for path in ["/admin/invalidate", "/admin/report", "/admin/anything-else"] {
            #expect(try await admin(sidecar, path, #"{"all":true}"#).status == 404, "\(path)")
        }
        #expect(sidecar.provider.totalCalls == 0)
    }

    @Test func refusedWithoutOrWithAWrongToken() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        _ = try await sidecar.complete(prompt)
        for token in [nil, "wrong", String(Self.token.dropLast()), Self.token + "x"] as [String?] {
            for path in ["/admin/invalidate", "/admin/report"] {
                let reply = try await admin(sidecar, path, #"{"all":true}"#, token: token)
                #expect(reply.status == 401)
                #expect(reply.json?["error"]?["code"]?.stringValue == "invalid_admin_token")
                #expect(reply.json?["error"]?["type"]?.stringValue == "invalid_request_error")
            }
        }
        let basic = try await sidecar.send(path: "/admin/invalidate", body: #"{"all":true}"#, headers: [("Authorization", "Basic \(Self.token)")])
        #expect(basic.status == 401)
        #expect(try await sidecar.complete(prompt).xCache == "HIT")
    }

    @Test func refusesAnUnclearSelection() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        #expect(try await admin(sidecar, "/admin/invalidate", "{}").status == 400)
        #expect(try await admin(sidecar, "/admin/invalidate", #"{"model":"a","tenant":"b"}"#).status == 400)
        #expect(try await admin(sidecar, "/admin/invalidate", "not json").status == 400)
        #expect(try await admin(sidecar, "/admin/report", "{}").status == 400)
        #expect(try await admin(sidecar, "/admin/report", #"{"key":"0000"}"#).status == 404)
    }

    @Test func invalidateByModel() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        _ = try await sidecar.complete(prompt, model: "gpt-4.1")
        _ = try await sidecar.complete(uniquePrompt(), model: "gpt-4.1")
        _ = try await sidecar.complete(prompt, model: "gpt-4o")
        let reply = try await admin(sidecar, "/admin/invalidate", #"{"model":"gpt-4.1"}"#)
        #expect(reply.status == 200)
        #expect(reply.json?["evicted"]?.integerValue == 2)
        #expect(try await sidecar.complete(prompt, model: "gpt-4.1").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, model: "gpt-4o").xCache == "HIT")
        #expect(sidecar.provider.callCount() == 4)
        #expect(try await sidecar.getJSON("/stats")["models"]?["gpt-4.1"]?["entries"]?.integerValue == 1)
    }

    @Test func invalidateByTenantOrAPIKey() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        let alice = try await sidecar.complete(prompt, apiKey: "sk-alice")
        _ = try await sidecar.complete(prompt, apiKey: "sk-bob")
        _ = try await sidecar.complete(prompt, apiKey: "sk-carol")
        let tenant = try #require(alice.headers.first(name: "x-cache-tenant"))
        #expect(tenant.hasPrefix("t") && !tenant.contains("alice"))

        #expect(try await admin(sidecar, "/admin/invalidate", #"{"tenant":"\#(tenant)"}"#).json?["evicted"]?.integerValue == 1)
        #expect(try await admin(sidecar, "/admin/invalidate", #"{"api_key":"sk-bob"}"#).json?["evicted"]?.integerValue == 1)
        #expect(try await sidecar.complete(prompt, apiKey: "sk-alice").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-bob").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-carol").xCache == "HIT")
    }

    @Test func invalidateByKeyAndEverything() async throws {
        let sidecar = try await start()
        defer { Task { await sidecar.stop() } }
        let first = uniquePrompt()
        let second = uniquePrompt()
        let key = try #require(try await sidecar.complete(first).headers.first(name: "x-cache-key"))
        _ = try await sidecar.complete(second)
        _ = try await sidecar.complete(second, model: "gpt-4o")
        #expect(try await admin(sidecar, "/admin/invalidate", #"{"key":"\#(key)"}"#).json?["evicted"]?.integerValue == 1)
        #expect(try await admin(sidecar, "/admin/invalidate", #"{"key":"\#(key)"}"#).json?["evicted"]?.integerValue == 0)
        #expect(try await sidecar.complete(first).xCache == "MISS")
        #expect(try await sidecar.complete(second).xCache == "HIT")

        #expect(try await admin(sidecar, "/admin/invalidate", #"{"all":true}"#).json?["evicted"]?.integerValue == 3)
        #expect(try await sidecar.complete(first).xCache == "MISS")
        #expect(try await sidecar.complete(second).xCache == "MISS")
        #expect(try await sidecar.complete(second, model: "gpt-4o").xCache == "MISS")
        // Only the entries just stored again remain: nothing leaks from the evicted ones.
        let keys = try await sidecar.storedEntryKeys()
        #expect(keys.count == 3)
    }

    /// A semantic entry's deletion is published, so another sidecar drops the vector it holds.
    @Test func evictionReachesOtherSidecarsIndexes() async throws {
        let prefix = "test:\(UUID().uuidString.prefix(8)):"
        let provider = try await FakeProvider.start()
        let a = try await start(semantic: true, prefix: prefix, provider: provider)
        let b = try await start(semantic: true, prefix: prefix, provider: provider)
        defer { Task { await a.stop(); await b.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        _ = try await a.complete("How do I reset my password?", apiKey: apiKey)
        #expect(try await b.complete("How can I reset my password?", apiKey: apiKey).xCache == "HIT")
        let bIndex = try #require(b.application.semantic.cache)
        #expect(bIndex.indexSize.entries == 1)

        #expect(try await admin(a, "/admin/invalidate", #"{"model":"gpt-4.1"}"#).json?["evicted"]?.integerValue == 1)
        let events = try await a.redis.send(RedisCommand("XRANGE", prefix + "events", "-", "+")).array ?? []
        let operations = events.compactMap { $0.array?.last?.array?[1].string }
        #expect(operations == ["add", "del"])
        var dropped = false
        for _ in 0..<50 where !dropped {
            try await Task.sleep(for: .milliseconds(100))
            dropped = bIndex.indexSize.entries == 0
        }
        #expect(dropped)
        #expect(try await b.complete("How can I reset my password?", apiKey: apiKey).xCache == "MISS")
    }

    /// A reported semantic hit is evicted, and its context no longer matches that pair — even
    /// once the original question is stored again.
    @Test func wrongHitReportTightensTheContext() async throws {
        let sidecar = try await start(semantic: true)
        defer { Task { await sidecar.stop() } }
        let apiKey = "sk-\(UUID().uuidString)"
        let stored = "How do I reset my password?"
        let asked = "How can I reset my password?"
        _ = try await sidecar.complete(stored, apiKey: apiKey)
        let hit = try await sidecar.complete(asked, apiKey: apiKey)
        #expect(hit.headers.first(name: "x-cache-match") == "semantic")
        let key = try #require(hit.headers.first(name: "x-cache-key"))
        let similarity = try #require(hit.headers.first(name: "x-cache-similarity").flatMap(Double.init))

        let report = try await admin(sidecar, "/admin/report", #"{"key":"\#(key)","similarity":\#(similarity)}"#)
        #expect(report.status == 200)
        #expect(report.json?["evicted"]?.integerValue == 1)
        let floor = try #require(report.json?["similarity_floor"]?.doubleValue)
        #expect(abs(floor - (similarity + 0.001)) < 1e-9)

        #expect(try await sidecar.complete(stored, apiKey: apiKey).xCache == "MISS")
        #expect(try await sidecar.complete(asked, apiKey: apiKey).xCache == "MISS")
        #expect(try await sidecar.complete(asked, apiKey: apiKey).xCache == "HIT")
        #expect(try await sidecar.complete(stored, apiKey: apiKey).xCache == "HIT")
        #expect(sidecar.provider.callCount() == 3)
        // Another tenant's context is untouched.
        let other = "sk-\(UUID().uuidString)"
        _ = try await sidecar.complete(stored, apiKey: other)
        #expect(try await sidecar.complete(asked, apiKey: other).headers.first(name: "x-cache-match") == "semantic")
    }

    @Test func reportWithoutSimilarityRaisesTheThresholdByAStep() async throws {
        let sidecar = try await start(semantic: true)
        defer { Task { await sidecar.stop() } }
        let key = try #require(try await sidecar.complete(uniquePrompt("Where is the Eiffel tower?")).headers.first(name: "x-cache-key"))
        let first = try await admin(sidecar, "/admin/report", #"{"key":"\#(key)"}"#)
        let floor = try #require(first.json?["similarity_floor"]?.doubleValue)
        #expect(abs(floor - (ModelSettingsTable.defaultSimilarityThreshold + AdminEndpoints.floorStep)) < 1e-9)
    }
}
