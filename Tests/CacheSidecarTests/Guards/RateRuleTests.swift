import Testing

@testable import CacheSidecar

@Suite struct RateRuleTests {
    let rule = RateRule()

    @Test(arguments: [
        ("What is the average salary per month in Germany?", "What is the average salary per year in Germany?"),
        ("What is the average monthly salary in Germany?", "What is the average annual salary in Germany?"),
        ("How much does a nurse earn per hour?", "How much does a nurse earn per week?"),
        ("How much do you make a month as a nurse?", "How much do you make a year as a nurse?"),
        ("Take two pills twice a day", "Take two pills twice a week"),
        ("What is the GDP of India?", "What is the GDP per capita of India?"),
    ])
    func otherRatesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("How much water should I drink per day?", "How much water should I drink a day?"),
        ("How many people die a year from allergies?", "How many people die annually from allergies?"),
        ("How much coffee should I drink daily?", "How much coffee should I drink every day?"),
        // A period on one side only: "daily" is often just "everyday".
        ("How can I concentrate in my daily studies?", "How do I concentrate better on my studies?"),
        ("How much water should I drink?", "How much water should I drink per day?"),
        // Spans of time are no rates.
        ("What can I do in a day in Paris?", "What can I do in Paris?"),
        ("Should I spend a week in Rome?", "Should I spend a month in Rome?"),
        ("How do I cut a head of lettuce?", "How do I cut lettuce?"),
    ])
    func sameRatesOrNoneOrSpansPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesWhatDiffers() throws {
        let refusal = try #require(check(rule, "salary per month", "monthly salary per person"))
        #expect(refusal.rule == "rates")
        #expect(refusal.detail == "none ≠ per:person")
    }
}
