import Testing

@testable import CacheSidecar

@Suite struct NumberRuleTests {
    let rule = NumberRule()

    @Test(arguments: [
        ("run 10 km", "run 15 km"),
        ("How long does it take to walk a mile?", "How long does it take to walk 2 miles?"),
        ("iPhone 14 review", "iPhone 15 review"),
        ("top 5 movies", "top ten movies"),
        ("who finished 3rd", "who finished fourth"),
        ("best phone under $500", "best phone"),
        ("a salary of 10k", "a salary of 100k"),
        ("2.5 million people", "2.5 billion people"),
        ("in javascript what is -9 % 4", "in javascript what is 9 % 4"),
        ("is −40 degrees the same in C and F", "is 40 degrees the same in C and F"),
        // The same number, another side of it.
        ("How much does a ticket for a baby under 2 cost?", "How much does a ticket for a 2-year-old cost?"),
        ("vacation days after 5 years of service", "vacation days with less than 5 years of service"),
        ("probability the sum is at least 7 with two dice", "probability of rolling a sum of 7 with two dice"),
        ("can I work no more than 20 hours a week", "can I work more than 20 hours a week"),
        // A sign in words.
        ("What should I wear running at 10°C?", "what to wear for a run in minus 10 celsius"),
        ("How did World War II start?", "How did World War I start?"),
        ("take the tablet twice a day", "take the tablet three times a day"),
    ])
    func differentNumbersAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("run 10 km", "run ten kilometres"),
        // An article read as one adds no number when the other prompt names the unit.
        ("How many teaspoons are in a tablespoon?", "tablespoon = how many teaspoons?"),
        ("1,000 steps", "1000 steps"),
        ("a thousand steps", "1000 steps"),
        ("twenty-five dollars", "$25"),
        ("the 3rd episode", "the third episode"),
        ("one hundred and ten", "110"),
        ("which one is better", "which is better"),
        ("10k run", "10,000 run"),
        // A dash between numbers or after a word is no minus sign.
        ("symptoms of covid-19 in kids", "covid 19 symptoms in kids"),
        ("sleep 7-9 hours", "sleep 7 to 9 hours"),
        ("what to wear running in minus 10 celsius", "what to wear running at -10°C"),
        // Bounds on the same side, however written; arrows, versions and plan names are none.
        ("kids under 2 fly free?", "do infants below 2 fly for free"),
        ("best phone under $500", "best phone for less than 500 dollars"),
        ("401k catch up limit 2024 age 50+", "What's the 401k catch-up contribution limit for 2024 if I'm over 50?"),
        ("gift ideas for a 5 year old under $25", "need a present for a five year old, max $25"),
        ("released within the next five years", "released within five years"),
        ("What happens if my cumulative GPA falls below 2.0?", "my cumulative gpa just dropped below a 2.0, what happens now?"),
        ("spread payments over 12 months", "spread payments across 12 months"),
        ("lim x->0 sin(x)/x", "limit of sinx/x as x approaches 0"),
        ("solve x^2+5x+6=0", "what are the solutions to x^2 + 5x + 6 = 0?"),
        ("What's the 401k contribution limit for 2024?", "max 401k contribution 2024"),
        ("merge two dicts in python 3.9+", "merge two dicts in python 3.9"),
        // "minus" after a number subtracts.
        ("what is 12 minus 5", "what is 12 - 5"),
        ("Type II diabetes diet", "type 2 diabetes diet"),
        ("why does my effect run twice", "why does my effect run two times"),
        ("How long does it take to walk a mile?", "How long does it take to walk one mile?"),
        ("How much does a litre of milk weigh?", "How much does 1 litre of milk weigh?"),
        // Unit words with an everyday sense are not a number after an article.
        ("How do I mow a yard?", "How do I mow my yard?"),
        ("Is a pound worth more than a euro?", "Is the pound worth more than the euro?"),
    ])
    func sameNumbersPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func anAddedNumberPassesWhenAllowed() {
        #expect(passesBothWays(NumberRule(refusesAddedNumber: false), "best phone under $500", "best phone"))
    }

    @Test func yearsAreLeftToTheTimeRule() {
        #expect(passesBothWays(rule, "events in 2019", "events in 2020"))
    }
}

@Suite struct QuantityExtractionTests {
    @Test(arguments: [
        ("It costs $1,000.50", ["1000.5 usd"]),
        ("twenty-five dollars", ["25 usd"]),
        ("a dozen eggs", ["12"]),
        ("3rd place", ["#3"]),
        ("run 10km", ["10 km"]),
        ("5 % off", ["5 percent"]),
        ("20°C outside", ["20 celsius"]),
        ("1.5 million users", ["1500000"]),
        ("version 3.5.1", ["3.5.1"]),
        ("walk a mile", ["1 mile"]),
        ("a pound of feathers", ["1 lb"]),
        ("a pound", []),
        ("a cup of coffee", []),
    ])
    func quantities(_ example: (String, [String])) {
        #expect(PromptFeatures(example.0).quantities.map(\.description) == example.1)
    }
}
