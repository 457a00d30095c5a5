/// Refuses when each prompt names a member of one kind that the other does not: "Can cats eat
/// tuna?" vs "Can dogs eat tuna?", "a red check engine light" vs "a yellow one", "ants in my
/// kitchen" vs "ants in my garden" (``Kinds``).
///
/// A member added on one side only is detail ("a dog running in the snow" / "a white dog running
/// in the snow"), left to the similarity and alignment stages, as an added name is.
public struct KindRule: GuardRule {
    public var name: String { "kinds" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let onlyA = Set(a.kinds).subtracting(b.kinds)
        let onlyB = Set(b.kinds).subtracting(a.kinds)
        for kind in Set(onlyA.map(\.kind)).sorted() {
            let membersA = onlyA.filter { $0.kind == kind }.map(\.member).sorted()
            let membersB = onlyB.filter { $0.kind == kind }.map(\.member).sorted()
            guard !membersB.isEmpty else { continue }
            return refusal(kind, membersA, membersB)
        }
        return swapOfARepeatedMember(a, b)
    }

    /// "A red light over a red light" / "a red light over a white light": both prompts name red,
    /// so only counting tells that one red became a white. Counting alone would also take "my
    /// shoulder … my arm" / "shoulder pain … top of shoulder" for a swap, so the new member must
    /// stand in the old one's place in prompts worded alike (``SubstitutedWords``).
    private func swapOfARepeatedMember(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        // Counted, so that "red wine or white wine" / "white wine or red wine" swaps nothing.
        let extraA = Set(Self.mentions(a.kinds, beyond: b.kinds))
        let extraB = Set(Self.mentions(b.kinds, beyond: a.kinds))
        guard !extraA.isEmpty, !extraB.isEmpty else { return nil }
        for slot in SubstitutedWords.slots(a, b) {
            let inA = Set(Kinds.mentions(in: slot.first.map { PromptToken(.word, $0) })).intersection(extraA)
            let inB = Set(Kinds.mentions(in: slot.second.map { PromptToken(.word, $0) })).intersection(extraB)
            for x in inA.sorted() {
                if let y = inB.filter({ $0.kind == x.kind }).min() {
                    return refusal(x.kind, [x.member], [y.member])
                }
            }
        }
        return nil
    }

    private func refusal(_ kind: Int, _ membersA: [String], _ membersB: [String]) -> GuardRefusal {
        GuardRefusal(
            rule: name,
            detail: "\(Kinds.name(ofKind: kind)): \(membersA.joined(separator: ", ")) ≠ \(membersB.joined(separator: ", "))")
    }

    /// What is left of `mentions` after taking away one mention for each in `other`.
    private static func mentions(_ mentions: [Kinds.Mention], beyond other: [Kinds.Mention]) -> [Kinds.Mention] {
        var left: [Kinds.Mention: Int] = [:]
        for mention in other { left[mention, default: 0] += 1 }
        return mentions.filter { mention in
            guard let count = left[mention], count > 0 else { return true }
            left[mention] = count - 1
            return false
        }
    }
}
