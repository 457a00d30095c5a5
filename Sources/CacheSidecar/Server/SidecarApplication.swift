import Hummingbird
import Logging
import NIOCore

/// Wires the endpoints to their dependencies and builds the HTTP application.
///
/// Dependencies come in through the seams (``ResponseStore``, ``Upstream``) so tests can run the
/// real application against a fake provider.
public struct SidecarApplication: Sendable {
    public let configuration: SidecarConfiguration
    public let store: any ResponseStore
    public let upstream: any Upstream
    public let semantic: SemanticLayer
    public let stats: StatsRecorder
    public let logger: Logger

    public init(
        configuration: SidecarConfiguration, store: any ResponseStore, upstream: any Upstream, semantic: SemanticLayer, logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.upstream = upstream
        self.semantic = semantic
        self.stats = StatsRecorder()
        self.logger = logger
    }

    /// - Parameter onServerRunning: called with the bound channel (tests read the port from it).
    public func makeApplication(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        let cache = CompletionCache(store: store, models: configuration.models, logger: logger)
        let completions = CompletionEndpoint(
            cache: cache, semantic: semantic.cache, upstream: upstream, stats: stats, configuration: configuration, logger: logger)
        let passThrough = PassThroughEndpoint(upstream: upstream, configuration: configuration, logger: logger)
        let operations = OperationsEndpoints(store: store, stats: stats, semantic: semantic, startedAt: .now)

        router.get("/healthz") { _, _ in operations.health() }
        router.get("/readyz") { _, _ in await operations.readiness() }
        router.get("/stats") { _, _ in operations.statistics() }
        router.post("/v1/chat/completions") { request, context in await completions.respond(to: request, context: context) }
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head, .options] {
            router.on("**", method: method) { request, context in await passThrough.respond(to: request, context: context) }
        }
        var application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: onServerRunning,
            logger: logger)
        if let cache = semantic.cache { application.addServices(SemanticMaintenance(cache: cache)) }
        return application
    }
}
