/// Refuses when the prompts are pinned to different times: "weather today" vs "weather tomorrow",
/// "in 2019" vs "in 2020", "next week" vs "last week", "on Monday" vs "on Friday".
///
/// A time only one prompt names is a difference too ("weather today" vs "weather"): the answer
/// to a dated question goes stale, so it must not answer an undated one, nor the reverse.
public struct TemporalRule: GuardRule {
    public var name: String { "time" }
    public var refusesAddedTime: Bool

    public init(refusesAddedTime: Bool = true) {
        self.refusesAddedTime = refusesAddedTime
    }

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        let timesA = Set(a.times), timesB = Set(b.times)
        guard timesA != timesB else { return nil }
        let onlyA = timesA.subtracting(timesB).sorted(), onlyB = timesB.subtracting(timesA).sorted()
        if onlyA.isEmpty || onlyB.isEmpty {
            guard refusesAddedTime else { return nil }
            return GuardRefusal(rule: name, detail: "\((onlyA + onlyB).joined(separator: ", ")) in one prompt only")
        }
        return GuardRefusal(rule: name, detail: "\(onlyA.joined(separator: ", ")) ≠ \(onlyB.joined(separator: ", "))")
    }
}
