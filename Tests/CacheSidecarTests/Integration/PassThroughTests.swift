import HTTPTypes
import NIOHTTP1
import Testing

@testable import CacheSidecar

@Suite("Other paths pass through unchanged")
struct PassThroughTests {
    @Test func methodPathHeadersBodyAndStatusAreForwarded() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let body = #"{"input":"hello","model":"text-embedding-3-small"}"#
        let reply = try await sidecar.send(
            .POST, path: "/v1/embeddings?x=1", body: body,
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer sk-p"), ("X-Custom", "kept")])
        #expect(reply.status == 200)
        #expect(reply.text == body)
        let seen = try #require(sidecar.provider.lastRequest)
        #expect(seen.method == .post)
        #expect(seen.path == "/v1/embeddings")
        #expect(seen.query == "x=1")
        #expect(seen.headers[.authorization] == "Bearer sk-p")
        #expect(seen.headers[.init("x-custom")!] == "kept")
        #expect(reply.headers.first(name: "x-cache") == nil)

        let get = try await sidecar.send(.GET, path: "/v1/models", headers: [])
        #expect(get.status == 200)
        #expect(sidecar.provider.lastRequest?.method == .get)
        #expect(sidecar.provider.lastRequest?.path == "/v1/models")
    }

    @Test func healthAndStats() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        #expect(try await sidecar.send(.GET, path: "/healthz", headers: []).status == 200)
        #expect(try await sidecar.send(.GET, path: "/readyz", headers: []).status == 200)
        let prompt = uniquePrompt()
        _ = try await sidecar.complete(prompt)                       // miss
        _ = try await sidecar.complete(prompt)                       // hit
        _ = try await sidecar.complete(prompt)                       // hit
        _ = try await sidecar.complete(prompt, model: "gpt-4o")      // miss
        _ = try await sidecar.complete(prompt, headers: [("Cache-Control", "no-store")])  // bypass
        _ = try await sidecar.send(body: "{")                        // error
        let stats = try #require(try await sidecar.send(.GET, path: "/stats", headers: []).json)
        let total = try #require(stats["total"])
        #expect(total["requests"]?.integerValue == 6)
        #expect(total["hits"]?.integerValue == 2)
        #expect(total["exact_hits"]?.integerValue == 2)
        #expect(total["misses"]?.integerValue == 2)
        #expect(total["bypasses"]?.integerValue == 1)
        #expect(total["errors"]?.integerValue == 1)
        #expect(total["hit_rate"]?.doubleValue == 0.5)
        let gpt41 = try #require(stats["models"]?["gpt-4.1"])
        #expect(gpt41["requests"]?.integerValue == 4)
        #expect(gpt41["hits"]?.integerValue == 2)
        #expect(gpt41["hit_rate"]?.doubleValue == 0.6667)
        // Two hits of an answer whose usage the fake provider reports, priced at gpt-4.1's list price.
        let saved = try #require(gpt41["tokens_saved"]?["total"]?.integerValue)
        #expect(saved > 0)
        #expect((gpt41["cost_saved_usd"]?.doubleValue ?? 0) > 0)
        #expect(stats["models"]?["gpt-4o"]?["misses"]?.integerValue == 1)
    }
}
