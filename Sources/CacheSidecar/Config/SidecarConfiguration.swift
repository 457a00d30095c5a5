/// Everything the sidecar needs to start, resolved from flags, environment and the YAML file.
public struct SidecarConfiguration: Sendable {
    public enum CacheScope: String, Sendable {
        /// Entries are keyed by a hash of the request's credentials: two API keys never share an entry.
        case perCredential = "credential"
        /// One cache for every caller (opt-in, for a sidecar serving one trusted app).
        case shared
    }

    public var host = "127.0.0.1"
    public var port = 8080
    /// Origin of the provider, e.g. `https://api.openai.com`; the client's path is appended unchanged.
    public var upstreamURL = "https://api.openai.com"
    /// Origins tried, in order, when the primary keeps failing or its circuit is open.
    public var upstreamFallbackURLs: [String] = []
    /// Times a request is sent again after a 429, 500, 502, 503, 504 or no connection.
    public var upstreamRetries = 3
    /// Consecutive failures after which an upstream is skipped for ``circuitBreakerCooldown``.
    public var circuitBreakerFailures = 5
    public var circuitBreakerCooldown = Duration.seconds(10)
    public var redisURL = "redis://127.0.0.1:6379"
    public var configFile: String?
    public var cacheScope = CacheScope.perCredential
    public var maxBodyBytes = 8 * 1024 * 1024
    public var modelDirectory = "models/all-MiniLM-L6-v2"
    /// Turns the semantic layer off for every model (exact matching goes on).
    public var semanticEnabled = true
    /// The look-alike guards on semantic candidates. An evaluation knob only: turning them off
    /// shows what cosine similarity alone would serve (docs/BENCHMARKS.md); never in production.
    public var semanticGuardsEnabled = true
    public var upstreamConnectTimeout = Duration.seconds(5)
    /// PEM file of the certificate authorities trusted for upstream TLS; the system's when nil.
    public var upstreamCAFile: String?
    /// Total time for a non-streamed completion; grows with `max_tokens` (see ``UpstreamTimeouts``).
    public var upstreamTimeout = Duration.seconds(120)
    public var adminToken: String?
    public var logLevel = "info"
    /// Logs prompt text at debug level when set; off by default so prompts never reach logs.
    public var logPrompts = false
    public var models = ModelSettingsTable.builtIn
    /// After SIGTERM or SIGINT: how long requests in flight may take to finish (new connections
    /// are refused at once). Those still running then are cut, and the process exits.
    public var shutdownGrace = Duration.seconds(25)

    public init() {}
}

/// A setting that cannot be used; start-up stops with this message.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var setting: String
    public var problem: String
    public var description: String { "invalid configuration: \(setting): \(problem)" }

    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }
}
