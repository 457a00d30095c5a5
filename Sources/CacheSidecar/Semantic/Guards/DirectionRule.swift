/// Refuses a reversed route: "flights to Paris from London" vs "flights from Paris to London",
/// "moved to New York from Chapel Hill" vs "moved from New York to Chapel Hill".
///
/// Only prompts that both name a source and a destination (``Directions``) are compared, so
/// "convert USD to EUR" vs "convert from USD to EUR" and a lone "due to" pass.
public struct DirectionRule: GuardRule {
    public var name: String { "direction" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        for (word, role) in a.directions.sorted(by: { $0.key < $1.key }) {
            guard let other = b.directions[word], other != role else { continue }
            return GuardRefusal(rule: name, detail: "\(word): \(Self.describe(role)) ≠ \(Self.describe(other))")
        }
        return nil
    }

    private static func describe(_ role: Directions.Role) -> String {
        role == .source ? "from" : "to"
    }
}
