/// Refuses when each prompt names a colour the other does not: "What does a red check engine light
/// mean?" vs "… a yellow …", "black hat SEO" vs "white hat SEO" (``Colors``).
///
/// A colour added on one side only is detail ("a dog running in the snow" / "a white dog running
/// in the snow"), left to the similarity and alignment stages, as an added name is.
public struct ColorRule: GuardRule {
    public var name: String { "colors" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let onlyA = a.colors.filter { !b.colors.contains($0) }
        let onlyB = b.colors.filter { !a.colors.contains($0) }
        guard !onlyA.isEmpty, !onlyB.isEmpty else { return nil }
        return GuardRefusal(rule: name, detail: "\(onlyA.joined(separator: ", ")) ≠ \(onlyB.joined(separator: ", "))")
    }
}
