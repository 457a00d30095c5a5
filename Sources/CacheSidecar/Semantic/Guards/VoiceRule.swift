/// Refuses when one prompt has a verb in the passive and the other the same verb in the active:
/// "my child is being bullied" vs "my child is bullying others", "keeps getting hit by his sister"
/// vs "keeps hitting his sister", "who is killed by Laertes" vs "who kills Laertes" (``Voice``).
/// Who does what to whom has changed.
public struct VoiceRule: GuardRule {
    public var name: String { "voice" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        for (x, y) in [(a.voice, b.voice), (b.voice, a.voice)] {
            for participle in x.passives where !y.passives.contains(participle) {
                if let active = y.actives.first(where: { !x.actives.contains($0) && Voice.isActiveForm($0, of: participle) }) {
                    return GuardRefusal(rule: name, detail: "\(participle) (passive) ≠ \(active) (active)")
                }
            }
            for participle in x.passivesWithAgent where !y.passivesWithAgent.contains(participle) {
                if let active = y.activeWords.sorted().first(where: { Voice.isForm($0, ofParticiple: participle) }) {
                    return GuardRefusal(rule: name, detail: "\(participle) by (passive) ≠ \(active) (active)")
                }
            }
        }
        return nil
    }
}
