import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

@testable import CacheSidecar

/// A real sidecar on a loopback port, with a real Redis and the fake provider behind it.
///
/// Each harness writes under its own Redis key prefix, so tests can share one Redis server
/// (the one `make test` starts, `TEST_REDIS_URL`) and still run in parallel.
final class SidecarHarness: Sendable {
    let provider: FakeProvider
    let redis: RedisClient
    let redisURL: String
    let port: Int
    let prefix: String
    let application: SidecarApplication
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>
    /// Retries, fallbacks and circuit breakers over one libcurl transport per origin.
    let upstream: ResilientUpstream
    private let transports: [CurlUpstream]
    /// A private Redis server, when the test needs to stop it.
    let privateRedis: RedisServerProcess?

    /// Up to 64 connections per host, so that concurrent requests in a test really are concurrent.
    static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(30)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// - Parameters:
    ///   - privateRedis: start a Redis of its own (to stop it) instead of the shared one.
    ///   - logger: what every part of the sidecar logs to (warnings and above to the console by default).
    ///   - configure: adjusts the configuration before the sidecar starts.
    static func start(
        privateRedis: Bool = false,
        provider: FakeProvider? = nil,
        prefix: String? = nil,
        logger: Logger? = nil,
        configure: (inout SidecarConfiguration) -> Void = { _ in }
    ) async throws -> SidecarHarness {
        let fake: FakeProvider
        if let provider { fake = provider } else { fake = try await FakeProvider.start() }
        let server = privateRedis ? try RedisServerProcess() : nil
        let redisURL = try server?.url ?? RedisServerProcess.sharedURL()
        var redisConfiguration = try RedisConfiguration(url: redisURL)
        redisConfiguration.commandTimeout = .seconds(2)
        let logger = logger ?? {
            var logger = Logger(label: "sidecar-test")
            logger.logLevel = .warning
            return logger
        }()
        let redis = RedisClient(configuration: redisConfiguration, logger: logger)

        var configuration = SidecarConfiguration()
        configuration.port = 0
        configuration.upstreamURL = fake.origin
        configuration.redisURL = redisURL
        configuration.semanticEnabled = false
        configuration.upstreamConnectTimeout = .seconds(2)
        configuration.modelDirectory = modelDirectory
        configure(&configuration)

        let prefix = prefix ?? "test:\(UUID().uuidString.prefix(8)):"
        let (upstream, transports) = ResilientUpstream.curl(configuration: configuration, logger: logger)
        let store = RedisResponseStore(redis: redis, prefix: prefix, logger: logger)
        let semantic = SemanticLayer.load(configuration: configuration, store: store, logger: logger)
        let sidecar = SidecarApplication(configuration: configuration, store: store, upstream: upstream, semantic: semantic, logger: logger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = sidecar.makeApplication { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: application)], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw HarnessError.didNotStart }
        return SidecarHarness(
            provider: fake, redis: redis, redisURL: redisURL, port: port, prefix: prefix, application: sidecar,
            serviceGroup: group, runTask: task, upstream: upstream, transports: transports, privateRedis: server)
    }

    private init(
        provider: FakeProvider, redis: RedisClient, redisURL: String, port: Int, prefix: String, application: SidecarApplication,
        serviceGroup: ServiceGroup, runTask: Task<Void, any Error>, upstream: ResilientUpstream, transports: [CurlUpstream],
        privateRedis: RedisServerProcess?
    ) {
        self.provider = provider
        self.redis = redis
        self.redisURL = redisURL
        self.port = port
        self.prefix = prefix
        self.application = application
        self.serviceGroup = serviceGroup
        self.runTask = runTask
        self.upstream = upstream
        self.transports = transports
        self.privateRedis = privateRedis
    }

    func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await runTask.result
        for transport in transports { await transport.shutdown() }
        redis.shutdown()
        await provider.stop()
        privateRedis?.stop()
    }

    /// `MODEL_DIR`, as `make test` sets it, or the repository's `models/all-MiniLM-L6-v2`.
    static var modelDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["MODEL_DIR"], !directory.isEmpty { return directory }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models/all-MiniLM-L6-v2").path
    }

    enum HarnessError: Error {
        case didNotStart
        case notJSON(String, String)
    }

    // MARK: Requests

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue? { try? JSONParser.parse(body) }
        var xCache: String? { headers.first(name: "x-cache") }
    }

    func send(
        _ method: HTTPMethod = .POST, path: String = "/v1/chat/completions", body: String? = nil,
        headers: [(String, String)] = [("Content-Type", "application/json")]
    ) async throws -> Reply {
        let request = self.request(method, path: path, body: body, headers: headers)
        let response = try await Self.httpClient.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
    }

    /// A request to the sidecar, for tests that read the response as it streams.
    func request(
        _ method: HTTPMethod = .POST, path: String = "/v1/chat/completions", body: String? = nil,
        headers: [(String, String)] = [("Content-Type", "application/json")]
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        return request
    }

    /// The body of a chat completion request with one user message.
    static func completionBody(_ prompt: String, model: String = "gpt-4.1", extra: String = "") -> String {
        #"{"model":"\#(model)","messages":[{"role":"user","content":"\#(prompt)"}]\#(extra)}"#
    }

    /// A chat completion request with the given user message and credentials.
    func complete(
        _ prompt: String, model: String = "gpt-4.1", apiKey: String = "sk-test", extra: String = "",
        headers: [(String, String)] = []
    ) async throws -> Reply {
        let body = Self.completionBody(prompt, model: model, extra: extra)
        return try await send(body: body, headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(apiKey)")] + headers)
    }

    /// `GET` one of the sidecar's own JSON endpoints.
    func getJSON(_ path: String) async throws -> JSONValue {
        let reply = try await send(.GET, path: path, headers: [])
        guard let json = reply.json else { throw HarnessError.notJSON(path, reply.text) }
        return json
    }

    /// The keys of the cached entries this harness wrote (not the index sets around them).
    func storedEntryKeys() async throws -> [String] {
        try await storedKeys().filter { $0.hasPrefix(prefix + "e:") }
    }

    /// Every Redis key this harness wrote.
    func storedKeys() async throws -> [String] {
        let reply = try await redis.send(RedisCommand("KEYS", prefix + "*"))
        return reply.array?.compactMap(\.string) ?? []
    }
}

/// A prompt no other test uses, so tests sharing a Redis never see each other's entries.
func uniquePrompt(_ text: String = "What is a sidecar?") -> String {
    "\(text) [\(UUID().uuidString.prefix(8))]"
}
