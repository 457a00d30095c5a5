/// Refuses when the prompts write other genotypes ("an Aa x Aa cross" / "an Aa x aa cross",
/// "an AaBbCc offspring" / "an aabbcc offspring"): ``Genotypes``.
public struct GenotypeRule: GuardRule {
    public var name: String { "genotypes" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        guard a.genotypes != b.genotypes, !a.genotypes.isEmpty || !b.genotypes.isEmpty else { return nil }
        return GuardRefusal(rule: name, detail: "\(a.genotypes.joined(separator: " ")) ≠ \(b.genotypes.joined(separator: " "))")
    }
}
