import NIOCore

/// A connection of its own, outside the pool, for commands that block for long: `XREAD BLOCK`, `BLPOP`.
/// Handed to the body of ``RedisClient/withDedicatedConnection(_:)`` and usable only there, on that
/// body's thread.
///
/// The connection itself runs on an event loop like the pooled ones; calls block the body's thread (a
/// dedicated one, never an event loop) until the reply. After any error the connection is dead and every
/// later call throws; open a new one with another ``RedisClient/withDedicatedConnection(_:)``.
public final class RedisBlockingConnection {
    private let link: RedisLink
    private let token: RedisInterruptToken
    private var failure: RedisClientError?

    init(link: RedisLink, token: RedisInterruptToken) {
        self.link = link
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
        guard !commands.isEmpty else { return [] }
        let deadline = timeout.map { NIODeadline.now() + TimeAmount($0) } ?? .distantFuture
        let replies = link.eventLoop.makePromise(of: [RedisReply].self)
        link.send(RedisRequest(commands, deadline: deadline) { replies.completeWith($0.mapError { $0 }) })
        do {
            return try replies.futureResult.wait()
        } catch {
            // A closed connection fails the call as lost; report why it really ended.
            let reported = token.interruption ?? (error as? RedisClientError) ?? .connectionLost("\(error)")
            failure = reported
            throw reported
        }
    }

    /// Whether shutdown or cancellation has stopped this connection: loops should check it and return.
    public var isInterrupted: Bool { token.interruption != nil }
}
