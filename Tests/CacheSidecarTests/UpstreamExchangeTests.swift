import HTTPTypes
import NIOCore
import Synchronization
import Testing

@testable import CacheSidecar

/// When a curl transfer's head is handed over, and with what body.
@Suite struct UpstreamExchangeTests {
    final class Waiter: Sendable {
        let exchange = Mutex<UpstreamExchange?>(nil)
        private let flag = Atomic<Bool>(false)
        var delivered: Bool { flag.load(ordering: .relaxed) }
        func deliver() { flag.store(true, ordering: .relaxed) }
    }

    /// Starts `send`'s wait for the head and returns the exchange curl's callbacks would drive.
    private func exchange() async throws -> (UpstreamExchange, Waiter, Task<UpstreamResponse, any Error>) {
        let waiter = Waiter()
        let response = Task {
            let response = try await withCheckedThrowingContinuation { continuation in
                let exchange = UpstreamExchange(head: continuation) {
                    ResponseBodyBuffer(highWatermark: 1024, lowWatermark: 0, onDemand: {}, onConsumerGone: {})
                }
                waiter.exchange.withLock { $0 = exchange }
            }
            waiter.deliver()
            return response
        }
        try await waitUntil { waiter.exchange.withLock { $0 != nil } }
        return (waiter.exchange.withLock { $0! }, waiter, response)
    }

    private func receive(_ exchange: UpstreamExchange, head lines: [String], body: [String]) {
        for line in lines { Array(line.utf8).withUnsafeBytes { exchange.curlTransfer(receivedHeaderLine: $0) } }
        for chunk in body { _ = Array(chunk.utf8).withUnsafeBytes { exchange.curlTransfer(receivedBody: $0) } }
    }

    private static let head = ["HTTP/1.1 200 OK\r\n", "Content-Type: application/json\r\n", "\r\n"]

    @Test func aBodyThatEndedInTheHeadsRoundComesWhole() async throws {
        let (exchange, _, response) = try await exchange()
        receive(exchange, head: Self.head, body: ["{\"a\":", "1}"])
        exchange.curlTransfer(finishedWith: .completed)
        let answer = try await response.value
        #expect(answer.status == .ok)
        #expect(answer.body.whole == ByteBuffer(string: "{\"a\":1}"))
        var chunks: [String] = []
        for try await chunk in answer.body { chunks.append(String(buffer: chunk)) }
        #expect(chunks == ["{\"a\":1}"])
    }

    @Test func theHeadWaitsForTheEndOfTheRoundThenTheBodyStreams() async throws {
        let (exchange, waiter, response) = try await exchange()
        receive(exchange, head: Self.head, body: ["first "])
        try await Task.sleep(for: .milliseconds(50))
        #expect(!waiter.delivered)
        exchange.curlTransferRoundEnded()
        let answer = try await response.value
        #expect(answer.body.whole == nil)
        var chunks = answer.body.makeAsyncIterator()
        #expect(try await chunks.next() == ByteBuffer(string: "first "))
        receive(exchange, head: [], body: ["second"])
        exchange.curlTransfer(finishedWith: .completed)
        #expect(try await chunks.next() == ByteBuffer(string: "second"))
        #expect(try await chunks.next() == nil)
    }
}
