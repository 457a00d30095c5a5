/// Refuses semantic cache hits between prompts that look alike to an embedding but need different
/// answers: other numbers or arithmetic, genotypes, units, rates or model codes, negation, opposite words,
/// another member of one kind (colours, animals, foods…), a word WordNet sets against the
/// other's (antonyms, other natural kinds), other dates, other names, other text the
/// model cannot read (emoji, other scripts), a reversed route, or the same words in another order.
///
/// It runs after the similarity search, on candidates already above the threshold: embeddings
/// find the topic, the guard checks the details an embedding blurs. Serving a wrong cached answer
/// is the worst failure of a cache, so every rule errs on the side of refusing.
///
/// ```swift
/// let guard = LookalikeGuard()
/// if let refusal = guard.refusal(cached: hit.prompt, incoming: prompt) {
///     logger.debug("semantic hit refused", metadata: ["rule": "\(refusal.rule)"])
/// }
/// ```
public struct LookalikeGuard: Sendable {
    public var rules: [any GuardRule]

    /// Every rule, cheapest and most decisive first.
    public static let defaultRules: [any GuardRule] = [
        NumberRule(),
        ArithmeticRule(),
        GenotypeRule(),
        UnitRule(),
        CodeRule(),
        RateRule(),
        NegationRule(),
        OppositesRule(),
        KindRule(),
        ContrastRule(),
        NegativePrefixRule(),
        TemporalRule(),
        EntityRule(),
        OpaqueTextRule(),
        QuotedTextRule(),
        DirectionRule(),
        QuestionFocusRule(),
        ScopeRule(),
        AddedConditionRule(),
        VoiceRule(),
        PossessorRule(),
        WordOrderRule(),
    ]

    /// The default rules plus ``AddedWordsRule``: fewer wrong hits, markedly fewer hits (see docs/QUALITY-guards.md).
    public static let strictRules: [any GuardRule] = defaultRules + [AddedWordsRule()]

    public init(rules: [any GuardRule] = LookalikeGuard.defaultRules) {
        self.rules = rules
    }

    /// Extracts what the rules need from one prompt; cheap, and reusable across comparisons.
    public static func features(of prompt: String) -> PromptFeatures {
        PromptFeatures(prompt)
    }

    /// nil when the cached prompt may answer the new one; otherwise why not.
    public func refusal(cached: String, incoming: String) -> GuardRefusal? {
        refusal(cached: Self.features(of: cached), incoming: Self.features(of: incoming))
    }

    /// As ``refusal(cached:incoming:)-(String,String)``, with features computed beforehand.
    public func refusal(cached: PromptFeatures, incoming: PromptFeatures) -> GuardRefusal? {
        for rule in rules {
            if let refusal = rule.check(cached, incoming) { return refusal }
        }
        return nil
    }
}
