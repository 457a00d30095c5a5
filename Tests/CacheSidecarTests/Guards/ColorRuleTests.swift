import Testing

@testable import CacheSidecar

@Suite struct ColorRuleTests {
    let rule = ColorRule()

    @Test(arguments: [
        ("What does a red check engine light mean?", "What does a yellow check engine light mean?"),
        ("Why are my plant's leaves turning yellow?", "Why are my plant's leaves turning brown?"),
        ("What is black hat SEO?", "What is white hat SEO?"),
        ("Is a black and white cat rarer than a gray one?", "Is a black and orange cat rarer than a gray one?"),
    ])
    func otherColorsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Which is healthier, brown rice or white rice?", "Is brown rice healthier than white rice?"),
        ("Why does hair turn grey?", "Why does hair turn gray?"),
        ("A man wearing a golden mask", "A man wearing a gold mask"),
        // A colour on one side only is detail, left to the other stages.
        ("A dog running in the snow", "A white dog running in the snow"),
        ("A brown horse in a field", "A brown horse in a green field"),
        ("How do I fix a flat tire?", "How can I repair a flat tire?"),
    ])
    func sameOrAddedColorsPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesWhatDiffers() throws {
        let refusal = try #require(check(rule, "a red light", "a yellow light"))
        #expect(refusal.rule == "colors")
        #expect(refusal.detail == "red ≠ yellow")
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "What does a red light mean?", incoming: "What does a yellow light mean?")?.rule == "colors")
    }
}
