/// Name-like words: "Paris", "Python", "iPhone", "USA". English capitalises names, so a capital
/// letter away from a sentence start is the cheapest reliable sign of one; mixed case ("iPhone",
/// "macOS") and acronyms ("NASA") are names anywhere.
///
/// Prompts in Title Case or ALL CAPS say nothing through capitals; there only mixed case counts.
enum Entities {
    static func extract(_ tokens: [PromptToken]) -> [String] {
        // "US" and "IT" in capitals are names, though "us" and "it" are function words.
        let candidates = tokens.filter { $0.kind == .word && (!FunctionWords.contains($0.text) || isAcronym($0)) }
        let capsSayNothing = isTitleCase(tokens) || isShouted(candidates)
        var names: [String] = []
        for token in candidates {
            guard token.text.count > 1 || token.hasInnerCapital else { continue }
            let isMixedCase = token.hasInnerCapital && token.isCapitalized == false
            let isName: Bool
            if capsSayNothing {
                isName = isMixedCase
            } else {
                isName = token.hasInnerCapital || (token.isCapitalized && !token.startsSentence)
            }
            if isName, !names.contains(token.text) { names.append(token.text) }
        }
        return names
    }

    private static func isAcronym(_ token: PromptToken) -> Bool {
        token.text.count >= 2 && token.isCapitalized && token.hasInnerCapital
    }

    /// "How To Make A Cake": most words after the first are capitalised, function words included.
    /// A sentence dense with names is no headline: "Cast: Maria Lopez as Anna, John Reyes as
    /// Peter…" capitalises most of its words but leaves "as" and "and" in lower case, so when it
    /// has function words, most of them must be capitalised too.
    private static func isTitleCase(_ tokens: [PromptToken]) -> Bool {
        let inner = tokens.filter { $0.kind == .word && !$0.startsSentence && $0.text != "i" }
        guard inner.count >= 3, inner.filter(\.isCapitalized).count * 10 > inner.count * 6 else { return false }
        let functionWords = inner.filter { FunctionWords.contains($0.text) }
        return functionWords.count < 2 || functionWords.filter(\.isCapitalized).count * 2 > functionWords.count
    }

    /// "HOW DO I LEARN JAVA": every word in capitals.
    private static func isShouted(_ candidates: [PromptToken]) -> Bool {
        candidates.count >= 2 && candidates.allSatisfy { $0.isCapitalized && $0.hasInnerCapital }
    }

    /// Whether `name` appears among `words`, allowing plurals and demonyms ("India" ~ "indian",
    /// "China" ~ "chinese") so "What is the capital of France?" and "France's capital" agree.
    static func isMentioned(_ name: String, in words: Set<String>) -> Bool {
        if words.contains(name) { return true }
        if let group = aliases[name], !group.isDisjoint(with: words) { return true }
        for stem in stems(of: name) {
            for suffix in derivationSuffixes where words.contains(stem + suffix) { return true }
        }
        for word in words where word.count < name.count && word.count + 4 >= name.count {
            for stem in stems(of: word) {
                // A name whole before a demonym's ending ("Brazil" / "Brazilian"); a plural's
                // ending only after a cut stem, as before ("brand" is not "Brands").
                let suffixes = stem == word ? demonymSuffixes : derivationSuffixes
                for suffix in suffixes where stem + suffix == name { return true }
            }
        }
        return false
    }

    private static func stems(of word: String) -> [String] {
        guard let last = word.last, word.count > 3 else { return [word] }
        return "aeiy".contains(last) ? [word, String(word.dropLast())] : [word]
    }

    /// Names written several ways: "the US", "the USA", "the United States", "America"; "JS" and "JavaScript".
    private static let aliases: [String: Set<String>] = {
        let groups: [Set<String>] = [
            ["us", "usa", "america", "american", "americans", "united", "states"],
            ["uk", "britain", "british", "united", "kingdom"],
            ["js", "javascript"], ["ts", "typescript"], ["k8s", "kubernetes"], ["postgres", "postgresql"],
            ["mongo", "mongodb"],
        ]
        var table: [String: Set<String>] = [:]
        for group in groups {
            for name in group { table[name, default: []].formUnion(group) }
        }
        return table
    }()

    private static let derivationSuffixes = ["s", "es", "n", "an", "ian", "ians", "ans", "ese", "ish", "i", "ic"]
    private static let demonymSuffixes = ["ian", "ians", "ese", "ish"]
}
