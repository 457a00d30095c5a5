import HTTPTypes

/// When a failed upstream call is sent again, and how long to wait first.
///
/// Retries happen only on the status line and headers, never once the body has started
/// towards the client, so a retried request is invisible to it.
struct RetryPolicy: Sendable {
    /// Attempts after the first one.
    var retries: Int
    /// Full jitter: the n-th wait is uniform in `[0, min(maximumDelay, baseDelay · 2ⁿ)]`, so
    /// clients that failed together do not retry together.
    var baseDelay: Duration = .milliseconds(100)
    var maximumDelay: Duration = .seconds(5)
    /// A `Retry-After` longer than this is not waited for: the 429 (or 503) goes to the client.
    var retryAfterCap: Duration = .seconds(30)

    /// Rate limiting and the server errors that usually pass: 429, 500, 502, 503, 504.
    static func isRetryable(_ status: HTTPResponse.Status) -> Bool {
        [429, 500, 502, 503, 504].contains(status.code)
    }

    /// The wait before retry number `attempt + 1`, or nil when the provider asked for a longer
    /// wait than ``retryAfterCap``.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration? {
        let backoff = jittered(attempt: attempt)
        guard let retryAfter else { return backoff }
        return retryAfter > retryAfterCap ? nil : max(retryAfter, backoff)
    }

    private func jittered(attempt: Int) -> Duration {
        let ceiling = min(maximumDelay, baseDelay * (1 << min(attempt, 20)))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(0, nanoseconds)))
    }
}
