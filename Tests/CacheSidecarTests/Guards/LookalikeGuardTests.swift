import Testing

@testable import CacheSidecar

@Suite("LookalikeGuard")
struct LookalikeGuardTests {
    let lookalike = LookalikeGuard()

    @Test(
        "paraphrases still match",
        arguments: [
            ("How do I reset my password?", "What's the way to reset my password?"),
            ("What is the capital of France?", "What's France's capital city?"),
            ("how to enable dark mode", "how can I turn on dark mode"),
            ("How can I lose weight fast?", "What is the quickest way to lose weight?"),
            ("How do I learn Python?", "What is the best way to learn Python?"),
            ("How far is 10 km in miles?", "How many miles are ten kilometres?"),
            ("What's the weather like in Paris today?", "How is the weather in Paris today?"),
            ("What is the difference between Python and Java?", "What's the difference between Java and Python?"),
            ("Why can't I sleep at night?", "Why am I not able to sleep at night?"),
            ("Is talcum powder cancerous?", "Does talcum powder really cause cancer?"),
            ("How do I become a data scientist?", "What should I do to become a data scientist?"),
            ("What are the best books on machine learning?", "Which are the best machine learning books?"),
        ])
    func paraphrasePasses(_ pair: (String, String)) {
        #expect(lookalike.refusal(cached: pair.0, incoming: pair.1) == nil)
        #expect(lookalike.refusal(cached: pair.1, incoming: pair.0) == nil)
    }

    @Test(
        "look-alikes are refused, each by the rule that explains why",
        arguments: [
            ("how to enable dark mode", "how to disable dark mode", "opposites"),
            ("convert 10 miles to km", "convert 10 km to miles", "units"),
            ("convert USD to EUR", "convert EUR to USD", "direction"),
            ("Is Paris bigger than London?", "Is London bigger than Paris?", "word-order"),
            ("How long is a 10 km run?", "How long is a 15 km run?", "numbers"),
            ("How far are 5 miles?", "How far are 5 km?", "units"),
            ("What's the weather today?", "What's the weather tomorrow?", "time"),
            ("Who won the World Cup in 2018?", "Who won the World Cup in 2022?", "time"),
            ("What is the capital of France?", "What is the capital of Germany?", "entities"),
            ("Is Python faster than Java?", "Is Java faster than Python?", "word-order"),
            ("Can I drink coffee while pregnant?", "Can't I drink coffee while pregnant?", "negation"),
            ("tea with sugar", "tea without sugar", "negation"),
            ("How do I increase my credit score?", "How do I decrease my credit score?", "opposites"),
            ("What to eat before a workout?", "What to eat after a workout?", "opposites"),
            ("How do I install Docker?", "How do I uninstall Docker?", "opposites"),
            ("Is it legal to record a phone call?", "Is it illegal to record a phone call?", "opposites"),
            ("iPhone 14 battery life", "iPhone 15 battery life", "numbers"),
        ])
    func lookalikeRefused(_ example: (String, String, String)) {
        let refusal = lookalike.refusal(cached: example.0, incoming: example.1)
        #expect(refusal?.rule == example.2, "\(example.0) / \(example.1): \(String(describing: refusal))")
        #expect(lookalike.refusal(cached: example.1, incoming: example.0) != nil)
    }

    @Test func identicalPromptsPass() {
        let prompt = "Convert 10 miles to km before 5 pm tomorrow, not in Paris."
        #expect(lookalike.refusal(cached: prompt, incoming: prompt) == nil)
    }

    @Test func precomputedFeaturesGiveTheSameAnswer() {
        let cached = LookalikeGuard.features(of: "how to enable dark mode")
        let incoming = LookalikeGuard.features(of: "how to disable dark mode")
        #expect(lookalike.refusal(cached: cached, incoming: incoming)
            == lookalike.refusal(cached: "how to enable dark mode", incoming: "how to disable dark mode"))
    }

    @Test func strictRulesAlsoRefuseNarrowerQuestions() {
        let strict = LookalikeGuard(rules: LookalikeGuard.strictRules)
        #expect(strict.refusal(cached: "What is the price of gold?", incoming: "What is the price of gold in the UK?")?.rule
            == "added-words")
        #expect(lookalike.refusal(cached: "What is the price of gold?", incoming: "What is the price of gold in the UK?") == nil)
    }

    @Test func noRulesMeansNoRefusal() {
        #expect(LookalikeGuard(rules: []).refusal(cached: "enable", incoming: "disable") == nil)
    }

    @Test func customRulesCanBeAdded() {
        struct ShoutingRule: GuardRule {
            var name: String { "shouting" }
            func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
                a.tokens.contains { $0.text == "urgent" } == b.tokens.contains { $0.text == "urgent" }
                    ? nil : GuardRefusal(rule: name, detail: "urgency differs")
            }
        }
        let custom = LookalikeGuard(rules: LookalikeGuard.defaultRules + [ShoutingRule()])
        #expect(custom.refusal(cached: "help with my essay", incoming: "urgent help with my essay")?.rule == "shouting")
    }
}
