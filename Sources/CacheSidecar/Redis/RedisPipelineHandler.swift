import DequeModule
import NIOCore

/// Pipelining over one connection: writes each request as soon as it arrives and matches replies to
/// requests in order, since Redis answers a connection's commands strictly first in, first out. Any number
/// of requests may be in flight at once.
///
/// A request still unanswered at its deadline fails with ``RedisClientError/timeout`` and the connection is
/// dropped: its reply may yet arrive, and would otherwise be handed to the next request. Whatever ends the
/// connection fails every request still in flight, and ``onClose`` learns why, once.
///
/// Lives on its channel's event loop; other threads reach it through ``RedisLink``.
final class RedisPipelineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct InFlight {
        let request: RedisRequest
        var replies: [RedisReply] = []
    }

    /// Called once when the connection has ended, with the reason its requests failed.
    var onClose: ((RedisClientError) -> Void)?

    private let reader = HiredisReplyReader()
    private var inFlight: Deque<InFlight> = []
    private var context: ChannelHandlerContext?
    /// Why the connection is ending, once it is; later requests fail with it at once.
    private var closeReason: RedisClientError?
    private var closeReported = false
    /// One timer at a time, for the oldest request's deadline: requests are answered in order, so no later
    /// one can be overdue while the oldest is not (all calls share one timeout).
    private var deadlineTimer: Scheduled<Void>?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    // MARK: Requests

    func send(_ request: RedisRequest) {
        guard let context, closeReason == nil else {
            request.complete(.failure(closeReason ?? .connectionLost("connection not open")))
            return
        }
        inFlight.append(InFlight(request: request))
        context.writeAndFlush(wrapOutboundOut(request.bytes), promise: nil)
        armDeadlineTimer()
    }

    /// Fails every request in flight with `reason` now and closes the connection.
    func close(because reason: RedisClientError) {
        guard closeReason == nil else { return }
        closeReason = reason
        failInFlight(with: reason)
        context?.close(promise: nil)
    }

    // MARK: Channel events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard closeReason == nil else { return }
        do {
            try reader.feed(unwrapInboundIn(data))
            while let reply = try reader.nextReply() {
                try deliver(reply)
            }
        } catch {
            close(because: error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let reason = closeReason ?? .connectionLost("Redis closed the connection")
        closeReason = reason
        failInFlight(with: reason)
        deadlineTimer?.cancel()
        deadlineTimer = nil
        if !closeReported {
            closeReported = true
            onClose?(reason)
            onClose = nil
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        close(because: .connectionLost("\(error)"))
    }

    // MARK: Helpers

    private func deliver(_ reply: RedisReply) throws(RedisClientError) {
        guard !inFlight.isEmpty else {
            throw .protocolError("a reply arrived for no command")
        }
        if inFlight[0].replies.count + 1 < inFlight[0].request.replyCount {
            inFlight[0].replies.append(reply)
            return
        }
        var finished = inFlight.removeFirst()
        finished.replies.append(reply)
        finished.request.complete(.success(finished.replies))
    }

    private func failInFlight(with reason: RedisClientError) {
        while let call = inFlight.popFirst() {
            call.request.complete(.failure(reason))
        }
    }

    private func armDeadlineTimer() {
        guard deadlineTimer == nil, let context, let oldest = inFlight.first, oldest.request.deadline != .distantFuture else {
            return
        }
        deadlineTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: oldest.request.deadline) {
            self.deadlineTimer = nil
            self.checkDeadline()
        }
    }

    private func checkDeadline() {
        guard closeReason == nil, let oldest = inFlight.first else { return }
        guard oldest.request.deadline <= .now() else {
            armDeadlineTimer()
            return
        }
        inFlight.removeFirst().request.complete(.failure(.timeout))
        close(because: .connectionLost("dropped after a command on it timed out"))
    }
}
