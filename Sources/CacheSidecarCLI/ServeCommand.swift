import ArgumentParser
import CacheSidecar
import Foundation
import Logging

/// Every setting can come from the environment or from the equal flag; the flag wins.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the sidecar (the default).")

    @Option(name: .customLong("port"), help: "SIDECAR_PORT: port to listen on (default 8080).") var port: String?
    @Option(name: .customLong("host"), help: "SIDECAR_HOST: address to listen on (default 127.0.0.1).") var host: String?
    @Option(name: .customLong("upstream-url"), help: "UPSTREAM_URL: provider origin, e.g. https://api.openai.com.") var upstreamURL: String?
    @Option(name: .customLong("upstream-fallback-urls"), help: "UPSTREAM_FALLBACK_URLS: comma-separated origins tried in order when the primary fails.") var upstreamFallbackURLs: String?
    @Option(name: .customLong("upstream-retries"), help: "UPSTREAM_RETRIES: retries after 429, 5xx or no connection (default 3).") var upstreamRetries: String?
    @Option(name: .customLong("upstream-ca-file"), help: "UPSTREAM_CA_FILE: PEM file of CAs trusted for the upstream's TLS certificate (default: the system's).") var upstreamCAFile: String?
    @Option(name: .customLong("redis-url"), help: "REDIS_URL: redis://[:password@]host:port[/db].") var redisURL: String?
    @Option(name: .customLong("config"), help: "SIDECAR_CONFIG: YAML file with defaults, per-model settings and prices.") var config: String?
    @Option(name: .customLong("cache-scope"), help: "CACHE_SCOPE: credential (default) or shared.") var cacheScope: String?
    @Option(name: .customLong("max-body-bytes"), help: "MAX_BODY_BYTES: largest request body accepted (default 8 MiB).") var maxBodyBytes: String?
    @Option(name: .customLong("model-dir"), help: "MODEL_DIR: folder with model.safetensors, vocab.txt, config.json.") var modelDir: String?
    @Option(name: .customLong("semantic"), help: "SEMANTIC: on (default) or off.") var semantic: String?
    @Option(name: .customLong("semantic-guards"), help: "SEMANTIC_GUARDS: on (default) or off; off is for quality evaluation only.") var semanticGuards: String?
    @Option(name: .customLong("semantic-alignment"), help: "SEMANTIC_ALIGNMENT: token-alignment minimum for every model (default 0.4), 0 or off, or report (compute, never refuse).") var semanticAlignment: String?
    @Option(name: .customLong("log-level"), help: "LOG_LEVEL: trace, debug, info (default), notice, warning, error.") var logLevel: String?
    @Option(name: .customLong("log-prompts"), help: "LOG_PROMPTS: on to log prompt text at debug level (default off).") var logPrompts: String?
    @Option(name: .customLong("shutdown-grace"), help: "SHUTDOWN_GRACE: after SIGTERM, how long requests in flight may finish (default 25s).") var shutdownGrace: String?

    func run() async throws {
        var flags: [ConfigurationLoader.Variable: String] = [:]
        flags[.port] = port
        flags[.host] = host
        flags[.upstreamURL] = upstreamURL
        flags[.upstreamFallbackURLs] = upstreamFallbackURLs
        flags[.upstreamRetries] = upstreamRetries
        flags[.upstreamCAFile] = upstreamCAFile
        flags[.redisURL] = redisURL
        flags[.configFile] = config
        flags[.cacheScope] = cacheScope
        flags[.maxBodyBytes] = maxBodyBytes
        flags[.modelDirectory] = modelDir
        flags[.semantic] = semantic
        flags[.semanticGuards] = semanticGuards
        flags[.semanticAlignment] = semanticAlignment
        flags[.logLevel] = logLevel
        flags[.logPrompts] = logPrompts
        flags[.shutdownGrace] = shutdownGrace
        let configuration: SidecarConfiguration
        do {
            configuration = try ConfigurationLoader.load(environment: ProcessInfo.processInfo.environment, flags: flags)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("cache-sidecar: \(error)\n".utf8))
            throw ExitCode(2)
        }
        try await SidecarRuntime.run(configuration)
    }
}
