import NIOCore
import Synchronization

/// One upstream call shared by every client that asked the same question at the same time.
///
/// The leader makes the call in its own task and relays the answer to its own client directly
/// (``LeaderRelay``); it publishes the head and each body chunk here for the followers, each of
/// which reads from its own unbounded buffer, so a slow client never holds the others back — it
/// holds at most what the provider sent ahead of it. Most misses have no follower, so the flight
/// has no task of its own unless the leader's client leaves while followers still read; the rest
/// of the call then moves to one (``start(_:)``), which is cancelled, with its upstream transfer,
/// when the last follower goes away before the end.
final class CoalescedFlight: Sendable {
    private struct State {
        var head: Result<ResponseHead, any Error>?
        var headWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextHeadWaiter = 0
        var prefix: [ByteBuffer] = []
        var prefixBytes = 0
        var joinable = true
        /// The leader's client still reads the answer.
        var leaderAttached = true
        var subscribers: [Int: ResponseBodyBuffer] = [:]
        var nextSubscriber = 0
        var ended = false
        var producer: Task<Void, Never>?
        var abandoned = false
    }

    private let state = Mutex(State())
    private let joinableBytes: Int
    private let onClosed: @Sendable (CoalescedFlight) -> Void

    /// - Parameter onClosed: called once the flight takes no new subscribers.
    init(joinableBytes: Int, onClosed: @escaping @Sendable (CoalescedFlight) -> Void) {
        self.joinableBytes = joinableBytes
        self.onClosed = onClosed
    }

    /// Clients reading the answer now, the leader's included.
    var subscriberCount: Int { state.withLock { $0.subscribers.count + ($0.leaderAttached ? 1 : 0) } }

    // MARK: Producer

    /// Runs the rest of the call in a task of the flight's own, once the leader's client has gone
    /// while followers still read; the task ends the flight, and is cancelled if they all go too.
    func start(_ produce: @escaping @Sendable (CoalescedFlight) async throws -> Void) {
        let task = Task {
            do {
                try await produce(self)
                self.end(nil)
            } catch {
                self.end(error)
            }
        }
        let abandoned = state.withLock { state in
            state.producer = task
            return state.abandoned
        }
        if abandoned { task.cancel() }
    }

    func publishHead(_ head: ResponseHead) {
        let waiters = state.withLock { state in
            state.head = .success(head)
            defer { state.headWaiters = [:] }
            return state.headWaiters.values
        }
        for waiter in waiters { waiter.resume() }
    }

    func publish(_ chunk: ByteBuffer) {
        let closed = state.withLock { state -> Bool in
            for subscriber in state.subscribers.values { _ = subscriber.offer(chunk) }
            guard state.joinable else { return false }
            state.prefixBytes += chunk.readableBytes
            guard state.prefixBytes <= joinableBytes else {
                state.joinable = false
                state.prefix = []
                return true
            }
            state.prefix.append(chunk)
            return false
        }
        if closed { onClosed(self) }
    }

    /// The body ended (`nil`) or broke; before a head, `error` is every follower's answer.
    func end(_ error: (any Error)?) {
        onClosed(self)
        let (waiters, subscribers) = state.withLock { state in
            state.joinable = false
            state.ended = true
            state.prefix = []
            if state.head == nil { state.head = .failure(error ?? CancellationError()) }
            defer { state.headWaiters = [:] }
            return (state.headWaiters.values, Array(state.subscribers.values))
        }
        for waiter in waiters { waiter.resume() }
        for subscriber in subscribers { subscriber.finish(throwing: error) }
    }

    /// The leader's client went away before the end. Returns whether followers still read; if
    /// none does, nobody needs the answer: the flight closes and the leader drops the call.
    func leaderLeft() -> Bool {
        let followersRead = state.withLock { state -> Bool in
            state.leaderAttached = false
            guard state.subscribers.isEmpty, !state.ended else { return true }
            state.abandoned = true
            state.joinable = false
            return false
        }
        if !followersRead { onClosed(self) }
        return followersRead
    }

    // MARK: Followers

    /// A new follower's body, starting with the prefix sent so far; nil once the flight is closed to joiners.
    func subscribe() -> UpstreamBody? {
        state.withLock { state in
            guard state.joinable else { return nil }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            let buffer = ResponseBodyBuffer(
                highWatermark: .max, lowWatermark: 0, onDemand: {},
                onConsumerGone: { [weak self] in self?.unsubscribe(id) })
            for chunk in state.prefix { _ = buffer.offer(chunk) }
            state.subscribers[id] = buffer
            return buffer.makeStream()
        }
    }

    /// The provider's head, or why there is none. A cancelled follower stops waiting at once
    /// (with `CancellationError`): at the end of a shutdown's grace period, a request whose
    /// provider has not answered yet must not hold the process up until the upstream timeout.
    func head() async -> Result<ResponseHead, any Error> {
        let waiter = state.withLock { state -> Int in
            defer { state.nextHeadWaiter += 1 }
            return state.nextHeadWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { state in
                    guard state.head == nil, !Task.isCancelled else { return false }
                    state.headWaiters[waiter] = continuation
                    return true
                }
                if !waiting { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.headWaiters.removeValue(forKey: waiter) }?.resume()
        }
        return state.withLock { $0.head } ?? .failure(CancellationError())
    }

    /// A follower went away before the end: when it was the last client, nobody needs the answer.
    private func unsubscribe(_ id: Int) {
        let producer = state.withLock { state -> Task<Void, Never>?? in
            state.subscribers[id] = nil
            guard state.subscribers.isEmpty, !state.leaderAttached, !state.ended else { return .none }
            state.abandoned = true
            state.joinable = false
            return .some(state.producer)
        }
        guard case .some(let task) = producer else { return }
        onClosed(self)
        task?.cancel()
    }
}
