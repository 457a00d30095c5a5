/// How one completion request was served, for stats, metrics, logs and the `X-Cache` header.
public enum CacheOutcome: String, Sendable, CaseIterable {
    case exactHit = "exact_hit"
    case semanticHit = "semantic_hit"
    /// Looked up, not found, forwarded (and stored if the answer was storable) — or, with
    /// `Cache-Control: only-if-cached`, answered 504.
    case miss
    /// Joined an identical miss already under way and got its answer, without an upstream call of its own.
    case coalesced
    /// The cache was skipped: `Cache-Control`, the store unavailable, or the request not cacheable.
    case bypass
    /// No usable answer: the upstream failed or the request was refused.
    case error

    public var headerValue: String {
        switch self {
        case .exactHit, .semanticHit, .coalesced: "HIT"
        case .miss: "MISS"
        case .bypass, .error: "BYPASS"
        }
    }
}
