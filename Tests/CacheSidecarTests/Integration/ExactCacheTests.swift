import Foundation
import HTTPTypes
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Issue 2's behaviour through real HTTP, a real Redis and the fake provider.
@Suite("Exact cache through HTTP")
struct ExactCacheTests {
    @Test func missThenHitWithOneUpstreamCall() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()

        let first = try await sidecar.complete(prompt)
        #expect(first.status == 200)
        #expect(first.xCache == "MISS")
        let second = try await sidecar.complete(prompt)
        #expect(second.status == 200)
        #expect(second.xCache == "HIT")
        #expect(second.headers.first(name: "x-cache-match") == "exact")
        #expect(second.headers.first(name: "age").flatMap(Int.init) != nil)
        #expect(second.headers.first(name: "content-type") == "application/json")
        #expect(second.body == first.body)
        #expect(sidecar.provider.callCount() == 1)
        #expect(first.json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue?.contains(prompt) == true)
    }

    @Test func keyOrderAndWhitespaceDoNotMatter() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        let compact = #"{"model":"gpt-4.1","temperature":0.5,"messages":[{"role":"user","content":"\#(prompt)"}]}"#
        let spaced = """
            {
              "messages": [ { "content": "\(prompt)", "role": "user" } ],
              "temperature": 0.50,
              "model": "gpt-4.1",
              "stream": false
            }
            """
        let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer sk-a")]
        #expect(try await sidecar.send(body: compact, headers: headers).xCache == "MISS")
        #expect(try await sidecar.send(body: spaced, headers: headers).xCache == "HIT")
        #expect(sidecar.provider.callCount() == 1)
    }

    @Test func twoAPIKeysNeverShareAnEntry() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        #expect(try await sidecar.complete(prompt, apiKey: "sk-alice").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-bob").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-alice").xCache == "HIT")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-bob").xCache == "HIT")
        #expect(sidecar.provider.callCount() == 2)
    }

    @Test func sharedScopeServesEveryCaller() async throws {
        let sidecar = try await SidecarHarness.start { $0.cacheScope = .shared }
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        #expect(try await sidecar.complete(prompt, apiKey: "sk-alice").xCache == "MISS")
        #expect(try await sidecar.complete(prompt, apiKey: "sk-bob").xCache == "HIT")
    }

    @Test func noCredentialReachesRedis() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        _ = try await sidecar.complete(uniquePrompt(), apiKey: "sk-very-secret-key")
        let keys = try await sidecar.storedKeys()
        // The entry, its model and tenant memberships, and the set of models.
        #expect(keys.count == 4)
        #expect(keys.filter { $0.hasPrefix(sidecar.prefix + "e:") }.count == 1)
        for key in keys {
            #expect(!key.contains("sk-very-secret-key"))
            let type = try await sidecar.redis.send(RedisCommand("TYPE", key)).string
            let read = switch type {
            case "hash": RedisCommand("HGETALL", key)
            case "zset": RedisCommand("ZRANGE", key, "0", "-1")
            default: RedisCommand("SMEMBERS", key)
            }
            let fields = try await sidecar.redis.send(read).array ?? []
            #expect(!fields.isEmpty)
            for field in fields { #expect(!(field.string ?? "").contains("sk-very-secret-key")) }
        }
    }

    @Test func entriesExpireWithTheRequestedTTL() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        // 2 s, not 1: on a loaded machine a 1 s entry could expire before the second request.
        #expect(try await sidecar.complete(prompt, headers: [("X-Cache-TTL", "2")]).xCache == "MISS")
        let stored = ContinuousClock.now
        #expect(try await sidecar.complete(prompt).xCache == "HIT")
        try await Task.sleep(until: stored + .milliseconds(2300))
        #expect(try await sidecar.complete(prompt).xCache == "MISS")
        #expect(sidecar.provider.callCount() == 2)
    }

    @Test func perModelTTLIsApplied() async throws {
        let sidecar = try await SidecarHarness.start { config in
            config.models.models["tiny-ttl-model"] = ModelSettings(ttl: .seconds(42), similarityThreshold: 0.9)
        }
        defer { Task { await sidecar.stop() } }
        for (model, seconds) in [("gpt-4.1", 7200), ("gemini-2.5-flash", 1800), ("some-new-model", 3600), ("tiny-ttl-model", 42)] {
            let reply = try await sidecar.complete(uniquePrompt(), model: model)
            let key = try #require(reply.headers.first(name: "x-cache-key"))
            let ttl = try await sidecar.redis.send(RedisCommand("TTL", sidecar.prefix + "e:" + key)).integer ?? -1
            #expect(ttl > seconds - 5 && ttl <= seconds, "\(model): TTL \(ttl)")
        }
    }

    @Test func noCacheSkipsTheLookupAndRefreshesTheEntry() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        let first = try await sidecar.complete(prompt)
        let refreshed = try await sidecar.complete(prompt, headers: [("Cache-Control", "no-cache")])
        #expect(refreshed.xCache == "BYPASS")
        #expect(refreshed.body != first.body)
        let after = try await sidecar.complete(prompt)
        #expect(after.xCache == "HIT")
        #expect(after.body == refreshed.body)
        #expect(sidecar.provider.callCount() == 2)
    }

    @Test func noStoreNeitherLooksUpNorStores() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        #expect(try await sidecar.complete(prompt, headers: [("Cache-Control", "no-store")]).xCache == "BYPASS")
        #expect(try await sidecar.storedKeys().isEmpty)
        #expect(try await sidecar.complete(prompt).xCache == "MISS")
        #expect(try await sidecar.complete(prompt, headers: [("Cache-Control", "no-store")]).xCache == "BYPASS")
        #expect(sidecar.provider.callCount() == 3)
    }

    @Test func onlyIfCachedAnswersFromTheCacheOrWith504() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        let onlyIfCached = [("Cache-Control", "only-if-cached")]
        let missed = try await sidecar.complete(prompt, headers: onlyIfCached)
        #expect(missed.status == 504)
        #expect(missed.xCache == "MISS")
        #expect(missed.json?["error"]?["code"]?.stringValue == "not_cached")
        #expect(sidecar.provider.callCount() == 0)
        #expect(try await sidecar.storedKeys().isEmpty)

        let stored = try await sidecar.complete(prompt)
        let served = try await sidecar.complete(prompt, headers: onlyIfCached)
        #expect(served.status == 200)
        #expect(served.xCache == "HIT")
        #expect(served.body == stored.body)
        // With no-cache the entry may not be used without upstream, and upstream is not asked.
        let refused = try await sidecar.complete(prompt, headers: [("Cache-Control", "no-cache, only-if-cached")])
        #expect(refused.status == 504)
        #expect(sidecar.provider.callCount() == 1)
    }

    @Test func upstreamErrorsArePassedThroughAndNeverCached() async throws {
        let sidecar = try await SidecarHarness.start { $0.upstreamRetries = 0 }
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        let errorBody = #"{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}"#
        sidecar.provider.enqueue(.status(500, body: errorBody, headers: ["x-request-id": "req-1"]), .status(429, body: errorBody, headers: ["Retry-After": "1"]))
        let failed = try await sidecar.complete(prompt)
        #expect(failed.status == 500)
        #expect(failed.text == errorBody)
        #expect(failed.headers.first(name: "x-request-id") == "req-1")
        let limited = try await sidecar.complete(prompt)
        #expect(limited.status == 429)
        #expect(limited.headers.first(name: "retry-after") == "1")
        #expect(try await sidecar.storedKeys().isEmpty)
        let ok = try await sidecar.complete(prompt)
        #expect(ok.status == 200 && ok.xCache == "MISS")
        #expect(sidecar.provider.callCount() == 3)
    }

    @Test func redisDownMeansBypassAndStillServed() async throws {
        let sidecar = try await SidecarHarness.start(privateRedis: true)
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        #expect(try await sidecar.complete(prompt).xCache == "MISS")
        sidecar.privateRedis?.kill()
        for _ in 0..<3 {
            let reply = try await sidecar.complete(prompt)
            #expect(reply.status == 200)
            #expect(reply.xCache == "BYPASS")
        }
        #expect(sidecar.provider.callCount() == 4)
        let ready = try await sidecar.send(.GET, path: "/readyz", headers: [])
        #expect(ready.status == 503)

        // Caching resumes by itself once Redis is back (the restarted server is empty).
        try sidecar.privateRedis?.restart()
        var resumed = false
        for _ in 0..<100 where !resumed {
            try await Task.sleep(for: .milliseconds(100))
            resumed = try await sidecar.complete(prompt).xCache == "MISS"
        }
        #expect(resumed)
        #expect(try await sidecar.complete(prompt).xCache == "HIT")
    }
}
