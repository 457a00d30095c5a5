import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Logging
import Testing

@testable import CacheSidecar

#if canImport(Glibc)
import Glibc
#endif

/// The `cache-sidecar` executable under SIGTERM: requests in flight finish and are kept, new
/// connections are refused, and the process exits 0 — within `--shutdown-grace`, which cuts
/// requests that would take longer.
@Suite("SIGTERM drains, then exits")
struct GracefulShutdownTests {
    private func start(_ provider: FakeProvider, grace: String) async throws -> SidecarProcess {
        try await SidecarProcess(arguments: [
            "--upstream-url", provider.origin, "--redis-url", try RedisServerProcess.sharedURL(), "--semantic", "off",
            "--upstream-retries", "0", "--shutdown-grace", grace,
        ])
    }

    private func post(_ sidecar: SidecarProcess, _ body: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: sidecar.url("/v1/chat/completions"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer sk-drain")
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }

    private func send(_ request: HTTPClientRequest) async throws -> (status: Int, headers: HTTPHeaders, text: String) {
        let response = try await SidecarHarness.httpClient.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers, String(buffer: body))
    }

    @Test func requestsInFlightFinishAndAreKeptThenTheProcessExitsZero() async throws {
        let provider = try await FakeProvider.start()
        defer { Task { await provider.stop() } }
        let sidecar = try await start(provider, grace: "30s")
        #expect(sidecar.listeningAddresses == ["127.0.0.1"], "listens on loopback only by default")

        let pieces = (0..<6).map { "piece\($0) " }
        provider.enqueue(.stall(.seconds(4)), .stream(chunks: pieces, delay: .milliseconds(500)))
        let jsonPrompt = uniquePrompt("Drain me")
        let json = Task { try await send(post(sidecar, SidecarHarness.completionBody(jsonPrompt))) }
        try await waitUntil { provider.totalCalls == 1 }
        let streamBody = SidecarHarness.completionBody(uniquePrompt("Stream me"), extra: #","stream":true"#)
        let stream = Task { try await send(post(sidecar, streamBody)) }
        try await waitUntil { provider.sentStreamChunks >= 1 }

        sidecar.signal(SIGTERM)
        try await waitUntil(timeout: .seconds(5)) { sidecar.refusesConnections }
        #expect(provider.sentStreamChunks < pieces.count, "new connections were refused while the stream was still under way")

        let jsonReply = try await json.value
        #expect(jsonReply.status == 200)
        #expect(jsonReply.headers.first(name: "x-cache") == "MISS")
        #expect(jsonReply.text.contains("answer 1 to: \(jsonPrompt)"))
        let streamReply = try await stream.value
        #expect(streamReply.status == 200)
        #expect(streamedContent(streamReply.text) == pieces.joined())
        #expect(streamReply.text.hasSuffix("data: [DONE]\n\n"))

        let exit = try await sidecar.exited(within: .seconds(20))
        #expect(exit == .code(0), "\(sidecar.log)")
        // Both answers were stored before the process went away.
        let redis = RedisClient(configuration: try RedisConfiguration(url: try RedisServerProcess.sharedURL()), logger: .init(label: "drain"))
        defer { redis.shutdown() }
        for reply in [jsonReply, streamReply] {
            let key = try #require(reply.headers.first(name: "x-cache-key"))
            #expect(try await redis.send(RedisCommand("EXISTS", "cs:v1:e:" + key)).integer == 1)
        }
    }

    @Test func aRequestLongerThanTheGraceIsCutAndTheProcessStillExits() async throws {
        let provider = try await FakeProvider.start()
        defer { Task { await provider.stop() } }
        let sidecar = try await start(provider, grace: "1s")
        provider.enqueue(.stall(.seconds(120)))
        let slow = Task { try await send(post(sidecar, SidecarHarness.completionBody(uniquePrompt("Too slow")))) }
        try await waitUntil { provider.totalCalls == 1 }

        let signalled = ContinuousClock.now
        sidecar.signal(SIGTERM)
        let exit = try await sidecar.exited(within: .seconds(30))
        let took = ContinuousClock.now - signalled
        #expect(exit == .code(0), "\(sidecar.log)")
        #expect(took >= .milliseconds(900), "the grace period was given")
        // The client is told: an error status, or the connection closed without an answer.
        let cut = try? await slow.value
        #expect(cut.map { $0.status >= 500 } ?? true, "\(String(describing: cut))")
    }
}
