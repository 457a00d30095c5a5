import DequeModule
import Foundation
import Logging

/// The state the client shares with its connection threads: a job queue, which connections are live,
/// and whether Redis counts as up. Every field is guarded by `condition`.
///
/// Availability is deliberately coarse. Redis is *up* while at least one pooled connection is live and
/// *down* once none is; while down, ``submit(_:completion:)`` fails at once instead of queueing, so the
/// request skips the cache rather than wait for a reconnect. A failed connect attempt means the server is
/// unreachable, so it also retires every connection that was already open when the attempt began: their
/// idle sockets are presumably dead too, and each would otherwise cost a caller a failed command to find out.
final class RedisPool: @unchecked Sendable {
    typealias Completion = @Sendable (Result<[RedisReply], RedisClientError>) -> Void

    struct Job {
        let commands: [RedisCommand]
        /// Past it, nobody is waiting for the answer any more: see ``RedisConfiguration/commandTimeout``.
        let deadline: ContinuousClock.Instant
        let completion: Completion
    }

    /// What a worker with a live connection should do next.
    enum Assignment {
        case run(Job)
        /// The connection was open when a connect attempt began that then failed: drop it and reconnect.
        case reconnect
        case exit
    }

    private enum Phase {
        case starting
        case up
        case down(since: ContinuousClock.Instant)
    }

    let configuration: RedisConfiguration
    private let logger: Logger
    private let condition = NSCondition()

    private var jobs: Deque<Job> = []
    private var phase = Phase.starting
    /// Sockets of the live pooled connections, by worker: ``beginShutdown()`` interrupts them.
    private var liveSockets: [Int: Int32] = [:]
    /// Tokens of running dedicated connections: ``beginShutdown()`` interrupts them too.
    private var dedicatedConnections: [ObjectIdentifier: RedisInterruptToken] = [:]
    /// Numbers connections in the order they opened (the first is 1).
    private var openedConnections = 0
    /// Connections numbered up to this one are retired (see ``connectFailed(worker:reason:openedBefore:)``).
    private var retiredConnections = 0
    private var lastFailure = "not connected yet"
    private var shutDown = false

    init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    // MARK: Client side

    var isUp: Bool {
        locked {
            if case .up = phase { true } else { false }
        }
    }

    var isShutDown: Bool { locked { shutDown } }

    /// Queues a job for the next free connection, or completes it at once when Redis is down.
    func submit(_ commands: [RedisCommand], completion: @escaping Completion) {
        let deadline = ContinuousClock.now + configuration.commandTimeout
        let refusal: RedisClientError? = locked {
            if shutDown { return .shutdown }
            if case .down = phase { return .unavailable(lastFailure) }
            jobs.append(Job(commands: commands, deadline: deadline, completion: completion))
            // Broadcast, not signal: a worker sleeping between reconnect attempts shares this condition
            // and must not swallow the wake-up meant for an idle connected one.
            condition.broadcast()
            return nil
        }
        if let refusal {
            completion(.failure(refusal))
        }
    }

    /// Fails queued jobs, interrupts every blocked socket and tells the threads to exit.
    /// Returns `false` if shutdown had already begun.
    func beginShutdown() -> Bool {
        let abandoned: Deque<Job>? = locked {
            guard !shutDown else { return nil }
            shutDown = true
            for socket in liveSockets.values {
                HiredisConnection.interrupt(socket: socket)
            }
            for token in dedicatedConnections.values {
                token.interrupt(with: .shutdown)
            }
            defer { jobs.removeAll() }
            condition.broadcast()
            return jobs
        }
        guard let abandoned else { return false }
        for job in abandoned {
            job.completion(.failure(.shutdown))
        }
        return true
    }

    func registerDedicated(_ token: RedisInterruptToken) throws(RedisClientError) {
        let accepted = locked {
            guard !shutDown else { return false }
            dedicatedConnections[ObjectIdentifier(token)] = token
            return true
        }
        guard accepted else { throw .shutdown }
    }

    func unregisterDedicated(_ token: RedisInterruptToken) {
        locked { _ = dedicatedConnections.removeValue(forKey: ObjectIdentifier(token)) }
    }

    // MARK: Worker side

    /// The number of connections opened so far: read it before a connect attempt, for
    /// ``connectFailed(worker:reason:openedBefore:)``.
    var openedConnectionCount: Int { locked { openedConnections } }

    /// Records a new live connection; returns its number, for ``nextAssignment(worker:connection:)``.
    func connectionOpened(worker: Int, socket: Int32) -> Int {
        let (number, previousPhase) = locked {
            liveSockets[worker] = socket
            openedConnections += 1
            let previous = phase
            phase = .up
            return (openedConnections, previous)
        }
        switch previousPhase {
        case .starting:
            logger.info("Connected to Redis", metadata: ["redis": "\(configuration)"])
        case .down(let since):
            let outage = (ContinuousClock.now - since).redisMilliseconds
            logger.notice("Redis connection recovered after \(outage) ms", metadata: ["redis": "\(configuration)"])
        case .up:
            break
        }
        return number
    }

    /// Records that `worker`'s connection is gone, because it failed (`reason`) or was retired (`nil`).
    /// Call it before the connection is freed, so ``beginShutdown()`` never interrupts a closed (and possibly
    /// reused) descriptor.
    func connectionClosed(worker: Int, reason: String?) {
        let (failed, reason): (Deque<Job>?, String) = locked {
            liveSockets[worker] = nil
            if let reason { lastFailure = reason }
            return (becomeDownIfNoConnectionIsLive(), lastFailure)
        }
        if let failed {
            logger.error(
                "Lost connection to Redis: \(reason); failing fast while reconnecting in the background",
                metadata: ["redis": "\(configuration)"]
            )
            fail(failed, reason: reason)
        }
    }

    /// Records a failed connect attempt, which retires the connections that were open when it began:
    /// `openedBefore` is ``openedConnectionCount`` as read before the attempt. Connections that opened while
    /// it was under way stay, so a late failure cannot undo a recovery.
    func connectFailed(worker: Int, reason: String, openedBefore: Int) {
        let (failed, wasStarting): (Deque<Job>?, Bool) = locked {
            retiredConnections = max(retiredConnections, openedBefore)
            lastFailure = reason
            condition.broadcast()
            let wasStarting = if case .starting = phase { true } else { false }
            return (becomeDownIfNoConnectionIsLive(), wasStarting)
        }
        if let failed {
            let what = wasStarting ? "Cannot connect to Redis" : "Lost connection to Redis"
            logger.error(
                "\(what): \(reason); failing fast while reconnecting in the background",
                metadata: ["redis": "\(configuration)"]
            )
            fail(failed, reason: reason)
        } else {
            logger.debug("Redis connect attempt failed: \(reason)", metadata: ["redis.worker": "\(worker)"])
        }
    }

    /// Blocks a connected worker until there is a job for it, its connection is retired, or shutdown.
    func nextAssignment(worker: Int, connection: Int) -> Assignment {
        var expired: [Job] = []
        defer {
            for job in expired {
                job.completion(.failure(.timeout))
            }
        }
        return locked {
            while true {
                if shutDown { return .exit }
                if connection <= retiredConnections { return .reconnect }
                if let job = jobs.popFirst() {
                    if job.deadline <= .now {
                        expired.append(job)
                        continue
                    }
                    return .run(job)
                }
                condition.wait()
            }
        }
    }

    /// Sleeps between reconnect attempts; shutdown cuts it short.
    func sleep(for delay: Duration) {
        let wakeUp = Date(timeIntervalSinceNow: Double(delay.redisMilliseconds) / 1000)
        locked {
            while !shutDown, condition.wait(until: wakeUp) {}
        }
    }

    // MARK: Helpers

    /// Must hold the lock. Moves to `.down` when the last live connection is gone and hands back the
    /// queued jobs to fail, since no connection will serve them; `nil` when nothing changed.
    private func becomeDownIfNoConnectionIsLive() -> Deque<Job>? {
        guard liveSockets.isEmpty, !shutDown else { return nil }
        if case .down = phase { return nil }
        phase = .down(since: .now)
        defer { jobs.removeAll() }
        return jobs
    }

    private func fail(_ jobs: Deque<Job>, reason: String) {
        for job in jobs {
            job.completion(.failure(.unavailable(reason)))
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
