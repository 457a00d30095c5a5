import Testing

@testable import CacheSidecar

@Suite struct OpaqueTextRuleTests {
    let rule = OpaqueTextRule()

    @Test(arguments: [
        ("What does 🍆 mean?", "What does 🍑 mean?"),
        ("What does 👍🏽 mean in a text?", "What does 👍 mean in a text?"),
        ("How do I translate '竟然' to English?", "How do I translate '才' to English?"),
        ("Translate 'Привет' to English", "Translate 'Пока' to English"),
        ("Is ❤️ the same as ❤️❤️?", "Is ❤️ the same?"),
        ("What is α in statistics?", "What is β in statistics?"),
    ])
    func differentUnreadableTextIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("What does 🍆 mean?", "what does 🍆 mean"),
        ("How do I translate '竟然' to English?", "Translate 竟然 into English"),
        ("How do I cook phở at home?", "How can I make phở at home?"),
        ("What's the best café in Paris?", "Which café in Paris is the best?"),
        ("Is 25°C warm?", "Is 25 °C warm weather?"),
        // apt: `´` written for an apostrophe, twice on one side.
        ("\"I´m very proud of the citizens of this state,\" Gov. John Baldacci said after Tuesday´s vote.",
         "After Tuesday´s vote, Gov. John Baldacci said that he is very proud of the citizens of this state."),
        ("Why is the sky blue?", "Why does the sky look blue?"),
        ("What does “serendipity” mean — exactly?", "What is the meaning of serendipity…"),
        // On one side only: left to the other stages (gptcache_mock's paraphrases drop the logo).
        ("Can 🤗 Datasets be used with PyTorch?", "Can Datasets be used with PyTorch?"),
        ("What is the meaning of ありがとう?", "What is the meaning of the word thanks?"),
    ])
    func sameOrReadableTextPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesWhatDiffers() throws {
        let refusal = try #require(check(rule, "What does 🍆 mean?", "What does 🍑 mean?"))
        #expect(refusal.rule == "opaque-text")
        #expect(refusal.detail == "🍆 ≠ 🍑")
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "What does 🍆 mean?", incoming: "What does 🍑 mean?")?.rule == "opaque-text")
    }
}
