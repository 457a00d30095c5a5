import Testing

@testable import CacheSidecar

@Suite struct NegationRuleTests {
    let rule = NegationRule()

    @Test(arguments: [
        ("Can I eat eggs?", "Can't I eat eggs?"),
        ("git log showing only commits by author Alice", "git log showing all commits except those by author Alice"),
        ("sum column B including weekends", "sum column B excluding weekends"),
        ("Can I eat eggs?", "I cannot eat eggs"),
        ("why do cats purr", "why dont cats purr"),
        ("coffee with sugar", "coffee without sugar"),
        ("Is it safe?", "Is it never safe?"),
        ("apps that need a login", "apps that need no login"),
    ])
    func oneSidedNegationIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Why can't I sleep?", "Why am I not able to sleep?"),
        ("Why don't cats like water?", "Why do cats not like water?"),
        ("Is it yes or no?", "Is the answer yes or no?"),
        ("How do I sleep better?", "How can I sleep better?"),
    ])
    func matchingNegationPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
