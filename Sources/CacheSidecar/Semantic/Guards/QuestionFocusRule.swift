/// Refuses when the prompts ask for different things about the same subject: a count vs the
/// members counted ("How many countries are in the EU?" vs "Which countries are in the EU?"), a
/// reason vs a time ("Why was the Eiffel Tower built?" vs "When …?") (``QuestionFocus``).
///
/// A prompt that asks two ("which countries are in the EU and how many are there") is neutral.
public struct QuestionFocusRule: GuardRule {
    public var name: String { "question-focus" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        guard a.questionFocus.count == 1, b.questionFocus.count == 1, a.questionFocus[0].contrasts(with: b.questionFocus[0])
        else { return nil }
        return GuardRefusal(rule: name, detail: "asks for \(a.questionFocus[0].rawValue) ≠ \(b.questionFocus[0].rawValue)")
    }
}
