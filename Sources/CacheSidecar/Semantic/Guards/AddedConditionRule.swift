/// Refuses when one prompt is the other with a condition added at its end: "How many hours can
/// students work off campus in Canada?" / "… in Canada during scheduled breaks?", "Is it safe to
/// eat sushi?" / "… while pregnant?", "Why do we yawn?" / "… after sleep?". The embedding barely
/// moves (cosine 0.95) and the alignment stage finds every word of the shorter prompt in the
/// longer; the answer to the general question is wrong for the condition.
///
/// Only a condition, and only at the end of a prompt worded exactly as the other: a clause that
/// opens with "if", "when", "during", "while", "unless", "after", "before", "without" or "except"
/// and names something ("if any", "if so", "if yes, why" add nothing). Any other added word is
/// left to the other stages: an added detail narrows a paraphrase as often as it changes the
/// question (docs/QUALITY-guards.md, ``AddedWordsRule``).
public struct AddedConditionRule: GuardRule {
    public var name: String { "added-condition" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let (wordsA, wordsB) = (a.wordSequence, b.wordSequence)
        let (shorter, longer) = wordsA.count <= wordsB.count ? (wordsA, wordsB) : (wordsB, wordsA)
        guard !shorter.isEmpty, longer.starts(with: shorter) else { return nil }
        let added = longer.dropFirst(shorter.count)
        guard added.count >= 2, let opener = added.first, Self.openers.contains(opener),
            added.dropFirst().contains(where: { !FunctionWords.contains($0) && !Self.emptyWords.contains($0) })
        else { return nil }
        return GuardRefusal(rule: name, detail: "only one adds \"\(added.joined(separator: " "))\"")
    }

    private static let openers: Set<String> = ["if", "when", "during", "while", "unless", "after", "before", "without", "except"]

    /// Words that open no condition of their own: "if so", "if yes", "if any", "if possible".
    private static let emptyWords: Set<String> = ["so", "yes", "any", "possible", "necessary", "needed", "applicable", "required", "ever"]
}
