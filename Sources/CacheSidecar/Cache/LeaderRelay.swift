import NIOCore
import Synchronization

/// What the leader does with an answer besides relaying it: watches every chunk and, once the
/// body has ended well, keeps it — before any client sees the end, so its next request finds it.
protocol AnswerRecorder: Sendable {
    mutating func observe(_ chunk: ByteBuffer)
    func complete() async
}

/// The leader's answer body: relays the upstream body to the leader's own client, in the leader's
/// task, and publishes each chunk to the flight's followers.
///
/// A task of the flight's own would cost every miss two more thread hops (the head and each
/// chunk through a buffer), and most misses have no follower. So the flight gets a task only if
/// the leader's client leaves before the end while followers still read (its write fails, or
/// its response is dropped before the body was written): the rest of the body then moves there.
/// With nobody left, the upstream body is dropped, which cancels the transfer.
final class LeaderRelay<Recorder: AnswerRecorder>: Sendable {
    private let flight: CoalescedFlight
    private let upstream: UpstreamBody
    private let recorder: Recorder?
    private let started = Atomic<Bool>(false)

    /// - Parameter recorder: nil when the answer is not to be kept (an error status).
    init(flight: CoalescedFlight, upstream: UpstreamBody, recorder: Recorder?) {
        self.flight = flight
        self.upstream = upstream
        self.recorder = recorder
    }

    /// Relays the body through `write` and ends the flight. Throws what the upstream body or
    /// `write` threw; in the latter case the followers, if any, still get the whole answer.
    func run(writingTo write: (ByteBuffer) async throws -> Void) async throws {
        started.store(true, ordering: .relaxed)
        var recorder = self.recorder
        var chunks = upstream.makeAsyncIterator()
        do {
            while let chunk = try await chunks.next() {
                recorder?.observe(chunk)
                flight.publish(chunk)
                do {
                    try await write(chunk)
                } catch {
                    if flight.leaderLeft() { Self.handOff(flight, upstream, recorder) }
                    throw ClientGone(error: error)
                }
            }
            // A cancelled body can look like a finished one: never keep what was cut short.
            try Task.checkCancellation()
            await recorder?.complete()
            flight.end(nil)
        } catch let gone as ClientGone {
            throw gone.error
        } catch {
            flight.end(error)
            throw error
        }
    }

    /// As ``run(writingTo:)`` for a body that had wholly arrived with its head: it is kept and
    /// published before the caller sends it, with its head, in one write.
    func deliver(_ whole: ByteBuffer) async {
        started.store(true, ordering: .relaxed)
        var recorder = self.recorder
        recorder?.observe(whole)
        flight.publish(whole)
        await recorder?.complete()
        flight.end(nil)
    }

    /// The response was dropped unwritten (its client had gone): the followers still need the answer.
    deinit {
        if !started.load(ordering: .relaxed), flight.leaderLeft() {
            Self.handOff(flight, upstream, recorder)
        }
    }

    /// Reads the rest of `upstream` in the flight's own task (the same body, continued).
    private static func handOff(_ flight: CoalescedFlight, _ upstream: UpstreamBody, _ recorder: Recorder?) {
        flight.start { flight in
            var recorder = recorder
            for try await chunk in upstream {
                recorder?.observe(chunk)
                flight.publish(chunk)
            }
            try Task.checkCancellation()
            await recorder?.complete()
        }
    }

    private struct ClientGone: Error {
        let error: any Error
    }
}
