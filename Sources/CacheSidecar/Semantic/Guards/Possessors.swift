/// Whose thing a prompt is about: "keep my version" / "keep their version", "why we haven't paid
/// their invoice" / "why they haven't paid our invoice". Only first against third person counts:
/// "reset my password" and "reset your password" are one question asked two ways.
enum Possessors {
    enum Person: Sendable, Hashable { case first, third }

    /// The word after each possessive determiner, with the determiner's person. Nothing when the
    /// prompt speaks of anyone in general: "how does someone start their own company" is "how do
    /// I start my own company".
    static func possessions(in tokens: [PromptToken]) -> [String: Set<Person>] {
        var found: [String: Set<Person>] = [:]
        guard !tokens.contains(where: { generic.contains($0.text) }) else { return found }
        for (i, token) in tokens.enumerated() where i + 1 < tokens.count && tokens[i + 1].kind == .word {
            guard let person = persons[token.text] else { continue }
            found[tokens[i + 1].text, default: []].insert(person)
        }
        return found
    }

    private static let generic: Set<String> = [
        "someone", "somebody", "anyone", "anybody", "everyone", "everybody", "one", "person", "people", "guy", "girl",
    ]

    private static let persons: [String: Person] = [
        "my": .first, "our": .first, "his": .third, "her": .third, "their": .third, "its": .third,
    ]
}
