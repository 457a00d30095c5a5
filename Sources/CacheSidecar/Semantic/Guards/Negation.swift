/// Negators: words that turn a statement into its opposite ("not", "never", "without", "no").
///
/// Contractions are already expanded by ``PromptTokenizer`` ("can't" → "can", "not"), so
/// counting these words is enough to see that "can I" and "can't I" ask opposite things.
enum Negation {
    static func negators(in tokens: [PromptToken]) -> [String] {
        var found: [String] = []
        for (i, token) in tokens.enumerated() where token.kind == .word && words.contains(token.text) {
            // "yes or no" names the answer's form, it negates nothing.
            if token.text == "no", i > 0, tokens[i - 1].text == "or" { continue }
            found.append(token.text)
        }
        return found
    }

    static func isNegator(_ word: String) -> Bool { words.contains(word) }

    private static let words: Set<String> = [
        "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "unable",
        "except", "excluding",
    ]
}
