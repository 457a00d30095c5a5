import Testing

@testable import CacheSidecar

@Suite struct AddedConditionRuleTests {
    let rule = AddedConditionRule()

    @Test(arguments: [
        ("How many hours can international students work off campus in Canada?",
         "How many hours can international students work off campus in Canada during scheduled breaks?"),
        ("Is it safe to eat sushi?", "Is it safe to eat sushi while pregnant?"),
        ("Why do we yawn?", "Why do we yawn after sleep?"),
        ("What tyre pressure should I use on a 2020 Toyota Corolla?", "What tyre pressure should I use on a 2020 Toyota Corolla when it's fully loaded?"),
    ])
    func aConditionAddedAtTheEndIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // Conditions that add nothing.
        ("What is the difference between nationalism and patriotism?", "What is the difference between nationalism and patriotism, if any?"),
        ("Should students take part in politics?", "Should students take part in politics? If yes, why?"),
        // Added elsewhere, or not a condition: left to the other stages.
        ("Do you suspect your spouse is cheating?", "Do you suspect your spouse if he/she is cheating?"),
        ("much vs many", "When do I use \"much\" vs \"many\"?"),
        ("How do I fix a flat tire?", "How do I fix a flat tire quickly?"),
        // Both say it, or neither does.
        ("Is it safe to eat sushi while pregnant?", "Is it safe to eat sushi while pregnant?"),
    ])
    func otherAdditionsPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesTheCondition() {
        #expect(check(rule, "Why do we yawn?", "Why do we yawn after sleep?")?.detail == "only one adds \"after sleep\"")
        #expect(LookalikeGuard().refusal(cached: "Is it safe to eat sushi?", incoming: "Is it safe to eat sushi while pregnant?")?.rule
            == "added-condition")
    }
}
