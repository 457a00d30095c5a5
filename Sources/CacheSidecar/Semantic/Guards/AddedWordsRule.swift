/// Refuses when one prompt says everything the other says and more: "price of gold" vs
/// "price of gold in the UK", "knowledge management" vs "knowledge management system".
///
/// The extra words narrow the question, and an answer to the wider question is wrong for the
/// narrower one (and the reverse). A paraphrase rewords both sides, so each has words the other
/// lacks; that is left to the embedding and the other rules.
public struct AddedWordsRule: GuardRule {
    public var name: String { "added-words" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let onlyA = a.contentStems.subtracting(b.contentStems)
        let onlyB = b.contentStems.subtracting(a.contentStems)
        guard onlyA.isEmpty != onlyB.isEmpty else { return nil }
        let added = (onlyA.isEmpty ? onlyB : onlyA).sorted()
        return GuardRefusal(rule: name, detail: "only one prompt adds \(added.joined(separator: ", "))")
    }
}
