/// Where a prompt goes from and to: the word after "from" is a source, the word after "to",
/// "into", "onto" or "toward(s)" a destination ("flights from London to Paris": london → paris).
///
/// A reversed route keeps the words in the same order when the prepositions trade places ("flights
/// to Paris from London" vs "flights from Paris to London"), so the word-order rule cannot see it.
enum Directions {
    enum Role: Sendable, Hashable {
        case source
        case destination
    }

    /// The role of each word that follows a directional preposition (after any determiners), when
    /// the prompt names both a source and a destination; empty otherwise. A word with both roles
    /// ("from A to B and from B to C") says nothing and is left out.
    static func extract(_ tokens: [PromptToken]) -> [String: Role] {
        var roles: [String: Role] = [:]
        var ambiguous: Set<String> = []
        for (i, token) in tokens.enumerated() where token.kind == .word {
            guard let role = role(of: token.text), i == 0 || !fixedPhraseStarts.contains(tokens[i - 1].text),
                let object = object(after: tokens[(i + 1)...])
            else { continue }
            if let known = roles[object], known != role { ambiguous.insert(object) }
            roles[object] = role
        }
        for word in ambiguous { roles[word] = nil }
        guard roles.values.contains(.source), roles.values.contains(.destination) else { return [:] }
        return roles
    }

    private static func role(of word: String) -> Role? {
        switch word {
        case "from": return .source
        case "to", "into", "onto", "toward", "towards": return .destination
        default: return nil
        }
    }

    /// "due to", "according to", "next to"…: a "to" that points nowhere.
    private static let fixedPhraseStarts: Set<String> = [
        "due", "according", "thanks", "prior", "next", "close", "compared", "similar", "related", "up", "addition",
        "relative", "owing",
    ]

    /// The first word after the preposition that is not a determiner; nil if a number, a symbol or
    /// another preposition comes first ("from 10 km", "to (", "from to").
    private static func object(after rest: ArraySlice<PromptToken>) -> String? {
        for token in rest {
            guard token.kind == .word else { return nil }
            if FunctionWords.isDeterminer(token.text) { continue }
            return FunctionWords.contains(token.text) ? nil : token.text
        }
        return nil
    }
}
