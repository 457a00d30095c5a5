/// Exponential backoff with jitter between reconnect attempts.
///
/// Jitter keeps the pool's connections (and many sidecars) from reconnecting in lockstep
/// when a shared Redis comes back.
public struct RedisBackoff: Sendable, Equatable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Fraction of each delay that is randomised: 0.5 waits between 50 % and 100 % of the nominal delay.
    public var jitter: Double

    public init(initialDelay: Duration = .milliseconds(50), maximumDelay: Duration = .seconds(2), jitter: Double = 0.5) {
        precondition((0...1).contains(jitter), "jitter is a fraction between 0 and 1")
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
    }

    /// The delay before reconnect attempt `attempt` (0 for the first retry), jitter included.
    func delay<Generator: RandomNumberGenerator>(attempt: Int, using generator: inout Generator) -> Duration {
        let nominal = nominalDelay(attempt: attempt)
        guard jitter > 0 else { return nominal }
        return nominal * Double.random(in: (1 - jitter)...1, using: &generator)
    }

    func delay(attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(attempt: attempt, using: &generator)
    }

    /// `initialDelay * 2^attempt`, capped at `maximumDelay`.
    func nominalDelay(attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 0..<min(attempt, 62) {
            delay *= 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }
}
