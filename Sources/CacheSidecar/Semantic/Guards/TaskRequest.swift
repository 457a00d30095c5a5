/// Whether a prompt asks the assistant to do something ("Write a limerick about a clumsy giraffe",
/// "Could you compose a haiku on …", "I'd like a product description for …") rather than asks a
/// question or states a fact.
///
/// A task's details attach to the thing asked for, before it or after it, in any order ("a clumsy
/// giraffe" / "a giraffe who is clumsy", "a 5-day trip to Iceland in winter" / "a winter trip to
/// Iceland, 5 days long"), so between two such prompts ``WordOrderRule`` refuses only a swap, or
/// more than one run of words moved.
enum TaskRequest {
    /// Whether the prompt's first word past a polite opening is a verb of asking for a task. A
    /// task with a negation, steps or a word that limits another keeps its order: "List countries
    /// that use the euro but aren't in the EU" / "List EU countries that don't use the euro" move
    /// only the negation, "adds 5 and then multiplies by 2" / "multiplies by 2 and then adds 5"
    /// only the steps, "a memo for only the managers about the layoffs" / "a memo about only the
    /// layoffs for the managers" what "only" limits.
    static func opens(_ units: [String]) -> Bool {
        guard !units.contains(where: { Negation.isNegator($0) || stepWords.contains($0) || limitingWords.contains($0) })
        else { return false }
        for (i, unit) in units.prefix(maximumOpening).enumerated() {
            if taskVerbs.contains(unit) { return true }
            // "I'd like a …", "I need you to …": not "Like other Opels of the time, …" nor "I want to sleep …".
            if i > 0, wishVerbs.contains(unit), i + 1 < units.count, wishObjects.contains(units[i + 1]) { return true }
            if !politeOpening.contains(unit) { return false }
        }
        return false
    }

    /// Words that order steps: ``WordOrder/sequenceWords`` but the ordinals, since "the first snow
    /// of winter" and "Newton's third law" name no step.
    static let stepWords = WordOrder.sequenceWords.subtracting(["first", "firstly", "second", "secondly", "third"])

    /// Words whose place says what they limit.
    static let limitingWords: Set<String> = ["only", "solely", "exclusively", "merely", "even", "just"]

    /// Words a polite request may open with: "please", "can you", "could u", "I would like to".
    static let politeOpening: Set<String> = [
        "please", "pls", "plz", "kindly", "hey", "hi", "hello", "can", "could", "would", "will", "you", "u", "i",
        "me", "us", "quickly", "now",
    ]

    /// Words a polite opening may take before the verb: "hey, could you please quickly write …".
    static let maximumOpening = 7

    static let taskVerbs: Set<String> = [
        "write", "draft", "compose", "create", "generate", "make", "give", "suggest", "recommend", "summarize",
        "summarise", "explain", "describe", "list", "outline", "plan", "design", "rewrite", "rephrase", "paraphrase",
        "translate", "convert", "fix", "tell", "show", "provide", "prepare", "build", "come", "put", "turn", "act",
        "pretend", "brainstorm", "edit", "proofread", "shorten", "simplify", "craft", "produce", "share", "help",
    ]

    /// Verbs that ask for a task after a subject: "I need …", "I would like …".
    static let wishVerbs: Set<String> = ["need", "want", "like"]
    static let wishObjects: Set<String> = ["a", "an", "some", "you", "help"]
}
