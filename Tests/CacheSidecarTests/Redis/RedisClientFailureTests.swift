import Foundation
import Testing

@testable import CacheSidecar

/// Losing Redis, a stalled Redis, and shutting down, each against a private server.
@Suite("RedisClient failures")
struct RedisClientFailureTests {
    @Test func failsFastWhileRedisIsDownAndRecoversByItself() async throws {
        let server = try RedisServerProcess()
        let (logger, logs) = CapturingLogHandler.logger()
        let client = try RedisTest.client(url: server.url, poolSize: 2, commandTimeout: .seconds(2), logger: logger)
        defer { client.shutdown() }
        let key = RedisTest.uniqueKey()
        #expect(try await client.run("SET", key, "before") == .status("OK"))
        // Both slots up before the kill: a handshake that finishes as the server dies would log
        // a recovery and a second loss.
        #expect(await RedisTest.eventually(within: .seconds(2)) { client.liveConnectionCount == 2 })

        server.kill()
        // The first call may find a dead socket (connection lost); every call must fail, and fast.
        for _ in 0..<5 {
            let (elapsed, result) = await RedisTest.timed { try await client.run("GET", key) }
            #expect(elapsed < .seconds(1), "a call took \(elapsed) with Redis down")
            guard case .failure(let error as RedisClientError) = result else {
                Issue.record("expected a RedisClientError with Redis down, got \(result)")
                continue
            }
            switch error {
            case .unavailable, .connectionLost: break
            default: Issue.record("unexpected error \(error)")
            }
        }
        #expect(await RedisTest.eventually(within: .seconds(2)) { !client.isConnected })
        let (elapsed, result) = await RedisTest.timed { try await client.run("GET", key) }
        #expect(elapsed < .milliseconds(100), "fail-fast took \(elapsed)")
        guard case .failure(RedisClientError.unavailable) = result else {
            Issue.record("expected .unavailable once down, got \(result)")
            return
        }

        try server.restart()
        #expect(await RedisTest.eventually(within: .seconds(5)) { await client.ping() })
        #expect(client.isConnected)
        #expect(try await client.run("SET", key, "after") == .status("OK"))
        #expect(try await client.run("GET", key) == .bulk(Array("after".utf8)))

        #expect(logs.count(containing: "Lost connection to Redis") == 1, "\(logs.messages)")
        #expect(logs.count(containing: "Redis connection recovered") == 1, "\(logs.messages)")
    }

    /// A port whose kernel completes TCP handshakes but where no Redis answers (a listening socket
    /// nobody accepts from, as a dying server leaves for a moment) is not a connection.
    @Test func aPortThatAcceptsButDoesNotAnswerIsNotRedis() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound && listen(fd, 16) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let (logger, logs) = CapturingLogHandler.logger()
        var configuration = try RedisConfiguration(url: "redis://127.0.0.1:\(port)")
        configuration.poolSize = 2
        configuration.connectTimeout = .milliseconds(300)
        let client = RedisClient(configuration: configuration, logger: logger)
        defer { client.shutdown() }
        #expect(await RedisTest.eventually(within: .seconds(2)) { logs.count(containing: "Cannot connect to Redis") == 1 })
        #expect(!client.isConnected)
        let (elapsed, result) = await RedisTest.timed { try await client.run("GET", "x") }
        #expect(elapsed < .milliseconds(100), "fail-fast took \(elapsed)")
        guard case .failure(RedisClientError.unavailable) = result else {
            Issue.record("expected .unavailable, got \(result)")
            return
        }
        #expect(logs.count(containing: "Connected to Redis") == 0, "\(logs.messages)")
    }

    @Test func unreachableRedisFailsFastFromTheStart() async throws {
        let server = try RedisServerProcess()
        server.stop()
        let client = try RedisTest.client(url: server.url, poolSize: 2)
        defer { client.shutdown() }
        for _ in 0..<3 {
            let (elapsed, result) = await RedisTest.timed { try await client.run("PING") }
            #expect(elapsed < .seconds(1))
            guard case .failure(RedisClientError.unavailable(let reason)) = result else {
                Issue.record("expected .unavailable, got \(result)")
                continue
            }
            #expect(reason.contains("cannot connect"))
        }
    }

    @Test func slowRedisTimesOutAndThePoolRecovers() async throws {
        let server = try RedisServerProcess()
        let client = try RedisTest.client(url: server.url, poolSize: 2, commandTimeout: .milliseconds(200))
        let staller = try RedisTest.client(url: server.url, poolSize: 1, commandTimeout: .seconds(5))
        defer { client.shutdown(); staller.shutdown() }
        #expect(await client.ping())
        #expect(await staller.ping())

        let sleeping = Task { try await staller.run("DEBUG", "SLEEP", 1) }
        // Until the server actually sleeps, calls succeed; the first one to fail must be a timely timeout.
        var outcome: (elapsed: Duration, result: Result<RedisReply, any Error>)
        repeat {
            try await Task.sleep(for: .milliseconds(20))
            outcome = await RedisTest.timed { try await client.run("GET", "x") }
        } while (try? outcome.result.get()) != nil
        #expect(outcome.elapsed < .seconds(1), "the timed-out call took \(outcome.elapsed)")
        guard case .failure(RedisClientError.timeout) = outcome.result else {
            Issue.record("expected .timeout while Redis sleeps, got \(outcome.result)")
            return
        }
        #expect(try await sleeping.value == .status("OK"))
        #expect(await RedisTest.eventually(within: .seconds(3)) { await client.ping() })
        #expect(try await client.pipeline((0..<10).map { RedisCommand("ECHO", $0) }).count == 10)
    }

    @Test func shutdownFailsWaitingCallsAndHangsNothing() async throws {
        let server = try RedisServerProcess()
        let client = try RedisTest.client(url: server.url, poolSize: 1, commandTimeout: .seconds(10))
        #expect(await client.ping())

        // Blocking pops on an empty list: whichever runs first holds the only connection for 8 s, the rest
        // queue behind it. Any call not yet submitted at shutdown is refused, so every one must throw.
        let key = RedisTest.uniqueKey()
        let calls = (0..<5).map { _ in
            Task { try await client.run("BLPOP", key, 8) }
        }
        try await Task.sleep(for: .milliseconds(200))

        let (elapsed, _) = await RedisTest.timed { client.shutdown() }
        #expect(elapsed < .seconds(1), "shutdown took \(elapsed)")
        for call in calls {
            let (waited, result) = await RedisTest.timed { try await call.value }
            #expect(waited < .seconds(1))
            guard case .failure(RedisClientError.shutdown) = result else {
                Issue.record("expected .shutdown, got \(result)")
                continue
            }
        }
        await #expect(throws: RedisClientError.shutdown) { try await client.run("PING") }
        client.shutdown()
    }
}
