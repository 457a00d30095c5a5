/// Refuses when the same number carries different units ("5 miles" vs "5 km", "$100" vs "€100")
/// or the prompts name different units ("miles to km" vs "miles to feet").
///
/// A bare number matches the same number with a unit: "lose 10 pounds" and "lose 10" are
/// the same question stated more or less precisely.
public struct UnitRule: GuardRule {
    public var name: String { "units" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let clash = unitClash(a.quantities, b.quantities) {
            return GuardRefusal(rule: name, detail: "\(clash.0) ≠ \(clash.1)")
        }
        let unitsA = a.unitMentions, unitsB = b.unitMentions
        if unitsA != unitsB {
            let onlyA = unitsA.subtracting(unitsB).sorted(), onlyB = unitsB.subtracting(unitsA).sorted()
            return GuardRefusal(
                rule: name, detail: "units \(onlyA.joined(separator: ", ")) ≠ \(onlyB.joined(separator: ", "))")
        }
        return nil
    }

    /// The first number that appears in both prompts with different, explicit units.
    private func unitClash(_ a: [Quantity], _ b: [Quantity]) -> (Quantity, Quantity)? {
        var remaining = b
        var unmatched: [Quantity] = []
        for quantity in a {
            if let i = remaining.firstIndex(of: quantity) { remaining.remove(at: i) } else { unmatched.append(quantity) }
        }
        for quantity in unmatched where quantity.unit != nil {
            let sameAmount = remaining.filter { $0.amount == quantity.amount }
            if sameAmount.isEmpty || sameAmount.contains(where: { $0.unit == nil }) { continue }
            return (quantity, sameAmount[0])
        }
        return nil
    }
}
