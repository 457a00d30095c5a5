/// Refuses when both prompts write arithmetic and its operators differ: "solve x^2 - 5x + 6 = 0"
/// vs "solve x^2 + 5x + 6 = 0", "2^10" vs "2*10", "x < 5" vs "x > 5", "0 == ''" vs "0 === ''".
/// The numbers are the same, so ``NumberRule`` passes them, and an embedding barely sees a sign
/// (cosine 0.99).
///
/// With the same operators, the formulas must be the same, token by token: "sin(x²)" is not
/// "sin²x", "(sin x)^2" not "x^2 sin x". Arithmetic on one side only ("5 + 3" vs "5 plus 3") is
/// left to the other rules.
public struct ArithmeticRule: GuardRule {
    public var name: String { "arithmetic" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        guard !a.operators.isEmpty, !b.operators.isEmpty else { return nil }
        if a.operators == b.operators {
            guard !a.formulas.isEmpty, !b.formulas.isEmpty, a.formulas != b.formulas else { return nil }
            return GuardRefusal(rule: name, detail: "\(a.formulas.joined(separator: ", ")) ≠ \(b.formulas.joined(separator: ", "))")
        }
        // "== and ===, what's the difference" / "how does === differ from ==": compared either way.
        if a.wordOrder.compares, b.wordOrder.compares, a.operators.sorted() == b.operators.sorted() { return nil }
        return GuardRefusal(rule: name, detail: "\(a.operators.joined(separator: " ")) ≠ \(b.operators.joined(separator: " "))")
    }
}
