/// What a question asks for, where its wording says so plainly: a count ("how many", "the number
/// of") or the members themselves ("which", "what are", "list"). "How many countries are in the
/// EU?" and "Which countries are in the EU?" share every content word and need different answers.
///
/// "How many minutes…" asks for a duration, not a count of things, and is left out: "how long
/// should I boil an egg" / "how many minutes to boil an egg" is one question.
enum QuestionFocus: String, Sendable, Hashable, Comparable {
    case count
    case members

    static func < (a: QuestionFocus, b: QuestionFocus) -> Bool { a.rawValue < b.rawValue }

    /// The foci a prompt's questions name, sorted.
    static func foci(in tokens: [PromptToken]) -> [QuestionFocus] {
        var found = Set<QuestionFocus>()
        let words = tokens.map(\.text)
        for (i, token) in tokens.enumerated() where token.kind == .word {
            let next = i + 1 < words.count ? words[i + 1] : ""
            let after = i + 2 < words.count ? words[i + 2] : ""
            if (token.text == "how" && next == "many") || (token.text == "number" && next == "of") {
                if !(Units.unit(after).map { Units.measuresTime($0.canonical) } ?? false) { found.insert(.count) }
            }
            let opensQuestion = i == 0 || token.startsSentence || tokens[i - 1].kind == .symbol
            if opensQuestion, token.text == "which" || token.text == "list"
                || (token.text == "what" && (next == "are" || next == "were"))
            {
                found.insert(.members)
            }
        }
        return found.sorted()
    }
}
