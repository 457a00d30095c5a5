/// What a question asks for, where its wording says so plainly: a count ("how many", "the number
/// of"), the members themselves ("which", "what are", "list"), a time ("when", "what year"), a
/// reason ("why") or a place ("where"). "How many countries are in the EU?" and "Which countries
/// are in the EU?" share every content word and need different answers; so do "Why was the Eiffel
/// Tower built?" and "When was the Eiffel Tower built?".
///
/// "Who killed Brutus?" asks for the doer and "Who did Brutus kill?" for the one it was done to;
/// "Brutus was killed by whom?" asks for the doer too.
///
/// "How long" and "how many minutes…" ask for a duration, not a count of things: "how long
/// should I boil an egg" / "how many minutes to boil an egg" is one question. "How often" (and
/// "how many times", "the number of times") asks for a frequency, "how much" for an amount: "How
/// often should I feed my cat?" is not "How much should I feed my cat?", "How often does a mare
/// come into season?" is not "How long does her season last?", and "What oil does a Camry
/// take?" (which one) is not "How much oil does a Camry take?". "How", a bare "what" and
/// yes-no questions name no focus: "How can I…?" and "Can I…?" are often one question, and so are
/// "What is the deadline for…?" and "When is the deadline for…?". But "what is" or "what was" and
/// a short name ending the question asks what the thing is: "What was D-Day?" is not "When was
/// D-Day?".
enum QuestionFocus: String, Sendable, Hashable, Comparable {
    case count
    case members
    case time
    case reason
    case place
    case doer
    case doneTo = "done-to"
    case frequency
    case duration
    case amount
    case definition

    static func < (a: QuestionFocus, b: QuestionFocus) -> Bool { a.rawValue < b.rawValue }

    /// The foci a prompt's questions name, sorted.
    static func foci(in tokens: [PromptToken]) -> [QuestionFocus] {
        var found = Set<QuestionFocus>()
        let words = tokens.map(\.text)
        for (i, token) in tokens.enumerated() where token.kind == .word {
            let next = i + 1 < words.count ? words[i + 1] : ""
            let after = i + 2 < words.count ? words[i + 2] : ""
            let asksHowMany = (token.text == "how" && next == "many") || (token.text == "number" && next == "of")
            if token.text == "how" && (next == "often" || next == "frequently") || (asksHowMany && after == "times") {
                found.insert(.frequency)
            } else if token.text == "how", next == "long", after != "ago" {
                found.insert(.duration)
            } else if token.text == "how", next == "much" {
                found.insert(.amount)
            } else if asksHowMany {
                let measuresTime = Units.unit(after).map { Units.measuresTime($0.canonical) } ?? false
                found.insert(measuresTime ? .duration : .count)
            }
            // "When and why…?" asks two things.
            let opensQuestion = tokens.opensClause(at: i) || words[i - 1] == "and" || words[i - 1] == "or"
            guard opensQuestion else { continue }
            switch token.text {
            case "which" where timeWords.contains(next), "what" where timeWords.contains(next): found.insert(.time)
            case "which", "list": found.insert(.members)
            case "what" where next == "are" || next == "were": found.insert(.members)
            case "what" where (next == "is" || next == "was") && asksWhatAThingIs(tokens, from: i + 2),
                // "What and when was the first rap song?" asks both.
                "what" where next == "and":
                found.insert(.definition)
            // "What oil does a Camry take?" asks which one; "what dose", "what tire pressure" how much.
            case "what" where asksWhichThing(words, at: i):
                found.insert(.members)
            case "who" where doAuxiliaries.contains(next) && tokens.wordsInARow(from: i + 2) >= 2,
                "whom" where doAuxiliaries.contains(next):
                found.insert(.doneTo)
            case "who" where !FunctionWords.contains(next) && !next.isEmpty: found.insert(.doer)
            case "by" where next == "who" || next == "whom": found.insert(.doer)  // "When and by whom was it built?"
            case "when": found.insert(.time)
            case "why": found.insert(.reason)
            case "where": found.insert(.place)
            default: break
            }
        }
        let lastWords = tokens.filter { $0.kind == .word }.suffix(2).map(\.text)
        if lastWords.first == "by", let last = lastWords.last, last == "who" || last == "whom" { found.insert(.doer) }
        return found.sorted()
    }

    /// "Who did Brutus kill", "who does she report to": "do" before a subject and its verb marks an
    /// object question ("who did it" asks for the doer).
    private static let doAuxiliaries: Set<String> = ["did", "does", "do"]

    /// Whether an answer for one focus is wrong for the other. A list answers "where are the best
    /// restaurants" and "why" is often asked along with "which" ("which is the best X and why"),
    /// so only a count and its members contrast, and a person, time, reason and place among
    /// themselves ("Who wrote Hamlet?" / "When was Hamlet written?").
    func contrasts(with other: QuestionFocus) -> Bool {
        guard self != other else { return false }
        let personOrCircumstance: Set<QuestionFocus> = [.doer, .doneTo, .time, .reason, .place]
        // "What was D-Day?" / "When was D-Day?"; "What is X?" / "Who is X?" may be one question.
        let circumstance: Set<QuestionFocus> = [.time, .reason, .place]
        // A frequency is no amount, count or duration: "how often" vs "how much", "how many",
        // "how long". "When should I replace my toothbrush?" asks how often.
        let howOftenOrMuch: Set<QuestionFocus> = [.frequency, .amount, .count, .duration]
        let pair = Set([self, other])
        // "When is the fee charged?" / "How much is the fee?"
        let amountAndCircumstance = pair.contains(.amount) && !pair.isDisjoint(with: circumstance)
        return pair == [.count, .members] || pair == [.members, .amount] || amountAndCircumstance
            || (personOrCircumstance.contains(self) && personOrCircumstance.contains(other))
            || (pair.contains(.definition) && !pair.isDisjoint(with: circumstance))
            || ([self, other].contains(.frequency) && howOftenOrMuch.contains(self) && howOftenOrMuch.contains(other))
    }

    private static let timeWords: Set<String> = ["year", "time", "date", "day", "month", "century", "decade"]
    /// "What oil does…", "what motor oil should…": "what", a thing (one or two words, no function
    /// word, no measure) and then an auxiliary. "What's customary?" asks no such thing.
    private static func asksWhichThing(_ words: [String], at i: Int) -> Bool {
        let following = words.dropFirst(i + 1).prefix(3)
        guard let verb = following.firstIndex(where: { thingAuxiliaries.contains($0) }), verb > i + 1 else { return false }
        return words[(i + 1)..<verb].allSatisfy { !FunctionWords.contains($0) && !measureNouns.contains($0) }
    }

    /// "What was D-Day?", "what is a Roth IRA": one to four words, then the question's end, and none
    /// of them a word that asks for a time, place, reason or measure ("What is the deadline?",
    /// "What was the cause?") or for a pick ("What is the best…?"). A word joined by a hyphen is part of a name ("D-Day").
    private static func asksWhatAThingIs(_ tokens: [PromptToken], from start: Int) -> Bool {
        var end = start
        while end < tokens.count, tokens[end].kind == .word || (tokens[end].text == "-" && tokens[end].isGlued) { end += 1 }
        let count = tokens[start..<end].filter { $0.kind == .word }.count
        guard (1...4).contains(count), end == tokens.count || tokens[end].text == "?" else { return false }
        return !tokens[start..<end].indices.contains { k in
            let hyphenated = k > start && tokens[k - 1].text == "-"
            return !hyphenated && (circumstanceNouns.contains(tokens[k].text) || measureNouns.contains(tokens[k].text))
        }
    }

    private static let circumstanceNouns: Set<String> = timeWords.union([
        "season", "hour", "week", "age", "deadline", "moment", "period", "location", "address", "place", "reason",
        "cause", "purpose", "point", "origin", "source", "importance", "significance", "use", "benefit", "benefits",
        // A pick, not a definition: "What is the best historical novel?" / "… novels? Why?"
        "best", "worst", "better", "worse", "top", "favorite", "favourite", "my", "your",
    ])

    private static let thingAuxiliaries: Set<String> = ["do", "does", "did", "should", "can", "will", "would", "is", "are"]

    /// "What amount of…", "what dose…": an amount asked for by its measure.
    private static let measureNouns: Set<String> = [
        "amount", "quantity", "number", "dose", "dosage", "percentage", "percent", "proportion", "ratio", "volume",
        "weight", "size", "length", "price", "cost", "level", "rate", "pressure", "intake", "range", "temperature",
        "speed", "distance", "rep", "reps",
    ]
}
