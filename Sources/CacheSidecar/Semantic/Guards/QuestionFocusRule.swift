/// Refuses when one prompt asks for a count and the other for the members counted: "How many
/// countries are in the EU?" vs "Which countries are in the EU?" (``QuestionFocus``).
///
/// A prompt that asks both ("which countries are in the EU and how many are there") is neutral.
public struct QuestionFocusRule: GuardRule {
    public var name: String { "question-focus" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        guard a.questionFocus.count == 1, b.questionFocus.count == 1, a.questionFocus != b.questionFocus else { return nil }
        return GuardRefusal(rule: name, detail: "asks for \(a.questionFocus[0].rawValue) ≠ \(b.questionFocus[0].rawValue)")
    }
}
