/// Refuses when both prompts quote text and a word quoted in one is missing from the other,
/// function words included (a quote is the text the answer works on: a tense, a translation)
/// (``QuotedText``): "Translate 'the cat is sleeping' into French" vs "… 'the cats are sleeping'
/// …", "What does `[] + []` evaluate to?" vs "… `[] + {}` …".
///
/// A word may leave the quotes and stay in the prompt (headlines quote a claim: "Putin 'Wins
/// Presidential Election'" / "Putin 'wins' presidential election"). Quotes on one side only
/// ("What does 'YOLO' mean?" vs "What does YOLO mean?") are left to the other rules: they often
/// only mark a word as a word. Quoted code must be the same code, sign for sign: `'%a'` and
/// `'a%'` hold the same words. So must calls written inline: "COUNT(*)" is not "COUNT(column)".
/// Code one prompt quotes and the other writes unquoted is the same code.
public struct QuotedTextRule: GuardRule {
    public var name: String { "quoted-text" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if !a.quotedCode.isEmpty, !b.quotedCode.isEmpty, !writes(b, allOf: a.quotedCode) || !writes(a, allOf: b.quotedCode) {
            return refusal(a.quotedCode, b.quotedCode)
        }
        guard !a.wholeQuotes.isEmpty, !b.wholeQuotes.isEmpty else { return nil }
        let (contentA, contentB) = Self.missing(a.quotedText, from: b, b.quotedText, from: a)
        if !contentA.isEmpty || !contentB.isEmpty { return refusal(a.quotedText, b.quotedText) }
        // Function words too: "'good morning'" / "'good morning, how are you?'" ask for two
        // translations, "'I had been studying'" / "'I have been studying'" for two tenses.
        let (wholeA, wholeB) = Self.missing(a.wholeQuotes, from: b, b.wholeQuotes, from: a)
        guard !wholeA.isEmpty || !wholeB.isEmpty else { return nil }
        return refusal(a.wholeQuotes, b.wholeQuotes)
    }

    /// The words quoted in `a` that `b` has neither in its quotes nor elsewhere, and vice versa.
    private static func missing(
        _ quotesA: [String], from b: PromptFeatures, _ quotesB: [String], from a: PromptFeatures
    ) -> (Set<Substring>, Set<Substring>) {
        let quotedA = Set(quotesA.flatMap { $0.split(separator: " ") })
        let quotedB = Set(quotesB.flatMap { $0.split(separator: " ") })
        return (quotedA.subtracting(quotedB).filter { !b.wordSet.contains(String($0)) },
                quotedB.subtracting(quotedA).filter { !a.wordSet.contains(String($0)) })
    }

    /// Whether `prompt` writes each piece of code, quoted or not: "ValueError: invalid literal for
    /// int()" may be quoted in one prompt only.
    private func writes(_ prompt: PromptFeatures, allOf code: [String]) -> Bool {
        let text = " " + prompt.tokens.map(\.text).joined(separator: " ") + " "
        return code.allSatisfy { text.contains(" \($0) ") }
    }

    private func refusal(_ a: [String], _ b: [String]) -> GuardRefusal {
        let describe = { (texts: [String]) in texts.map { "'\($0)'" }.joined(separator: ", ") }
        return GuardRefusal(rule: name, detail: "\(describe(a)) ≠ \(describe(b))")
    }
}
