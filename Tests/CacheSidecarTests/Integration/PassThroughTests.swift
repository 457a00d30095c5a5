import AsyncHTTPClient
import HTTPTypes
import NIOCore
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

    /// A large upload reaches the provider while the client is still sending it: the sidecar does
    /// not hold the body back until it has all of it.
    @Test(arguments: [true, false])
    func largeBodiesStreamUpstream(declaresLength: Bool) async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        var generator = SystemRandomNumberGenerator()
        let body = (0..<(3 * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let (chunks, sender) = AsyncStream<ByteBuffer>.makeStream()
        var request = sidecar.request(.POST, path: "/v1/files", headers: [("Content-Type", "application/octet-stream")])
        request.body = .stream(chunks, length: declaresLength ? .known(Int64(body.count)) : .unknown)
        let reply = Task {
            let response = try await SidecarHarness.httpClient.execute(request, timeout: .seconds(30))
            return (response.status.code, Array(buffer: try await response.body.collect(upTo: 8 * 1024 * 1024)))
        }
        let firstMiB = 1024 * 1024
        for start in stride(from: 0, to: firstMiB, by: 64 * 1024) {
            sender.yield(ByteBuffer(bytes: body[start..<(start + 64 * 1024)]))
        }
        // Two thirds of the body are still with the client.
        try await waitUntil(timeout: .seconds(15)) { sidecar.provider.receivedBodyBytes >= firstMiB / 2 }
        for start in stride(from: firstMiB, to: body.count, by: 64 * 1024) {
            sender.yield(ByteBuffer(bytes: body[start..<min(start + 64 * 1024, body.count)]))
        }
        sender.finish()
        let (status, echoed) = try await reply.value
        #expect(status == 200)
        #expect(echoed.count == body.count)
        #expect(echoed == body)
        #expect(sidecar.provider.lastRequest?.path == "/v1/files")
    }

    /// A chunked body that outgrows the limit while streaming is refused with 413, not forwarded whole.
    @Test func streamedBodyOverTheLimitIsRefused() async throws {
        let sidecar = try await SidecarHarness.start { $0.maxBodyBytes = 256 * 1024 }
        defer { Task { await sidecar.stop() } }
        let (chunks, sender) = AsyncStream<ByteBuffer>.makeStream()
        for _ in 0..<8 { sender.yield(ByteBuffer(repeating: 0x61, count: 64 * 1024)) }
        sender.finish()
        var request = sidecar.request(.POST, path: "/v1/files", headers: [("Content-Type", "application/octet-stream")])
        request.body = .stream(chunks, length: .unknown)
        let response = try await SidecarHarness.httpClient.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 1024 * 1024))
        #expect(response.status.code == 413)
        #expect(text.contains("request_too_large") || text.contains("too large"))
        #expect(sidecar.provider.receivedBodyBytes <= 256 * 1024 + 64 * 1024)
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
