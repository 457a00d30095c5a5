/// Refuses when the prompts state different numbers: "run 10 km" vs "run 15 km", "iPhone 14" vs
/// "iPhone 15", "top 5" vs "top ten", "3rd" vs "4th". Units are the ``UnitRule``'s business.
///
/// A number only one prompt states is a difference too ("best phone under $500" vs "best phone"):
/// it narrows the question, and a cached answer to the wider question is wrong for the narrower one.
public struct NumberRule: GuardRule {
    public var name: String { "numbers" }
    public var refusesAddedNumber: Bool

    public init(refusesAddedNumber: Bool = true) {
        self.refusesAddedNumber = refusesAddedNumber
    }

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        var onlyA = a.quantities.map(\.amount)
        var onlyB: [String] = []
        for amount in b.quantities.map(\.amount) {
            if let i = onlyA.firstIndex(of: amount) { onlyA.remove(at: i) } else { onlyB.append(amount) }
        }
        if !onlyA.isEmpty, !onlyB.isEmpty {
            return GuardRefusal(rule: name, detail: "\(onlyA.joined(separator: ", ")) ≠ \(onlyB.joined(separator: ", "))")
        }
        if refusesAddedNumber, let added = onlyA.first ?? onlyB.first {
            return GuardRefusal(rule: name, detail: "\(added) stated in one prompt only")
        }
        return nil
    }
}
