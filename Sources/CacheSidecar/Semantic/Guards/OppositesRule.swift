/// Refuses when one prompt names one pole of an opposite pair and the other names only the other
/// pole: "how to enable dark mode" vs "how to disable dark mode", "gain weight" vs "lose weight".
///
/// A prompt naming both poles ("pros and cons") is neutral for that pair, unless both prompts
/// name both and the poles trade places: "Outlook isn't sending emails but can receive them" vs
/// "… isn't receiving emails but can send them". The word-order rule cannot see that swap, as
/// the words differ in form ("sending" / "send"). Poles joined by "and", "or", "vs" ("import and
/// export" / "export and import"), or compared ("debit card and credit card, what's the
/// difference" / "credit card vs debit card"), may come in either order.
public struct OppositesRule: GuardRule {
    public var name: String { "opposites" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        for mention in a.opposites {
            let aHasOther = a.opposites.contains { $0.pair == mention.pair && $0.pole != mention.pole }
            let bHasSame = b.opposites.contains { $0.pair == mention.pair && $0.pole == mention.pole }
            guard !aHasOther, !bHasSame,
                let opposite = b.opposites.first(where: { $0.pair == mention.pair && $0.pole != mention.pole })
            else { continue }
            return GuardRefusal(rule: name, detail: "\(mention.word) ≠ \(opposite.word)")
        }
        return swappedPoles(a, b) ?? poleSwappedInPlace(a, b)
    }

    /// "a positive surface antibody with a negative core antibody" / "… with a positive core
    /// antibody": both prompts name "positive", so only the place tells that one "negative" became
    /// a "positive" (``SubstitutedWords``). Poles that only trade places ("pros and cons" / "cons
    /// and pros") are counted the same in both prompts and pass. "And" for "or" in place is often
    /// a rewording ("beat and stabbed others" / "beat or stabbed others").
    private func poleSwappedInPlace(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        // The places are compared (a longest common subsequence) only for a pair both prompts name
        // and count differently: on a cache hit's path that is rare.
        let counted = Set(a.opposites.map(\.pair)).filter { pair in
            b.opposites.contains { $0.pair == pair } && poleCounts(of: pair, in: a) != poleCounts(of: pair, in: b)
        }
        guard !counted.isEmpty else { return nil }
        for slot in SubstitutedWords.slots(a, b) {
            let inA = Opposites.mentions(in: slot.first.map { PromptToken(.word, $0) })
                .filter { counted.contains($0.pair) && !["and", "or"].contains($0.word) }
            let inB = Opposites.mentions(in: slot.second.map { PromptToken(.word, $0) })
            for x in inA {
                // "free memory" / "release allocated memory": a slot that names both poles swaps none.
                guard let y = inB.first(where: { $0.pair == x.pair && $0.pole != x.pole }),
                    !inB.contains(where: { $0.pair == x.pair && $0.pole == x.pole }),
                    !inA.contains(where: { $0.pair == x.pair && $0.pole == y.pole })
                else { continue }
                return GuardRefusal(rule: name, detail: "\(x.word) ≠ \(y.word) in place")
            }
        }
        return nil
    }

    private func poleCounts(of pair: Int, in prompt: PromptFeatures) -> [Int] {
        let poles = prompt.opposites.filter { $0.pair == pair && $0.position >= 0 }.map(\.pole)
        return [poles.filter { $0 == 0 }.count, poles.filter { $0 == 1 }.count]
    }

    private func swappedPoles(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if a.wordOrder.compares && b.wordOrder.compares { return nil }
        for pair in Set(a.opposites.map(\.pair)).sorted() {
            guard let polesA = firstPoles(of: pair, in: a), let polesB = firstPoles(of: pair, in: b),
                (polesA.0.position < polesA.1.position) != (polesB.0.position < polesB.1.position),
                !joinedSymmetrically(polesA, in: a.tokens), !joinedSymmetrically(polesB, in: b.tokens)
            else { continue }
            let (firstA, secondA) = polesA.0.position < polesA.1.position ? polesA : (polesA.1, polesA.0)
            return GuardRefusal(rule: name, detail: "\(firstA.word) … \(secondA.word) ≠ \(secondA.word) … \(firstA.word)")
        }
        return nil
    }

    /// The first mention of each pole of `pair`, when the prompt names both.
    private func firstPoles(of pair: Int, in prompt: PromptFeatures) -> (Opposites.Mention, Opposites.Mention)? {
        let mentions = prompt.opposites.filter { $0.pair == pair && $0.position >= 0 }
        guard let first = mentions.first(where: { $0.pole == 0 }), let second = mentions.first(where: { $0.pole == 1 })
        else { return nil }
        return (first, second)
    }

    /// Whether only connectors (``WordOrder/symmetricConnectors``, articles, "/" or ",") stand
    /// between the two poles.
    private func joinedSymmetrically(_ poles: (Opposites.Mention, Opposites.Mention), in tokens: [PromptToken]) -> Bool {
        let (low, high) = (min(poles.0.position, poles.1.position), max(poles.0.position, poles.1.position))
        let between = tokens[(low + 1)..<high].map(\.text)
        return !between.isEmpty && between.allSatisfy { Self.connectors.contains($0) }
    }

    private static let connectors = WordOrder.symmetricConnectors.union(WordOrder.articles).union(["/", ","])
}
