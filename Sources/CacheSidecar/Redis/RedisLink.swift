import NIOCore

/// The sending end of one open connection, usable from any thread: work hops to the connection's event loop
/// unless the caller is already on it.
struct RedisLink: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<RedisPipelineHandler>

    init(channel: any Channel, handler: RedisPipelineHandler) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    }

    var eventLoop: any EventLoop { channel.eventLoop }

    func send(_ request: RedisRequest) {
        onLoop { $0.send(request) }
    }

    /// Fails the requests in flight with `reason` and closes the connection.
    func close(because reason: RedisClientError) {
        onLoop { $0.close(because: reason) }
    }

    func isSameConnection(as other: RedisLink) -> Bool { channel === other.channel }

    private func onLoop(_ body: @escaping @Sendable (RedisPipelineHandler) -> Void) {
        if eventLoop.inEventLoop {
            body(handler.value)
        } else {
            let handler = self.handler
            eventLoop.execute { body(handler.value) }
        }
    }
}
