/// One reason two look-alike prompts may need different answers.
///
/// A rule sees both prompts' ``PromptFeatures`` (extracted once, cheaply) and either lets the match
/// through (`nil`) or refuses it. Rules must be symmetric: which prompt was cached must not matter.
public protocol GuardRule: Sendable {
    /// A short stable name, used in refusals, logs and metrics (e.g. `"numbers"`).
    var name: String { get }
    func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal?
}

/// Why a cached answer must not be served for an incoming prompt.
public struct GuardRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The ``GuardRule/name`` of the rule that refused.
    public var rule: String
    /// What differs, for logs and debugging (e.g. `"10 km ≠ 15 km"`).
    public var detail: String

    public init(rule: String, detail: String) {
        self.rule = rule
        self.detail = detail
    }

    public var description: String { "\(rule): \(detail)" }
}
