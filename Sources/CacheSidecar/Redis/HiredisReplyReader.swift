import CHiredis
import NIOCore

/// Parses RESP replies out of the bytes a connection receives: the only place that touches hiredis's C API.
///
/// hiredis is used as a protocol library only (its reader); sockets belong to NIO. Not thread-safe: one
/// connection's handler owns it on that connection's event loop. After a protocol error the reader's state
/// is unknown, so the connection must be dropped.
final class HiredisReplyReader {
    private let reader: UnsafeMutablePointer<redisReader>

    init() {
        guard let reader = redisReaderCreate() else {
            fatalError("hiredis could not allocate a reply reader")
        }
        self.reader = reader
    }

    deinit {
        redisReaderFree(reader)
    }

    /// Appends received bytes to the reader's buffer (hiredis copies them).
    func feed(_ buffer: ByteBuffer) throws(RedisClientError) {
        let status = buffer.withUnsafeReadableBytes { bytes in
            redisReaderFeed(reader, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        guard status == REDIS_OK else { throw currentError() }
    }

    /// The next complete reply, or `nil` until more bytes arrive.
    func nextReply() throws(RedisClientError) -> RedisReply? {
        var raw: UnsafeMutableRawPointer?
        guard redisReaderGetReply(reader, &raw) == REDIS_OK else { throw currentError() }
        guard let raw else { return nil }
        defer { freeReplyObject(raw) }
        return try RedisReply(raw.assumingMemoryBound(to: redisReply.self))
    }

    private func currentError() -> RedisClientError {
        let message = withUnsafeBytes(of: reader.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        return .protocolError(message.isEmpty ? "unparsable reply" : message)
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
