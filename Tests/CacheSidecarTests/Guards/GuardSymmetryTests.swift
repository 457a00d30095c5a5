import Testing

@testable import CacheSidecar

/// Every rule must give the same verdict whichever prompt was cached (``GuardRule``): checked on
/// all ordered pairs of prompts that exercise each rule's features.
@Suite struct GuardSymmetryTests {
    static let prompts = [
        "How do I enable dark mode in Chrome?", "How do I disable dark mode in Chrome?",
        "Convert 10 miles to km", "Convert 10 km to miles", "convert 1,000 USD to EUR", "How much is $5 in euros?",
        "Show me flights from London to Paris", "Show me flights to Paris from London",
        "Show me flights from Paris to London", "Wright moved to New York from Chapel Hill.",
        "What is the weather in Paris today?", "What is the weather in Paris tomorrow?",
        "What was the population of France in 2010?", "Is it not safe to swim after eating?",
        "Is it safe to swim after eating?", "Why is the iPhone 14 better than the Galaxy S23?",
        "What does 🍆 mean?", "What does 🍑 mean?", "What does 👍🏽 mean?", "How do I translate '竟然' to English?",
        "How do I translate '才' to English?", "Translate 'Привет' to English", "Is 25°C warm?",
        "Why do people die due to allergies?", "Is the 3rd floor above the 2nd?", "I can't log in to my account",
        "I can log in to my account", "Who is taller, Alice or Bob?", "Who is taller, Bob or Alice?",
        "The capital of France", "France's capital", "HOW DO I LEARN JAVA", "How To Make A Cake At Home",
        "Move files from my laptop to the server", "Move files to my laptop from the server",
        "Is the HP LaserJet M604n good?", "Is the HP LaserJet M604dn good?", "Price of GPT-4o", "Price of GPT 4",
        "a pound of feathers", "a kilogram of feathers", "opening hours on weekends", "dose for adults",
        "dose for children", "salary per month", "monthly salary", "annual salary", "GDP per capita",
        "twice a day", "in a day", "a red check engine light", "a yellow check engine light", "grey hair",
        "How do I unpin a message?", "How do I pin a message?", "Can cats eat tuna?", "Can dogs and cats eat tuna?",
        "Is orange juice healthy?", "Is apple juice healthy?", "an orange sofa", "a red couch", "repair or replace a roof",
        "rent an apartment", "As an adult, how do I learn piano?", "How do I learn piano as an adult?",
        "pandas: how do I rename a column?", "Maria was born in Rio, to Pedro", "", "?!", "🤗",
        "solve x^2 - 5x + 6 = 0", "solve x^2 + 5x + 6 = 0", "what is 5 + 3", "salaried exempt employees",
        "salaried non-exempt employees", "exempt vs non-exempt", "Can the buyer back out?", "Can the seller back out?",
        "Cast: Maria Lopez as Anna, John Reyes as Peter", "Cast: Maria Lopez as Julia, John Reyes as Peter",
        "Do pulmonary arteries carry blood?", "Do pulmonary veins carry blood?", "What is primary succession?",
        "What is secondary succession?", "What are the signs of strep throat?",
    ]

    @Test func everyRuleIsSymmetric() {
        let features = Self.prompts.map(PromptFeatures.init)
        var refusals = 0
        for rule in LookalikeGuard.strictRules {
            for i in features.indices {
                for j in features.indices where j > i {
                    let ab = rule.check(features[i], features[j]) != nil
                    let ba = rule.check(features[j], features[i]) != nil
                    #expect(ab == ba, "\(rule.name): \"\(Self.prompts[i])\" / \"\(Self.prompts[j])\"")
                    if ab { refusals += 1 }
                }
            }
        }
        // The prompts do exercise the rules: a fair share of pairs is refused by something.
        #expect(refusals > 500)
    }
}
