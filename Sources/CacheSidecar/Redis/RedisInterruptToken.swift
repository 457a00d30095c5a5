import NIOConcurrencyHelpers

/// Lets another thread stop a dedicated connection that may be waiting for a long time (`XREAD BLOCK`):
/// on shutdown or task cancellation the connection is closed, which fails the call waiting on it.
///
/// A connection is attached only once it is open; interrupting before that makes ``attach(_:)`` fail, so
/// an interruption is never lost to a race with connecting.
final class RedisInterruptToken: Sendable {
    private struct State {
        var link: RedisLink?
        var reason: RedisClientError?
    }

    private let state = NIOLockedValueBox(State())

    /// Why the connection was interrupted, if it was.
    var interruption: RedisClientError? { state.withLockedValue { $0.reason } }

    /// Interrupts now if a connection is attached, and makes later ``attach(_:)`` calls fail.
    func interrupt(with reason: RedisClientError) {
        state.withLockedValue { state in
            guard state.reason == nil else { return }
            state.reason = reason
            state.link?.close(because: reason)
        }
    }

    func attach(_ link: RedisLink) throws(RedisClientError) {
        let interruption: RedisClientError? = state.withLockedValue { state in
            if state.reason == nil { state.link = link }
            return state.reason
        }
        if let interruption { throw interruption }
    }

    func detach() {
        state.withLockedValue { $0.link = nil }
    }
}
