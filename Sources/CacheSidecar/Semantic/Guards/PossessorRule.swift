/// Refuses when the same thing belongs to the speaker in one prompt and to someone else in the
/// other: "how do I keep my version of the file" vs "… their version …" (``Possessors``).
public struct PossessorRule: GuardRule {
    public var name: String { "possessors" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        for (thing, personsA) in a.possessions.sorted(by: { $0.key < $1.key }) {
            guard let personsB = b.possessions[thing], personsA.count == 1, personsB.count == 1, personsA != personsB
            else { continue }
            return GuardRefusal(rule: name, detail: "whose \(thing): \(personsA.first!) person ≠ \(personsB.first!) person")
        }
        return nil
    }
}
