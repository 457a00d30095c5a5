import Foundation

/// Lets another thread stop a dedicated connection that may be blocked in a read for a long time
/// (`XREAD BLOCK`): on shutdown or task cancellation the socket is shut down, which wakes the read.
///
/// The socket is registered only while its connection is open, and interrupting holds the same lock,
/// so a descriptor that was closed (and perhaps reused) is never touched.
final class RedisInterruptToken: @unchecked Sendable {
    private struct State {
        var socket: Int32?
        var reason: RedisClientError?
    }

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var state = State()

    /// Why the connection was interrupted, if it was.
    var interruption: RedisClientError? { lock.withLock { state.reason } }

    /// Interrupts now if a socket is attached, and makes later ``attach(socket:)`` calls fail.
    func interrupt(with reason: RedisClientError) {
        lock.withLock {
            guard state.reason == nil else { return }
            state.reason = reason
            if let socket = state.socket {
                HiredisConnection.interrupt(socket: socket)
            }
        }
    }

    func attach(socket: Int32) throws(RedisClientError) {
        let interruption: RedisClientError? = lock.withLock {
            if state.reason == nil { state.socket = socket }
            return state.reason
        }
        if let interruption { throw interruption }
    }

    /// Call before the connection is freed.
    func detach() {
        lock.withLock { state.socket = nil }
    }
}
