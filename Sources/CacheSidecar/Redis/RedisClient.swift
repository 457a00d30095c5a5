import Logging

/// A Redis client for the request path: a small pool of blocking hiredis connections, each owned by a
/// thread of its own, behind an async API, so NIO event loops and Swift concurrency threads never block.
///
/// Built to fail fast. A call is bounded by ``RedisConfiguration/commandTimeout``; while no connection is
/// live, calls throw ``RedisClientError/unavailable(_:)`` at once and the pool reconnects in the background
/// with backoff, logging one line when Redis is lost and one when it is back. Redis's own error replies are
/// not thrown: they come back as ``RedisReply/error(_:)``. A call that fails is never retried, because the
/// command may have run; callers skip the cache instead.
///
/// Creating a client sets `SIGPIPE` to ignored for the whole process (hiredis writes with `write(2)`).
public final class RedisClient: Sendable {
    public let configuration: RedisConfiguration
    private let pool: RedisPool
    private let threads: [RedisThread]

    /// Starts the pool's threads, which connect in the background. Calls made before the first connect
    /// attempt finishes wait for it (bounded by the connect timeout) rather than fail.
    public init(configuration: RedisConfiguration, logger: Logger) {
        precondition(configuration.poolSize > 0, "a Redis pool needs at least one connection")
        _ = ignoreSIGPIPEOnce
        let pool = RedisPool(configuration: configuration, logger: logger)
        self.configuration = configuration
        self.pool = pool
        self.threads = (0..<configuration.poolSize).map { index in
            RedisThread(name: "redis-\(index)") {
                RedisPoolWorker(index: index, pool: pool).run()
            }
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
        let result = await withCheckedContinuation { continuation in
            pool.submit(commands) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Whether at least one pooled connection is live: what readiness probes report.
    public var isConnected: Bool { pool.isUp }

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
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                RedisThread(name: "redis-dedicated") {
                    continuation.resume(with: Result {
                        let connection = try HiredisConnection(configuration: configuration)
                        // Keep the socket open until it is detached, so an interrupt never hits a closed descriptor.
                        return try withExtendedLifetime(connection) {
                            try token.attach(socket: connection.socket)
                            defer { token.detach() }
                            return try body(RedisBlockingConnection(connection: connection, token: token))
                        }
                    })
                }.detach()
            }
        } onCancel: {
            token.interrupt(with: .cancelled)
        }
    }

    /// Stops the pool: queued calls and calls in flight throw ``RedisClientError/shutdown``, dedicated
    /// connections are interrupted, and the pool's threads are joined. Idempotent.
    ///
    /// Blocks until the threads have exited, which is immediate unless one is in the middle of a connect
    /// attempt (then at most the connect timeout).
    public func shutdown() {
        guard pool.beginShutdown() else { return }
        for thread in threads where !thread.isCurrent {
            thread.join()
        }
    }
}
