import Testing

@testable import CacheSidecar

@Suite struct AddedWordsRuleTests {
    let rule = AddedWordsRule()

    @Test(arguments: [
        ("What is the price of gold?", "What is the price of gold in the UK?"),
        ("What is knowledge management?", "What is a knowledge management system?"),
    ])
    func narrowerQuestionsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("How do I get rid of acne?", "How can I remove acne?"),
        ("Is talcum powder cancerous?", "Does talcum powder really cause cancer?"),
        ("Why can't I sleep?", "Why can I not sleep?"),
    ])
    func rewordedQuestionsPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }
}
