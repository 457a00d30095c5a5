import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import CacheSidecar

/// Concurrent identical misses make one upstream call, through the real sidecar.
@Suite("Request coalescing through HTTP")
struct CoalescingTests {
    @Test func twentyConcurrentIdenticalMissesMakeOneUpstreamCall() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        // The provider takes its time, so the others arrive while the first call is under way.
        sidecar.provider.enqueue(.stall(.seconds(2)))
        let prompt = uniquePrompt()
        let replies = try await withThrowingTaskGroup(of: SidecarHarness.Reply.self) { group in
            for _ in 0..<20 { group.addTask { try await sidecar.complete(prompt) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sidecar.provider.callCount() == 1)
        #expect(replies.allSatisfy { $0.status == 200 })
        #expect(Set(replies.map(\.body)).count == 1)
        #expect(replies.first?.json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == "answer 1 to: \(prompt)")
        #expect(replies.filter { $0.xCache == "MISS" }.count == 1)
        // Any that came after the answer was stored are plain hits; the rest joined the call.
        let coalesced = replies.filter { $0.headers.first(name: "x-cache-match") == "coalesced" }.count
        let hits = replies.filter { $0.headers.first(name: "x-cache-match") == "exact" }.count
        #expect(coalesced + hits == 19)
        #expect(coalesced > 0)
        let stats = try await sidecar.send(.GET, path: "/stats", headers: [])
        #expect(stats.json?["total"]?["coalesced"]?.integerValue == Int64(coalesced))
        #expect(stats.json?["total"]?["misses"]?.integerValue == 1)
        #expect(sidecar.application.coalescer.count == 0)
    }

    @Test func concurrentStreamsShareOneCallAndLateJoinersGetThePrefix() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let pieces = (0..<12).map { "piece\($0) " }
        sidecar.provider.enqueue(.stream(chunks: pieces, delay: .milliseconds(300)))
        let body = SidecarHarness.completionBody(uniquePrompt(), extra: #","stream":true"#)
        let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer sk-test")]

        let leader = Task { try await sidecar.send(body: body, headers: headers) }
        // Join once the provider has started sending: the followers must still get the whole stream.
        try await waitUntil { sidecar.provider.sentStreamChunks >= 1 }
        let followers = try await withThrowingTaskGroup(of: SidecarHarness.Reply.self) { group in
            for _ in 0..<5 { group.addTask { try await sidecar.send(body: body, headers: headers) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let first = try await leader.value
        #expect(first.xCache == "MISS")
        #expect(streamedContent(first.text) == pieces.joined())
        #expect(first.text.hasSuffix("data: [DONE]\n\n"))
        #expect(sidecar.provider.callCount() == 1)
        // Followers arrive within the stream's 3 s; one slowed down past its end would be an exact hit.
        let joined = followers.filter { $0.headers.first(name: "x-cache-match") == "coalesced" }
        #expect(!joined.isEmpty)
        for follower in followers {
            #expect(follower.status == 200)
            #expect(streamedContent(follower.text) == pieces.joined())
        }
        // A follower gets the provider's stream byte for byte, prefix included, as the leader did.
        for follower in joined { #expect(follower.body == first.body) }
    }

    @Test func jsonAndStreamedRequestsDoNotShareACall() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.stall(.seconds(1)), .stall(.seconds(1)))
        let prompt = uniquePrompt()
        async let json = sidecar.complete(prompt)
        async let streamed = sidecar.complete(prompt, extra: #","stream":true"#)
        let (plain, sse) = try await (json, streamed)
        #expect(plain.headers.first(name: "content-type") == "application/json")
        #expect(sse.headers.first(name: "content-type") == "text/event-stream")
        #expect(streamedContent(sse.text).contains(prompt))
        // Two calls; unless one was slowed down until the other's answer was stored, and hit it.
        let oneHit = [plain, sse].contains { $0.headers.first(name: "x-cache-match") == "exact" }
        #expect(sidecar.provider.callCount() == (oneHit ? 1 : 2))
        #expect(![plain, sse].contains { $0.headers.first(name: "x-cache-match") == "coalesced" })
    }

    @Test func noCacheAndNoStoreRequestsAreNotCoalesced() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        sidecar.provider.enqueue(.stall(.seconds(1)), .stall(.seconds(1)), .stall(.seconds(1)), .stall(.seconds(1)))
        let prompt = uniquePrompt()
        for directive in ["no-cache", "no-store"] {
            async let a = sidecar.complete(prompt, headers: [("Cache-Control", directive)])
            async let b = sidecar.complete(prompt, headers: [("Cache-Control", directive)])
            let replies = try await [a, b]
            #expect(replies.allSatisfy { $0.status == 200 && $0.headers.first(name: "x-cache-match") == nil })
        }
        #expect(sidecar.provider.callCount() == 4)
    }

    @Test func aLeaderThatDisconnectsKeepsTheCallForItsFollowers() async throws {
        let sidecar = try await SidecarHarness.start()
        defer { Task { await sidecar.stop() } }
        let pieces = (0..<20).map { "part\($0) " }
        sidecar.provider.enqueue(.stream(chunks: pieces, delay: .milliseconds(250)))
        let body = SidecarHarness.completionBody(uniquePrompt(), extra: #","stream":true"#)
        let headers = [("Content-Type", "application/json"), ("Authorization", "Bearer sk-test")]

        let leader = Task {
            let response = try await SidecarHarness.httpClient.execute(sidecar.request(body: body, headers: headers), timeout: .seconds(30))
            for try await _ in response.body {}
        }
        try await waitUntil { sidecar.provider.sentStreamChunks >= 1 }
        let follower = Task { try await sidecar.send(body: body, headers: headers) }
        try await waitUntil(timeout: .seconds(4)) { sidecar.application.coalescer.subscriberCount == 2 }
        leader.cancel()
        await #expect(throws: (any Error).self) { try await leader.value }

        let reply = try await follower.value
        #expect(reply.headers.first(name: "x-cache-match") == "coalesced")
        #expect(streamedContent(reply.text) == pieces.joined())
        #expect(sidecar.provider.abortedStreams == 0)
        #expect(try await sidecar.storedEntryKeys().count == 1)
    }
}
