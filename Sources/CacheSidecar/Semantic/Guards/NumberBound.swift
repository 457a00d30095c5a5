/// Which side of a number a prompt asks about: "under 2", "less than 5 years", "18 or older".
///
/// "A baby under 2" and "a 2-year-old" state the same number but ask about different children,
/// so a number's bound must match as the number does. Only the side counts: "at least 18" and
/// "over 18", "max $25" and "under $25" are said interchangeably. "Over" before a span of time
/// may mean "during" ("spread over 12 months") and is not read as a bound.
public enum NumberBound: String, Sendable, Hashable {
    case below
    case above

    /// The bound written around the number that occupies `start..<end` (its sign, unit and all).
    static func around(_ tokens: [PromptToken], start: Int, end: Int, unit: String?) -> NumberBound? {
        // Up to three words before the number, some skipped ("under Rs. 30,000").
        var before: [String] = []
        var i = start - 1
        while i >= 0, before.count < 3 {
            if !skipped.contains(tokens[i].text) { before.insert(tokens[i].text, at: 0) }
            i -= 1
        }
        if let bound = boundBefore(before, unit: unit) { return bound }
        // "50+", "18+", not "x^2+5x" nor a version ("3.9+").
        if end < tokens.count, tokens[end].text == "+", tokens[end].isGlued, end == start + 1,
            tokens[start].kind == .number, !tokens[start].text.contains("."),
            end + 1 == tokens.count || !tokens[end + 1].isGlued
        {
            return .above
        }
        let after = tokens[end..<min(tokens.count, end + 2)].map(\.text)
        if after.count == 2, ["or", "and"].contains(after[0]) {
            if ["more", "older", "over", "above", "up", "longer", "higher"].contains(after[1]) { return .above }
            if ["less", "fewer", "younger", "under", "below", "shorter", "lower"].contains(after[1]) { return .below }
        }
        return nil
    }

    private static func boundBefore(_ words: [String], unit: String?) -> NumberBound? {
        guard let last = words.last else { return nil }
        let previous = words.count >= 2 ? words[words.count - 2] : nil
        if last == "than", let previous {
            let negated = words.count >= 3 && ["no", "not"].contains(words[0])
            if belowComparatives.contains(previous) { return negated ? .above : .below }
            if aboveComparatives.contains(previous) { return negated ? .below : .above }
        }
        switch (previous, last) {
        case ("at", "least"): return .above
        case ("at", "most"), ("up", "to"): return .below
        case ("much", "as"), ("many", "as"): return words.count >= 3 && words[0] == "as" ? .below : nil
        default: break
        }
        // "->" and "=>" are arrows ("x->0", "40 -> 50"), not comparisons.
        if ["<", ">"].contains(last), let previous, ["-", "=", "<", ">"].contains(previous) { return nil }
        if belowWords.contains(last) { return .below }
        if aboveWords.contains(last) { return .above }
        // "max $25", "min 5 minutes"; "max 401k contribution" names a plan's limit, not a bound.
        if unit != nil, ["max", "maximum"].contains(last) { return .below }
        if unit != nil, ["min", "minimum"].contains(last) { return .above }
        if last == "over", !(unit.map(Units.measuresTime) ?? false) { return .above }
        return nil
    }

    private static let belowWords: Set<String> = ["under", "below", "within", "<", "≤"]
    private static let aboveWords: Set<String> = ["above", ">", "≥"]
    private static let belowComparatives: Set<String> = ["less", "fewer", "younger", "lower", "shorter", "cheaper", "smaller"]
    private static let aboveComparatives: Set<String> = ["more", "greater", "older", "higher", "longer", "larger", "bigger"]
    /// Skipped between a bound and its number: a currency's name, an article, "the next" ("below a
    /// 2.0", "within the next 5 years").
    private static let skipped: Set<String> = ["rs", "inr", "usd", "eur", "gbp", ".", "a", "an", "the", "next"]
}
