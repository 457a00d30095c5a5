import Logging
import NIOCore
import NIOPosix

/// A Redis client for the request path: a small pool of non-blocking connections driven by NIO event
/// loops, each pipelining any number of calls, behind an async API. hiredis only parses the replies.
///
/// Built to fail fast. A call is bounded by ``RedisConfiguration/commandTimeout``; while no connection is
/// live, calls throw ``RedisClientError/unavailable(_:)`` at once and the pool reconnects in the background
/// with backoff, logging one line when Redis is lost and one when it is back. Redis's own error replies are
/// not thrown: they come back as ``RedisReply/error(_:)``. A call that fails is never retried, because the
/// command may have run; callers skip the cache instead.
///
/// The connections share NIO's process-wide event loops with the HTTP server, so a call made from an event
/// loop goes out on that loop's connection without a thread hop.
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let pool: RedisPool
    private let slots: [RedisPoolSlot]

    /// Starts connecting in the background, one connection per slot spread over the event loops. Calls
    /// made before the first connect attempt finishes wait for it (up to the command timeout) rather than fail.
    public init(configuration: RedisConfiguration, logger: Logger) {
        precondition(configuration.poolSize > 0, "a Redis pool needs at least one connection")
        let group = MultiThreadedEventLoopGroup.singleton
        let loops = Array(group.makeIterator())
        let pool = RedisPool(configuration: configuration, eventLoopGroup: group, logger: logger)
        self.configuration = configuration
        self.pool = pool
        self.slots = (0..<configuration.poolSize).map { index in
            RedisPoolSlot(index: index, eventLoop: loops[index % loops.count], pool: pool)
        }
        for slot in slots {
            slot.start()
        }
    }

    deinit {
        shutdown()
    }

    /// Sends one command and returns its reply, including error replies. Not cancellable: the call ends
    /// within the command timeout anyway.
    public func send(_ command: RedisCommand) async throws(RedisClientError) -> RedisReply {
        try await pipeline([command])[0]
    }

    /// Sends all commands on one connection, then reads all replies: one round trip. Replies come back in
    /// command order. If the connection fails midway the whole call throws, and any of the commands may
    /// have run.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisClientError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        let deadline = NIODeadline.now() + TimeAmount(configuration.commandTimeout)
        let result = await withCheckedContinuation { continuation in
            pool.submit(RedisRequest(commands, deadline: deadline) { continuation.resume(returning: $0) })
        }
        return try result.get()
    }

    /// Whether at least one pooled connection is live: what readiness probes report.
    public var isConnected: Bool { pool.isUp }

    /// How many pooled connections are live: a full pool has one per slot.
    var liveConnectionCount: Int { pool.liveCount }

    /// Round-trips a `PING`; `false` on any failure.
    public func ping() async -> Bool {
        (try? await send(RedisCommand("PING"))) == .status("PONG")
    }

    /// Runs `body` on a new thread with a new connection of its own, closed when `body` returns, for
    /// commands that block for long (`XREAD BLOCK`) and must not tie up a pooled connection.
    ///
    /// Shutting down the client or cancelling the calling task interrupts a blocked call in `body`, which
    /// then throws ``RedisClientError/shutdown`` or ``RedisClientError/cancelled``. Connect failures throw
    /// ``RedisClientError/unavailable(_:)``; there is no retry here, the caller owns its loop and backoff.
    public func withDedicatedConnection<T: Sendable>(
        _ body: @escaping @Sendable (RedisBlockingConnection) throws -> T
    ) async throws -> T {
        let token = RedisInterruptToken()
        try pool.registerDedicated(token)
        defer { pool.unregisterDedicated(token) }
        let configuration = self.configuration
        let eventLoop = pool.eventLoopGroup.next()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                RedisThread(name: "redis-dedicated") {
                    continuation.resume(with: Result {
                        let link = try RedisConnector.connect(configuration, on: eventLoop).wait()
                        defer { link.close(because: .connectionLost("dedicated connection closed")) }
                        try token.attach(link)
                        defer { token.detach() }
                        return try body(RedisBlockingConnection(link: link, token: token))
                    })
                }.detach()
            }
        } onCancel: {
            token.interrupt(with: .cancelled)
        }
    }

    /// Stops the pool: waiting calls and calls in flight throw ``RedisClientError/shutdown``, dedicated
    /// connections are interrupted, and no connection is reopened. Idempotent, and never blocks: the
    /// connections finish closing on their event loops.
    public func shutdown() {
        guard pool.beginShutdown() else { return }
        for slot in slots {
            slot.shutdown()
        }
    }
}
