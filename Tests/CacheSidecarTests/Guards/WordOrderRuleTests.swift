import Testing

@testable import CacheSidecar

@Suite struct WordOrderRuleTests {
    let rule = WordOrderRule()

    @Test(arguments: [
        ("10 miles to km", "10 km to miles"),
        ("convert USD to EUR", "convert EUR to USD"),
        ("is A bigger than B", "is B bigger than A"),
        ("Is a cat smarter than a dog?", "Is a dog smarter than a cat?"),
        ("flights from New York to Los Angeles", "flights from Los Angeles to New York"),
        ("John Smith married Mary Jones", "Mary Jones married John Smith"),
        // A name traded for its demonym is still the name.
        ("Do UK citizens need a visa to visit Australia?", "Do Australian citizens need a visa to visit the UK?"),
        // A demonym that keeps its country whole ("Brazil" + "ian").
        ("Do Brazilian citizens need a visa to visit the US?", "Do US citizens need a visa to visit Brazil?"),
        ("Do Indian citizens need a visa to visit the UK as tourists?", "Do British citizens need a visa to visit India as tourists?"),
    ])
    func swapsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("10 miles to km", "10 km to miles"),
        ("convert USD to EUR", "convert EUR to USD"),
        ("is A bigger than B", "is B bigger than A"),
        ("Is a cat smarter than a dog?", "Is a dog smarter than a cat?"),
    ])
    func swapsAreRefusedWhenOnlySwapsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(WordOrderRule(refusesAnyReordering: false), pair.0, pair.1))
    }

    @Test(arguments: [
        ("What is the capital of France?", "What's France's capital city?"),
        ("What are the best books on machine learning?", "Which are the best machine learning books?"),
    ])
    func prepositionalAlternationPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("What is the fastest land animal?", "Which land animal is the fastest?"),
        ("What is the largest ocean?", "Which ocean is the largest?"),
        ("Which is the best college for engineering?", "Which college is best for engineering?"),
        ("What is the most popular programming language?", "Which programming language is the most popular?"),
    ])
    func superlativeAlternationPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // paws: two superlatives trade places.
        ("July is the hottest month on average, the coldest in January.",
         "July is the coldest month on average, the hottest in January."),
        // The superlative moves, but not between "is the" and its noun.
        ("What is the fastest land animal?", "Which animal on land runs fastest?"),
    ])
    func otherSuperlativeMovesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    /// Sentences, or the parts around a spaced dash, may trade places (``WordOrder/partStarts``);
    /// words never move between parts.
    @Test(arguments: [
        ("I'm a freelancer and made $40k this year. Do I need to pay quarterly taxes?",
         "Do I need to pay quarterly taxes? I'm a freelancer and made $40k this year."),
        ("How do I reset my password?", "I forgot my password. How can I reset it?"),
        ("Is it better to lease or buy a car?", "Lease or buy a car - which is better?"),
        // A short phrase a preposition opens, before the only comma.
        ("What is the boiling point of water at sea level?", "At sea level, what is the boiling point of water?"),
    ])
    func partsMayTradePlaces(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // A swap that crosses sentences stays a swap.
        ("I'm the landlord. The tenant damaged the wall.", "I'm the tenant. The landlord damaged the wall."),
        // Steps keep their order.
        ("Sort the list. Then remove the duplicates.", "Remove the duplicates. Then sort the list."),
        // Inside a part, a swap refuses as before.
        ("I live in Paris. How far is Lyon from Nice?", "How far is Nice from Lyon? I live in Paris."),
    ])
    func swapsAcrossOrInsidePartsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    /// Keywords typed in lowercase put the topic first: a run of the other prompt's words.
    @Test(arguments: [
        ("How do I undo the last git commit but keep my changes?", "git undo last commit keep changes"),
        ("What's the chemical formula for table salt?", "table salt chemical formula"),
        ("How do I calculate the days between two dates in Google Sheets?", "google sheets days between two dates"),
        // Capitalised, a topic named after "in" may open the prompt.
        ("How do I delete duplicate rows in SQL but keep one?", "SQL delete duplicate rows but keep one"),
        // Keywords that compare may also name the things compared the other way round.
        ("What's the difference between a list and a tuple in Python?", "python tuple vs list"),
    ])
    func aTopicPutFirstPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // Keywords still swap.
        ("How do I convert miles to km?", "convert km to miles"),
        ("Does the dog chase the cat?", "cat chase dog"),
        // A sentence that opens with a name is no topic put first.
        ("Steve began a relationship with Karen Phillips, played by Suranne Jones.",
         "Karen Phillips began a relationship with Steve, played by Suranne Jones."),
        // Nor is a word cut from its phrase.
        ("The playground is modern with new fitness equipment.", "New is the playground with modern fitness equipment."),
    ])
    func otherOpeningsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    /// One occurrence of a word turned into another word of the prompt: nothing moved, the roles changed.
    @Test func aRepeatedWordTradedForAnotherIsRefused() {
        #expect(refusesBothWays(
            rule, "Write a story about a knight fighting a dragon, told from the knight's point of view.",
            "Write a story about a knight fighting a dragon, told from the dragon's point of view."))
        #expect(passesBothWays(
            rule, "Write a story about a knight fighting a dragon, told by the knight.",
            "Write a story about a knight fighting a dragon, told by the knight himself."))
    }

    /// Two things compared may trade places, when both prompts compare and say nothing else.
    @Test func comparedThingsMayTradePlaces() {
        #expect(passesBothWays(rule, "What's the difference between weather and climate?", "How is climate different from weather?"))
        #expect(passesBothWays(rule, "Old Testament vs New Testament", "How does the New Testament differ from the Old Testament?"))
        // Another word on one side: left to the order check, which refuses.
        #expect(refusesBothWays(
            rule, "What is the difference between a private limited company and a limited company?",
            "What is the difference between a public limited company and a private limited company?"))
        // Without a comparison, a rotation is a swap.
        #expect(refusesBothWays(rule, "Is weather caused by climate?", "Is climate caused by weather?"))
    }

    /// A passive question read in the active (``WordOrder/activeReading()``).
    @Test func aPassiveQuestionMayAskForTheDoer() {
        #expect(passesBothWays(rule, "Who discovered penicillin?", "penicillin was discovered by whom?"))
        #expect(passesBothWays(rule, "Who painted the ceiling of the Sistine Chapel?", "The Sistine Chapel ceiling was painted by whom?"))
    }

    @Test(arguments: [
        ("Python vs Java", "Java vs Python"),
        ("difference between tea and coffee", "difference between coffee and tea"),
        ("how to learn python", "best way to learn python quickly"),
        ("Do Australian citizens need a visa for the UK?", "Do I need a visa for the UK as an Australia passport holder?"),
    ])
    func sameOrderOrSymmetricSwapsPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("the lowest rating in red and the highest rating in blue", "the highest rating in red and the lowest rating in blue"),
        ("In 2010 he moved from Paris to Rome.", "He moved from Rome to Paris in 2010."),
        // Two shared words: a swap, unless the topic is named after a preposition.
        ("is tea healthy", "is healthy tea"),
    ])
    func anyReorderingIsRefusedByDefault(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("How do I restart apache on Debian?", "debian restart apache"),
        ("How do I sort a dictionary by value in Python?", "python sort dictionary by value"),
        ("how do i vertically align text with flexbox", "flexbox vertically align text"),
        ("In 2010 he moved to Paris.", "He moved to Paris in 2010."),
    ])
    func aTopicMovedToTheFrontPasses(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    /// A word that occurs again is traced occurrence by occurrence when both prompts have it as
    /// often: here the second "dark" moves past the second "matter", and only repeated words moved.
    @Test func movedRepeatedWordsAreRefused() {
        #expect(refusesBothWays(
            rule,
            "Evidence for dark matter comes from its pull on dark matter, as no other particles of matter are seen",
            "Evidence for dark matter comes from its pull on other matter, as no dark matter particles are seen"))
    }

    @Test func repeatedWordsAreNamedByOccurrence() {
        let order = PromptFeatures("dark matter pulls on dark matter and star matter").wordOrder
        let units = order.contentUnits()
        #expect(units.positions == ["dark": 0, "matter": 1, "pulls": 2, "dark#2": 4, "matter#2": 5, "star": 7, "matter#3": 8])
        #expect(units.counts == ["dark": 2, "matter": 3, "pulls": 1, "star": 1])
    }

    /// Occurrences are traced only between prompts that have a word equally often: one more
    /// "Silva" early in one prompt would shift every later occurrence.
    @Test func wordsRepeatedUnequallyAreNotTraced() {
        #expect(passesBothWays(
            rule,
            "Duminda Silva, also known as R. Duminda Silva, is a politician",
            "Silva, also known as R. Duminda Silva, is a politician"))
    }

    /// Something put before the question with a comma or colon may move after it (``WordOrder/partStarts``).
    @Test(arguments: [
        ("How do I learn to play the piano as an adult?", "As an adult, how do I learn to play the piano?"),
        ("How long should I boil an egg for a runny yolk?", "For a runny yolk, how long should I boil an egg?"),
        ("what's the difference between gross and net income", "gross income vs net income, what's the difference"),
        ("how do I rename a column in pandas", "pandas: how do I rename a column?"),
    ])
    func aFrontedPartMayFollowTheQuestion(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // A swap inside the question still refuses.
        ("If I convert miles to km, what do I multiply by?", "If I convert km to miles, what do I multiply by?"),
        // After a comma, only a question may trade places: a statement's parts are where swaps hide.
        ("Maria was born in Rio, to Pedro Alves", "To Pedro Alves Maria was born in Rio"),
        // Two commas: which part moved is not clear.
        ("As an adult, with a bad knee, how do I start running?", "How do I start running with a bad knee, as an adult?"),
    ])
    func otherClauseMovesAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Python vs Java", "Java vs Python"),
        ("In 2010 he moved to Paris.", "He moved to Paris in 2010."),
        ("What's the weather like in Paris today?", "How is the weather today in Paris?"),
        ("What are the best books on machine learning?", "Which books on machine learning are the best?"),
        ("the price of the car", "the car's price"),
        ("Is a tomato a fruit or a vegetable?", "Is a tomato a vegetable or a fruit?"),
    ])
    func harmlessMovesPassWhenOnlySwapsAreRefused(_ pair: (String, String)) {
        #expect(passesBothWays(WordOrderRule(refusesAnyReordering: false), pair.0, pair.1))
    }

    /// Between two requests for a task (``TaskRequest``) the details may come in any order, when
    /// one run of words moved and nothing was swapped.
    @Test(arguments: [
        ("Write a limerick about a clumsy giraffe.", "I'd like a limerick about a giraffe who is clumsy."),
        ("Summarize the plot of The Great Gatsby in a few sentences.", "Give me a short, few-sentence summary of the plot of The Great Gatsby."),
        ("Draft an email to a client reminding them their invoice is overdue.", "Write a reminder email to a client about an overdue invoice."),
        ("Generate 10 trivia questions about the solar system, with answers.", "Make me ten solar system trivia questions, answers included."),
        ("write a cover letter for a barista job", "can you help me write a cover letter for a job as a barista"),
    ])
    func detailsOfATaskMayMove(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        // A swap, of single words or of names of two words.
        ("Write a story where a cat chases a dog", "Write a story where a dog chases a cat"),
        ("Write a story where John Smith betrays Mary Jones", "Write a story where Mary Jones betrays John Smith"),
        ("Convert 10 miles to km", "Convert 10 km to miles"),
        // Read by stem, a swap whose words change their ending is still a swap.
        ("Make a lesson plan where students teach the teacher how to use TikTok", "Make a lesson plan where the teacher teaches students how to use TikTok"),
        ("Draft a job posting for a senior designer who will mentor junior developers", "Draft a job posting for a senior developer who will mentor junior designers"),
        ("Explain recursion to me using a loop analogy", "Explain loops to me using a recursion analogy"),
        // By stem, two runs moved ("nurse" / "nursing"), though only one did word for word.
        ("Write a 30-second elevator pitch for a nurse moving into UX design", "Write a 30-second elevator pitch for a UX designer moving into nursing"),
        // A number that moves to another thing ("one" is a function word): two runs moved.
        ("Plan a trip with three nights in Boston and one night in Portland", "Plan a trip with one night in Boston and three nights in Portland"),
        // A negation, or steps, keep the task's order.
        ("List countries that use the euro but aren't in the EU", "List EU countries that don't use the euro"),
        ("Write a function that adds 5 and then multiplies by 2", "Write a function that multiplies by 2 and then adds 5"),
        // Two runs moved: "5" and "winter" traded places.
        ("Plan a 5-day trip to Iceland in winter.", "Can you plan a winter trip to Iceland, 5 days long?"),
        // Only one prompt asks for a task.
        ("Plan a romantic vegetarian dinner menu for two.", "Vegetarian menu for a romantic dinner for two?"),
        // paws: an imperative sentence, scrambled in two places.
        ("Provide the energy and the low molecular machinery and the virus weight - precursors for the synthesis of synthetic proteins and nucleic acids .",
         "Provide the energy and synthetic machinery and the low molecular-weight precursors for the synthesis of viral proteins and nucleic acids ."),
    ])
    func otherTaskReorderingsAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Write a poem", true), ("Could you please write a poem?", true), ("I'd like a poem about cats", true),
        ("hey can u help me draft an email", true), ("I want to sleep on my stomach", false),
        ("Like other Opels of the time, it was built in Germany", false), ("What is a poem?", false),
        ("Don't write a poem", false), ("Draft a memo telling only the managers", false),
    ])
    func taskRequestsAreRecognised(_ example: (String, Bool)) {
        #expect(PromptFeatures(example.0).wordOrder.isTaskRequest == example.1)
    }

    @Test(arguments: [
        (["a", "b", "c", "d"], ["a", "d", "b", "c"], true),
        (["a", "b", "c", "d"], ["b", "c", "a", "d"], true),
        (["a", "b", "c", "d"], ["c", "d", "a", "b"], true),
        (["a", "b", "c", "d"], ["b", "a", "d", "c"], false),
        (["a", "b", "c", "d", "e"], ["d", "b", "c", "a", "e"], false),
        (["a", "b"], ["a", "b"], true),
    ])
    func oneRunMoved(_ example: ([String], [String], Bool)) {
        #expect(WordOrderRule.isOneRunMoved(example.0, example.1) == example.2)
    }
}
