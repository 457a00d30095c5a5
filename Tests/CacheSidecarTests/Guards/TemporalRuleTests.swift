import Testing

@testable import CacheSidecar

@Suite struct TemporalRuleTests {
    let rule = TemporalRule()

    @Test(arguments: [
        ("weather today", "weather tomorrow"),
        ("what happened in 2019", "what happened in 2020"),
        ("plans for next week", "plans for last week"),
        ("open on Monday", "open on Friday"),
        ("born in March 1990", "born in April 1990"),
        ("music of the 1980s", "music of the 1990s"),
        ("weather today", "weather"),
        ("can I travel if my visa expires in 2 weeks", "can I travel if my visa expired 2 weeks ago"),
    ])
    func otherTimesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("plans for next week", "plans for the coming week"),
        ("What happened last year?", "What happened in the past year?"),
        ("May I ask a question?", "Can I ask a question?"),
        ("how to march in step", "how to walk in step"),
        ("weather on Mondays", "weather on Monday"),
        ("I sprained my ankle 3 days ago, should I still ice it?", "sprained my ankle three days ago, still ice it?"),
        ("how long ago did dinosaurs live", "when did dinosaurs live"),
    ])
    func sameTimesPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func anAddedTimePassesWhenAllowed() {
        #expect(passesBothWays(TemporalRule(refusesAddedTime: false), "weather today", "weather"))
    }
}
