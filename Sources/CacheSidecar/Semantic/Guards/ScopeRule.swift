/// Refuses when one prompt asks about all of a thing and the other about one of it: "stop all
/// running Docker containers" vs "stop a running Docker container", "list pods in every
/// namespace" vs "… in a Kubernetes namespace" (``Scopes``). The answers differ (a loop or a flag
/// against a single call), but the embeddings barely move: one determiner changed.
public struct ScopeRule: GuardRule {
    public var name: String { "scope" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let thing = Self.allVersusOne(a.scopes, b.scopes) ?? Self.allVersusOne(b.scopes, a.scopes) {
            return GuardRefusal(rule: name, detail: "all \(thing) ≠ one \(thing)")
        }
        return nil
    }

    /// A thing `all` names after "all" or "every" that `one` names after "a" or "one", neither
    /// naming it the other way too.
    private static func allVersusOne(_ all: Scopes, _ one: Scopes) -> String? {
        all.all.subtracting(all.one).intersection(one.one.subtracting(one.all)).sorted().first
    }
}
