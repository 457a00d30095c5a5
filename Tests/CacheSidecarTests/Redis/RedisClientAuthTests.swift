import Foundation
import Testing

@testable import CacheSidecar

/// AUTH and SELECT on connect, against a private server started with `--requirepass`.
@Suite("RedisClient AUTH and SELECT")
struct RedisClientAuthTests {
    let server: RedisServerProcess

    init() throws {
        server = try RedisServerProcess(password: "pa55:w@rd")
    }

    @Test func authenticatesAndSelectsTheDatabase() async throws {
        let db3 = try RedisTest.client(url: server.url + "/3")
        let db0 = try RedisTest.client(url: server.url)
        defer { db3.shutdown(); db0.shutdown() }

        let key = RedisTest.uniqueKey()
        #expect(try await db3.run("SET", key, "in db 3") == .status("OK"))
        #expect(try await db3.run("GET", key) == .bulk(Array("in db 3".utf8)))
        #expect(try await db0.run("GET", key) == .null)
        let info = try #require(try await db3.run("CLIENT", "INFO").string)
        #expect(info.contains(" db=3 "))
    }

    @Test func authenticatesAsANamedUser() async throws {
        let client = try RedisTest.client(url: server.url.replacingOccurrences(of: "redis://:", with: "redis://default:"))
        defer { client.shutdown() }
        #expect(try await client.run("ACL", "WHOAMI") == .bulk(Array("default".utf8)))
    }

    @Test func wrongPasswordMakesRedisUnavailableWithAClearReason() async throws {
        let (logger, logs) = CapturingLogHandler.logger()
        let client = try RedisTest.client(url: "redis://:wrong-secret-1@127.0.0.1:\(server.port)", logger: logger)
        defer { client.shutdown() }
        do {
            try await client.run("PING")
            Issue.record("PING should fail with a wrong password")
        } catch let error as RedisClientError {
            guard case .unavailable(let reason) = error else {
                Issue.record("expected .unavailable, got \(error)")
                return
            }
            #expect(reason.contains("AUTH rejected"))
        }
        #expect(!client.isConnected)
        #expect(logs.count(containing: "Cannot connect to Redis") == 1)
        #expect(logs.messages.allSatisfy { !$0.contains("secret-1") && !$0.contains("pa55") })
    }

    @Test func withoutPasswordRedisIsUnavailableAndSaysWhy() async throws {
        let (logger, logs) = CapturingLogHandler.logger()
        let client = try RedisTest.client(url: "redis://127.0.0.1:\(server.port)", logger: logger)
        defer { client.shutdown() }
        // The handshake's PING meets NOAUTH: no connection comes up, calls fail fast, and the log says why.
        do {
            let reply = try await client.run("GET", "x")
            Issue.record("GET should fail without a password, got \(reply)")
        } catch let error as RedisClientError {
            guard case .unavailable(let reason) = error else {
                Issue.record("expected .unavailable, got \(error)")
                return
            }
            #expect(reason.contains("NOAUTH"), "\(reason)")
        }
        #expect(!client.isConnected)
        #expect(logs.count(containing: "Cannot connect to Redis: PING rejected by Redis: NOAUTH") == 1, "\(logs.messages)")
    }
}
