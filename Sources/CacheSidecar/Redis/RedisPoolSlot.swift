import NIOCore

/// One pooled connection's life on its event loop: connect, serve until the connection ends, reconnect —
/// at once the first time, then with backoff and jitter while attempts fail — until shutdown.
///
/// A failed command is never retried: it may have run (an `INCR`, a `SET`), and the caller is better
/// served by an error now than by a second round trip after a reconnect.
///
/// Its state is confined to `eventLoop`: every entry point hops there first.
final class RedisPoolSlot: @unchecked Sendable {
    let index: Int
    let eventLoop: any EventLoop
    private let pool: RedisPool
    private var link: RedisLink?
    private var failedAttempts = 0
    private var reconnect: Scheduled<Void>?
    private var isShutDown = false

    init(index: Int, eventLoop: any EventLoop, pool: RedisPool) {
        self.index = index
        self.eventLoop = eventLoop
        self.pool = pool
    }

    func start() {
        eventLoop.execute { self.connect() }
    }

    /// Stops reconnecting and closes the connection, failing its calls in flight with
    /// ``RedisClientError/shutdown``.
    func shutdown() {
        eventLoop.execute {
            self.isShutDown = true
            self.reconnect?.cancel()
            self.reconnect = nil
            self.link?.close(because: .shutdown)
            self.link = nil
        }
    }

    private func connect() {
        eventLoop.assertInEventLoop()
        guard !isShutDown else { return }
        RedisConnector.connect(pool.configuration, on: eventLoop) { link, reason in
            self.connectionEnded(link, reason: reason)
        }.whenComplete { result in
            switch result {
            case .success(let link):
                guard !self.isShutDown else {
                    link.close(because: .shutdown)
                    return
                }
                self.failedAttempts = 0
                self.link = link
                self.pool.connectionOpened(link)
            case .failure(let error):
                let reason = (error as? RedisClientError)?.reason ?? "\(error)"
                self.pool.connectFailed(slot: self.index, reason: reason)
                self.scheduleReconnect()
            }
        }
    }

    /// Called on the event loop for every connection this slot opened, including ones that failed their
    /// handshake (those are handled as failed connect attempts instead).
    private func connectionEnded(_ ended: RedisLink, reason: RedisClientError) {
        guard let link, link.isSameConnection(as: ended) else { return }
        self.link = nil
        pool.connectionClosed(link, reason: reason.reason)
        connect()
    }

    private func scheduleReconnect() {
        guard !isShutDown else { return }
        let delay = pool.configuration.reconnectBackoff.delay(attempt: failedAttempts)
        failedAttempts += 1
        reconnect = eventLoop.scheduleTask(in: TimeAmount(delay)) {
            self.reconnect = nil
            self.connect()
        }
    }
}

extension RedisClientError {
    /// The description without the "Redis unavailable:" style prefix, for wrapping in other messages.
    var reason: String {
        switch self {
        case .unavailable(let reason), .connectionLost(let reason), .protocolError(let reason): reason
        case .timeout: "command timed out"
        case .shutdown: "client shut down"
        case .cancelled: "cancelled"
        }
    }
}
