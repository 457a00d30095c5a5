import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the sidecar as a process: connects its dependencies, serves until SIGTERM or SIGINT,
/// lets in-flight requests finish (for up to ``SidecarConfiguration/shutdownGrace``), then
/// closes Redis and the upstream transport.
public enum SidecarRuntime {
    public static func run(_ configuration: SidecarConfiguration) async throws {
        var logger = Logger(label: "cache-sidecar")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info

        let redisConfiguration = try RedisConfiguration(url: configuration.redisURL)
        let redis = RedisClient(configuration: redisConfiguration, logger: logger)
        let (upstream, transports) = ResilientUpstream.curl(configuration: configuration, logger: logger)
        let store = RedisResponseStore(redis: redis, logger: logger)
        let semantic = SemanticLayer.load(configuration: configuration, store: store, logger: logger)
        let sidecar = SidecarApplication(configuration: configuration, store: store, upstream: upstream, semantic: semantic, logger: logger)

        logger.info("starting", metadata: [
            "listen": "\(configuration.host):\(configuration.port)",
            "upstream": "\(configuration.upstreamURL)",
            "fallbacks": "\(configuration.upstreamFallbackURLs.joined(separator: ","))",
            "retries": "\(configuration.upstreamRetries)",
            "redis": "\(redisConfiguration)",
            "scope": "\(configuration.cacheScope.rawValue)",
        ])
        let application = sidecar.makeApplication()
        // On SIGTERM the server stops accepting and waits for the requests in flight; after the
        // grace period the group cancels them, so the process exits in bounded time.
        var group = ServiceGroupConfiguration(
            services: [.init(service: application)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = configuration.shutdownGrace
        let services = ServiceGroup(configuration: group)
        defer { redis.shutdown() }
        do {
            try await services.run()
        } catch {
            for transport in transports { await transport.shutdown() }
            throw error
        }
        for transport in transports { await transport.shutdown() }
    }
}
