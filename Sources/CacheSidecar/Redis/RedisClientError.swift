/// Why a Redis call produced no reply. Redis's own `-ERR` replies are not errors here: they arrive as
/// ``RedisReply/error(_:)``.
///
/// Callers treat every case the same way (skip the cache); the cases exist for logs and metrics.
public enum RedisClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No live connection: Redis is down or still reconnecting. Thrown at once, without waiting,
    /// so the request can bypass the cache immediately.
    case unavailable(String)
    /// The connection broke during the call. The command may or may not have run.
    case connectionLost(String)
    /// No reply within the command timeout. The command may still run; the connection is replaced.
    case timeout
    /// Redis sent something hiredis could not parse; the connection is replaced.
    case protocolError(String)
    /// ``RedisClient/shutdown()`` was called.
    case shutdown
    /// The task waiting on a dedicated connection was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .unavailable(let reason): "Redis unavailable: \(reason)"
        case .connectionLost(let reason): "Redis connection lost: \(reason)"
        case .timeout: "Redis command timed out"
        case .protocolError(let reason): "Redis protocol error: \(reason)"
        case .shutdown: "Redis client is shut down"
        case .cancelled: "Redis call cancelled"
        }
    }
}
