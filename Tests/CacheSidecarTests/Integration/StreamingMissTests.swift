import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Streamed answers through the sidecar: relayed as they arrive, kept when complete, and the
/// provider's stream aborted when the client goes away.
@Suite("Streamed misses through HTTP")
struct StreamingMissTests {
    static let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer sk-test")]

    @Test func chunksReachTheClientBeforeTheProviderHasFinished() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let pieces = ["first ", "second ", "third"]
        sidecar.provider.enqueue(.stream(chunks: pieces, delay: .seconds(1)))
        let body = SidecarHarness.completionBody(uniquePrompt(), extra: #","stream":true"#)
        let response = try await SidecarHarness.httpClient.execute(sidecar.request(body: body, headers: Self.headers), timeout: .seconds(30))
        #expect(response.headers.first(name: "content-type") == "text/event-stream")
        #expect(response.headers.first(name: "x-cache") == "MISS")

        var text = ""
        var sentWhenFirstPieceArrived: Int?
        for try await chunk in response.body {
            text += String(buffer: chunk)
            if sentWhenFirstPieceArrived == nil, text.contains(#""content":"first ""#) {
                sentWhenFirstPieceArrived = sidecar.provider.sentStreamChunks
            }
        }
        // The first piece was in the client's hands while the provider still had pieces to send.
        #expect(try #require(sentWhenFirstPieceArrived) < pieces.count)
        #expect(streamedContent(text) == pieces.joined())
        #expect(text.hasSuffix("data: [DONE]\n\n"))
    }

    @Test func streamedMissThenStreamedAndJSONHitsCarryTheSameText() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let pieces = ["Redis ", "keeps ", "data ", "in memory."]
        sidecar.provider.enqueue(.stream(chunks: pieces, delay: .milliseconds(20)))
        let prompt = uniquePrompt()

        let miss = try await sidecar.complete(prompt, extra: #","stream":true"#)
        #expect(miss.xCache == "MISS")
        #expect(streamedContent(miss.text) == pieces.joined())

        let streamedHit = try await sidecar.complete(prompt, extra: #","stream":true"#)
        #expect(streamedHit.xCache == "HIT")
        #expect(streamedHit.headers.first(name: "content-type") == "text/event-stream")
        #expect(streamedContent(streamedHit.text) == pieces.joined())
        #expect(streamedHit.text.hasSuffix("data: [DONE]\n\n"))

        let jsonHit = try await sidecar.complete(prompt)
        #expect(jsonHit.xCache == "HIT")
        #expect(jsonHit.json?["object"]?.stringValue == "chat.completion")
        #expect(jsonHit.json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == pieces.joined())
        #expect(sidecar.provider.callCount() == 1)
    }

    @Test func clientDisconnectAbortsTheProviderStreamAndStoresNothing() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let pieces = (0..<40).map { "piece\($0) " }
        sidecar.provider.enqueue(.stream(chunks: pieces, delay: .milliseconds(100)))
        let body = SidecarHarness.completionBody(uniquePrompt(), extra: #","stream":true"#)

        let client = Task {
            let response = try await SidecarHarness.httpClient.execute(sidecar.request(body: body, headers: Self.headers), timeout: .seconds(30))
            for try await _ in response.body {}
        }
        try await waitUntil { sidecar.provider.sentStreamChunks >= 2 }
        client.cancel()
        await #expect(throws: (any Error).self) { try await client.value }

        try await waitUntil(timeout: .seconds(10)) { sidecar.provider.abortedStreams == 1 }
        #expect(sidecar.provider.sentStreamChunks < pieces.count)
        try await waitUntil { sidecar.application.coalescer.count == 0 }
        #expect(try await sidecar.storedKeys().isEmpty)
    }

    @Test func uncachedStreamIsAbortedToo() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.stream(chunks: (0..<40).map { "piece\($0) " }, delay: .milliseconds(100)))
        let body = SidecarHarness.completionBody(uniquePrompt(), extra: #","stream":true"#)
        let client = Task {
            let request = sidecar.request(body: body, headers: Self.headers + [("Cache-Control", "no-store")])
            let response = try await SidecarHarness.httpClient.execute(request, timeout: .seconds(30))
            for try await _ in response.body {}
        }
        try await waitUntil { sidecar.provider.sentStreamChunks >= 2 }
        client.cancel()
        try await waitUntil(timeout: .seconds(10)) { sidecar.provider.abortedStreams == 1 }
        #expect(sidecar.provider.sentStreamChunks < 40)
    }

    @Test func aStreamThatBreaksIsNotStored() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.streamThenDrop(chunks: ["half ", "an answer"], delay: .milliseconds(20)))
        let prompt = uniquePrompt()
        let broken = try? await sidecar.complete(prompt, extra: #","stream":true"#)
        #expect(broken.map { !$0.text.contains("[DONE]") } ?? true)
        #expect(try await sidecar.storedKeys().isEmpty)
        #expect(try await sidecar.complete(prompt, extra: #","stream":true"#).xCache == "MISS")
    }
}
