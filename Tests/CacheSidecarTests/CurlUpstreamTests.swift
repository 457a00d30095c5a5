import Foundation
import HTTPTypes
import Logging
import NIOCore
import Testing

@testable import CacheSidecar

@Suite("CurlUpstream against the fake provider")
struct CurlUpstreamTests {
    // MARK: Round trips

    @Test func jsonCompletionRoundTrip() async throws {
        try await withUpstream { provider, upstream in
            let response = try await upstream.send(.chat(#"{"model":"gpt-4o","messages":[{"role":"user","content":"hello there"}]}"#))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "req_fake1")
            #expect(response.headers[.contentLength] == nil)
            #expect(response.headers[.connection] == nil)

            let json = try await jsonObject(response.body)
            #expect(json["object"] as? String == "chat.completion")
            #expect(json["model"] as? String == "gpt-4o")
            let choice = (json["choices"] as? [[String: Any]])?.first
            let message = choice?["message"] as? [String: Any]
            #expect(message?["content"] as? String == "answer 1 to: hello there")
            #expect(choice?["finish_reason"] as? String == "stop")
            #expect((json["usage"] as? [String: Any])?["total_tokens"] as? Int == 7)

            let recorded = try #require(provider.lastRequest)
            #expect(recorded.method == .post)
            #expect(recorded.path == "/v1/chat/completions")
            #expect(recorded.headers[.authorization] == "Bearer sk-test")
            #expect(recorded.headers[.contentType] == "application/json")
            // curl negotiates compression itself, in place of the client's value.
            #expect(recorded.headers[.acceptEncoding] != "br")
            #expect(recorded.headers[.acceptEncoding]?.contains("gzip") == true)
            #expect(provider.callCount() == 1)
        }
    }

    @Test func requestBodyIsBinarySafe() async throws {
        try await withUpstream { provider, upstream in
            let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // NULs included
            let request = UpstreamRequest(
                method: .post,
                path: "/v1/embeddings?x=1",
                headers: [.contentType: "application/octet-stream", HTTPField.Name("X-Custom")!: "kept", .expect: "100-continue"],
                body: ByteBuffer(bytes: bytes),
                timeout: .seconds(10)
            )
            let response = try await upstream.send(request)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/octet-stream")
            #expect(try await collect(response.body) == bytes)

            let recorded = try #require(provider.lastRequest)
            #expect(recorded.body == bytes)
            #expect(recorded.path == "/v1/embeddings")
            #expect(recorded.query == "x=1")
            #expect(recorded.headers[HTTPField.Name("X-Custom")!] == "kept")
            #expect(recorded.headers[.expect] == nil)
        }
    }

    @Test(arguments: [HTTPRequest.Method.get, .delete, .put, .patch, .head])
    func otherMethodsPassThrough(method: HTTPRequest.Method) async throws {
        try await withUpstream { provider, upstream in
            let body = method == .put || method == .patch ? ByteBuffer(string: #"{"a":1}"#) : ByteBuffer()
            let headers: HTTPFields = body.readableBytes > 0 ? [.contentType: "application/json"] : [:]
            let response = try await upstream.send(
                UpstreamRequest(method: method, path: "/v1/models/gpt-4o", headers: headers, body: body, timeout: .seconds(10))
            )
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("X-Echo-Method")!] == method.rawValue)
            let received = try await collect(response.body)
            #expect(received == (method == .head ? [] : Array(buffer: body)))
            #expect(provider.lastRequest?.method == method)
            #expect(provider.lastRequest?.path == "/v1/models/gpt-4o")
            // No made-up form content type when the client sent none.
            #expect(provider.lastRequest?.headers[.contentType] == headers[.contentType])
        }
    }

    @Test func errorStatusesPassThroughWithBodyAndHeaders() async throws {
        try await withUpstream { provider, upstream in
            let rateLimited = #"{"error":{"message":"Rate limit reached","type":"requests"}}"#
            provider.enqueue(
                .status(429, body: rateLimited, headers: ["Retry-After": "7"]),
                .status(500, body: #"{"error":{"message":"boom"}}"#)
            )
            let first = try await upstream.send(.chat(#"{"messages":[]}"#))
            #expect(first.status.code == 429)
            #expect(first.headers[.retryAfter] == "7")
            #expect(String(buffer: ByteBuffer(bytes: try await collect(first.body))) == rateLimited)

            let second = try await upstream.send(.chat(#"{"messages":[]}"#))
            #expect(second.status == .internalServerError)
            #expect(String(buffer: ByteBuffer(bytes: try await collect(second.body))).contains("boom"))
        }
    }

    @Test func gzipResponseIsDecoded() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.gzipped(.completeWith(content: String(repeating: "zipped ", count: 20_000))))
            let response = try await upstream.send(.chat(#"{"messages":[{"role":"user","content":"hi"}]}"#))
            #expect(response.headers[.contentEncoding] == nil)
            let json = try await jsonObject(response.body)
            let message = (json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
            #expect((message?["content"] as? String)?.count == 140_000)
            #expect(provider.lastRequest?.headers[.acceptEncoding]?.contains("gzip") == true)
        }
    }

    // MARK: Streaming

    @Test func sseChunksArriveAsTheyAreSent() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.stream(chunks: ["Once", " upon", " a", " time"], delay: .milliseconds(400)))
            let start = ContinuousClock.now
            let response = try await upstream.send(.chat(#"{"stream":true,"messages":[{"role":"user","content":"tell"}]}"#))
            #expect(response.headers[.contentType] == "text/event-stream")

            var arrivals: [(Duration, String)] = []
            var text = ""
            for try await chunk in response.body {
                text += String(buffer: chunk)
                arrivals.append((ContinuousClock.now - start, String(buffer: chunk)))
            }
            let firstContent = try #require(arrivals.first { $0.1.contains("Once") }?.0)
            let lastContent = try #require(arrivals.first { $0.1.contains(" time") }?.0)
            // Sent 3 × 400 ms apart: buffering anywhere would deliver them together.
            #expect(lastContent - firstContent > .milliseconds(900))
            #expect(text.hasSuffix("data: [DONE]\n\n"))
            #expect(text.contains(#""finish_reason":"stop""#))
        }
    }

    @Test func streamedCompleteIncludesUsageWhenAsked() async throws {
        try await withUpstream { _, upstream in
            let response = try await upstream.send(
                .chat(#"{"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"abc"}]}"#)
            )
            let events = String(buffer: ByteBuffer(bytes: try await collect(response.body)))
                .components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.last == "data: [DONE]")
            let usage = events.dropLast().last ?? ""
            #expect(usage.contains(#""choices":[]"#) && usage.contains("total_tokens"))
            let content = events.compactMap { event -> String? in
                guard let data = event.dropFirst(6).data(using: .utf8),
                    let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                    let choice = (json["choices"] as? [[String: Any]])?.first
                else { return nil }
                return (choice["delta"] as? [String: Any])?["content"] as? String
            }
            #expect(content.joined() == "answer 1 to: abc")
            #expect(content.count >= 4)
        }
    }

    @Test func connectionDroppedMidBodyFailsTheBody() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.streamThenDrop(chunks: ["a", "b"], delay: .milliseconds(20)))
            let response = try await upstream.send(.chat(#"{"stream":true,"messages":[]}"#))
            #expect(response.status == .ok)
            var received = ""
            let error = await #expect(throws: UpstreamError.self) {
                for try await chunk in response.body { received += String(buffer: chunk) }
            }
            guard case .transferFailed = error else {
                Issue.record("expected transferFailed, got \(String(describing: error))")
                return
            }
            #expect(received.contains(#""content":"b""#))
            #expect(!received.contains("[DONE]"))
        }
    }

    // MARK: Failures

    @Test func connectionRefusedFailsFast() async throws {
        let provider = try await FakeProvider.start()
        let origin = provider.origin
        await provider.stop()
        let upstream = CurlUpstream(origin: origin, connectTimeout: .seconds(5), logger: Logger(label: "test"))
        let start = ContinuousClock.now
        let error = await #expect(throws: UpstreamError.self) {
            _ = try await upstream.send(.chat("{}"))
        }
        guard case .connectionFailed = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(upstream.runningTransfers == 0)
        await upstream.shutdown()
    }

    @Test func stallLongerThanTimeoutTimesOut() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.stall(.seconds(3)))
            let start = ContinuousClock.now
            await #expect(throws: UpstreamError.timedOut) {
                _ = try await upstream.send(.chat("{}", timeout: .milliseconds(300)))
            }
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }

    // MARK: Cancellation

    @Test func cancellingTheConsumerStopsTheTransfer() async throws {
        try await withUpstream { provider, upstream in
            let pieces = (0..<30).map { "piece\($0) " }
            provider.enqueue(.stream(chunks: pieces, delay: .milliseconds(50)))
            let response = try await upstream.send(.chat(#"{"stream":true,"messages":[]}"#))
            let consumer = Task {
                var seen = 0
                for try await chunk in response.body where String(buffer: chunk).contains("piece") {
                    seen += 1
                }
                return seen
            }
            try await waitUntil { provider.sentStreamChunks >= 3 }
            consumer.cancel()
            // A cut-short body must never look complete: the iteration throws, it does not just end.
            await #expect(throws: CancellationError.self) { try await consumer.value }

            try await waitUntil { upstream.runningTransfers == 0 }
            try await waitUntil { provider.abortedStreams == 1 }
            #expect(provider.sentStreamChunks < pieces.count)
        }
    }

    /// A task cancelled before it reads gets an error, not an empty "complete" body.
    @Test func anAlreadyCancelledConsumerGetsAnError() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.stream(chunks: ["a ", "b "], delay: .milliseconds(200)))
            let response = try await upstream.send(.chat(#"{"stream":true,"messages":[]}"#))
            let consumer = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                var chunks = 0
                for try await _ in response.body { chunks += 1 }
                return chunks
            }
            await #expect(throws: CancellationError.self) { try await consumer.value }
            try await waitUntil { upstream.runningTransfers == 0 }
        }
    }

    @Test func droppingTheBodyStopsTheTransfer() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.stream(chunks: (0..<30).map { "piece\($0) " }, delay: .milliseconds(50)))
            do {
                let response = try await upstream.send(.chat(#"{"stream":true,"messages":[]}"#))
                for try await chunk in response.body where String(buffer: chunk).contains("piece1 ") {
                    break
                }
            }
            try await waitUntil { upstream.runningTransfers == 0 }
            try await waitUntil { provider.abortedStreams == 1 }
            #expect(provider.sentStreamChunks < 30)
        }
    }

    @Test func cancellingSendBeforeTheHeadCancelsTheTransfer() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.stall(.seconds(5)))
            let sender = Task { try await upstream.send(.chat("{}")) }
            try await waitUntil { provider.totalCalls == 1 }
            let start = ContinuousClock.now
            sender.cancel()
            await #expect(throws: CancellationError.self) { _ = try await sender.value }
            #expect(ContinuousClock.now - start < .seconds(1))
            try await waitUntil { upstream.runningTransfers == 0 }
        }
    }

    @Test func shutdownFailsTransfersInFlightAndLaterSends() async throws {
        try await withUpstream { provider, upstream in
            provider.enqueue(.stall(.seconds(5)))
            let sender = Task { try await upstream.send(.chat("{}")) }
            try await waitUntil { provider.totalCalls == 1 }
            await upstream.shutdown()
            await #expect(throws: UpstreamError.connectionFailed("upstream is shut down")) { _ = try await sender.value }
            await #expect(throws: UpstreamError.connectionFailed("upstream is shut down")) {
                _ = try await upstream.send(.chat("{}"))
            }
            #expect(upstream.runningTransfers == 0)
        }
    }

    // MARK: Load and memory

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await withUpstream { provider, upstream in
            for _ in 0..<5 {
                let response = try await upstream.send(.chat(#"{"messages":[]}"#))
                _ = try await collect(response.body)
            }
            #expect(provider.callCount() == 5)
            #expect(provider.connectionCount == 1)
        }
    }

    @Test func fiftyConcurrentRequestsAllSucceed() async throws {
        try await withUpstream { provider, upstream in
            let contents = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let response = try await upstream.send(
                            .chat(#"{"stream":\#(index.isMultiple(of: 2)),"messages":[{"role":"user","content":"q\#(index)"}]}"#)
                        )
                        #expect(response.status == .ok)
                        return (index, String(buffer: ByteBuffer(bytes: try await collect(response.body))))
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            #expect(contents.count == 50)
            for (index, body) in contents {
                #expect(body.contains("to: q\(index)") || body.contains(#"q\#(index)""#) || body.contains("[DONE]"))
            }
            #expect(provider.callCount() == 50)
            #expect(upstream.runningTransfers == 0)
        }
    }

    @Test func slowConsumerGetsTheWholeBodyThroughPauses() async throws {
        // Tiny watermarks force many pause/unpause cycles.
        try await withUpstream(highWatermark: 32 * 1024, lowWatermark: 8 * 1024) { _, upstream in
            let bytes = (0..<(2 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 / 7) }
            let response = try await upstream.send(
                UpstreamRequest(
                    method: .post,
                    path: "/v1/files",
                    headers: [.contentType: "application/octet-stream"],
                    body: ByteBuffer(bytes: bytes),
                    timeout: .seconds(30)
                )
            )
            var received: [UInt8] = []
            var chunks = 0
            for try await chunk in response.body {
                received += Array(buffer: chunk)
                chunks += 1
                if chunks.isMultiple(of: 8) { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(received == bytes)
        }
    }
}

// MARK: Helpers

extension UpstreamRequest {
    static func chat(_ json: String, timeout: Duration = .seconds(10)) -> UpstreamRequest {
        UpstreamRequest(
            method: .post,
            path: "/v1/chat/completions",
            headers: [.contentType: "application/json", .authorization: "Bearer sk-test", .acceptEncoding: "br"],
            body: ByteBuffer(string: json),
            timeout: timeout
        )
    }
}

private func withUpstream(
    highWatermark: Int = 512 * 1024,
    lowWatermark: Int = 128 * 1024,
    _ body: (FakeProvider, CurlUpstream) async throws -> Void
) async throws {
    let provider = try await FakeProvider.start()
    let upstream = CurlUpstream(
        origin: provider.origin,
        connectTimeout: .seconds(2),
        logger: Logger(label: "test"),
        bodyHighWatermark: highWatermark,
        bodyLowWatermark: lowWatermark
    )
    do {
        try await body(provider, upstream)
    } catch {
        await upstream.shutdown()
        await provider.stop()
        throw error
    }
    await upstream.shutdown()
    await provider.stop()
}

private func collect(_ body: UpstreamBody) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    for try await chunk in body { bytes += Array(buffer: chunk) }
    return bytes
}

private func jsonObject(_ body: UpstreamBody) async throws -> [String: Any] {
    let bytes = try await collect(body)
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}
