/// A connection of its own, outside the pool, for commands that block for long: `XREAD BLOCK`, `BLPOP`.
/// Handed to the body of ``RedisClient/withDedicatedConnection(_:)`` and usable only there, on that
/// body's thread.
///
/// Calls block the thread (a dedicated one, never an event loop). After any error the connection is
/// dead and every later call throws; open a new one with another ``RedisClient/withDedicatedConnection(_:)``.
public final class RedisBlockingConnection {
    private let connection: HiredisConnection
    private let token: RedisInterruptToken
    private var failure: RedisClientError?

    init(connection: HiredisConnection, token: RedisInterruptToken) {
        self.connection = connection
        self.token = token
    }

    /// Sends one command and waits up to `timeout` for its reply; `nil` waits without limit (shutdown and
    /// task cancellation still interrupt it). For `XREAD BLOCK ms`, pass a timeout somewhat above `ms`.
    public func send(_ command: RedisCommand, timeout: Duration?) throws(RedisClientError) -> RedisReply {
        try pipeline([command], timeout: timeout)[0]
    }

    /// Sends all commands, then reads all replies: one round trip.
    public func pipeline(_ commands: [RedisCommand], timeout: Duration?) throws(RedisClientError) -> [RedisReply] {
        if let failure { throw failure }
        if let interruption = token.interruption { throw interruption }
        do {
            try connection.setTimeout(timeout)
            return try connection.execute(commands)
        } catch {
            // An interrupted read looks like a lost connection; report why it really ended.
            let reported = token.interruption ?? error
            failure = reported
            throw reported
        }
    }

    /// Whether shutdown or cancellation has stopped this connection: loops should check it and return.
    public var isInterrupted: Bool { token.interruption != nil }
}
