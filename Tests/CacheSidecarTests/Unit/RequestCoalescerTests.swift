import HTTPTypes
import NIOCore
import Testing

@testable import CacheSidecar

/// The coalescer on its own: who leads, what followers get, when the shared call is cancelled.
@Suite("RequestCoalescer")
struct RequestCoalescerTests {
    /// Lets a test decide when the shared call goes on.
    final class Gate: Sendable {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        func open() { continuation.yield() }
        func wait() async { for await _ in stream { return } }
    }

    @Test func followersGetTheLeadersFailureInsteadOfHanging() async {
        let coalescer = RequestCoalescer()
        let gate = Gate()
        let leader = coalescer.join(key: "k") { _ in
            await gate.wait()
            throw UpstreamError.connectionFailed("refused")
        }
        let follower = coalescer.join(key: "k") { _ in Issue.record("a follower must not call upstream") }
        #expect(leader.isLeader && !follower.isLeader)
        gate.open()
        for ticket in [leader, follower] {
            guard case .failed(let error) = await ticket.answer() else {
                Issue.record("expected a failure")
                continue
            }
            #expect(error as? UpstreamError == .connectionFailed("refused"))
        }
        #expect(coalescer.count == 0)
    }

    @Test func aJoinerAfterTheEndStartsAFreshCall() async throws {
        let coalescer = RequestCoalescer()
        let first = coalescer.join(key: "k") { flight in
            flight.publishHead(ResponseHead(status: .ok, headers: [:]))
            flight.publish(ByteBuffer(string: "one"))
        }
        guard case .response(_, let body) = await first.answer() else { Issue.record("no head"); return }
        #expect(try await collect(body) == "one")
        #expect(coalescer.join(key: "k") { _ in }.isLeader)
    }

    @Test func lateJoinersGetThePrefixUntilItOutgrowsTheLimit() async throws {
        let coalescer = RequestCoalescer(joinableBytes: 8)
        let gate = Gate()
        let published = Gate()
        let leader = coalescer.join(key: "k") { flight in
            flight.publishHead(ResponseHead(status: .ok, headers: [:]))
            flight.publish(ByteBuffer(string: "abcd"))
            published.open()
            await gate.wait()
            flight.publish(ByteBuffer(string: "efghij"))  // 10 bytes: closed to joiners from here
            published.open()
            await gate.wait()
        }
        await published.wait()
        let early = coalescer.join(key: "k") { _ in }
        #expect(!early.isLeader)
        gate.open()
        await published.wait()
        #expect(coalescer.join(key: "k") { _ in }.isLeader)  // too late: a call of its own
        gate.open()
        for ticket in [leader, early] {
            guard case .response(let head, let body) = await ticket.answer() else { Issue.record("no head"); continue }
            #expect(head.status == .ok)
            #expect(try await collect(body) == "abcdefghij")
        }
    }

    @Test func theSharedCallIsCancelledOnlyWhenEveryClientHasGone() async throws {
        let coalescer = RequestCoalescer()
        let cancelled = Gate()
        var leader: FlightTicket? = coalescer.join(key: "k") { flight in
            flight.publishHead(ResponseHead(status: .ok, headers: [:]))
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                cancelled.open()
                throw error
            }
        }
        var follower: FlightTicket? = coalescer.join(key: "k") { _ in }
        let flight = try #require(leader?.flight)
        #expect(flight.subscriberCount == 2)
        leader = nil  // Its body stream goes away unread: the client disconnected.
        #expect(flight.subscriberCount == 1)
        follower = nil
        #expect(flight.subscriberCount == 0)
        await cancelled.wait()
        #expect(coalescer.count == 0)
        _ = (leader, follower)
    }

    /// A request cut at the end of a shutdown's grace period stops waiting for a head the
    /// provider has not sent, and, as the last client, takes the shared call down with it.
    @Test(.timeLimit(.minutes(1))) func aCancelledClientStopsWaitingForTheHead() async throws {
        let coalescer = RequestCoalescer()
        let cancelled = Gate()
        let waiting = Task {
            let ticket = coalescer.join(key: "k") { _ in
                do {
                    try await Task.sleep(for: .seconds(60))
                } catch {
                    cancelled.open()
                    throw error
                }
            }
            return await ticket.answer()
        }
        try await waitUntil { coalescer.subscriberCount == 1 }
        waiting.cancel()
        guard case .failed(let error) = await waiting.value else {
            Issue.record("a cancelled client got a head")
            return
        }
        #expect(error is CancellationError)
        await cancelled.wait()
        #expect(coalescer.count == 0)
    }

    private func collect(_ body: UpstreamBody) async throws -> String {
        var text = ""
        for try await chunk in body { text += String(buffer: chunk) }
        return text
    }
}
