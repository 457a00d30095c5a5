/// Refuses when one prompt is negated and the other is not: "how to enable X" vs "how not to enable X",
/// "coffee with sugar" vs "coffee without sugar", "can I" vs "can't I".
public struct NegationRule: GuardRule {
    public var name: String { "negation" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        guard a.negators.isEmpty != b.negators.isEmpty else { return nil }
        let negated = a.negators.isEmpty ? b.negators : a.negators
        return GuardRefusal(rule: name, detail: "only one prompt is negated (\(negated.joined(separator: ", ")))")
    }
}
