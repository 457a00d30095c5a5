/// Verbs in the passive of an ongoing action ("is being bullied", "keeps getting hit") and verbs
/// in the active "-ing" form ("is bullying others", "keeps hitting"), for ``VoiceRule``.
///
/// Only the progressive and "get" passives are read: "how is paper made" / "how to make paper" is
/// one question, "my son is being bullied" / "my son is bullying" is not.
struct Voice: Sendable, Hashable {
    /// Participles after "being", "getting", "gets", "got": "bullied", "hit".
    var passives: [String] = []
    /// "-ing" words not after "being"/"getting", nor before "of": "bullying", "hitting".
    var actives: [String] = []

    init(_ tokens: [PromptToken]) {
        for (i, token) in tokens.enumerated() where token.kind == .word {
            let previous = i > 0 ? tokens[i - 1].text : ""
            if Self.passiveAuxiliaries.contains(previous) {
                if !token.text.hasSuffix("ing") { passives.append(token.text) }
            } else if token.text.count > 5, token.text.hasSuffix("ing"), !Self.passiveAuxiliaries.contains(token.text) {
                // "the firing of the CEO" is a noun, and means the passive.
                if i + 1 < tokens.count, tokens[i + 1].text == "of" { continue }
                actives.append(token.text)
            }
        }
    }

    /// Whether `active` ("hitting") is a form of the verb whose participle is `participle` ("hit").
    static func isActiveForm(_ active: String, of participle: String) -> Bool {
        let stem = String(active.dropLast(3))
        var bases = [stem, stem + "e"]
        if let last = stem.last, stem.dropLast().last == last { bases.append(String(stem.dropLast())) }
        return bases.contains { $0 == participle || Inflection.forms(of: $0).contains(participle) }
    }

    private static let passiveAuxiliaries: Set<String> = ["being", "getting", "gets", "got", "get"]
}
