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

    /// The role of each word that follows a directional preposition (after any determiners). A
    /// word with both roles ("from A to B and from B to C") says nothing and is left out.
    static func extract(_ tokens: [PromptToken]) -> [String: Role] {
        var roles: [String: Role] = [:]
        var ambiguous: Set<String> = []
        for (i, token) in tokens.enumerated() where token.kind == .word {
            guard let role = role(of: token.text), i == 0 || !fixedPhraseStarts.contains(tokens[i - 1].text),
                let object = object(after: tokens[(i + 1)...])
            else { continue }
            let thing = canonical(object)
            if let known = roles[thing], known != role { ambiguous.insert(thing) }
            roles[thing] = role
        }
        for word in ambiguous { roles[word] = nil }
        return roles
    }

    /// A word as roles are keyed: its stem, a programmer's abbreviation spelled out ("int" →
    /// "integer"), a unit by its one name ("kilograms" → "kg"), so "an int to a string" reverses
    /// "a string to an integer" and "liters to kilograms" reverses "kg to liters".
    static func canonical(_ word: String) -> String {
        let stem = stemOrUnit(word)
        return abbreviations[stem] ?? stem
    }

    /// A word's stem, or a unit's one name: "kilometres" stems to "kilometr", not to "km".
    private static func stemOrUnit(_ word: String) -> String {
        if let unit = Units.unit(word), unit.standsAlone { return unit.canonical }
        return Inflection.stem(word)
    }

    /// Whether `roles` name both a source and a destination: a route.
    static func namesRoute(_ roles: [String: Role]) -> Bool {
        roles.values.contains(.source) && roles.values.contains(.destination)
    }

    /// One "X to Y" phrase: the stems before "to" and after it.
    struct Conversion: Sendable, Hashable {
        var from: Set<String>
        var to: Set<String>
    }

    /// "X to Y" phrases: the stems (or units) of the content words right before "to" or "into" and of the
    /// phrase after it (determiners skipped; an identifier's "_" joins): "convert camelCase strings
    /// to snake_case" → ([convert, camelcase, string], [snake, case]). A "to" with no content word
    /// right before it ("how to", "want to") or after it is no conversion.
    static func conversions(_ tokens: [PromptToken]) -> [Conversion] {
        var found: [Conversion] = []
        for (i, token) in tokens.enumerated() where token.text == "to" || token.text == "into" {
            var from = Set<String>(), to = Set<String>()
            var j = i - 1
            while j >= 0, joinsIdentifier(tokens, j) || tokens[j].kind == .word && !FunctionWords.contains(tokens[j].text)
                && !fixedPhraseStarts.contains(tokens[j].text)
            {
                if tokens[j].kind == .word { from.insert(stemOrUnit(tokens[j].text)) }
                j -= 1
            }
            j = i + 1
            while j < tokens.count, (tokens[j].kind == .symbol && typeSigns.contains(tokens[j].text)) || FunctionWords.isDeterminer(tokens[j].text) {
                j += 1
            }
            while j < tokens.count, joinsIdentifier(tokens, j) || tokens[j].kind == .word && !FunctionWords.contains(tokens[j].text) {
                if tokens[j].kind == .word { to.insert(stemOrUnit(tokens[j].text)) }
                j += 1
            }
            if !from.isEmpty, !to.isEmpty { found.append(Conversion(from: from, to: to)) }
        }
        return found
    }

    /// "_" inside an identifier, glued on both sides ("snake_case").
    private static func joinsIdentifier(_ tokens: [PromptToken], _ i: Int) -> Bool {
        tokens[i].text == "_" && tokens[i].isGlued && i + 1 < tokens.count && tokens[i + 1].isGlued
    }

    /// Spelled out for roles and for matching a conversion's words, not for telling its two
    /// ends apart: Rust's `String` and `&str` are two types.
    private static let abbreviations: [String: String] = [
        "int": "integer", "str": "string", "dict": "dictionary", "bool": "boolean", "char": "character",
        "arr": "array", "obj": "object",
    ]

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
    /// another preposition comes first ("from 10 km", "to (", "from to"). A sign glued to a type
    /// is skipped: "to &str" goes to `str`. A person counts: "from you to another pharmacy".
    private static func object(after rest: ArraySlice<PromptToken>) -> String? {
        for token in rest {
            if token.kind == .symbol, typeSigns.contains(token.text) { continue }
            guard token.kind == .word else { return nil }
            if FunctionWords.isDeterminer(token.text) || token.text == "another" || token.text == "other" { continue }
            if personalObjects.contains(token.text) { return token.text }
            return FunctionWords.contains(token.text) ? nil : token.text
        }
        return nil
    }

    private static let typeSigns: Set<String> = ["&", "*"]
    private static let personalObjects: Set<String> = ["me", "you", "us", "him", "her", "them"]
}
