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
    /// This application's own Prometheus registry (see ``SidecarMetrics``).
    public let metrics: SidecarMetrics
    let coalescer = RequestCoalescer()
    public let logger: Logger

    public init(
        configuration: SidecarConfiguration, store: any ResponseStore, upstream: any Upstream, semantic: SemanticLayer, logger: Logger
    ) {
        self.configuration = configuration
        self.store = store
        self.upstream = upstream
        self.semantic = semantic
        self.metrics = SidecarMetrics()
        self.stats = StatsRecorder(metrics: metrics)
        self.logger = logger
    }

    /// - Parameter onServerRunning: called with the bound channel (tests read the port from it).
    public func makeApplication(onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        let cache = CompletionCache(store: store, models: configuration.models, logger: logger)
        let completions = CompletionEndpoint(
            cache: cache, semantic: semantic.cache, upstream: upstream, coalescer: coalescer, stats: stats, configuration: configuration,
            logger: logger)
        let passThrough = PassThroughEndpoint(upstream: upstream, configuration: configuration, logger: logger)
        let operations = OperationsEndpoints(store: store, stats: stats, metrics: metrics, semantic: semantic, startedAt: .now)
        let admin = AdminEndpoints(
            token: configuration.adminToken.map(AdminToken.init), store: store, semantic: semantic.cache,
            configuration: configuration, logger: logger)

        var own = OwnRoutes(router: router)
        own.get("/healthz") { _, _ in operations.health() }
        own.get("/readyz") { _, _ in await operations.readiness() }
        own.get("/stats") { _, _ in await operations.statistics() }
        own.get("/metrics") { _, _ in operations.prometheus() }
        own.get("/dashboard") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
        own.post("/admin/invalidate") { request, _ in await admin.invalidate(request) }
        own.post("/admin/report") { request, _ in await admin.report(request) }
        own.post("/v1/chat/completions") { request, context in await completions.respond(to: request, context: context) }
        var application = Application(
            responder: PassThroughFallback(
                routes: router.buildResponder(), own: own.registered, reservedPrefixes: ["/admin/"], passThrough: passThrough),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: onServerRunning,
            logger: logger)
        if let cache = semantic.cache { application.addServices(SemanticMaintenance(cache: cache)) }
        return application
    }
}

/// The routes the sidecar answers itself, remembered so that everything else can go upstream.
struct OwnRoutes {
    let router: Router<BasicRequestContext>
    private(set) var registered: Set<String> = []

    init(router: Router<BasicRequestContext>) { self.router = router }

    mutating func get(_ path: String, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        router.get(RouterPath(path), use: handler)
        registered.insert("GET " + path)
    }

    mutating func post(_ path: String, _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        router.post(RouterPath(path), use: handler)
        registered.insert("POST " + path)
    }
}

/// Answers the sidecar's own routes, and sends every other method and path to the provider.
///
/// A router wildcard cannot do this: its trie does not fall back to `**` once a path shares a
/// prefix with a route (`/v1/embeddings` next to `/v1/chat/completions`).
struct PassThroughFallback<Routes: HTTPResponder>: HTTPResponder where Routes.Context == BasicRequestContext {
    let routes: Routes
    let own: Set<String>
    /// Paths under these are the sidecar's even when no route matches (they get its 404), so
    /// that an admin call never leaks to the provider.
    let reservedPrefixes: [String]
    let passThrough: PassThroughEndpoint

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        if own.contains("\(request.method.rawValue) \(path)") || reservedPrefixes.contains(where: { path.hasPrefix($0) }) {
            return try await routes.respond(to: request, context: context)
        }
        return await passThrough.respond(to: request, context: context)
    }
}
