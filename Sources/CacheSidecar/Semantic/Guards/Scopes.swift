/// The things a prompt names after "all", "every" or "both" and after "a", "an", "one", "single"
/// or a part of them ("some", "certain", "specific", "selected"), by stem: "stop all running Docker
/// containers" → all: container. A phrase's thing is its last content word before the next
/// function word ("all of the running containers" → container).
/// "Each" is left out: "how much does each ticket cost" asks what "a ticket" costs.
struct Scopes: Sendable, Hashable {
    var all: Set<String>
    var one: Set<String>

    init(_ tokens: [PromptToken]) {
        all = Self.things(after: ["all", "every", "both"], in: tokens)
        one = Self.things(after: ["a", "an", "one", "single", "some", "certain", "specific", "selected"], in: tokens)
    }

    private static func things(after determiners: Set<String>, in tokens: [PromptToken]) -> Set<String> {
        var found = Set<String>()
        for (i, token) in tokens.enumerated() where token.kind == .word && determiners.contains(token.text) {
            var j = i + 1
            while j < tokens.count, tokens[j].kind == .word, tokens[j].text == "of" || FunctionWords.isDeterminer(tokens[j].text) {
                j += 1
            }
            var last: String?
            while j < tokens.count, tokens[j].kind == .word, !FunctionWords.contains(tokens[j].text) {
                last = tokens[j].text
                j += 1
            }
            // "both horizontally and vertically" joins two things; "both parents" is all of two.
            if token.text == "both", j < tokens.count, tokens[j].text == "and" { continue }
            // Stemmed twice, so a plural and its singular agree ("listings", "listing" → "list").
            if let last { found.insert(Inflection.stem(Inflection.stem(last))) }
        }
        return found
    }
}
