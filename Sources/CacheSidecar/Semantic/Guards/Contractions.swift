/// Expands English contractions so that "can't", "cannot", "cant" and "can not" all read as
/// "can" + "not": negation must be visible however it is spelled.
enum Contractions {
    /// `word` is lowercased and may contain one apostrophe (`'` or `’`).
    static func expand(_ word: String) -> [String] {
        if let spelled = withoutApostrophe[word] { return spelled }
        guard let apostrophe = word.lastIndex(where: { $0 == "'" || $0 == "\u{2019}" }) else { return [word] }
        let base = String(word[..<apostrophe])
        let suffix = String(word[word.index(after: apostrophe)...])
        switch suffix {
        case "t" where base.hasSuffix("n"):
            return [negatedBase[base] ?? String(base.dropLast()), "not"]
        case "s": return [base]  // possessive or "is": neither changes the question
        case "m": return [base, "am"]
        case "re": return [base, "are"]
        case "ve": return [base, "have"]
        case "ll": return [base, "will"]
        case "d": return [base, "would"]
        default: return [base + suffix]  // "o'clock", "O'Neil"
        }
    }

    /// Bases whose "n't" form is irregular.
    private static let negatedBase: [String: String] = ["can": "can", "won": "will", "shan": "shall", "ain": "is"]

    /// Contractions typed without the apostrophe, common in user prompts.
    private static let withoutApostrophe: [String: [String]] = {
        var table: [String: [String]] = ["cannot": ["can", "not"], "cant": ["can", "not"], "wont": ["will", "not"]]
        for base in [
            "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "should", "would", "could", "must",
            "need", "might",
        ] {
            table[base + "nt"] = [base, "not"]
        }
        return table
    }()
}
