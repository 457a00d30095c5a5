import NIOCore

/// Commands on their way to one connection, encoded, with the deadline of the call that sent them and
/// where its replies go. Completed exactly once, on the connection's event loop (or at once if refused).
struct RedisRequest: Sendable {
    typealias Completion = @Sendable (Result<[RedisReply], RedisClientError>) -> Void

    /// The RESP encoding of all the commands, written to the socket in one go.
    let bytes: ByteBuffer
    /// How many replies complete the request: one per command.
    let replyCount: Int
    /// Past it the caller gets ``RedisClientError/timeout``; `.distantFuture` waits without limit.
    let deadline: NIODeadline
    let complete: Completion

    init(_ commands: [RedisCommand], deadline: NIODeadline, completion: @escaping Completion) {
        precondition(!commands.isEmpty, "a request carries at least one command")
        self.bytes = commands.respEncoded()
        self.replyCount = commands.count
        self.deadline = deadline
        self.complete = completion
    }
}
