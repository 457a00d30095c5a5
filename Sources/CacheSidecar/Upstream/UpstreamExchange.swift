import HTTPTypes
import NIOCore

/// Turns one curl transfer's callbacks into what ``Upstream/send(_:)`` promises: the response as
/// soon as its final head is complete, then the body as it arrives.
///
/// The head goes out when curl has handled the read it came in (``curlTransferRoundEnded()``), not
/// at its last line: a small answer's body, and its end, usually come in that same read, so the
/// consumer then finds them buffered instead of being woken up again for each — or, when the
/// transfer has ended, the whole body in one buffer (``UpstreamBody/whole``).
///
/// Its mutable state is touched only by the curl loop thread, through ``CurlTransferDelegate``.
final class UpstreamExchange: CurlTransferDelegate, @unchecked Sendable {
    private var headParser = ResponseHeadParser()
    private let head: CheckedContinuation<UpstreamResponse, any Error>
    /// Parsed, not yet handed over.
    private var pendingHead: UpstreamResponse?
    private var body: ResponseBodyBuffer?
    private let makeBodyBuffer: @Sendable () -> ResponseBodyBuffer

    /// `head` is resumed exactly once; `makeBodyBuffer` is called once, when the head is complete.
    init(
        head: CheckedContinuation<UpstreamResponse, any Error>,
        makeBodyBuffer: @escaping @Sendable () -> ResponseBodyBuffer
    ) {
        self.head = head
        self.makeBodyBuffer = makeBodyBuffer
    }

    func curlTransfer(receivedHeaderLine line: UnsafeRawBufferPointer) {
        guard self.body == nil, let parsed = self.headParser.parse(line: line) else {
            return  // Still reading the head, or these are trailers, which are not forwarded.
        }
        let body = self.makeBodyBuffer()
        self.body = body
        self.pendingHead = UpstreamResponse(status: parsed.status, headers: parsed.headers, body: body.makeStream())
    }

    func curlTransferRoundEnded() {
        self.deliverHead()
    }

    private func deliverHead() {
        guard var response = self.pendingHead else { return }
        self.pendingHead = nil
        if let whole = self.body?.takeWhole() {
            response.body = UpstreamBody(whole: whole)
        }
        self.head.resume(returning: response)
    }

    func curlTransfer(receivedBody bytes: UnsafeRawBufferPointer) -> Bool {
        // curl delivers the whole head before any body byte, so `body` is set by now.
        self.body?.offer(bytes) ?? true
    }

    func curlTransfer(finishedWith outcome: CurlOutcome) {
        if let body = self.body {
            body.finish(throwing: Self.error(for: outcome, afterHead: true))
            self.deliverHead()
        } else {
            let error = Self.error(for: outcome, afterHead: false) ?? UpstreamError.connectionFailed("no response head")
            self.head.resume(throwing: error)
        }
    }

    private static func error(for outcome: CurlOutcome, afterHead: Bool) -> (any Error)? {
        switch outcome {
        case .completed:
            return nil
        case .cancelled:
            return CancellationError()
        case .failed(let failure) where failure.isTimeout:
            return UpstreamError.timedOut
        case .failed(let failure):
            return afterHead ? UpstreamError.transferFailed(failure.message) : UpstreamError.connectionFailed(failure.message)
        }
    }
}
