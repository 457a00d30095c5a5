/// Verbs in the passive and in the active, for ``VoiceRule``: "is being bullied" / "is bullying
/// others", "keeps getting hit" / "keeps hitting", "who is killed by Laertes" / "who kills Laertes".
///
/// Only passives that cannot be read as the same question are kept: progressive and "get"
/// passives, and any passive that names its agent after "by". "How is paper made" / "how to make
/// paper" and "who was the telephone invented by" / "who invented the telephone" are one question.
struct Voice: Sendable, Hashable {
    /// Participles after "being", "get", "getting", "gets", "got": "bullied", "hit".
    var passives: [String] = []
    /// "-ing" words not after "being"/"getting", nor before "of": "bullying", "hitting".
    var actives: [String] = []
    /// Participles after a form of "be" with an agent after "by": "killed" in "is killed by Laertes".
    var passivesWithAgent: [String] = []
    /// Words in no passive, as candidates for the active form of a verb: "kills", "killed".
    var activeWords: Set<String> = []

    init(_ tokens: [PromptToken]) {
        // Only a question asks who did it or to whom: statements say both ways what happened.
        let asksWho = tokens.indices.contains { Self.questionWords.contains(tokens[$0].text) && tokens.opensClause(at: $0) }
        for (i, token) in tokens.enumerated() where token.kind == .word {
            let previous = i > 0 ? tokens[i - 1].text : ""
            let beforeBy = i + 1 < tokens.count && tokens[i + 1].text == "by"
            let namesAgent = beforeBy && i + 2 < tokens.count && tokens[i + 2].kind != .symbol
            if Self.passiveAuxiliaries.contains(previous) {
                if !token.text.hasSuffix("ing") { passives.append(token.text) }
                continue
            }
            if asksWho, Self.formsOfBe.contains(previous), namesAgent, Self.looksLikeParticiple(token.text) {
                passivesWithAgent.append(token.text)
                continue
            }
            // "directed by", "was photographed by X and edited by Y": a passive without its "be".
            if !beforeBy { activeWords.insert(token.text) }
            if token.text.count > 5, token.text.hasSuffix("ing"), !Self.passiveAuxiliaries.contains(token.text) {
                // "the firing of the CEO" is a noun, and means the passive.
                if i + 1 < tokens.count, tokens[i + 1].text == "of" { continue }
                actives.append(token.text)
            }
        }
    }

    /// Whether `active` ("hitting", "biting") is a form of the verb whose participle is
    /// `participle` ("hit", "bitten").
    static func isActiveForm(_ active: String, of participle: String) -> Bool {
        bases(ofStem: String(active.dropLast(3))).contains { $0 == participle || Inflection.forms(of: $0).contains(participle) }
            || isForm(active, ofParticiple: participle)
    }

    /// Whether `word` ("kills", "killed") is a form of the verb whose participle is `participle`
    /// ("killed"; "beaten" → "beat", "taken" → "take").
    static func isForm(_ word: String, ofParticiple participle: String) -> Bool {
        if word == participle { return true }
        var bases = [participle]
        if participle.hasSuffix("ied") { bases.append(String(participle.dropLast(3)) + "y") }
        if participle.hasSuffix("ed") || participle.hasSuffix("en") { bases += Self.bases(ofStem: String(participle.dropLast(2))) }
        return bases.contains { Inflection.forms(of: $0).contains(word) }
    }

    /// What a verb may be once its suffix is gone: "hitt" → "hit", "tak" → "take", "kill" → "kill".
    private static func bases(ofStem stem: String) -> [String] {
        var bases = [stem, stem + "e"]
        if let last = stem.last, stem.dropLast().last == last { bases.append(String(stem.dropLast())) }
        return bases
    }

    private static func looksLikeParticiple(_ word: String) -> Bool {
        word.count > 3 && (word.hasSuffix("ed") || word.hasSuffix("en") || word.hasSuffix("wn"))
    }

    private static let questionWords: Set<String> = ["who", "whom", "what", "which"]
    private static let passiveAuxiliaries: Set<String> = ["being", "getting", "gets", "got", "get"]
    private static let formsOfBe: Set<String> = ["is", "are", "was", "were", "be", "been"]
}
