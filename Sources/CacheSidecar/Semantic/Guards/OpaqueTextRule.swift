/// Refuses when the prompts differ in text the model cannot read (``OpaqueText``): "What does 🍆
/// mean?" vs "What does 🍑 mean?", "How do I translate '竟然'?" vs "… '才'?".
///
/// When both prompts have such text it must be the same, so a question about words of another
/// script is served only what was cached for the same words: the model cannot tell their
/// paraphrases from their look-alikes. Text on one side only ("🤗 Datasets" vs "Datasets", a
/// decoration or a gloss) is left to the similarity and alignment stages, as an added name is.
public struct OpaqueTextRule: GuardRule {
    public var name: String { "opaque-text" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        guard !a.opaqueText.isEmpty, !b.opaqueText.isEmpty, a.opaqueText != b.opaqueText else { return nil }
        let onlyA = a.opaqueText.filter { !b.opaqueText.contains($0) }
        let onlyB = b.opaqueText.filter { !a.opaqueText.contains($0) }
        // Other counts of the same text ("❤️" vs "❤️❤️") leave both lists empty: name the whole texts.
        let shown = onlyA.isEmpty && onlyB.isEmpty ? (a.opaqueText, b.opaqueText) : (onlyA, onlyB)
        let describe = { (words: [String]) in words.isEmpty ? "–" : words.joined(separator: " ") }
        return GuardRefusal(rule: name, detail: "\(describe(shown.0)) ≠ \(describe(shown.1))")
    }
}
