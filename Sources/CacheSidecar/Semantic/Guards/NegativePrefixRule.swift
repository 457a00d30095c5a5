/// Refuses when a word in one prompt is the negative-prefixed form of a word in the other:
/// install/uninstall, like/dislike, legal/illegal, possible/impossible, activate/deactivate; or
/// when the prompts put contrary prefixes on one base: overactive/underactive,
/// hyperthyroidism/hypothyroidism, upstream/downstream, prezygotic/postzygotic, and, joined by a
/// hyphen, off-peak/on-peak or peak, out-of-network/in-network, pre-tax/post-tax.
///
/// This is the open-class complement of ``OppositesRule``'s word list: English builds opposites
/// with these prefixes productively, so no list can hold them all.
public struct NegativePrefixRule: GuardRule {
    public var name: String { "negative-prefix" }

    /// Shortest base the prefix may attach to; shorter bases give false pairs ("in" + "to"). "un"
    /// also takes three letters ("unpin", "unzip"), except in the words below.
    static let minimumBaseLength = 4
    static let minimumBaseLengthAfterUn = 3
    static let wordsStartingWithUn: Set<String> = [
        "under", "union", "unions", "until", "uncle", "uncles", "unite", "unity",
    ]
    static let prefixes = ["un", "dis", "in", "im", "il", "ir", "non", "de", "anti"]
    /// Prefixes that are no words of their own, so written apart ("non-exempt", "anti virus") they
    /// still negate the word that follows.
    static let separablePrefixes: Set<String> = ["non", "anti"]

    /// Prefixes that put a base at opposite ends of a scale, each pair in both orders.
    static let contraryPrefixes = [("over", "under"), ("hyper", "hypo"), ("up", "down"), ("pre", "post"), ("intra", "inter"), ("endo", "exo")]
        .flatMap { [$0, ($0.1, $0.0)] }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let pair = prefixedPair(a, b) ?? prefixedPair(b, a) ?? separatedPair(a, b) ?? separatedPair(b, a) {
            return GuardRefusal(rule: name, detail: "\(pair.base) ≠ \(pair.negated)")
        }
        if let pair = contraryPair(a, b) ?? contraryPair(b, a) ?? hyphenatedPair(a, b) ?? hyphenatedPair(b, a) {
            return GuardRefusal(rule: name, detail: "\(pair.0) ≠ \(pair.1)")
        }
        return nil
    }

    /// Prefixes joined by a hyphen that put a base at the other end ("off-peak" / "on-peak",
    /// "out-of-network" / "in-network", "off-site" / "on-site"), and those of them that negate
    /// the bare base too ("off-peak" / "peak hours").
    static let hyphenatedContraries: [String: String] = [
        "off": "on", "on": "off", "out-of": "in", "in": "out-of", "pre": "post", "post": "pre",
    ]
    static let hyphenatedNegations: Set<String> = ["off", "out-of"]

    /// A hyphenated prefix on a base in `a` where `b` has the contrary prefix on it, or, for a
    /// negating prefix, the base bare; neither prompt naming both.
    /// Written apart, the contrary prefixes count too ("work off campus" / "on campus", "out of
    /// stock" / "in stock"), but not against the bare base: "turn off wifi" / "wifi off" is one question.
    private func hyphenatedPair(_ a: PromptFeatures, _ b: PromptFeatures) -> (String, String)? {
        let prefixedA = Self.hyphenatedPrefixes(in: a.tokens), prefixedB = Self.hyphenatedPrefixes(in: b.tokens)
        let placedA = prefixedA + Self.prefixesWrittenApart(in: a.tokens), placedB = prefixedB + Self.prefixesWrittenApart(in: b.tokens)
        for (prefix, base) in placedA.sorted(by: { ($0.prefix, $0.base) < ($1.prefix, $1.base) }) {
            guard !placedB.contains(where: { $0 == (prefix, base) }) else { continue }
            if let contrary = Self.hyphenatedContraries[prefix],
                placedB.contains(where: { $0 == (contrary, base) }), !placedA.contains(where: { $0 == (contrary, base) })
            {
                return ("\(prefix)-\(base)", "\(contrary)-\(base)")
            }
            if prefixedA.contains(where: { $0 == (prefix, base) }), Self.hyphenatedNegations.contains(prefix),
                Self.namesUnprefixed(base, apartFrom: prefix, in: b.tokens),
                !Self.namesUnprefixed(base, apartFrom: prefix, in: a.tokens)
            {
                return ("\(prefix)-\(base)", base)
            }
        }
        return nil
    }

    /// "out-of-network" → ("out-of", "network"): words glued by hyphens, the last one the base,
    /// when what comes before it is one of ``hyphenatedContraries``.
    static func hyphenatedPrefixes(in tokens: [PromptToken]) -> [(prefix: String, base: String)] {
        var found: [(prefix: String, base: String)] = []
        var i = 0
        while i < tokens.count {
            var parts = [tokens[i].text]
            var j = i + 1
            while tokens[i].kind == .word, j + 1 < tokens.count, tokens[j].text == "-", tokens[j].isGlued,
                tokens[j + 1].isGlued, tokens[j + 1].kind == .word
            {
                parts.append(tokens[j + 1].text)
                j += 2
            }
            let prefix = parts.dropLast().joined(separator: "-")
            if parts.count >= 2, hyphenatedContraries[prefix] != nil { found.append((prefix, parts.last!)) }
            i = j
        }
        return found
    }

    /// "off campus" → ("off", "campus"), "out of stock" → ("out-of", "stock"): a contrary prefix
    /// written apart right before a content word. With a determiner between, the words are a
    /// verb's particle and a place ("keep deer out of my garden" / "deer in my garden").
    static func prefixesWrittenApart(in tokens: [PromptToken]) -> [(prefix: String, base: String)] {
        var found: [(prefix: String, base: String)] = []
        for i in tokens.indices where tokens[i].kind == .word {
            let outOf = tokens[i].text == "out" && i + 1 < tokens.count && tokens[i + 1].text == "of"
            guard outOf || ["off", "on", "in"].contains(tokens[i].text) else { continue }
            var j = i + (outOf ? 2 : 1)
            if j < tokens.count, tokens[j].isGlued { continue }  // hyphenated: ``hyphenatedPrefixes``
            guard j < tokens.count, tokens[j].kind == .word, !FunctionWords.contains(tokens[j].text),
                !(j + 1 < tokens.count && tokens[j + 1].text == "-" && tokens[j + 1].isGlued)
            else { continue }
            found.append((outOf ? "out-of" : tokens[i].text, tokens[j].text))
        }
        return found
    }

    /// The word occurs with neither a hyphenated word nor `prefix` written apart before it
    /// ("Off Page SEO" is "off-page SEO").
    private static func namesUnprefixed(_ word: String, apartFrom prefix: String, in tokens: [PromptToken]) -> Bool {
        let prefixWords = prefix.split(separator: "-").map(String.init)
        return tokens.indices.contains { i in
            guard tokens[i].text == word, !(i > 0 && tokens[i - 1].text == "-" && tokens[i].isGlued) else { return false }
            return i < prefixWords.count || tokens[(i - prefixWords.count)..<i].map(\.text) != prefixWords
        }
    }

    /// A word of `a` made of one contrary prefix and a base, the other prefix on the same base in
    /// `b`, and neither prompt naming both.
    private func contraryPair(_ a: PromptFeatures, _ b: PromptFeatures) -> (String, String)? {
        for word in a.wordSet.sorted() {
            for (first, second) in Self.contraryPrefixes where word.hasPrefix(first) {
                let base = String(word.dropFirst(first.count))
                guard base.count >= Self.minimumBaseLength else { continue }
                let contrary = second + base
                guard b.wordSet.contains(contrary), !a.wordSet.contains(contrary), !b.wordSet.contains(word) else { continue }
                return (word, contrary)
            }
        }
        return nil
    }

    /// A word of `negated` whose base (without the prefix) is a word of `plain`, and not vice versa.
    private func prefixedPair(_ negated: PromptFeatures, _ plain: PromptFeatures) -> (base: String, negated: String)? {
        for word in negated.wordSet where !Self.wordsStartingWithUn.contains(word) {
            for prefix in Self.prefixes where word.hasPrefix(prefix) {
                let base = String(word.dropFirst(prefix.count))
                let minimum = prefix == "un" ? Self.minimumBaseLengthAfterUn : Self.minimumBaseLength
                guard base.count >= minimum else { continue }
                let baseStem = Inflection.stem(base)
                guard plain.stems.contains(baseStem), !negated.stems.contains(baseStem),
                    !plain.stems.contains(Inflection.stem(word)), !Self.writesApart(prefix, baseStem, in: plain)
                else { continue }
                return (base, word)
            }
        }
        return nil
    }

    /// A prefix written apart from its base in `negated` ("salaried non-exempt") while `plain`
    /// names the base bare ("salaried exempt"), as `negated` itself never does.
    private func separatedPair(_ negated: PromptFeatures, _ plain: PromptFeatures) -> (base: String, negated: String)? {
        let tokens = negated.tokens
        for (i, token) in tokens.enumerated() where Self.separablePrefixes.contains(token.text) {
            var next = i + 1
            if next < tokens.count, tokens[next].text == "-" { next += 1 }
            guard next < tokens.count, tokens[next].kind == .word else { continue }
            let base = tokens[next].text
            let baseStem = Inflection.stem(base)
            guard base.count >= Self.minimumBaseLength, Self.namesBare(baseStem, in: plain), !Self.namesBare(baseStem, in: negated),
                !Self.writesApart(token.text, baseStem, in: plain), !plain.stems.contains(Inflection.stem(token.text + base))
            else { continue }
            return (base, "\(token.text)-\(base)")
        }
        return nil
    }

    /// The word occurs with no separable prefix before it.
    private static func namesBare(_ stem: String, in prompt: PromptFeatures) -> Bool {
        let tokens = prompt.tokens
        for (i, token) in tokens.enumerated() where token.kind == .word && Inflection.stem(token.text) == stem {
            var previous = i - 1
            if previous >= 0, tokens[previous].text == "-" { previous -= 1 }
            if previous < 0 || !separablePrefixes.contains(tokens[previous].text) { return true }
        }
        return false
    }

    /// "non-stick", "non stick": the same prefixed word, written in two.
    private static func writesApart(_ prefix: String, _ baseStem: String, in prompt: PromptFeatures) -> Bool {
        let tokens = prompt.tokens
        for (i, token) in tokens.enumerated() where token.text == prefix {
            var next = i + 1
            if next < tokens.count, tokens[next].text == "-" { next += 1 }
            if next < tokens.count, Inflection.stem(tokens[next].text) == baseStem { return true }
        }
        return false
    }
}
