/// Refuses when the prompts name different things: "weather in Paris" vs "weather in London",
/// "Python vs Java", "iPhone 14" vs "Galaxy 14".
///
/// A name is matched case-insensitively against all words of the other prompt, so capitalising
/// differently is no difference. By default the rule refuses only a substitution (each prompt
/// has a name the other lacks); `refusesAddedName` also refuses a name only one prompt has.
public struct EntityRule: GuardRule {
    public var name: String { "entities" }
    public var refusesAddedName: Bool

    public init(refusesAddedName: Bool = false) {
        self.refusesAddedName = refusesAddedName
    }

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let onlyA = a.entities.filter { !Entities.isMentioned($0, in: b.wordSet) }
        let onlyB = b.entities.filter { !Entities.isMentioned($0, in: a.wordSet) }
        if !onlyA.isEmpty, !onlyB.isEmpty {
            return GuardRefusal(
                rule: name, detail: "\(onlyA.joined(separator: " ")) ≠ \(onlyB.joined(separator: " "))")
        }
        if refusesAddedName, let added = onlyA.first ?? onlyB.first {
            return GuardRefusal(rule: name, detail: "\(added) named in one prompt only")
        }
        return nil
    }
}
