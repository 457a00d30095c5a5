/// English number words: cardinals ("twenty-five", "a hundred and ten"), ordinals ("third",
/// "twenty-first") and scale words ("million", "10k"), so "ten" and "10" are the same number.
enum NumberWords {
    /// Parses the number words starting at `i`: value, whether ordinal, index after the last word.
    ///
    /// "one" alone is usually a pronoun ("which one"), so it counts only before a unit or scale word.
    static func parse(_ tokens: [PromptToken], at start: Int) -> (Double, Bool, Int)? {
        var total = 0.0
        var current = 0.0
        var sawNumber = false
        var end = start
        var i = start
        // "a hundred", "a dozen": the article stands for one.
        if tokens[i].text == "a", i + 1 < tokens.count, tokens[i + 1].text == "hundred" || tokens[i + 1].text == "dozen"
            || scales[tokens[i + 1].text] != nil
        {
            current = 1
            i += 1
        }
        while i < tokens.count {
            let word = tokens[i].text
            if let small = small[word] {
                if !canAdd(small, to: current) { break }
                current += small
            } else if let ordinal = ordinals[word] {
                if word == "second", i > start, tokens[i - 1].kind == .number { break }
                return (total + current + ordinal, true, i + 1)
            } else if word == "hundred" {
                current = max(current, 1) * 100
            } else if let scale = scales[word] {
                total += max(current, 1) * scale
                current = 0
            } else if let twelve = dozen(word) {
                current = max(current, 1) * twelve
            } else if sawNumber, word == "and" || word == "-", i + 1 < tokens.count, isNumberWord(tokens[i + 1].text) {
                i += 1
                continue
            } else {
                break
            }
            sawNumber = true
            i += 1
            end = i
        }
        guard sawNumber, end > start else { return nil }
        if end == start + 1, tokens[start].text == "one" {
            let next = end < tokens.count ? tokens[end].text : ""
            guard Units.unit(next) != nil else { return nil }
        }
        return (total + current, false, end)
    }

    /// A multiplier after digits: "million", or a glued "k"/"bn" ("10k").
    static func scale(_ word: String, glued: Bool) -> Double? {
        if word == "hundred" { return 100 }
        if let scale = scales[word] { return scale }
        guard glued else { return nil }
        switch word {
        case "k": return 1e3
        case "bn": return 1e9
        default: return nil
        }
    }

    /// "World War II", "Type II diabetes", "Henry VIII": a Roman numeral of two letters or more, in
    /// capitals, after a capitalised word. Single letters are left out ("Plan B", "Should I").
    static func romanNumeral(_ tokens: [PromptToken], at i: Int) -> Double? {
        let token = tokens[i]
        guard token.kind == .word, token.text.count >= 2, token.isCapitalized, token.hasInnerCapital, i > 0,
            tokens[i - 1].kind == .word, tokens[i - 1].isCapitalized
        else { return nil }
        return romanValue(token.text).map(Double.init)
    }

    /// The value of a lowercased Roman numeral from "i" to "xxxix", or nil for any other word.
    static func romanValue(_ word: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10]
        var total = 0
        var previous = 0
        for letter in word.reversed() {
            guard let value = values[letter] else { return nil }
            total += value < previous ? -value : value
            previous = max(previous, value)
        }
        return total > 0 && total < 40 ? total : nil
    }

    static func isNumberWord(_ word: String) -> Bool {
        small[word] != nil || ordinals[word] != nil || scales[word] != nil || word == "hundred"
    }

    /// "twenty" + "five" and "hundred" + "ten" make one number; "five" + "six" are two.
    private static func canAdd(_ small: Double, to current: Double) -> Bool {
        let belowHundred = current.truncatingRemainder(dividingBy: 100)
        return belowHundred == 0 || (belowHundred >= 20 && belowHundred.truncatingRemainder(dividingBy: 10) == 0 && small < 10)
    }

    private static func dozen(_ word: String) -> Double? { word == "dozen" ? 12 : nil }

    private static let small: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        // "renders twice" = "renders two times"; "once" is left out: "once I log in" counts nothing.
        "twice": 2, "thrice": 3,
    ]

    private static let ordinals: [String: Double] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
        "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
    ]

    private static let scales: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "lakhs": 1e5,
        "crore": 1e7, "crores": 1e7, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
    ]
}
