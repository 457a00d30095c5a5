/// A number as the prompt states it, with its unit when it has one: "10 km", "$5", "ten", "3rd".
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The value in a canonical spelling ("1,000" and "1000" and "a thousand" → "1000"), so equal
    /// numbers compare equal; version-like strings that are no number ("3.5.1") keep their text.
    public var amount: String
    /// Canonical unit (see ``Units``), `"ordinal"` for "3rd"/"third", nil for a bare number.
    public var unit: String?
    /// An article read as one ("a tablespoon"): stated only as much as the unit is.
    public var isArticle: Bool
    /// "Under 2", "18 or older": which side of the number is asked about, if a side is.
    public var bound: NumberBound?

    public init(amount: String, unit: String? = nil, isArticle: Bool = false, bound: NumberBound? = nil) {
        self.amount = amount
        self.unit = unit
        self.isArticle = isArticle
        self.bound = bound
    }

    /// The same number of the same unit, however it was written.
    public static func == (a: Quantity, b: Quantity) -> Bool { a.amount == b.amount && a.unit == b.unit }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(amount)
        hasher.combine(unit)
    }

    public var description: String {
        switch unit {
        case nil: amount
        case "ordinal": "#\(amount)"
        case let unit?: "\(amount) \(unit)"
        }
    }
}

/// Finds the quantities of a prompt: digits, number words ("twenty-five", "a dozen"), scale words
/// ("1.5 million", "10k"), ordinals, currency signs and units. Years are left to ``TemporalExpressions``.
enum QuantityExtractor {
    struct Result {
        var quantities: [Quantity] = []
        /// Units named without a number ("convert miles to km").
        var unitMentions: [String] = []
    }

    static func extract(_ tokens: [PromptToken]) -> Result {
        var result = Result()
        var used = [Bool](repeating: false, count: tokens.count)
        var i = 0
        while i < tokens.count {
            if tokens[i].kind == .number, tokens[i].numericValue == nil {
                // "3.5.1": a version, compared as written.
                result.quantities.append(Quantity(amount: tokens[i].text))
                used[i] = true
                i += 1
                continue
            }
            guard !used[i], let (value, isOrdinal, end) = number(in: tokens, at: i),
                !TemporalExpressions.isYear(tokens, at: i)
            else {
                i += 1
                continue
            }
            for j in i..<end { used[j] = true }
            var unit: String? = isOrdinal ? "ordinal" : nil
            var (start, stop) = (i, end)
            if !isOrdinal {
                if i > 0, tokens[i - 1].kind == .symbol, let sign = Units.currencySign(tokens[i - 1].text) {
                    unit = sign
                    used[i - 1] = true
                    start = i - 1
                } else if let (found, unitEnd) = unitAfter(tokens, at: end) {
                    unit = found
                    for j in end..<unitEnd { used[j] = true }
                    stop = unitEnd
                }
            }
            result.quantities.append(
                Quantity(
                    amount: canonical(isNegated(tokens, at: i) ? -value : value), unit: unit,
                    isArticle: tokens[i].kind == .word && isArticleBeforeMeasure(tokens, at: i),
                    bound: NumberBound.around(tokens, start: start, end: stop, unit: unit)))
            i = end
        }
        for (i, token) in tokens.enumerated() where !used[i] {
            if token.kind == .word, let unit = Units.unit(token.text), unit.standsAlone {
                result.unitMentions.append(unit.canonical)
            }
            // "what temperature in °F": a degree sign names its scale without a number too.
            if token.text == "°", i + 1 < tokens.count, !used[i + 1], let scale = temperatureScale(tokens, at: i + 1) {
                result.unitMentions.append(scale)
            }
        }
        return result
    }

    // MARK: - Numbers

    /// "-7 % 3", "−40 degrees": a minus glued to the number and set apart from the word before
    /// it; in "5-7", "covid-19" or "x - 7" the dash joins or subtracts. "In minus 10 celsius",
    /// "negative 3": a sign in words, unless a number or variable comes before it ("5 minus 3").
    private static func isNegated(_ tokens: [PromptToken], at i: Int) -> Bool {
        guard i > 0 else { return false }
        if tokens[i - 1].text == "minus" || tokens[i - 1].text == "negative" {
            guard i > 1 else { return true }
            let before = tokens[i - 2]
            return before.kind == .word ? FunctionWords.contains(before.text) : before.kind == .symbol && before.text != ")"
        }
        guard tokens[i].isGlued, tokens[i - 1].text == "-" || tokens[i - 1].text == "−" else { return false }
        return !tokens[i - 1].isGlued
    }

    /// The number starting at `i`: its value, whether it is an ordinal, and the index after it.
    private static func number(in tokens: [PromptToken], at i: Int) -> (Double, Bool, Int)? {
        let token = tokens[i]
        switch token.kind {
        case .ordinal:
            return token.numericValue.map { ($0, true, i + 1) }
        case .number:
            guard let value = token.numericValue else {
                return nil
            }
            // A scale word or suffix multiplies: "1.5 million", "10k".
            if i + 1 < tokens.count, let scale = NumberWords.scale(tokens[i + 1].text, glued: tokens[i + 1].isGlued) {
                return (value * scale, false, i + 2)
            }
            return (value, false, i + 1)
        case .word:
            if isArticleBeforeMeasure(tokens, at: i) { return (1, false, i + 1) }
            if let roman = NumberWords.romanNumeral(tokens, at: i) { return (roman, false, i + 1) }
            return NumberWords.parse(tokens, at: i)
        case .symbol:
            return nil
        }
    }

    /// "walk a mile", "a pound of feathers", "a litre of milk": the article is the number one, before
    /// units of length, mass and volume. A unit word with an everyday sense ("a pound", "a foot",
    /// "a yard") counts only before "of" (``Units/Unit/standsAlone``); other unit words have
    /// everyday senses even there ("a bit of", "a cup of coffee", "a percentage of", "a day of").
    private static func isArticleBeforeMeasure(_ tokens: [PromptToken], at i: Int) -> Bool {
        guard tokens[i].text == "a" || tokens[i].text == "an", i + 1 < tokens.count,
            tokens[i + 1].kind == .word, let unit = Units.unit(tokens[i + 1].text), Units.measuresAmount(unit.canonical)
        else { return false }
        return unit.standsAlone || (i + 2 < tokens.count && tokens[i + 2].text == "of")
    }

    /// "C" or "F" after a degree sign: "celsius" or "fahrenheit".
    private static func temperatureScale(_ tokens: [PromptToken], at i: Int) -> String? {
        guard i < tokens.count, let unit = Units.unit(tokens[i].text),
            unit.canonical == "celsius" || unit.canonical == "fahrenheit"
        else { return nil }
        return unit.canonical
    }

    /// A unit right after a number: a unit word, "%", "°C", "per cent".
    private static func unitAfter(_ tokens: [PromptToken], at i: Int) -> (String, Int)? {
        guard i < tokens.count else { return nil }
        let token = tokens[i]
        if token.kind == .symbol {
            if token.text == "%" { return ("percent", i + 1) }
            // "a 2-month-old", "a 10-minute walk": the hyphen glues the unit to the number.
            if token.text == "-", token.isGlued, i + 1 < tokens.count, tokens[i + 1].isGlued,
                let unit = Units.unit(tokens[i + 1].text)
            {
                return (unit.canonical, i + 2)
            }
            if token.text == "°" {
                if let scale = temperatureScale(tokens, at: i + 1) { return (scale, i + 2) }
                return ("degree", i + 1)
            }
            return nil
        }
        guard token.kind == .word else { return nil }
        if token.text == "per", i + 1 < tokens.count, tokens[i + 1].text == "cent" { return ("percent", i + 2) }
        return Units.unit(token.text).map { ($0.canonical, i + 1) }
    }

    /// Numbers that are equal must print equal: "1000", "1,000.0" and "1k" all become "1000".
    static func canonical(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
