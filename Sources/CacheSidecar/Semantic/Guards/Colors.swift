/// Colour words, a closed class: "a red check engine light" and "a yellow one" mean different
/// things, and embeddings place colours close together (they share a topic and a slot).
enum Colors {
    /// The colours a prompt names, canonical ("grey" → "gray", "golden" → "gold"), sorted, once each.
    static func extract(_ tokens: [PromptToken]) -> [String] {
        var found = Set<String>()
        for token in tokens where token.kind == .word {
            if let color = canonical[token.text] { found.insert(color) }
        }
        return found.sorted()
    }

    private static let canonical: [String: String] = {
        var table: [String: String] = [:]
        for color in [
            "red", "orange", "yellow", "green", "blue", "purple", "violet", "pink", "brown", "black", "white", "gray",
            "silver", "gold", "beige", "turquoise", "maroon", "navy", "cyan", "magenta",
        ] {
            table[color] = color
        }
        table["grey"] = "gray"
        table["golden"] = "gold"
        return table
    }()
}
