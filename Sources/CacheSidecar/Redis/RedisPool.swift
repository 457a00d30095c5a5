import DequeModule
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// What the client's calls and its pooled connections share: which connections are live, whether Redis
/// counts as up, and where each call goes. Every field is guarded by `lock`; nothing blocks while holding it.
///
/// Availability is deliberately coarse. Redis is *up* while at least one pooled connection is live and
/// *down* once none is; while down, ``submit(_:)`` fails at once instead of queueing, so the request skips
/// the cache rather than wait for a reconnect. Before the first connect attempt has finished, calls wait
/// for it (up to their deadline).
final class RedisPool: @unchecked Sendable {
    private enum Phase {
        case starting
        case up
        case down(since: ContinuousClock.Instant)
    }

    let configuration: RedisConfiguration
    /// Where the connections run.
    let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let lock = NIOLock()

    private var phase = Phase.starting
    private var live: [RedisLink] = []
    /// Spreads calls over the live connections when the caller is on none of their event loops.
    private var nextLive = 0
    /// Calls made while the first connections are still being opened.
    private var waiting: Deque<RedisRequest> = []
    /// Tokens of running dedicated connections: ``beginShutdown()`` interrupts them.
    private var dedicatedConnections: [ObjectIdentifier: RedisInterruptToken] = [:]
    private var lastFailure = "not connected yet"
    private var shutDown = false

    init(configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    // MARK: Client side

    var isUp: Bool {
        lock.withLock {
            if case .up = phase { true } else { false }
        }
    }

    /// How many pooled connections are live now.
    var liveCount: Int { lock.withLock { live.count } }

    var isShutDown: Bool { lock.withLock { shutDown } }

    /// Sends `request` on a live connection — one on the caller's event loop if there is one, to save a
    /// thread hop — or refuses it at once when Redis is down.
    func submit(_ request: RedisRequest) {
        enum Route { case send(RedisLink), refuse(RedisClientError), wait }
        let callerLoop = MultiThreadedEventLoopGroup.currentEventLoop
        let route: Route = lock.withLock {
            if shutDown { return .refuse(.shutdown) }
            if !live.isEmpty { return .send(pickLive(preferring: callerLoop)) }
            switch phase {
            case .starting:
                waiting.append(request)
                return .wait
            case .up, .down:
                return .refuse(.unavailable(lastFailure))
            }
        }
        switch route {
        case .send(let link): link.send(request)
        case .refuse(let error): request.complete(.failure(error))
        case .wait: expireWaiting(at: request.deadline)
        }
    }

    /// Marks the pool shut down and fails the calls waiting for a first connection. Returns `false` if
    /// shutdown had already begun. The slots close their own connections.
    func beginShutdown() -> Bool {
        let abandoned: Deque<RedisRequest>? = lock.withLock {
            guard !shutDown else { return nil }
            shutDown = true
            for token in dedicatedConnections.values {
                token.interrupt(with: .shutdown)
            }
            live.removeAll()
            defer { waiting.removeAll() }
            return waiting
        }
        guard let abandoned else { return false }
        for request in abandoned {
            request.complete(.failure(.shutdown))
        }
        return true
    }

    func registerDedicated(_ token: RedisInterruptToken) throws(RedisClientError) {
        let accepted = lock.withLock {
            guard !shutDown else { return false }
            dedicatedConnections[ObjectIdentifier(token)] = token
            return true
        }
        guard accepted else { throw .shutdown }
    }

    func unregisterDedicated(_ token: RedisInterruptToken) {
        lock.withLock { _ = dedicatedConnections.removeValue(forKey: ObjectIdentifier(token)) }
    }

    // MARK: Slot side

    /// Records a new live connection and hands it the calls that were waiting for one.
    func connectionOpened(_ link: RedisLink) {
        let (previousPhase, released): (Phase?, Deque<RedisRequest>) = lock.withLock {
            guard !shutDown else { return (nil, []) }
            live.append(link)
            let previous = phase
            phase = .up
            defer { waiting.removeAll() }
            return (previous, waiting)
        }
        guard let previousPhase else {
            link.close(because: .shutdown)
            return
        }
        for request in released {
            link.send(request)
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
    }

    /// Records that a live connection has ended, because of `reason`.
    func connectionClosed(_ link: RedisLink, reason: String) {
        let wentDown: Bool = lock.withLock {
            live.removeAll { $0.isSameConnection(as: link) }
            lastFailure = reason
            return becomeDownIfNoConnectionIsLive().wentDown
        }
        if wentDown {
            logger.error(
                "Lost connection to Redis: \(reason); failing fast while reconnecting in the background",
                metadata: ["redis": "\(configuration)"]
            )
        }
    }

    /// Records a failed connect attempt: with no connection live, Redis is down and waiting calls fail.
    func connectFailed(slot: Int, reason: String) {
        let (change, abandoned): ((wentDown: Bool, wasStarting: Bool), Deque<RedisRequest>) = lock.withLock {
            lastFailure = reason
            let change = becomeDownIfNoConnectionIsLive()
            guard change.wentDown else { return (change, []) }
            defer { waiting.removeAll() }
            return (change, waiting)
        }
        for request in abandoned {
            request.complete(.failure(.unavailable(reason)))
        }
        if change.wentDown {
            let what = change.wasStarting ? "Cannot connect to Redis" : "Lost connection to Redis"
            logger.error(
                "\(what): \(reason); failing fast while reconnecting in the background",
                metadata: ["redis": "\(configuration)"]
            )
        } else {
            logger.debug("Redis connect attempt failed: \(reason)", metadata: ["redis.slot": "\(slot)"])
        }
    }

    // MARK: Helpers

    /// Must hold the lock, with `live` not empty.
    private func pickLive(preferring callerLoop: (any EventLoop)?) -> RedisLink {
        if live.count == 1 { return live[0] }
        if let callerLoop, let local = live.first(where: { $0.eventLoop === callerLoop }) {
            return local
        }
        nextLive = (nextLive + 1) % live.count
        return live[nextLive]
    }

    /// Must hold the lock. Moves to `.down` when the last live connection is gone.
    private func becomeDownIfNoConnectionIsLive() -> (wentDown: Bool, wasStarting: Bool) {
        guard live.isEmpty, !shutDown else { return (false, false) }
        switch phase {
        case .down: return (false, false)
        case .starting: phase = .down(since: .now); return (true, true)
        case .up: phase = .down(since: .now); return (true, false)
        }
    }

    /// Bounds a call that waits for the first connection by its own deadline.
    private func expireWaiting(at deadline: NIODeadline) {
        eventLoopGroup.next().scheduleTask(deadline: deadline) { [self] in
            let expired: Deque<RedisRequest> = lock.withLock {
                let now = NIODeadline.now()
                let expired = waiting.filter { $0.deadline <= now }
                waiting.removeAll { $0.deadline <= now }
                return expired
            }
            for request in expired {
                request.complete(.failure(.timeout))
            }
        }
    }
}
