import Foundation
import HTTPTypes
import Testing

@testable import CacheSidecar

@Suite("Retry-After, back-off and circuit breaker")
struct RetryAndBreakerTests {
    @Test func retryAfterInSecondsOrAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.parse("7", now: now) == .seconds(7))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("-3", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.from([RetryAfter.milliseconds: "250", .retryAfter: "9"]) == .milliseconds(250))
    }

    @Test func backoffHasFullJitterUnderTheCeilingAndHonoursRetryAfter() {
        let policy = RetryPolicy(retries: 3, baseDelay: .milliseconds(100), maximumDelay: .milliseconds(300))
        for attempt in 0..<6 {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)!
            #expect(delay >= .zero && delay <= min(.milliseconds(300), .milliseconds(100 << attempt)))
        }
        let delays = Set((0..<50).map { _ in policy.delay(afterAttempt: 2, retryAfter: nil)! })
        #expect(delays.count > 1)
        #expect(policy.delay(afterAttempt: 0, retryAfter: .seconds(2)) == .seconds(2))
        #expect(policy.delay(afterAttempt: 0, retryAfter: .seconds(31)) == nil)
        #expect(RetryPolicy.isRetryable(.tooManyRequests) && RetryPolicy.isRetryable(.gatewayTimeout))
        #expect(!RetryPolicy.isRetryable(.badRequest) && !RetryPolicy.isRetryable(.notImplemented))
    }

    @Test func breakerOpensHalfOpensAndCloses() {
        let breaker = CircuitBreaker(threshold: 3, cooldown: .seconds(10))
        let start = ContinuousClock.now
        breaker.recordFailure(now: start)
        breaker.recordFailure(now: start)
        breaker.recordSuccess()  // Failures must be consecutive.
        for _ in 0..<2 { breaker.recordFailure(now: start) }
        #expect(breaker.allowsRequest(now: start))
        breaker.recordFailure(now: start)
        #expect(breaker.current == .open(since: start))
        #expect(!breaker.allowsRequest(now: start + .seconds(9)))
        // One probe after the cool-down, nobody else until it reports.
        #expect(breaker.allowsRequest(now: start + .seconds(10)))
        #expect(!breaker.allowsRequest(now: start + .seconds(11)))
        breaker.recordFailure(now: start + .seconds(11))
        #expect(!breaker.allowsRequest(now: start + .seconds(20)))
        #expect(breaker.allowsRequest(now: start + .seconds(21)))
        breaker.recordSuccess()
        #expect(breaker.current == .closed(consecutiveFailures: 0))
        #expect(breaker.allowsRequest(now: start + .seconds(21)))
    }

    @Test func aProbeThatNeverReportsIsReplacedAfterAnotherCooldown() {
        let breaker = CircuitBreaker(threshold: 1, cooldown: .seconds(10))
        let start = ContinuousClock.now
        breaker.recordFailure(now: start)
        #expect(breaker.allowsRequest(now: start + .seconds(10)))
        #expect(!breaker.allowsRequest(now: start + .seconds(15)))
        #expect(breaker.allowsRequest(now: start + .seconds(20)))
    }
}
