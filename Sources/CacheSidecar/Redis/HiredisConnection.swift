import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking hiredis connection: the only place that touches hiredis's C API.
///
/// Not thread-safe. Exactly one thread owns a connection and makes every call on it; the one exception is
/// ``interrupt(socket:)``, which another thread may use to unblock it. Once a call has failed the hiredis
/// context is unusable (its reader and buffers are in an unknown state), so the owner must discard it.
final class HiredisConnection {
    private let context: UnsafeMutablePointer<redisContext>
    /// The socket, so another thread can ``interrupt(socket:)`` a blocked read.
    let socket: Int32

    /// Connects, then authenticates and selects the database, all within `configuration.connectTimeout`.
    init(configuration: RedisConfiguration) throws(RedisClientError) {
        guard
            let context = redisConnectWithTimeout(
                configuration.host,
                Int32(clamping: configuration.port),
                timeval(configuration.connectTimeout)
            )
        else {
            throw .unavailable("could not allocate a hiredis context")
        }
        guard context.pointee.err == 0 else {
            let message = Self.errorMessage(context)
            redisFree(context)
            throw .unavailable("cannot connect to \(configuration.host):\(configuration.port): \(message)")
        }
        self.context = context
        self.socket = context.pointee.fd
        try handshake(configuration)
    }

    deinit {
        redisFree(context)
    }

    /// Bounds each blocking read and write; a zero duration is rounded up, since hiredis treats 0 as "forever".
    /// `nil` blocks forever, for `XREAD BLOCK 0` on a dedicated connection.
    func setTimeout(_ timeout: Duration?) throws(RedisClientError) {
        let value = timeout.map { max($0, .milliseconds(1)) }.map(timeval.init) ?? timeval(tv_sec: 0, tv_usec: 0)
        guard redisSetTimeout(context, value) == REDIS_OK else {
            throw currentError()
        }
    }

    /// Writes all commands, then reads one reply per command: one round trip however many commands.
    func execute(_ commands: [RedisCommand]) throws(RedisClientError) -> [RedisReply] {
        for command in commands {
            try append(command)
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw currentError()
            }
            defer { freeReplyObject(raw) }
            replies.append(try RedisReply(raw.assumingMemoryBound(to: redisReply.self)))
        }
        return replies
    }

    /// Unblocks a thread stuck reading or writing `socket`: its hiredis call then fails as if the server left.
    /// The caller must guarantee the socket is still open (not yet freed by its owner).
    static func interrupt(socket: Int32) {
        _ = shutdown(socket, Int32(SHUT_RDWR))
    }

    private func handshake(_ configuration: RedisConfiguration) throws(RedisClientError) {
        try setTimeout(configuration.connectTimeout)
        var commands: [RedisCommand] = []
        if let password = configuration.password {
            if let username = configuration.username {
                commands.append(RedisCommand("AUTH", username, password))
            } else {
                commands.append(RedisCommand("AUTH", password))
            }
        }
        if configuration.database != 0 {
            commands.append(RedisCommand("SELECT", configuration.database))
        }
        guard !commands.isEmpty else { return }
        let replies: [RedisReply]
        do {
            replies = try execute(commands)
        } catch {
            throw .unavailable("handshake with \(configuration.host):\(configuration.port) failed: \(error)")
        }
        for (command, reply) in zip(commands, replies) {
            if case .error(let message) = reply {
                throw .unavailable("\(command.name) rejected by Redis: \(message)")
            }
        }
    }

    /// Binary-safe: hands hiredis pointers and lengths into one contiguous copy of the arguments.
    private func append(_ command: RedisCommand) throws(RedisClientError) {
        let arguments = command.arguments
        var lengths: [Int] = []
        lengths.reserveCapacity(arguments.count)
        var flat: [UInt8] = []
        flat.reserveCapacity(arguments.reduce(0) { $0 + $1.count })
        for argument in arguments {
            lengths.append(argument.count)
            flat.append(contentsOf: argument)
        }
        let status = flat.withUnsafeBufferPointer { bytes in
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(arguments.count)
            var offset = 0
            let base = UnsafeRawPointer(bytes.baseAddress)
            for length in lengths {
                pointers.append(base.map { ($0 + offset).assumingMemoryBound(to: CChar.self) })
                offset += length
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                redisAppendCommandArgv(context, Int32(argv.count), argv.baseAddress, lengths)
            }
        }
        guard status == REDIS_OK else {
            throw currentError()
        }
    }

    /// Translates hiredis's error state. A socket timeout surfaces from hiredis as an I/O error with `EAGAIN`.
    private func currentError() -> RedisClientError {
        let code = errno
        let message = Self.errorMessage(context)
        switch context.pointee.err {
        case REDIS_ERR_IO where code == EAGAIN || code == EWOULDBLOCK || code == ETIMEDOUT:
            return .timeout
        case REDIS_ERR_PROTOCOL:
            return .protocolError(message)
        default:
            return .connectionLost(message.isEmpty ? "unknown hiredis error" : message)
        }
    }

    private static func errorMessage(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension RedisReply {
    /// Deep-copies a hiredis reply into Swift values, so the C object can be freed right away.
    fileprivate init(_ reply: UnsafePointer<redisReply>) throws(RedisClientError) {
        let reply = reply.pointee
        switch reply.type {
        case REDIS_REPLY_STRING:
            self = .bulk(Array(UnsafeRawBufferPointer(start: reply.str, count: reply.len)))
        case REDIS_REPLY_STATUS:
            self = .status(String(decoding: UnsafeRawBufferPointer(start: reply.str, count: reply.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            self = .error(String(decoding: UnsafeRawBufferPointer(start: reply.str, count: reply.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int64(reply.integer))
        case REDIS_REPLY_NIL:
            self = .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(reply.elements)
            for index in 0..<reply.elements {
                guard let element = reply.element[index] else {
                    throw .protocolError("array reply with a missing element")
                }
                elements.append(try RedisReply(element))
            }
            self = .array(elements)
        default:
            throw .protocolError("unknown reply type \(reply.type)")
        }
    }
}

extension timeval {
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}

/// hiredis writes with plain `write(2)`, so writing to a socket whose peer has gone raises `SIGPIPE`,
/// which would kill the process. Ignoring it turns that into an `EPIPE` error hiredis reports normally.
let ignoreSIGPIPEOnce: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()
