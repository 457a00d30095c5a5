import Testing

@testable import CacheSidecar

@Suite struct DirectionRuleTests {
    let rule = DirectionRule()

    @Test(arguments: [
        ("Show me flights to Paris from London", "Show me flights from Paris to London"),
        ("How do I get to Boston from New York by train?", "How do I get from Boston to New York by train?"),
        ("Wright moved to New York from Chapel Hill.", "Wright moved from New York to Chapel Hill."),
        // A route named in one prompt only narrows the question.
        ("Can I bring my cat in the cabin on an Air France flight?", "Can I bring my cat in the cabin on an Air France flight from Paris to London?"),
        ("How do I move files from my laptop to the server?", "How do I move files to my laptop from the server?"),
        // One route against one way: the word is a source in one, a destination in the other.
        ("translate this paragraph from German to English", "Translate this paragraph into German"),
        ("What is the cheapest way to ship from India to the USA?", "What is the cheapest way to ship to India?"),
        // A person is a place to send things from or to.
        ("How do I transfer my prescription from you to another pharmacy?", "How do I transfer a prescription from another pharmacy to you?"),
        // Conversions reversed without a source: what one turns into, the other turns from.
        ("String to &str rust", "&str to String rust"),
        ("How do I convert an integer to a string in Java?", "How do I convert a string to an int in Java?"),
        ("write a function that converts camelCase strings to snake_case in JS", "javascript snake_case string to camelCase"),
        ("Convert a JSON string to a Python dict", "How do I serialize a dict to a JSON string in Python?"),
        // A unit spelled two ways is one end (a qqp pair labeled different).
        ("How do you convert liters to kilograms?", "How do you convert kg to liters?"),
        ("miles to km", "convert kilometres to miles"),
    ])
    func aReversedRouteIsRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Show me flights from London to Paris", "Show me flights to Paris from London"),
        ("Convert USD to EUR", "How do I convert from USD to EUR?"),
        ("cheap flights from Paris to London", "Paris to London cheap flights"),
        ("Why do people die from allergies?", "Why do people die due to allergies?"),
        ("How far is it from Rome to Naples according to Google?", "According to Google, how far is Naples from Rome?"),
        ("Translate this from English to French", "Translate this English text into French"),
        ("How to get from the airport to downtown?", "How do I get downtown from the airport?"),
        // Roles without a route, and infinitives, say nothing.
        ("What motivates people to answer questions on Quora?", "What pleasure do people get from answering questions on Quora?"),
        ("Does Datasets support access to cloud storage?", "Can datasets be accessed from cloud storage?"),
        ("What is the best way to start to learn hacking?", "From where shall I start to learn hacking?"),
        ("Is there a way to make learning physics easier?", "How can you make physics easy to learn?"),
        ("convert string to int python", "python convert a string to an integer"),
        ("convert kg to liters", "How do I convert kilograms to litres?"),
    ])
    func theSameRouteOrNoRoutePasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func theRefusalNamesTheWord() throws {
        let refusal = try #require(check(rule, "flights to Paris from London", "flights from Paris to London"))
        #expect(refusal.rule == "direction")
        #expect(refusal.detail == "london: from ≠ to")
    }

    @Test func theDefaultGuardRunsTheRule() {
        // Both prompts keep their content words in the same order: only the direction rule sees it.
        let refusal = LookalikeGuard().refusal(
            cached: "Show me flights to Paris from London", incoming: "Show me flights from Paris to London")
        #expect(refusal?.rule == "direction")
    }
}
