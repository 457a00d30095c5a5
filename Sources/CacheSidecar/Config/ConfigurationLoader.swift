import Foundation
import Yams

/// Resolves a ``SidecarConfiguration``: built-in defaults, then the YAML file, then the
/// environment, then command-line flags (each later source wins).
public enum ConfigurationLoader {
    /// Environment variable names; outside checks rely on them, so they never change.
    public enum Variable: String, CaseIterable, Sendable {
        case port = "SIDECAR_PORT"
        case host = "SIDECAR_HOST"
        case upstreamURL = "UPSTREAM_URL"
        case upstreamFallbackURLs = "UPSTREAM_FALLBACK_URLS"
        case upstreamRetries = "UPSTREAM_RETRIES"
        case upstreamCAFile = "UPSTREAM_CA_FILE"
        case redisURL = "REDIS_URL"
        case configFile = "SIDECAR_CONFIG"
        case cacheScope = "CACHE_SCOPE"
        case maxBodyBytes = "MAX_BODY_BYTES"
        case modelDirectory = "MODEL_DIR"
        case semantic = "SEMANTIC"
        case semanticGuards = "SEMANTIC_GUARDS"
        case semanticAlignment = "SEMANTIC_ALIGNMENT"
        case adminToken = "SIDECAR_ADMIN_TOKEN"
        case logLevel = "LOG_LEVEL"
        case logPrompts = "LOG_PROMPTS"
        case shutdownGrace = "SHUTDOWN_GRACE"
    }

    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - flags: values given on the command line, keyed like the environment.
    public static func load(environment: [String: String], flags: [Variable: String] = [:]) throws -> SidecarConfiguration {
        var settings: [Variable: (value: String, source: String)] = [:]
        for variable in Variable.allCases {
            if let value = environment[variable.rawValue], !value.isEmpty { settings[variable] = (value, variable.rawValue) }
        }
        for (variable, value) in flags { settings[variable] = (value, "--" + flagName(variable)) }

        var config = SidecarConfiguration()
        if let (path, source) = settings[.configFile] {
            config.configFile = path
            do {
                try YAMLConfiguration.apply(file: path, to: &config)
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError(setting: source, problem: "cannot read \(path): \(error)")
            }
        }
        for (variable, (value, source)) in settings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try apply(variable, value: value, source: source, to: &config)
        }
        return config
    }

    /// The command-line flag for a variable: `SIDECAR_PORT` → `port`, `UPSTREAM_URL` → `upstream-url`.
    public static func flagName(_ variable: Variable) -> String {
        switch variable {
        case .port: "port"
        case .host: "host"
        case .upstreamURL: "upstream-url"
        case .upstreamFallbackURLs: "upstream-fallback-urls"
        case .upstreamRetries: "upstream-retries"
        case .upstreamCAFile: "upstream-ca-file"
        case .redisURL: "redis-url"
        case .configFile: "config"
        case .cacheScope: "cache-scope"
        case .maxBodyBytes: "max-body-bytes"
        case .modelDirectory: "model-dir"
        case .semantic: "semantic"
        case .semanticGuards: "semantic-guards"
        case .semanticAlignment: "semantic-alignment"
        case .adminToken: "admin-token"
        case .logLevel: "log-level"
        case .logPrompts: "log-prompts"
        case .shutdownGrace: "shutdown-grace"
        }
    }

    private static func apply(_ variable: Variable, value: String, source: String, to config: inout SidecarConfiguration) throws {
        func fail(_ problem: String) -> ConfigurationError { ConfigurationError(setting: source, problem: problem) }
        switch variable {
        case .port:
            guard let port = Int(value), (1...65535).contains(port) else { throw fail("'\(value)' is not a port number (1-65535)") }
            config.port = port
        case .host:
            config.host = value
        case .upstreamURL:
            config.upstreamURL = try validatedOrigin(value, fail: fail)
        case .upstreamFallbackURLs:
            config.upstreamFallbackURLs = try value.split(separator: ",").map {
                try validatedOrigin($0.trimmingCharacters(in: .whitespaces), fail: fail)
            }
        case .upstreamRetries:
            guard let retries = Int(value), (0...10).contains(retries) else { throw fail("'\(value)' is not a number of retries (0-10)") }
            config.upstreamRetries = retries
        case .upstreamCAFile:
            guard FileManager.default.isReadableFile(atPath: value) else { throw fail("cannot read '\(value)'") }
            config.upstreamCAFile = value
        case .redisURL:
            guard value.hasPrefix("redis://") else { throw fail("expected redis://[:password@]host:port[/db]") }
            config.redisURL = value
        case .configFile:
            config.configFile = value
        case .cacheScope:
            guard let scope = SidecarConfiguration.CacheScope(rawValue: value.lowercased()) else {
                throw fail("'\(value)' is not one of: credential, shared")
            }
            config.cacheScope = scope
        case .maxBodyBytes:
            guard let bytes = Int(value), bytes > 0 else { throw fail("'\(value)' is not a positive number of bytes") }
            config.maxBodyBytes = bytes
        case .modelDirectory:
            config.modelDirectory = value
        case .semantic:
            guard let on = parseSwitch(value) else { throw fail("'\(value)' is not on or off") }
            config.semanticEnabled = on
        case .semanticGuards:
            guard let on = parseSwitch(value) else { throw fail("'\(value)' is not on or off") }
            config.semanticGuardsEnabled = on
        case .semanticAlignment:
            // Every model's rule, as the later source: it overrides the YAML file's.
            guard let rule = AlignmentRule.parse(value) else { throw fail("'\(value)' is not a number in [0, 1] (0 disables), off or report") }
            config.models.defaults.alignment = rule
            for name in config.models.models.keys { config.models.models[name]?.alignment = rule }
        case .adminToken:
            guard value.utf8.count >= 16 else { throw fail("must be at least 16 characters") }
            config.adminToken = value
        case .logLevel:
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(value.lowercased()) else { throw fail("'\(value)' is not one of: \(levels.joined(separator: ", "))") }
            config.logLevel = value.lowercased()
        case .logPrompts:
            guard let on = parseSwitch(value) else { throw fail("'\(value)' is not on or off") }
            config.logPrompts = on
        case .shutdownGrace:
            guard let grace = DurationText.parse(value) else {
                throw fail("'\(value)' is not a duration (seconds, or e.g. 10s, 2m)")
            }
            config.shutdownGrace = grace
        }
    }

    static func parseSwitch(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "on", "true", "1", "yes": true
        case "off", "false", "0", "no": false
        default: nil
        }
    }

    /// An origin is scheme, host and optional port, with no path: the client's path is appended to it.
    static func validatedOrigin(_ value: String, fail: (String) -> ConfigurationError) throws -> String {
        let trimmed = value.hasSuffix("/") ? String(value.dropLast()) : value
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw fail("'\(value)' is not an http(s) origin such as https://api.openai.com") }
        guard url.path.isEmpty, url.query == nil else {
            throw fail("'\(value)' has a path; give the origin only (the client's path, e.g. /v1/chat/completions, is appended)")
        }
        return trimmed
    }
}
