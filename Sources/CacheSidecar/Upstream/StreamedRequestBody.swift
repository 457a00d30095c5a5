import DequeModule
import NIOCore
import Synchronization

/// A request body sent upstream while the client is still sending it, with bounded memory.
///
/// A task reads the client's body into a small buffer; curl's read callback takes from it on the
/// curl thread. When the buffer is empty the transfer pauses until more arrives; when it holds
/// `highWatermark` bytes the reading task waits until curl has drained it to `lowWatermark`. So a
/// large upload costs at most `highWatermark` plus one client chunk of memory, never the whole body.
///
/// It can be sent only once: ``hasStarted`` tells a retrying caller whether curl took any of it.
public final class StreamedRequestBody: Sendable {
    /// What curl's read callback gets.
    enum Read {
        case bytes(Int)
        /// Nothing buffered yet: pause the transfer until ``connect(wake:)``'s closure is called.
        case wouldBlock
        case end
        /// The client's body failed or exceeded the limit: abort the transfer.
        case failed
    }

    private struct State {
        var chunks = Deque<ByteBuffer>()
        var bufferedBytes = 0
        var receivedBytes = 0
        var ended = false
        var failure: (any Error)?
        var readerPaused = false
        var wake: (@Sendable () -> Void)?
        var producerWaiting: CheckedContinuation<Void, Never>?
        var closed = false
        var hasStarted = false
    }

    /// The length the client declared, if it did (otherwise curl sends the body chunked).
    public let length: Int?
    private let state = Mutex(State())
    private let highWatermark: Int
    private let lowWatermark: Int
    private let limit: Int
    private let feeder = Mutex<Task<Void, Never>?>(nil)

    /// Starts reading `body` at once, up to `highWatermark` ahead of curl; more than `limit` bytes
    /// in total fail the body with ``BodyTooLarge``.
    public init<Body: AsyncSequence & Sendable>(
        _ body: Body, length: Int?, limit: Int, highWatermark: Int = 256 * 1024, lowWatermark: Int = 64 * 1024
    ) where Body.Element == ByteBuffer {
        precondition(0 <= lowWatermark && lowWatermark < highWatermark)
        self.length = length
        self.limit = limit
        self.highWatermark = highWatermark
        self.lowWatermark = lowWatermark
        let task = Task { [self] in await self.feed(from: body) }
        self.feeder.withLock { $0 = task }
    }

    /// The body went over the sidecar's limit while it streamed.
    public struct BodyTooLarge: Error {}

    /// Whether curl has taken any byte: if so, the request cannot be sent again.
    public var hasStarted: Bool { self.state.withLock { $0.hasStarted } }

    /// Why the body failed, if it did (``BodyTooLarge`` for a body over the limit).
    public var failure: (any Error)? { self.state.withLock { $0.failure } }

    // MARK: curl side

    /// Sets what resumes the paused transfer once bytes arrive.
    func connect(wake: @escaping @Sendable () -> Void) {
        self.state.withLock { $0.wake = wake }
    }

    /// Copies up to `buffer.count` bytes into `buffer`; called by curl's read callback.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Read {
        let (read, producer) = self.state.withLock { state -> (Read, CheckedContinuation<Void, Never>?) in
            if state.failure != nil { return (.failed, nil) }
            guard var chunk = state.chunks.popFirst() else {
                if state.ended { return (.end, nil) }
                state.readerPaused = true
                return (.wouldBlock, nil)
            }
            let count = min(buffer.count, chunk.readableBytes)
            chunk.withUnsafeReadableBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
            chunk.moveReaderIndex(forwardBy: count)
            if chunk.readableBytes > 0 { state.chunks.prepend(chunk) }
            state.bufferedBytes -= count
            state.hasStarted = true
            guard state.bufferedBytes <= self.lowWatermark, let producer = state.producerWaiting else { return (.bytes(count), nil) }
            state.producerWaiting = nil
            return (.bytes(count), producer)
        }
        producer?.resume()
        return read
    }

    /// The transfer is over: stop reading the client's body.
    func close() {
        let producer = self.state.withLock { state in
            state.closed = true
            state.chunks.removeAll()
            state.bufferedBytes = 0
            defer { state.producerWaiting = nil }
            return state.producerWaiting
        }
        producer?.resume()
        self.feeder.withLock { $0?.cancel() }
    }

    // MARK: Client side

    private func feed<Body: AsyncSequence>(from body: Body) async where Body.Element == ByteBuffer {
        do {
            for try await chunk in body {
                guard try await self.append(chunk) else { return }
            }
            self.end(failure: nil)
        } catch {
            self.end(failure: error)
        }
    }

    /// Buffers one chunk, then waits while the buffer is full; `false` once the transfer is over.
    private func append(_ chunk: ByteBuffer) async throws -> Bool {
        let (wake, tooLarge) = self.state.withLock { state -> ((@Sendable () -> Void)?, Bool) in
            guard !state.closed else { return (nil, false) }
            state.receivedBytes += chunk.readableBytes
            if state.receivedBytes > self.limit { return (nil, true) }
            state.chunks.append(chunk)
            state.bufferedBytes += chunk.readableBytes
            return (Self.takeWake(&state), false)
        }
        if tooLarge { throw BodyTooLarge() }
        wake?()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mustWait = self.state.withLock { state in
                guard !state.closed, state.bufferedBytes >= self.highWatermark else { return false }
                state.producerWaiting = continuation
                return true
            }
            if !mustWait { continuation.resume() }
        }
        return self.state.withLock { !$0.closed }
    }

    private func end(failure: (any Error)?) {
        let wake = self.state.withLock { state in
            state.ended = true
            state.failure = failure
            return Self.takeWake(&state)
        }
        wake?()
    }

    /// The closure that resumes curl, if curl is paused waiting for bytes.
    private static func takeWake(_ state: inout State) -> (@Sendable () -> Void)? {
        guard state.readerPaused else { return nil }
        state.readerPaused = false
        return state.wake
    }
}
