import NIOCore

/// A response body as it arrives from the provider, read once.
///
/// `AsyncThrowingStream` would end a cancelled consumer's iteration quietly, as if the body were
/// complete; this sequence throws `CancellationError` instead, so a body cut short can never pass
/// for a finished one and be stored.
public struct UpstreamBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let nextChunk: (@Sendable () async throws -> ByteBuffer?)?
    /// The whole body, when all of it had arrived by the time the head was handed over (a small
    /// answer usually has): it can go to the client with the head in one write. Iterating yields it.
    let whole: ByteBuffer?

    /// `next` returns the following chunk, nil at the end, or throws (also when the task is cancelled).
    init(next: @escaping @Sendable () async throws -> ByteBuffer?) {
        self.nextChunk = next
        self.whole = nil
    }

    init(whole: ByteBuffer) {
        self.nextChunk = nil
        self.whole = whole
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let nextChunk: (@Sendable () async throws -> ByteBuffer?)?
        private var whole: ByteBuffer?
        private var finished = false

        fileprivate init(nextChunk: (@Sendable () async throws -> ByteBuffer?)?, whole: ByteBuffer?) {
            self.nextChunk = nextChunk
            self.whole = whole
        }

        public mutating func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            guard let nextChunk else {
                finished = true
                return whole
            }
            do {
                guard let chunk = try await nextChunk() else {
                    finished = true
                    return nil
                }
                return chunk
            } catch {
                finished = true
                throw error
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(nextChunk: nextChunk, whole: whole) }
}
