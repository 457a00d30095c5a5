/// Refuses when one prompt asks about all of a thing and the other about one of it: "stop all
/// running Docker containers" vs "stop a running Docker container", "list pods in every
/// namespace" vs "… in a Kubernetes namespace". The answers differ (a loop or a flag against a
/// single call), but the embeddings barely move: one determiner changed.
///
/// A phrase's thing is its last content word before the next function word, compared by stem.
/// "Each" is left out: "how much does each ticket cost" asks what "a ticket" costs.
public struct ScopeRule: GuardRule {
    public var name: String { "scope" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let thing = Self.allVersusOne(a.tokens, b.tokens) ?? Self.allVersusOne(b.tokens, a.tokens) {
            return GuardRefusal(rule: name, detail: "all \(thing) ≠ one \(thing)")
        }
        return nil
    }

    static let universal: Set<String> = ["all", "every"]
    static let single: Set<String> = ["a", "an", "one", "single"]

    /// A thing `all` names after "all" or "every" that `one` names after "a", "an", "one" or
    /// "single", neither naming it the other way too.
    private static func allVersusOne(_ all: [PromptToken], _ one: [PromptToken]) -> String? {
        let allOfAll = things(after: universal, in: all), oneOfAll = things(after: single, in: all)
        let allOfOne = things(after: universal, in: one), oneOfOne = things(after: single, in: one)
        return allOfAll.subtracting(oneOfAll).intersection(oneOfOne.subtracting(allOfOne)).sorted().first
    }

    /// The stems of the things named after one of `determiners`: "all of the running containers"
    /// → "container".
    static func things(after determiners: Set<String>, in tokens: [PromptToken]) -> Set<String> {
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
            if let last { found.insert(Inflection.stem(last)) }
        }
        return found
    }
}
