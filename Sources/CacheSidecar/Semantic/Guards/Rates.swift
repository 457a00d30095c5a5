/// How often or per what a quantity is counted: "per month", "monthly", "$20 an hour", "twice a
/// day", "every week", "per capita". Each becomes a canonical label ("per:month", "per:person").
///
/// "average salary per month" and "… per year" are the same words around a different period, so
/// their embeddings are close (and "monthly" / "annual" closer still), yet one answer is twelve
/// times the other.
enum Rates {
    static func extract(_ tokens: [PromptToken]) -> [String] {
        var rates: [String] = []
        for (i, token) in tokens.enumerated() where token.kind == .word {
            let word = token.text
            if let period = adverbs[word] {
                rates.append("per:\(period)")
            } else if i + 1 < tokens.count, let period = period(tokens[i + 1].text),
                word == "per" || word == "every" || word == "each" || isRateArticle(tokens, at: i)
            {
                rates.append("per:\(period)")
            } else if word == "per", i + 1 < tokens.count, persons.contains(tokens[i + 1].text) {
                rates.append("per:person")
            }
        }
        return rates.sorted()
    }

    /// "twice a day", "$20 an hour", "100 people die a year", "drink a day"; not after a preposition or
    /// a verb of spending time ("in a day", "spend a week", "take a day off", "is a day enough").
    private static func isRateArticle(_ tokens: [PromptToken], at i: Int) -> Bool {
        guard tokens[i].text == "a" || tokens[i].text == "an", i > 0, tokens[i - 1].kind != .symbol else { return false }
        let previous = tokens[i - 1].text
        if spanWords.contains(previous) { return false }
        return !FunctionWords.contains(previous) || rateFunctionWords.contains(previous)
    }

    /// The period a word names, canonical ("hours" → "h").
    private static func period(_ word: String) -> String? {
        guard let unit = Units.unit(word), Units.isPeriod(unit.canonical) else { return nil }
        return unit.canonical
    }

    /// "per capita", "per person", "per head": a count per person, another quantity than the total.
    private static let persons: Set<String> = ["capita", "person", "head", "individual", "employee", "user"]

    private static let adverbs: [String: String] = [
        "hourly": "h", "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
        "yearly": "year", "annual": "year", "annually": "year", "annum": "year",
    ]

    /// Function words a rate can follow: "how much do you make a month", "once a week".
    private static let rateFunctionWords: Set<String> = ["do", "does", "did", "one", "much", "many"]

    /// Content words after which "a day", "a week" is a span of time, not a rate (function words
    /// such as "in", "than", "just" already are).
    private static let spanWords: Set<String> = [
        "spend", "spends", "spent", "take", "takes", "took", "last", "lasts", "lasted", "wait", "waited", "stay",
        "stayed", "need", "needs", "half", "whole", "entire", "least", "most",
    ]
}
