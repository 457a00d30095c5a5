/// Time words that pin a question to a moment: "today", "tomorrow", "last week", "Monday",
/// "in March", "2019", "the 1990s", "3 months ago". Each becomes a canonical label ("day:today",
/// "year:2019") so that "coming week" and "next week" agree and "today" and "tomorrow" do not.
enum TemporalExpressions {
    static func extract(_ tokens: [PromptToken]) -> [String] {
        var labels: [String] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let word = token.text
            if isYear(tokens, at: i) {
                let decade = i + 1 < tokens.count && tokens[i + 1].text == "s" && tokens[i + 1].isGlued
                labels.append(decade ? "decade:\(word)" : "year:\(word)")
            } else if let day = deictic[word] {
                labels.append("day:\(day)")
            } else if weekdays.contains(word) {
                labels.append("weekday:\(word.hasSuffix("s") ? String(word.dropLast()) : word)")
            } else if let month = month(tokens, at: i) {
                labels.append("month:\(month)")
            } else if let relation = relative[word], i + 1 < tokens.count, let period = period(tokens[i + 1].text) {
                labels.append("\(relation):\(period)")
                i += 1
            } else if word == "ago", i > 0, let unit = Units.unit(tokens[i - 1].text), Units.measuresTime(unit.canonical)
            {
                // "expired 3 months ago" is in the past; "expires in 3 months" is not. Only after a
                // unit of time: "how long ago" dates nothing.
                labels.append("span:ago")
            } else if partsOfDay.contains(word) {
                labels.append("part:\(word)")
            } else if seasons.contains(word) || (word == "spring" || word == "fall") && isPrecededBySeasonCue(tokens, i) {
                labels.append("season:\(word == "fall" ? "autumn" : word)")
            }
            i += 1
        }
        return labels
    }

    /// A four-digit number from 1900 to 2099 read as a year, unless a unit or currency makes it an amount.
    static func isYear(_ tokens: [PromptToken], at i: Int) -> Bool {
        let token = tokens[i]
        guard token.kind == .number, token.text.count == 4, let value = Int(token.text), (1900...2099).contains(value)
        else { return false }
        if i > 0, Units.currencySign(tokens[i - 1].text) != nil { return false }
        if i + 1 < tokens.count, tokens[i + 1].text != "s", Units.unit(tokens[i + 1].text) != nil { return false }
        return true
    }

    /// "May" and "March" are also a modal and a verb, "dec" and "sep" abbreviate other things:
    /// only a capital mid-sentence or a day number next to them makes them months.
    private static func month(_ tokens: [PromptToken], at i: Int) -> String? {
        let word = tokens[i].text
        guard let month = months[word] else { return nil }
        guard month == "may" || month == "march" || word.count <= 4 && word != "june" && word != "july" else { return month }
        let nextIsDay = i + 1 < tokens.count && (tokens[i + 1].kind == .number || tokens[i + 1].kind == .ordinal)
        let previousIsDay = i > 0 && (tokens[i - 1].kind == .number || tokens[i - 1].kind == .ordinal)
        if nextIsDay || previousIsDay || (tokens[i].isCapitalized && !tokens[i].startsSentence) { return month }
        return nil
    }

    private static func period(_ word: String) -> String? {
        if periods.contains(word) { return word }
        if weekdays.contains(word) { return word }
        if seasons.contains(word) || word == "spring" || word == "fall" { return word }
        return nil
    }

    private static func isPrecededBySeasonCue(_ tokens: [PromptToken], _ i: Int) -> Bool {
        i > 0 && ["in", "this", "next", "last", "during", "the"].contains(tokens[i - 1].text)
    }

    private static let deictic: [String: String] = [
        "today": "today", "tonight": "tonight", "tomorrow": "tomorrow", "yesterday": "yesterday",
        "tmrw": "tomorrow", "tmr": "tomorrow", "todays": "today",
    ]

    /// "last week" and "past week" are one period; "next week" and "coming week" another.
    private static let relative: [String: String] = [
        "this": "this", "current": "this", "next": "next", "coming": "next", "upcoming": "next",
        "following": "next", "last": "last", "past": "last", "previous": "last",
    ]

    private static let periods: Set<String> = [
        "week", "weekend", "month", "year", "decade", "century", "morning", "afternoon", "evening", "night",
        "quarter", "semester",
    ]

    private static let partsOfDay: Set<String> = ["morning", "afternoon", "evening", "midnight", "noon"]

    private static let seasons: Set<String> = ["summer", "winter", "autumn"]

    private static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays",
        "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
    ]

    private static let months: [String: String] = [
        "january": "january", "jan": "january", "february": "february", "feb": "february", "march": "march",
        "april": "april", "apr": "april", "may": "may", "june": "june", "july": "july", "august": "august",
        "aug": "august", "september": "september", "sept": "september", "sep": "september", "october": "october",
        "oct": "october", "november": "november", "nov": "november", "december": "december", "dec": "december",
    ]
}
