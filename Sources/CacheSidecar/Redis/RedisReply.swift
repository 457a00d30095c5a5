/// One reply from Redis (RESP2).
///
/// Bulk strings stay raw bytes: cached bodies are binary and must round-trip unchanged.
public enum RedisReply: Sendable, Hashable {
    /// `+OK`, `+PONG`, …
    case status(String)
    /// `-ERR …`: Redis refused this command. Returned, not thrown: the connection is still fine.
    case error(String)
    case integer(Int64)
    case bulk([UInt8])
    /// A missing key or a null array.
    case null
    case array([RedisReply])
}

extension RedisReply {
    /// Bulk bytes, or a status line's bytes.
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// Bulk bytes decoded as UTF-8, or the status text.
    public var string: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    public var integer: Int64? {
        if case .integer(let value) = self { value } else { nil }
    }

    public var array: [RedisReply]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public var isNull: Bool { self == .null }

    /// The text of an error reply.
    public var errorMessage: String? {
        if case .error(let message) = self { message } else { nil }
    }
}
