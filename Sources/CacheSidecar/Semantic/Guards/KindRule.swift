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
        let onlyA = a.kinds.filter { !b.kinds.contains($0) }
        let onlyB = b.kinds.filter { !a.kinds.contains($0) }
        for kind in Set(onlyA.map(\.kind)).sorted() {
            let membersA = onlyA.filter { $0.kind == kind }.map(\.member)
            let membersB = onlyB.filter { $0.kind == kind }.map(\.member)
            guard !membersB.isEmpty else { continue }
            return GuardRefusal(
                rule: name,
                detail: "\(Kinds.name(ofKind: kind)): \(membersA.joined(separator: ", ")) ≠ \(membersB.joined(separator: ", "))")
        }
        return nil
    }
}
