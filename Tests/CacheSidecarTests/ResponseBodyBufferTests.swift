import NIOCore
import Synchronization
import Testing

@testable import CacheSidecar

@Suite struct ResponseBodyBufferTests {
    private final class Signals: Sendable {
        let demand = Atomic<Int>(0)
        let consumerGone = Atomic<Int>(0)
    }

    private func makeBuffer(_ signals: Signals) -> ResponseBodyBuffer {
        ResponseBodyBuffer(
            highWatermark: 10,
            lowWatermark: 4,
            onDemand: { signals.demand.add(1, ordering: .relaxed) },
            onConsumerGone: { signals.consumerGone.add(1, ordering: .relaxed) }
        )
    }

    private func offer(_ buffer: ResponseBodyBuffer, _ string: String) -> Bool {
        Array(string.utf8).withUnsafeBytes { buffer.offer($0) }
    }

    @Test func refusesPastTheHighWatermarkAndAsksForMoreBelowTheLowOne() async throws {
        let signals = Signals()
        let buffer = makeBuffer(signals)
        let stream = buffer.makeStream()
        #expect(offer(buffer, "aaaa"))
        #expect(offer(buffer, "bbbb"))
        #expect(offer(buffer, "cccc"))  // 8 buffered < 10: taken, now 12
        #expect(!offer(buffer, "dddd"))  // refused: the transfer pauses
        #expect(signals.demand.load(ordering: .relaxed) == 0)

        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next().map { String(buffer: $0) } == "aaaa")  // 8 left
        #expect(signals.demand.load(ordering: .relaxed) == 0)
        #expect(try await iterator.next().map { String(buffer: $0) } == "bbbb")  // 4 left: resume
        #expect(signals.demand.load(ordering: .relaxed) == 1)
        #expect(offer(buffer, "dddd"))  // the refused bytes, offered again
        buffer.finish(throwing: nil)
        #expect(try await iterator.next().map { String(buffer: $0) } == "cccc")
        #expect(try await iterator.next().map { String(buffer: $0) } == "dddd")
        #expect(try await iterator.next() == nil)
        #expect(signals.consumerGone.load(ordering: .relaxed) == 0)
    }

    @Test func waitingConsumerGetsChunksDirectlyThenTheError() async throws {
        let buffer = makeBuffer(Signals())
        let stream = buffer.makeStream()
        let reader = Task {
            var received: [String] = []
            do {
                for try await chunk in stream { received.append(String(buffer: chunk)) }
            } catch {
                return (received, error as? UpstreamError)
            }
            return (received, nil)
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(offer(buffer, "first"))
        try await Task.sleep(for: .milliseconds(50))
        buffer.finish(throwing: UpstreamError.transferFailed("broken"))
        let (received, error) = await reader.value
        #expect(received == ["first"])
        #expect(error == .transferFailed("broken"))
    }

    @Test func droppingTheStreamReportsTheConsumerGoneOnce() {
        let signals = Signals()
        let buffer = makeBuffer(signals)
        do {
            let stream = buffer.makeStream()
            _ = stream
        }
        #expect(signals.consumerGone.load(ordering: .relaxed) == 1)
        #expect(offer(buffer, "ignored"))  // taken and let go: the transfer is being cancelled
        buffer.finish(throwing: nil)
        #expect(signals.consumerGone.load(ordering: .relaxed) == 1)
    }

    @Test func droppingAfterTheEndDoesNotCancel() async throws {
        let signals = Signals()
        let buffer = makeBuffer(signals)
        do {
            let stream = buffer.makeStream()
            buffer.finish(throwing: nil)
            for try await _ in stream {}
        }
        #expect(signals.consumerGone.load(ordering: .relaxed) == 0)
    }

    @Test func aBodyThatEndedWellIsTakenWholeInOneBuffer() throws {
        let buffer = makeBuffer(Signals())
        #expect(offer(buffer, "{\"a\":"))
        #expect(buffer.takeWhole() == nil)  // not ended yet
        #expect(offer(buffer, "1}"))
        buffer.finish(throwing: nil)
        #expect(try #require(buffer.takeWhole()) == ByteBuffer(string: "{\"a\":1}"))

        let broken = makeBuffer(Signals())
        #expect(offer(broken, "half"))
        broken.finish(throwing: UpstreamError.transferFailed("broken"))
        #expect(broken.takeWhole() == nil)  // its reader must see the error

        let empty = makeBuffer(Signals())
        empty.finish(throwing: nil)
        #expect(empty.takeWhole() == ByteBuffer())
    }
}
