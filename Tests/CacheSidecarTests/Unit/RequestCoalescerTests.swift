import HTTPTypes
import NIOCore
import Synchronization
import Testing

@testable import CacheSidecar

/// The coalescer on its own: who leads, what followers get, when the shared call is cancelled.
@Suite("RequestCoalescer")
struct RequestCoalescerTests {
    /// The upstream call as a leader sees it: a body the test feeds, and whether it was cancelled
    /// (its reader went away, as curl's transfer is when its body is dropped).
    final class FakeCall: Sendable {
        let cancelled: Counter
        let buffer: ResponseBodyBuffer

        init() {
            let cancelled = Counter()
            self.cancelled = cancelled
            buffer = ResponseBodyBuffer(highWatermark: .max, lowWatermark: 0, onDemand: {}, onConsumerGone: { cancelled.add() })
        }

        /// Called once: the transfer is cancelled when the body it returns goes away.
        func makeBody() -> UpstreamBody { buffer.makeStream() }

        func send(_ text: String) { _ = buffer.offer(ByteBuffer(string: text)) }
        func end() { buffer.finish(throwing: nil) }
        var wasCancelled: Bool { cancelled.value > 0 }
    }

    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        func add() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    /// Counts the answers kept.
    struct CountingRecorder: AnswerRecorder {
        let kept: Counter
        mutating func observe(_ chunk: ByteBuffer) {}
        func complete() async { kept.add() }
    }

    /// The leader's client: what it was sent, and when it goes away.
    final class Client: Sendable {
        let received = Mutex("")
        let gone = Atomic<Bool>(false)
        func write(_ chunk: ByteBuffer) throws {
            if gone.load(ordering: .relaxed) { throw CancellationError() }
            received.withLock { $0 += String(buffer: chunk) }
        }
        var text: String { received.withLock { $0 } }
    }

    private func lead(_ coalescer: RequestCoalescer, key: String = "k") throws -> CoalescedFlight {
        guard case .leader(let flight) = coalescer.join(key: key) else { throw Failure("expected to lead") }
        return flight
    }

    private func follow(_ coalescer: RequestCoalescer, key: String = "k") throws -> FlightTicket {
        guard case .follower(let ticket) = coalescer.join(key: key) else { throw Failure("expected to follow") }
        return ticket
    }

    /// Starts the leader's relay in a task, as the endpoint's response body does.
    private func relay(
        _ flight: CoalescedFlight, _ call: FakeCall, to client: Client, kept: Counter
    ) -> Task<Void, any Error> {
        flight.publishHead(ResponseHead(status: .ok, headers: [:]))
        let relay = LeaderRelay(flight: flight, upstream: call.makeBody(), recorder: CountingRecorder(kept: kept))
        return Task { try await relay.run { try client.write($0) } }
    }

    @Test func followersGetTheLeadersFailureInsteadOfHanging() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let follower = try follow(coalescer)
        flight.end(UpstreamError.connectionFailed("refused"))
        guard case .failed(let error) = await follower.answer() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error as? UpstreamError == .connectionFailed("refused"))
        #expect(coalescer.count == 0)
    }

    @Test func aLoneLeaderRelaysItselfAndAJoinerAfterTheEndStartsAFreshCall() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let (call, client, kept) = (FakeCall(), Client(), Counter())
        call.send("one")
        call.end()
        try await relay(flight, call, to: client, kept: kept).value
        #expect(client.text == "one")
        #expect(kept.value == 1)
        #expect(coalescer.count == 0)
        _ = try lead(coalescer)
    }

    /// The common case made concurrent: one call, and a client that joins while it is under way
    /// gets the same answer from the start, after it was kept.
    @Test func aFollowerJoiningMidFlightGetsTheWholeAnswerFromTheOneCall() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let (call, client, kept) = (FakeCall(), Client(), Counter())
        let leader = relay(flight, call, to: client, kept: kept)
        call.send("first ")
        try await waitUntil { client.text == "first " }
        let follower = try follow(coalescer)
        call.send("second")
        call.end()
        try await leader.value
        guard case .response(let head, let body) = await follower.answer() else { Issue.record("no head"); return }
        #expect(head.status == .ok)
        #expect(try await collect(body) == "first second")
        #expect(client.text == "first second")
        #expect(kept.value == 1)
    }

    /// A body that came whole with its head is kept and published before the leader sends it.
    @Test func aWholeBodyIsKeptAndPublishedAtOnce() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let follower = try follow(coalescer)
        let kept = Counter()
        flight.publishHead(ResponseHead(status: .ok, headers: [:]))
        await LeaderRelay(flight: flight, upstream: UpstreamBody(whole: ByteBuffer(string: "all")), recorder: CountingRecorder(kept: kept))
            .deliver(ByteBuffer(string: "all"))
        #expect(kept.value == 1)
        #expect(coalescer.count == 0)
        guard case .response(_, let body) = await follower.answer() else { Issue.record("no head"); return }
        #expect(try await collect(body) == "all")
    }

    @Test func lateJoinersGetThePrefixUntilItOutgrowsTheLimit() async throws {
        let coalescer = RequestCoalescer(joinableBytes: 8)
        let flight = try lead(coalescer)
        let (call, client, kept) = (FakeCall(), Client(), Counter())
        let leader = relay(flight, call, to: client, kept: kept)
        call.send("abcd")
        try await waitUntil { client.text == "abcd" }
        let early = try follow(coalescer)
        call.send("efghij")  // 10 bytes: closed to joiners from here
        try await waitUntil { client.text == "abcdefghij" }
        _ = try lead(coalescer)  // too late: a call of its own
        call.end()
        try await leader.value
        guard case .response(_, let body) = await early.answer() else { Issue.record("no head"); return }
        #expect(try await collect(body) == "abcdefghij")
    }

    @Test func aLeaderWhoseClientLeavesKeepsTheCallForItsFollowers() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let (call, client, kept) = (FakeCall(), Client(), Counter())
        let leader = relay(flight, call, to: client, kept: kept)
        let follower = try follow(coalescer)
        #expect(flight.subscriberCount == 2)
        client.gone.store(true, ordering: .relaxed)
        call.send("the whole ")
        await #expect(throws: CancellationError.self) { try await leader.value }
        #expect(flight.subscriberCount == 1)
        call.send("answer")
        call.end()
        guard case .response(_, let body) = await follower.answer() else { Issue.record("no head"); return }
        #expect(try await collect(body) == "the whole answer")
        #expect(!call.wasCancelled)
        try await waitUntil { kept.value == 1 }
    }

    @Test func theSharedCallIsCancelledOnlyWhenEveryClientHasGone() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let (call, client, kept) = (FakeCall(), Client(), Counter())
        let leader = relay(flight, call, to: client, kept: kept)
        var follower: FlightTicket? = try follow(coalescer)
        client.gone.store(true, ordering: .relaxed)
        call.send("part")
        await #expect(throws: CancellationError.self) { try await leader.value }
        #expect(!call.wasCancelled)  // the follower still reads
        follower = nil  // Its body stream goes away unread: the client disconnected.
        try await waitUntil { call.wasCancelled }
        #expect(flight.subscriberCount == 0)
        #expect(coalescer.count == 0)
        #expect(kept.value == 0)
        _ = follower
    }

    @Test func aLoneLeaderWhoseClientLeavesCancelsTheCall() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let (call, client, kept) = (FakeCall(), Client(), Counter())
        let leader = relay(flight, call, to: client, kept: kept)
        client.gone.store(true, ordering: .relaxed)
        call.send("part")
        await #expect(throws: CancellationError.self) { try await leader.value }
        try await waitUntil { call.wasCancelled }
        #expect(coalescer.count == 0)
        #expect(kept.value == 0)
    }

    /// The leader's response can be dropped before its body is written (its client had gone):
    /// the followers still get the answer; with none, the call is cancelled.
    @Test func aResponseDroppedUnwrittenHandsTheCallToTheFollowers() async throws {
        let coalescer = RequestCoalescer()
        let kept = Counter()
        for withFollower in [true, false] {
            let flight = try lead(coalescer, key: "k\(withFollower)")
            let call = FakeCall()
            flight.publishHead(ResponseHead(status: .ok, headers: [:]))
            var relay: LeaderRelay? = LeaderRelay(flight: flight, upstream: call.makeBody(), recorder: CountingRecorder(kept: kept))
            let follower = withFollower ? try follow(coalescer, key: "k\(withFollower)") : nil
            relay = nil
            if let follower {
                call.send("kept")
                call.end()
                guard case .response(_, let body) = await follower.answer() else { Issue.record("no head"); return }
                #expect(try await collect(body) == "kept")
                try await waitUntil { kept.value == 1 }
                #expect(!call.wasCancelled)
            } else {
                try await waitUntil { call.wasCancelled }
            }
            _ = relay
        }
        #expect(coalescer.count == 0)
    }

    /// A request cut at the end of a shutdown's grace period stops waiting for a head the
    /// provider has not sent.
    @Test(.timeLimit(.minutes(1))) func aCancelledFollowerStopsWaitingForTheHead() async throws {
        let coalescer = RequestCoalescer()
        let flight = try lead(coalescer)
        let waiting = Task { try await follow(coalescer).answer() }
        try await waitUntil { coalescer.subscriberCount == 2 }
        waiting.cancel()
        guard case .failed(let error) = try await waiting.value else {
            Issue.record("a cancelled client got a head")
            return
        }
        #expect(error is CancellationError)
        flight.end(CancellationError())
        #expect(coalescer.count == 0)
    }

    private func collect(_ body: UpstreamBody) async throws -> String {
        var text = ""
        for try await chunk in body { text += String(buffer: chunk) }
        return text
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
