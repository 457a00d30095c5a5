import HTTPTypes
import Logging

/// An ``Upstream`` that retries and fails over: wraps one plain transport per origin (the primary
/// first, then the fallbacks) and gives every endpoint retries, fallbacks and circuit breakers.
///
/// Each attempt goes to the next upstream, in order, whose circuit lets it through: the primary
/// while it is healthy, a fallback right after the primary failed (without waiting), the primary
/// again after a back-off once every upstream was tried. Only the head is ever retried — 429,
/// 500, 502, 503, 504 or no connection — so nothing has reached the client yet. The last failure
/// goes to the client as it came (status, headers, body), or as the error when there was no
/// response. Timeouts are not retried: the request's time is spent. A streamed request body is
/// retried only while curl has taken none of it (a refused connection, an open circuit).
public final class ResilientUpstream: Upstream {
    struct Target: Sendable {
        let origin: String
        let transport: any Upstream
        let breaker: CircuitBreaker
    }

    let targets: [Target]
    private let policy: RetryPolicy
    private let logger: Logger

    init(targets: [(origin: String, transport: any Upstream)], policy: RetryPolicy, breakerThreshold: Int, breakerCooldown: Duration, logger: Logger) {
        precondition(!targets.isEmpty, "at least the primary upstream")
        self.targets = targets.map {
            Target(origin: $0.origin, transport: $0.transport, breaker: CircuitBreaker(threshold: breakerThreshold, cooldown: breakerCooldown))
        }
        self.policy = policy
        self.logger = logger
    }

    /// What the previous attempt left: handed to the client if no further attempt can be made.
    private enum Failure {
        case response(UpstreamResponse)
        case error(any Error)

        func deliver() throws -> UpstreamResponse {
            switch self {
            case .response(let response): return response
            case .error(let error): throw error
            }
        }
    }

    public func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        var failure: Failure?
        var tried = Set<Int>()
        var previous: Int?
        var wait = Duration.zero
        for attempt in 0...policy.retries {
            guard let index = nextTarget(after: previous) else {
                guard let failure else { throw UpstreamError.connectionFailed("every upstream's circuit is open after repeated failures") }
                return try failure.deliver()
            }
            if let failure, request.streamedBody?.hasStarted == true {
                return try failure.deliver()  // Part of a streamed body is gone: it cannot be sent again.
            }
            if tried.contains(index), wait > .zero { try await Task.sleep(for: wait) }
            tried.insert(index)
            previous = index
            failure = nil  // An earlier failed response is dropped (its transfer ends) before the next attempt.
            let target = targets[index]
            let isLast = attempt == policy.retries
            do {
                let response = try await target.transport.send(request)
                guard RetryPolicy.isRetryable(response.status) else {
                    target.breaker.recordSuccess()
                    return response
                }
                // A 429 is about the caller's quota, not the upstream's health.
                if response.status.code == 429 { target.breaker.recordSuccess() } else { target.breaker.recordFailure() }
                guard !isLast, let delay = policy.delay(afterAttempt: attempt, retryAfter: RetryAfter.from(response.headers)) else {
                    return response
                }
                logRetry(target, attempt: attempt, reason: "status \(response.status.code)", delay: delay)
                failure = .response(response)
                wait = delay
            } catch UpstreamError.connectionFailed(let detail) {
                target.breaker.recordFailure()
                if isLast { throw UpstreamError.connectionFailed(detail) }
                wait = policy.delay(afterAttempt: attempt, retryAfter: nil) ?? .zero
                logRetry(target, attempt: attempt, reason: detail, delay: wait)
                failure = .error(UpstreamError.connectionFailed(detail))
            } catch UpstreamError.timedOut {
                target.breaker.recordFailure()
                throw UpstreamError.timedOut
            }
        }
        // The loop returns or throws on its last attempt.
        throw UpstreamError.connectionFailed("no attempt was made")
    }

    /// The first upstream after `previous`, in order and wrapping round, whose circuit lets a request through.
    private func nextTarget(after previous: Int?) -> Int? {
        let start = previous.map { $0 + 1 } ?? 0
        for offset in 0..<targets.count {
            let index = (start + offset) % targets.count
            if targets[index].breaker.allowsRequest() { return index }
        }
        return nil
    }

    private func logRetry(_ target: Target, attempt: Int, reason: String, delay: Duration) {
        logger.notice("upstream retry", metadata: [
            "upstream": .string(target.origin), "attempt": .stringConvertible(attempt + 1), "reason": .string(reason),
            "max_wait_ms": .stringConvertible(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000),
        ])
    }
}

extension ResilientUpstream {
    /// The production stack: one libcurl transport per configured origin, primary first. The
    /// transports are returned too, to be shut down.
    public static func curl(configuration: SidecarConfiguration, logger: Logger) -> (upstream: ResilientUpstream, transports: [CurlUpstream]) {
        let origins = [configuration.upstreamURL] + configuration.upstreamFallbackURLs
        let transports = origins.map { CurlUpstream(origin: $0, connectTimeout: configuration.upstreamConnectTimeout, caFile: configuration.upstreamCAFile, logger: logger) }
        let upstream = ResilientUpstream(
            targets: zip(origins, transports).map { (origin: $0, transport: $1 as any Upstream) },
            policy: RetryPolicy(retries: configuration.upstreamRetries),
            breakerThreshold: configuration.circuitBreakerFailures,
            breakerCooldown: configuration.circuitBreakerCooldown,
            logger: logger)
        return (upstream, transports)
    }
}
