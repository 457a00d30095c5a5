/// Refuses a reversed route: "flights to Paris from London" vs "flights from Paris to London",
/// "moved to New York from Chapel Hill" vs "moved from New York to Chapel Hill".
///
/// A word that is a source in one prompt and a destination in the other reverses the way, when
/// one of them names a route ("translate from German to English" vs "translate into German");
/// roles alone say less ("access to cloud storage" / "accessed from cloud storage"), and a word
/// with a role in one prompt only says nothing ("convert USD to EUR" vs "convert from USD to EUR").
/// Without a source, a conversion is reversed when what one prompt turns into something the
/// other turns from, both ways (``Directions/conversions(_:)``): "String to &str" vs "&str to
/// String", "an int to a string" vs "a string to an integer" — a keyword prompt may put its topic
/// first, so the word-order rule lets such swaps through.
public struct DirectionRule: GuardRule {
    public var name: String { "direction" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if Directions.namesRoute(a.directions) || Directions.namesRoute(b.directions) {
            for (word, role) in a.directions.sorted(by: { $0.key < $1.key }) {
                guard let other = b.directions[word], other != role else { continue }
                return GuardRefusal(rule: name, detail: "\(word): \(Self.describe(role)) ≠ \(Self.describe(other))")
            }
        }
        if let place = Self.addedRoute(a, b) ?? Self.addedRoute(b, a) {
            return GuardRefusal(rule: name, detail: "a route by \(place) in one prompt only")
        }
        if let target = Self.reversedTarget(a.conversions, b.conversions), let otherTarget = Self.reversedTarget(b.conversions, a.conversions) {
            return GuardRefusal(rule: name, detail: "to \(target) ≠ to \(otherTarget)")
        }
        return nil
    }

    /// A named place of a route `a` names from one end to the other, when `b` names no way at all
    /// and not that place: "a cat in the cabin on an Air France flight from Paris to London" /
    /// "… on an Air France flight". The route narrows the question as a condition does.
    private static func addedRoute(_ a: PromptFeatures, _ b: PromptFeatures) -> String? {
        guard Directions.namesRoute(a.directions), b.directions.isEmpty else { return nil }
        return a.directions.keys.filter { word in
            a.entities.contains(word) && !Entities.isMentioned(word, in: b.wordSet)
        }.sorted().first
    }

    /// A word `a` converts to that `b` converts from (spelled out: "int" is "integer"), and never to.
    private static func reversedTarget(_ a: [Directions.Conversion], _ b: [Directions.Conversion]) -> String? {
        let targetsB = b.reduce(into: Set<String>()) { $0.formUnion($1.to) }
        let sourcesB = b.reduce(into: Set<String>()) { $0.formUnion($1.from.map(Directions.canonical)) }
        return a.flatMap(\.to).filter { sourcesB.contains(Directions.canonical($0)) && !targetsB.contains($0) }.sorted().first
    }

    private static func describe(_ role: Directions.Role) -> String {
        role == .source ? "from" : "to"
    }
}
