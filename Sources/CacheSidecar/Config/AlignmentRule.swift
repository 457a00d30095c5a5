/// What the token-alignment stage (``TokenAlignment``) does with a semantic candidate that passed
/// the threshold and the guards.
public enum AlignmentRule: Sendable, Equatable {
    /// Not computed.
    case off
    /// Computed and reported (`X-Cache-Alignment`), never refuses: to see what a minimum would do
    /// before setting one (the quality runs use it to derive every minimum from one replay).
    case report
    /// A candidate whose alignment is below this is not served.
    case minimum(Double)

    /// `0.4`, or `0` / `off`, or `report`; nil for anything else (a minimum must be in (0, 1]).
    public static func parse(_ text: String) -> AlignmentRule? {
        let value = text.trimmingWhitespace.lowercased()
        if value == "off" { return .off }
        if value == "report" { return .report }
        guard let number = Double(value), number >= 0, number <= 1 else { return nil }
        return number == 0 ? .off : .minimum(number)
    }

    /// The rule with a request's `X-Cache-Alignment-Threshold`, which can only make it stricter.
    func tightened(by requested: Double?) -> AlignmentRule {
        guard let requested, requested > 0 else { return self }
        if case .minimum(let own) = self { return .minimum(max(own, requested)) }
        return .minimum(requested)
    }

    /// Whether the stage runs at all.
    var isOn: Bool { self != .off }

    /// The score below which a candidate is refused, if any.
    public var minimum: Double? {
        if case .minimum(let value) = self { return value }
        return nil
    }
}
