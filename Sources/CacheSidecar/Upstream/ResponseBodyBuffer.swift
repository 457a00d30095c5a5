import DequeModule
import NIOCore
import Synchronization

/// Hands body chunks from the curl thread to one async consumer, with bounded memory.
///
/// When more than `highWatermark` bytes wait unread, ``offer(_:)`` refuses the next chunk; the
/// transfer is then paused (curl keeps that chunk and offers it again later) until the consumer
/// has drained the buffer to `lowWatermark`, when `onDemand` asks for the transfer to resume.
/// So at most `highWatermark` plus one curl write (16 KiB) is ever buffered per response.
final class ResponseBodyBuffer: Sendable {
    private struct State {
        var chunks = Deque<ByteBuffer>()
        var bufferedBytes = 0
        var waiter: CheckedContinuation<ByteBuffer?, any Error>?
        /// Set once by the producer: `nil` error means the body is complete.
        var end: (any Error)??
        var producerPaused = false
        /// The consumer was cancelled or dropped the stream: nothing more will be read.
        var consumerGone = false
    }

    private let state = Mutex(State())
    private let highWatermark: Int
    private let lowWatermark: Int
    private let onDemand: @Sendable () -> Void
    private let onConsumerGone: @Sendable () -> Void

    init(
        highWatermark: Int,
        lowWatermark: Int,
        onDemand: @escaping @Sendable () -> Void,
        onConsumerGone: @escaping @Sendable () -> Void
    ) {
        precondition(0 <= lowWatermark && lowWatermark < highWatermark)
        self.highWatermark = highWatermark
        self.lowWatermark = lowWatermark
        self.onDemand = onDemand
        self.onConsumerGone = onConsumerGone
    }

    /// The consumer's view. Dropping the stream (and its iterator) before the body ends counts as
    /// the consumer going away, which cancels the transfer.
    func makeStream() -> UpstreamBody {
        let consumer = Consumer(buffer: self)
        return UpstreamBody { try await consumer.next() }
    }

    // MARK: Producer side (curl thread)

    /// Returns `false`, without taking the bytes, when the buffer is full and the transfer must pause.
    func offer(_ bytes: UnsafeRawBufferPointer) -> Bool {
        self.offer(ByteBuffer(bytes: bytes))
    }

    /// As ``offer(_:)-(UnsafeRawBufferPointer)``, for a chunk that is already a buffer (shared, not copied).
    func offer(_ chunk: ByteBuffer) -> Bool {
        enum Outcome {
            case taken
            case handedTo(CheckedContinuation<ByteBuffer?, any Error>)
            case refused
        }
        let outcome = self.state.withLock { state -> Outcome in
            if state.consumerGone {
                return .taken  // The transfer is being cancelled; let the bytes go.
            }
            if let waiter = state.waiter {
                state.waiter = nil
                return .handedTo(waiter)
            }
            if state.bufferedBytes >= self.highWatermark {
                state.producerPaused = true
                return .refused
            }
            state.chunks.append(chunk)
            state.bufferedBytes += chunk.readableBytes
            return .taken
        }
        switch outcome {
        case .taken:
            return true
        case .handedTo(let waiter):
            waiter.resume(returning: chunk)
            return true
        case .refused:
            return false
        }
    }

    /// Ends the body: `nil` for a complete body, otherwise the error the consumer sees after the last chunk.
    func finish(throwing error: (any Error)?) {
        let waiter = self.state.withLock { state in
            state.end = .some(error)
            defer { state.waiter = nil }
            return state.chunks.isEmpty ? state.waiter : nil
        }
        if let error {
            waiter?.resume(throwing: error)
        } else {
            waiter?.resume(returning: nil)
        }
    }

    /// The whole body in one buffer, taken from the consumer, if it has ended well and nothing of it
    /// was read yet; nil otherwise (the consumer then reads it as usual).
    func takeWhole() -> ByteBuffer? {
        self.state.withLock { state -> ByteBuffer? in
            guard case .some(nil) = state.end, state.waiter == nil, !state.consumerGone else { return nil }
            var whole = state.chunks.popFirst() ?? ByteBuffer()
            while var chunk = state.chunks.popFirst() { whole.writeBuffer(&chunk) }
            state.bufferedBytes = 0
            return whole
        }
    }

    // MARK: Consumer side

    private func next() async throws -> ByteBuffer? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ByteBuffer?, any Error>) in
                let (result, demand) = self.state.withLock { state -> (Result<ByteBuffer?, any Error>?, Bool) in
                    if state.consumerGone {
                        return (.failure(CancellationError()), false)
                    }
                    if let chunk = state.chunks.popFirst() {
                        state.bufferedBytes -= chunk.readableBytes
                        let demand = state.producerPaused && state.bufferedBytes <= self.lowWatermark
                        if demand { state.producerPaused = false }
                        return (.success(chunk), demand)
                    }
                    if case .some(let error) = state.end {
                        // Report a failure once; afterwards the body simply ends.
                        state.end = .some(nil)
                        if let error { return (.failure(error), false) }
                        return (.success(nil), false)
                    }
                    state.waiter = continuation
                    return (nil, false)
                }
                if demand { self.onDemand() }
                if let result { continuation.resume(with: result) }
            }
        } onCancel: {
            self.consumerWentAway()
        }
    }

    private func consumerWentAway() {
        let (waiter, cancelTransfer) = self.state.withLock { state in
            defer {
                state.consumerGone = true
                state.waiter = nil
                state.chunks.removeAll()
                state.bufferedBytes = 0
            }
            return (state.waiter, !state.consumerGone && state.end == nil)
        }
        waiter?.resume(throwing: CancellationError())
        if cancelTransfer { self.onConsumerGone() }
    }

    /// Lives exactly as long as the consumer's stream; its end means nobody will read again.
    private final class Consumer: Sendable {
        let buffer: ResponseBodyBuffer
        init(buffer: ResponseBodyBuffer) { self.buffer = buffer }
        func next() async throws -> ByteBuffer? { try await self.buffer.next() }
        deinit { self.buffer.consumerWentAway() }
    }
}
