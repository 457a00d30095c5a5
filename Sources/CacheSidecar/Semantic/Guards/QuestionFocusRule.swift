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
        // One prompt says only "how", the other only "when"; only then are places compared.
        let (inA, inB) = (a.wordSet.intersection(howAndWhen), b.wordSet.intersection(howAndWhen))
        guard inA.count == 1, inB.count == 1, inA != inB, let x = inA.first, let y = inB.first else { return nil }
        return SubstitutedWords.slots(a, b).contains { $0.first == [x] && $0.second == [y] } ? (x, y) : nil
    }

    private static let howAndWhen: Set<String> = ["how", "when"]
}
