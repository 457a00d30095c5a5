/// Refuses when the prompts count per different periods or bases: "average salary per month" vs
/// "per year", "monthly cost" vs "annual cost", "earn per hour" vs "per week", "GDP" vs "GDP per
/// capita" (``Rates``).
///
/// A period only one prompt names passes ("how can I concentrate on my daily studies" / "… on my
/// studies"): "daily" is often just "everyday", and "how much water should I drink" is asked per
/// day. A count per person is another quantity than the total, so "per capita" on one side refuses.
public struct RateRule: GuardRule {
    public var name: String { "rates" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let ratesA = Set(a.rates), ratesB = Set(b.rates)
        guard ratesA != ratesB else { return nil }
        let oneSided = ratesA.isEmpty || ratesB.isEmpty
        if oneSided, !ratesA.union(ratesB).contains("per:person") { return nil }
        let describe = { (rates: Set<String>) in rates.isEmpty ? "none" : rates.sorted().joined(separator: ", ") }
        return GuardRefusal(rule: name, detail: "\(describe(ratesA.subtracting(ratesB))) ≠ \(describe(ratesB.subtracting(ratesA)))")
    }
}
