import NIOCore
import Synchronization

/// Concurrent identical misses make one upstream call.
///
/// The first request for a key (the leader) opens a ``CoalescedFlight`` and makes the call itself;
/// identical requests that arrive while it is under way (followers) join it and receive the same
/// status, headers and body, chunk by chunk as the provider sends them — late joiners get the
/// prefix first. A flight leaves the table when it ends (after its answer was stored, so later
/// requests hit the cache), fails, or outgrows the prefix it keeps for joiners.
final class RequestCoalescer: Sendable {
    private let flights = Mutex<[String: CoalescedFlight]>([:])
    /// Answer bytes a flight keeps so that late joiners can start from the beginning.
    let joinableBytes: Int

    init(joinableBytes: Int = 1 << 20) {
        self.joinableBytes = joinableBytes
    }

    /// Joins the flight for `key`, or opens one whose leader the caller is: it must then make
    /// the call and publish its answer (``LeaderRelay``), or end the flight with the failure.
    func join(key: String) -> FlightRole {
        flights.withLock { flights in
            if let flight = flights[key], let subscription = flight.subscribe() {
                return .follower(FlightTicket(flight: flight, body: subscription))
            }
            let flight = CoalescedFlight(joinableBytes: joinableBytes) { [weak self] flight in self?.remove(key, flight) }
            flights[key] = flight
            return .leader(flight)
        }
    }

    /// Flights under way (for tests).
    var count: Int { flights.withLock { $0.count } }

    /// Clients reading a flight that is still open to joiners (for tests).
    var subscriberCount: Int { flights.withLock { $0.values.reduce(0) { $0 + $1.subscriberCount } } }

    private func remove(_ key: String, _ flight: CoalescedFlight) {
        flights.withLock { flights in
            if flights[key] === flight { flights[key] = nil }
        }
    }
}

/// What ``RequestCoalescer/join(key:)`` made of a request.
enum FlightRole: Sendable {
    /// Makes the upstream call and publishes it to the flight.
    case leader(CoalescedFlight)
    /// Shares the leader's call.
    case follower(FlightTicket)
}

/// A follower's place in a flight.
struct FlightTicket: Sendable {
    let flight: CoalescedFlight
    let body: UpstreamBody

    /// Waits for the provider's head, or for the reason there is none.
    func answer() async -> FlightAnswer {
        switch await flight.head() {
        case .success(let head): .response(head, body: body)
        case .failure(let error): .failed(error)
        }
    }
}

enum FlightAnswer: Sendable {
    case response(ResponseHead, body: UpstreamBody)
    case failed(any Error)
}
