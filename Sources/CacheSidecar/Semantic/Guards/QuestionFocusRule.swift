/// Refuses when the prompts ask for different things about the same subject: a count vs the
/// members counted ("How many countries are in the EU?" vs "Which countries are in the EU?"), a
/// reason vs a time ("Why was the Eiffel Tower built?" vs "When …?") (``QuestionFocus``).
///
/// A prompt that asks two ("which countries are in the EU and how many are there") is neutral.
public struct QuestionFocusRule: GuardRule {
    public var name: String { "question-focus" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let (x, y) = Self.howInPlaceOfWhen(a, b) {
            return GuardRefusal(rule: name, detail: "asks \(x) ≠ \(y)")
        }
        guard a.questionFocus.count == 1, b.questionFocus.count == 1, a.questionFocus[0].contrasts(with: b.questionFocus[0])
        else { return nil }
        return GuardRefusal(rule: name, detail: "asks for \(a.questionFocus[0].rawValue) ≠ \(b.questionFocus[0].rawValue)")
    }

    /// "How did the universe begin?" / "When did the universe begin?": "how" names no focus, as
    /// "How can I…?" and "Can I…?" often ask one thing, but put in the place of "when" in prompts
    /// worded alike it asks for a way, not a time (``SubstitutedWords``). "How do I know when to
    /// use…" still asks when.
    private static func howInPlaceOfWhen(_ a: PromptFeatures, _ b: PromptFeatures) -> (String, String)? {
        for slot in SubstitutedWords.slots(a, b) {
            guard let x = slot.first.first, let y = slot.second.first, slot.first.count == 1, slot.second.count == 1,
                Set([x, y]) == ["how", "when"], !a.wordSet.contains(y), !b.wordSet.contains(x)
            else { continue }
            return (x, y)
        }
        return nil
    }
}
