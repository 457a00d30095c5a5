import Foundation
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Retries, fallback upstreams and circuit breakers, through the sidecar, against fake providers.
@Suite("Upstream retries, fallbacks and circuit breakers")
struct UpstreamResilienceTests {
    static let serverError = #"{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}"#
    static let rateLimited = #"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#

    @Test func rateLimitIsRetriedAfterRetryAfter() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.status(429, body: Self.rateLimited, headers: ["Retry-After": "1"]))
        let started = ContinuousClock.now
        let reply = try await sidecar.complete(uniquePrompt())
        #expect(reply.status == 200)
        #expect(reply.xCache == "MISS")
        #expect(sidecar.provider.callCount() == 2)
        // The wait was honoured (a lower bound, which load cannot break).
        #expect(ContinuousClock.now - started >= .milliseconds(950))
    }

    @Test func serverErrorsAreRetriedUntilSuccess() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        for _ in 0..<3 { sidecar.provider.enqueue(.status(500, body: Self.serverError)) }
        let prompt = uniquePrompt()
        let reply = try await sidecar.complete(prompt)
        #expect(reply.status == 200)
        #expect(sidecar.provider.callCount() == 4)
        #expect(try await sidecar.complete(prompt).xCache == "HIT")
    }

    @Test func lastFailureIsPassedThroughUnchanged() async throws {
        let sidecar = try await SidecarHarness.start { $0.upstreamRetries = 3 }
        defer { Task { await sidecar.stop() } }
        for call in 1...4 { sidecar.provider.enqueue(.status(500, body: Self.serverError, headers: ["x-request-id": "req-\(call)"])) }
        sidecar.provider.enqueue(.completeWith(content: "too late"))
        let reply = try await sidecar.complete(uniquePrompt())
        #expect(reply.status == 500)
        #expect(reply.text == Self.serverError)
        #expect(reply.headers.first(name: "x-request-id") == "req-4")
        #expect(sidecar.provider.callCount() == 4)
        #expect(try await sidecar.storedKeys().isEmpty)
    }

    @Test func retryAfterBeyondTheCapIsPassedThrough() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.status(429, body: Self.rateLimited, headers: ["Retry-After": "120"]))
        let reply = try await sidecar.complete(uniquePrompt())
        #expect(reply.status == 429)
        #expect(reply.headers.first(name: "retry-after") == "120")
        #expect(reply.text == Self.rateLimited)
        #expect(sidecar.provider.callCount() == 1)
    }

    @Test func nonRetryableStatusIsNotRetried() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.status(400, body: Self.serverError))
        #expect(try await sidecar.complete(uniquePrompt()).status == 400)
        #expect(sidecar.provider.callCount() == 1)
    }

    @Test func noConnectionAnywhereIsA502() async throws {
        let dead = try await closedOrigin()
        let sidecar = try await SidecarHarness.start { $0.upstreamURL = dead; $0.upstreamRetries = 2 }
        defer { Task { await sidecar.stop() } }
        let reply = try await sidecar.complete(uniquePrompt())
        #expect(reply.status == 502)
        #expect(reply.json?["error"]?["code"]?.stringValue == "upstream_unavailable")
    }

    @Test func refusedPrimaryFallsBackToTheNextUpstream() async throws {
        let dead = try await closedOrigin()
        let fallback = try await FakeProvider.start()
        let sidecar = try await SidecarHarness.start(provider: fallback) {
            $0.upstreamURL = dead
            $0.upstreamFallbackURLs = [fallback.origin]
        }
        defer { Task { await sidecar.stop() } }
        let prompt = uniquePrompt()
        let reply = try await sidecar.complete(prompt)
        #expect(reply.status == 200)
        #expect(reply.json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == "answer 1 to: \(prompt)")
        #expect(fallback.callCount() == 1)
    }

    @Test func circuitOpensAfterRepeatedFailuresAndClosesAfterAProbe() async throws {
        let fallback = try await FakeProvider.start()
        defer { Task { await fallback.stop() } }
        let sidecar = try await SidecarHarness.start {
            $0.upstreamFallbackURLs = [fallback.origin]
            $0.circuitBreakerFailures = 2
            $0.circuitBreakerCooldown = .seconds(60)
        }
        defer { Task { await sidecar.stop() } }
        let primary = sidecar.provider
        primary.enqueue(.status(503, body: Self.serverError), .status(503, body: Self.serverError))

        // Two failures open the primary's circuit; the fallback answers each time.
        for _ in 0..<2 { #expect(try await sidecar.complete(uniquePrompt()).status == 200) }
        #expect(primary.callCount() == 2)
        #expect(fallback.callCount() == 2)
        // While it is open, the primary is not called at all.
        for _ in 0..<3 { #expect(try await sidecar.complete(uniquePrompt()).status == 200) }
        #expect(primary.callCount() == 2)
        #expect(fallback.callCount() == 5)

        // After the cool-down (here: the last failure moved 61 s into the past, so that no
        // wall-clock wait is needed) one probe goes to the primary; it succeeds and the circuit closes.
        let breaker = sidecar.upstream.targets[0].breaker
        breaker.recordFailure(now: .now - .seconds(61))
        #expect(try await sidecar.complete(uniquePrompt()).status == 200)
        #expect(primary.callCount() == 3)
        #expect(breaker.current == .closed(consecutiveFailures: 0))
        #expect(try await sidecar.complete(uniquePrompt()).status == 200)
        #expect(primary.callCount() == 4)
        #expect(fallback.callCount() == 5)
    }

    @Test func passThroughPathsAreRetriedToo() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.status(502, body: "bad gateway"))
        let reply = try await sidecar.send(.POST, path: "/v1/embeddings", body: #"{"input":"x"}"#)
        #expect(reply.status == 200)
        #expect(reply.text == #"{"input":"x"}"#)
        #expect(sidecar.provider.callCount(path: "/v1/embeddings") == 2)
    }
}
