/// Refuses when the prompts state different numbers: "run 10 km" vs "run 15 km", "iPhone 14" vs
/// "iPhone 15", "top 5" vs "top ten", "3rd" vs "4th". Units are the ``UnitRule``'s business.
///
/// So is the side of a number asked about ("a baby under 2" vs "a 2-year-old", ``NumberBound``).
/// A number only one prompt states is a difference too ("best phone under $500" vs "best phone"):
/// it narrows the question, and a cached answer to the wider question is wrong for the narrower one.
public struct NumberRule: GuardRule {
    public var name: String { "numbers" }
    public var refusesAddedNumber: Bool

    public init(refusesAddedNumber: Bool = true) {
        self.refusesAddedNumber = refusesAddedNumber
    }

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        var onlyA = a.quantities
        var onlyB: [Quantity] = []
        var otherSide: (Quantity, Quantity)?
        for quantity in b.quantities {
            if let i = onlyA.firstIndex(where: { $0.amount == quantity.amount }) {
                if onlyA[i].bound != quantity.bound, otherSide == nil { otherSide = (onlyA[i], quantity) }
                onlyA.remove(at: i)
            } else {
                onlyB.append(quantity)
            }
        }
        // "a baby under 2" / "a 2-year-old": the same number, another side of it.
        if let (x, y) = otherSide {
            let describe = { (q: Quantity) in q.bound.map { "\($0.rawValue) \(q.amount)" } ?? q.amount }
            return GuardRefusal(rule: name, detail: "\(describe(x)) ≠ \(describe(y))")
        }
        if !onlyA.isEmpty, !onlyB.isEmpty {
            let describe = { (quantities: [Quantity]) in quantities.map(\.amount).joined(separator: ", ") }
            return GuardRefusal(rule: name, detail: "\(describe(onlyA)) ≠ \(describe(onlyB))")
        }
        // "How many teaspoons in a tablespoon?" / "tablespoon = how many teaspoons?": the article
        // adds no number when the other prompt names the unit too.
        let added = onlyA.filter { !$0.isArticle || !b.names(unit: $0.unit) } + onlyB.filter { !$0.isArticle || !a.names(unit: $0.unit) }
        if refusesAddedNumber, let added = added.first {
            return GuardRefusal(rule: name, detail: "\(added.amount) stated in one prompt only")
        }
        return nil
    }
}
