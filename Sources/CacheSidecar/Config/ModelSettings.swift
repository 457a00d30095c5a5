/// What the cache does for one model: how long entries live, how close a paraphrase must be,
/// and what the model costs (to report money saved).
public struct ModelSettings: Sendable, Equatable {
    public var ttl: Duration
    /// Cosine similarity at or above which a semantic candidate is considered.
    public var similarityThreshold: Double
    /// The second stage: the token alignment the candidate to be served must reach.
    public var alignment: AlignmentRule
    public var semanticEnabled: Bool
    public var price: ModelPrice?

    public init(
        ttl: Duration, similarityThreshold: Double, alignment: AlignmentRule = ModelSettingsTable.defaultAlignment,
        semanticEnabled: Bool = true, price: ModelPrice? = nil
    ) {
        self.ttl = ttl
        self.similarityThreshold = similarityThreshold
        self.alignment = alignment
        self.semanticEnabled = semanticEnabled
        self.price = price
    }
}

/// Provider list prices in US dollars per million tokens.
public struct ModelPrice: Sendable, Equatable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public func cost(promptTokens: Int, completionTokens: Int) -> Double {
        (Double(promptTokens) * inputPerMillion + Double(completionTokens) * outputPerMillion) / 1_000_000
    }
}

/// Settings per model, with the fall-back for models nobody configured.
public struct ModelSettingsTable: Sendable, Equatable {
    public var defaults: ModelSettings
    public var models: [String: ModelSettings]

    public init(defaults: ModelSettings, models: [String: ModelSettings]) {
        self.defaults = defaults
        self.models = models
    }

    /// Exact name first, then the name without a dated snapshot suffix
    /// (`gpt-4.1-2025-04-14` → `gpt-4.1`, `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`), then the defaults.
    public func settings(for model: String) -> ModelSettings {
        if let exact = models[model] { return exact }
        if let base = Self.strippingSnapshotDate(model), let settings = models[base] { return settings }
        return defaults
    }

    static func strippingSnapshotDate(_ model: String) -> String? {
        let utf8 = Array(model.utf8)
        func isDigits(_ slice: ArraySlice<UInt8>) -> Bool { slice.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        // -YYYY-MM-DD
        if utf8.count > 11 {
            let tail = utf8[(utf8.count - 11)...]
            let t = Array(tail)
            if t[0] == 0x2D, t[5] == 0x2D, t[8] == 0x2D, isDigits(tail.dropFirst().prefix(4)),
                isDigits(t[6...7]), isDigits(t[9...10]) {
                return String(decoding: utf8[..<(utf8.count - 11)], as: UTF8.self)
            }
        }
        // -YYYYMMDD
        if utf8.count > 9, utf8[utf8.count - 9] == 0x2D, isDigits(utf8[(utf8.count - 8)...]) {
            return String(decoding: utf8[..<(utf8.count - 9)], as: UTF8.self)
        }
        return nil
    }
}

extension ModelSettingsTable {
    /// Similarity threshold used when neither the model nor the YAML defaults say otherwise.
    /// Chosen with ``defaultAlignment`` from `pairs-dev.jsonl` (see docs/BENCHMARKS.md,
    /// "Semantic matching quality"): the alignment stage buys back the precision a lower threshold costs.
    public static let defaultSimilarityThreshold = 0.88

    /// Token-alignment minimum used when neither the model, the YAML defaults nor `SEMANTIC_ALIGNMENT` say otherwise.
    public static let defaultAlignment = AlignmentRule.minimum(0.4)

    /// The documented defaults: TTLs from the product brief, list prices (US$ per million input /
    /// output tokens) as the providers publish them.
    public static let builtIn = ModelSettingsTable(
        defaults: ModelSettings(ttl: .seconds(3600), similarityThreshold: defaultSimilarityThreshold),
        models: [
            "gpt-4.1": known(ttlHours: 2, input: 2.00, output: 8.00),
            "gpt-4.1-mini": known(ttlHours: 1, input: 0.40, output: 1.60),
            "gpt-4o": known(ttlHours: 1, input: 2.50, output: 10.00),
            "gpt-4o-mini": known(ttlHours: 1, input: 0.15, output: 0.60),
            "claude-sonnet-4.5": known(ttlHours: 2, input: 3.00, output: 15.00),
            "claude-sonnet-4-5": known(ttlHours: 2, input: 3.00, output: 15.00),
            "gemini-2.5-flash": known(ttlHours: 0.5, input: 0.30, output: 2.50),
            "deepseek-v3.2": known(ttlHours: 1, input: 0.28, output: 0.42),
        ]
    )

    private static func known(ttlHours: Double, input: Double, output: Double) -> ModelSettings {
        ModelSettings(
            ttl: .seconds(Int(ttlHours * 3600)), similarityThreshold: defaultSimilarityThreshold,
            price: ModelPrice(inputPerMillion: input, outputPerMillion: output))
    }
}
