/// Refuses when one prompt names one pole of an opposite pair and the other names only the other
/// pole: "how to enable dark mode" vs "how to disable dark mode", "gain weight" vs "lose weight".
///
/// A prompt naming both poles ("pros and cons") is neutral for that pair.
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
        return nil
    }
}
