import Synchronization

/// Stops sending to an upstream that keeps failing, so requests go to a fallback (or fail at
/// once) instead of waiting on it, and lets one probe through after a cool-down.
///
/// closed —`threshold` consecutive failures→ open —`cooldown`→ half-open (one probe) —success→ closed,
/// —failure→ open again.
final class CircuitBreaker: Sendable {
    enum State: Equatable, Sendable {
        case closed(consecutiveFailures: Int)
        case open(since: ContinuousClock.Instant)
        /// One probe is under way; the others keep away until it reports.
        case halfOpen(probeSince: ContinuousClock.Instant)
    }

    private let threshold: Int
    private let cooldown: Duration
    private let state = Mutex(State.closed(consecutiveFailures: 0))

    init(threshold: Int, cooldown: Duration) {
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
    }

    var current: State { state.withLock { $0 } }

    /// Whether a request may go to this upstream now; in half-open state, the caller that gets
    /// `true` is the probe. A probe that never reports (its client went away) is replaced after
    /// another cool-down.
    func allowsRequest(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            switch state {
            case .closed:
                return true
            case .open(let since), .halfOpen(let since):
                guard now - since >= cooldown else { return false }
                state = .halfOpen(probeSince: now)
                return true
            }
        }
    }

    func recordSuccess() {
        state.withLock { $0 = .closed(consecutiveFailures: 0) }
    }

    func recordFailure(now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            switch state {
            case .closed(let failures):
                state = failures + 1 >= threshold ? .open(since: now) : .closed(consecutiveFailures: failures + 1)
            case .halfOpen, .open:
                state = .open(since: now)
            }
        }
    }
}
