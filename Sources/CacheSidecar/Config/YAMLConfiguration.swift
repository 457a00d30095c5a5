import Foundation
import Yams

/// Reads the optional YAML file: defaults, per-model settings and a few server settings.
///
/// ```yaml
/// max_body_bytes: 8388608
/// upstream_retries: 3
/// upstream_fallback_urls: [https://fallback.example.com]
/// circuit_breaker: { failures: 5, cooldown: 10s }
/// semantic_guards: true        # evaluation only: false lets cosine similarity alone decide
/// defaults:
///   ttl: 1h                    # seconds, or 90s / 30m / 2h / 1d
///   similarity_threshold: 0.88
///   alignment_threshold: 0.4   # token alignment after threshold and guards; 0 or off disables, report only reports
///   semantic: true
/// models:
///   gpt-4.1:
///     ttl: 2h
///     similarity_threshold: 0.93
///     semantic: true
///     price: { input: 2.00, output: 8.00 }   # US$ per million tokens
/// ```
enum YAMLConfiguration {
    static func apply(file path: String, to config: inout SidecarConfiguration) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try apply(yaml: text, source: path, to: &config)
    }

    static func apply(yaml text: String, source: String, to config: inout SidecarConfiguration) throws {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw ConfigurationError(setting: source, problem: "not valid YAML: \(error)")
        }
        guard let document else { return }
        guard let root = document as? [String: Any] else {
            throw ConfigurationError(setting: source, problem: "the top level must be a mapping")
        }
        let known: Set = [
            "defaults", "models", "max_body_bytes", "upstream_timeout", "upstream_connect_timeout", "semantic",
            "upstream_retries", "upstream_fallback_urls", "circuit_breaker", "semantic_guards",
        ]
        for key in root.keys where !known.contains(key) {
            throw ConfigurationError(setting: "\(source): \(key)", problem: "unknown setting (known: \(known.sorted().joined(separator: ", ")))")
        }
        if let value = root["max_body_bytes"] {
            guard let bytes = value as? Int, bytes > 0 else { throw ConfigurationError(setting: "\(source): max_body_bytes", problem: "must be a positive integer") }
            config.maxBodyBytes = bytes
        }
        if let value = root["upstream_timeout"] {
            config.upstreamTimeout = try duration(value, setting: "\(source): upstream_timeout")
        }
        if let value = root["upstream_connect_timeout"] {
            config.upstreamConnectTimeout = try duration(value, setting: "\(source): upstream_connect_timeout")
        }
        try applyUpstream(root, source: source, to: &config)
        if let value = root["semantic"] {
            guard let on = value as? Bool else { throw ConfigurationError(setting: "\(source): semantic", problem: "must be true or false") }
            config.semanticEnabled = on
        }
        if let value = root["semantic_guards"] {
            guard let on = value as? Bool else { throw ConfigurationError(setting: "\(source): semantic_guards", problem: "must be true or false") }
            config.semanticGuardsEnabled = on
        }
        if let value = root["defaults"] {
            guard let mapping = value as? [String: Any] else { throw ConfigurationError(setting: "\(source): defaults", problem: "must be a mapping") }
            let updated = try modelSettings(mapping, base: config.models.defaults, setting: "\(source): defaults")
            // Built-in models keep their own TTLs and prices; a new default threshold or switch applies to them too.
            for (name, var settings) in config.models.models {
                if mapping["similarity_threshold"] != nil { settings.similarityThreshold = updated.similarityThreshold }
                if mapping["alignment_threshold"] != nil { settings.alignment = updated.alignment }
                if mapping["semantic"] != nil { settings.semanticEnabled = updated.semanticEnabled }
                config.models.models[name] = settings
            }
            config.models.defaults = updated
        }
        if let value = root["models"] {
            guard let mapping = value as? [String: Any] else { throw ConfigurationError(setting: "\(source): models", problem: "must be a mapping of model name to settings") }
            for (name, entry) in mapping {
                guard let fields = entry as? [String: Any] else {
                    throw ConfigurationError(setting: "\(source): models.\(name)", problem: "must be a mapping")
                }
                let base = config.models.models[name] ?? config.models.defaults
                config.models.models[name] = try modelSettings(fields, base: base, setting: "\(source): models.\(name)")
            }
        }
    }

    /// `upstream_retries`, `upstream_fallback_urls` and `circuit_breaker: { failures, cooldown }`.
    private static func applyUpstream(_ root: [String: Any], source: String, to config: inout SidecarConfiguration) throws {
        if let value = root["upstream_retries"] {
            guard let retries = value as? Int, (0...10).contains(retries) else {
                throw ConfigurationError(setting: "\(source): upstream_retries", problem: "must be an integer from 0 to 10")
            }
            config.upstreamRetries = retries
        }
        if let value = root["upstream_fallback_urls"] {
            let setting = "\(source): upstream_fallback_urls"
            guard let list = value as? [String] else { throw ConfigurationError(setting: setting, problem: "must be a list of origins") }
            config.upstreamFallbackURLs = try list.map {
                try ConfigurationLoader.validatedOrigin($0) { ConfigurationError(setting: setting, problem: $0) }
            }
        }
        if let value = root["circuit_breaker"] {
            let setting = "\(source): circuit_breaker"
            guard let mapping = value as? [String: Any], Set(mapping.keys).isSubset(of: ["failures", "cooldown"]) else {
                throw ConfigurationError(setting: setting, problem: "must be { failures: <count>, cooldown: <duration> }")
            }
            if let failures = mapping["failures"] {
                guard let count = failures as? Int, count > 0 else { throw ConfigurationError(setting: "\(setting).failures", problem: "must be a positive integer") }
                config.circuitBreakerFailures = count
            }
            if let cooldown = mapping["cooldown"] {
                config.circuitBreakerCooldown = try duration(cooldown, setting: "\(setting).cooldown")
            }
        }
    }

    private static func modelSettings(_ fields: [String: Any], base: ModelSettings, setting: String) throws -> ModelSettings {
        var settings = base
        let known: Set = ["ttl", "similarity_threshold", "alignment_threshold", "semantic", "price"]
        for key in fields.keys where !known.contains(key) {
            throw ConfigurationError(setting: "\(setting).\(key)", problem: "unknown setting (known: \(known.sorted().joined(separator: ", ")))")
        }
        if let value = fields["ttl"] {
            settings.ttl = try duration(value, setting: "\(setting).ttl")
            guard settings.ttl > .zero else { throw ConfigurationError(setting: "\(setting).ttl", problem: "must be positive") }
        }
        if let value = fields["similarity_threshold"] {
            guard let threshold = number(value), threshold > 0, threshold <= 1 else {
                throw ConfigurationError(setting: "\(setting).similarity_threshold", problem: "must be a number in (0, 1]")
            }
            settings.similarityThreshold = threshold
        }
        if let value = fields["alignment_threshold"] {
            // YAML reads `off` as false.
            let text = (value as? Bool).map { $0 ? "on" : "off" } ?? number(value).map { "\($0)" } ?? (value as? String ?? "")
            guard let rule = AlignmentRule.parse(text) else {
                throw ConfigurationError(setting: "\(setting).alignment_threshold", problem: "must be a number in [0, 1] (0 disables), off or report")
            }
            settings.alignment = rule
        }
        if let value = fields["semantic"] {
            guard let on = value as? Bool else { throw ConfigurationError(setting: "\(setting).semantic", problem: "must be true or false") }
            settings.semanticEnabled = on
        }
        if let value = fields["price"] {
            guard let price = value as? [String: Any], let input = price["input"].flatMap(number), let output = price["output"].flatMap(number),
                input >= 0, output >= 0
            else {
                throw ConfigurationError(setting: "\(setting).price", problem: "must be { input: <US$/MTok>, output: <US$/MTok> }")
            }
            settings.price = ModelPrice(inputPerMillion: input, outputPerMillion: output)
        }
        return settings
    }

    private static func number(_ value: Any) -> Double? {
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    /// `3600`, `"90s"`, `"30m"`, `"2h"`, `"1d"`.
    static func duration(_ value: Any, setting: String) throws -> Duration {
        if let seconds = value as? Int, seconds >= 0 { return .seconds(seconds) }
        if let text = value as? String, let parsed = DurationText.parse(text) { return parsed }
        throw ConfigurationError(setting: setting, problem: "'\(value)' is not a duration (seconds, or e.g. 90s, 30m, 2h, 1d)")
    }
}

/// Durations written as people write them in configuration files.
enum DurationText {
    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        guard let unit = trimmed.last, let amount = Int(trimmed.dropLast()), amount >= 0 else { return nil }
        switch unit {
        case "s": return .seconds(amount)
        case "m": return .seconds(amount * 60)
        case "h": return .seconds(amount * 3600)
        case "d": return .seconds(amount * 86400)
        default: return nil
        }
    }
}
