import Testing

@testable import CacheSidecar

@Suite struct KindRuleTests {
    let rule = KindRule()

    @Test(arguments: [
        ("Excel formula for sample standard deviation", "Excel formula for population standard deviation"),
        ("How do I highlight duplicates in Excel?", "how to highlight duplicates in google sheets"),
        ("are bird wings and bat wings homologous or analogous", "are bird wings and butterfly wings homologous or analogous"),
        ("How long should I rest between sets when training for strength?", "How long should I rest between sets when training for endurance?"),
        ("can i use regular gas if my car says premium recommended", "can i put regular gas in a car that requires premium"),
        ("Power BI DAX measure for year-over-year sales growth", "Power BI DAX measure for month-over-month sales growth"),
        ("How many days are in a year?", "How many weeks are in a year?"),
        ("python check if value exists in dictionary", "python check if key exists in dictionary"),
        ("In Excel, how do I round up 2.341 to one decimal place?", "In Excel, how do I round 2.341 to one decimal place?"),
        ("In JavaScript, how do I round 2.567 to 2 decimal places?", "In JavaScript, how do I round 2.567 down to 2 decimal places?"),
        ("Excel ROUNDUP to 2 decimals", "Excel ROUND to 2 decimals"),
        ("Cron expression to run a job every day at 9 AM", "Cron expression to run a job every weekday at 9 AM"),
        ("How do I revert a single file to the previous git commit?", "How do I revert all files to the previous git commit?"),
        ("How do I merge main into my feature branch?", "How do I rebase my feature branch onto main?"),
        ("What is the weight of a 10 kg object on the Moon?", "What is the mass of a 10 kg object on the Moon?"),
        ("b2b marketing strategies for a saas startup", "b2c marketing strategies for a saas startup"),
        ("Does FMLA cover time off to care for my sick parent?", "Does FMLA cover time off to care for my sick grandparent?"),
        ("Find the length of the longest common subsequence of two strings", "Find the length of the longest common substring of two strings"),
        ("pandas groupby department and compute median salary", "pandas groupby department and compute mean salary"),
        ("Excel conditional formatting: highlight only the cell in column D", "Excel conditional formatting: highlight the entire row if column D"),
        ("SQL query for the top 10 customers by number of orders", "SQL query for the top 10 customers by total order value"),
        ("Is a verbal warning required before firing?", "Is a written warning required before firing?"),
        ("What drill bit should I use for porcelain tile?", "What drill bit should I use for ceramic tile?"),
        ("How do I breathe properly when swimming freestyle?", "How do I breathe properly when swimming breaststroke?"),
        ("What TOEFL score do I need for undergraduate admission?", "What TOEFL score do I need for graduate admission?"),
        ("What size should an Instagram portrait feed post be?", "What size should an Instagram landscape feed post be?"),
        ("How do I prevent diaper rash?", "How do I treat diaper rash?"),
        ("How old is a 7-year-old giant breed dog in human years?", "How old is a 7-year-old small dog in human years?"),
        ("How many loyalty points do I earn per euro spent on hotel bookings?", "How many loyalty points do I earn per euro spent on flight bookings?"),
        ("How does a fixed-rate mortgage react to rising rates?", "How does an adjustable-rate mortgage react to rising rates?"),
        ("How often should I change synthetic oil?", "How often should I change conventional oil?"),
        ("Best vegetables for full sun", "Best vegetables for full shade"),
        ("Conjugate 'aller' in the present tense", "Conjugate 'aller' in the future tense"),
        ("Do all mammals give birth to live young?", "Do most mammals give birth to live young?"),
        ("Under cash-basis accounting, when do I record revenue?", "Under accrual-basis accounting, when do I record revenue?"),
        ("Regex that matches strings with at least one digit", "Regex that matches strings with only digits"),
        ("How many PTO days do full-time employees get?", "How many PTO days do part-time employees get?"),
        ("In pandas, group by 'region' and sum 'sales'", "In pandas, group by 'region' and count 'sales'"),
        ("Count the words in this sentence", "Count the letters in this sentence"),
        // Colours
        ("What does a red check engine light mean?", "What does a yellow check engine light mean?"),
        ("Why are my plant's leaves turning yellow?", "Why are my plant's leaves turning brown?"),
        ("What is black hat SEO?", "What is white hat SEO?"),
        ("Is a black and white cat rarer than a gray one?", "Is a black and orange cat rarer than a gray one?"),
        // Animals, foods, rooms, vehicles, body parts…
        ("Can cats eat tuna?", "Can dogs eat tuna?"),
        ("How do I make pancakes without eggs?", "How do I make pancakes without milk?"),
        ("How do I get rid of ants in my kitchen?", "How do I get rid of ants in my garden?"),
        ("How do I change a flat tire on a bike?", "How do I change a flat tire on a car?"),
        ("Why does my knee hurt when I run?", "Why does my ankle hurt when I run?"),
        ("Is a wooden cutting board safer than a plastic one?", "Is a glass cutting board safer than a plastic one?"),
        ("How much does a nurse earn in Texas?", "How much does a dentist earn in Texas?"),
        ("Can my uncle sponsor me for a green card?", "Can my cousin sponsor me for a green card?"),
        ("How long should I bake chicken thighs?", "How long should I fry chicken thighs?"),
        ("Translate this paragraph: the meeting moved to noon", "Summarize this paragraph: the meeting moved to noon"),
        ("How do I reverse a list in python?", "How do I reverse a list in java?"),
        ("Which is healthier, brown rice or white rice?", "Which is healthier, brown bread or white bread?"),
        // Verbs and adjectives of one kind.
        ("How much does it cost to repair a roof?", "How much does it cost to replace a roof?"),
        ("What do I need to rent an apartment?", "What do I need to buy an apartment?"),
        ("How much should a small dog eat per day?", "How much should a large dog eat per day?"),
        ("What are the symptoms of a mild concussion?", "What are the symptoms of a severe concussion?"),
        ("Give me a simple explanation of how vaccines work.", "Give me a technical explanation of how vaccines work."),
        ("How long do I boil frozen dumplings?", "How long do I boil fresh dumplings?"),
        ("How do I get a refund for a cancelled flight?", "How do I get a refund for a delayed flight?"),
        ("Summarize the plot of Hamlet", "Summarize the themes of Hamlet"),
        ("How do I become a citizen of Canada?", "How do I become a resident of Canada?"),
        ("Write a formal email asking my manager for a day off", "Write a casual email asking my manager for a day off"),
        ("What's a good recipe for a hearty vegetarian chili?", "What's a good recipe for a hearty vegan chili?"),
        ("How many hours of sleep do teenage athletes need?", "How many hours of sleep do adult athletes need?"),
        ("How do I drive a manual car in traffic?", "How do I drive an automatic car in traffic?"),
        ("Why does my wired mouse keep disconnecting?", "Why does my wireless mouse keep disconnecting?"),
        ("Can I paint over glossy cabinets?", "Can I paint over matte cabinets?"),
        ("What jeans look best on short men?", "What jeans look best on tall men?"),
        ("How do I delete my social media account?", "How do I deactivate my social media account?"),
        ("Can I wash a wool sweater in the machine?", "Can I dry a wool sweater in the machine?"),
        ("How do I evict a tenant who stopped paying rent?", "How do I evict a roommate who stopped paying rent?"),
        ("write a thank you email to my manager", "write a thank you letter to my manager"),
        ("Write a poem about autumn", "Write a song about autumn"),
        ("my order says shipped but i never got it", "my order says delivered but i never got it"),
        // Plurals and irregular forms are the same member as the singular.
        ("How do I keep mice out of my garage?", "How do I keep rats out of my garage?"),
        ("How do I whiten my teeth at home?", "How do I whiten my nails at home?"),
        ("space complexity of merge sort in the worst case", "space complexity of merge sort in the average case"),
        ("median household income in Ohio", "average household income in Ohio"),
        ("how do I find which process uses port 8080 on linux", "how do I find which process uses port 8080 on windows"),
        ("best antivirus for android", "best antivirus for ios"),
        ("How do I apologise formally in Japanese?", "How do I apologise casually in Japanese?"),
        ("pressure cooker time for dry black beans", "pressure cooker time for soaked black beans"),
        ("sql total sales per region", "sql average sales per region"),
        ("chance of exactly 3 sixes in 10 rolls", "chance of at least 3 sixes in 10 rolls"),
        ("javascript check if all items in an array are null", "javascript check if any item in an array is null"),
        ("how many episodes does the wire have", "how many seasons does the wire have"),
        ("write a funny retirement speech for my dad", "write a heartfelt retirement speech for my dad"),
        ("fetch: set a timeout on a get request", "fetch: set a timeout on a put request"),
        ("vue: emit an event to the parent component", "vue: emit an event to a sibling component"),
        ("are aerosol cans allowed in checked luggage", "are aerosol cans allowed in carry-on luggage"),
        ("why is my brake light not working", "why is my headlight not working"),
        ("volume of a sphere with a radius of 3 m", "volume of a sphere with a diameter of 3 m"),
        ("scale this pancake recipe for a half batch", "scale this pancake recipe for a double batch"),
        ("how do I give feedback to my manager", "how do I give feedback to my intern"),
        ("how many electrons does oxygen have", "how many protons does oxygen have"),
        ("Explain photosynthesis in one sentence.", "Explain photosynthesis in one detailed paragraph."),
        ("Give me a quick keto dinner recipe for two people.", "Give me a quick keto dessert recipe for two people."),
        ("Recommend 5 sci-fi books for a 12-year-old.", "Recommend 5 sci-fi movies for a 12-year-old."),
        ("Translate 'good morning' into Japanese and write it in romaji.", "Translate 'good morning' into Japanese and write it in hiragana."),
        ("Draft a message asking my neighbor to turn the music down.", "Draft a message thanking my neighbor for turning the music down."),
        ("What's the required clearance depth in front of a panel?", "What's the required clearance width in front of a panel?"),
        ("Can I change my flight for free within 24 hours of booking?", "Can I change my flight for free within 24 hours of departure?"),
        ("What's my notice period if I resign during probation?", "What's my notice period if I'm fired during probation?"),
        ("How many CLE credits do newly admitted attorneys need?", "How many CLE credits do experienced attorneys need?"),
        ("How big an emergency fund if my monthly expenses are $3,000?", "How big an emergency fund if my monthly income is $3,000?"),
        ("How many cups of water should a 30-lb dog drink per day?", "How many cups should a 30-lb dog eat per day?"),
    ])
    func otherMembersOfOneKindAreRefused(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    @Test(arguments: [
        ("Which is healthier, brown rice or white rice?", "Is brown rice healthier than white rice?"),
        ("What does 'median' mean?", "What is a median?"),
        ("round a number to the nearest integer in python", "python round number"),
        ("cheap round trip flights to Paris", "cheap round-trip flights to Paris"),
        ("git merge vs rebase", "When should I rebase instead of merge?"),
        ("my annual salary before tax", "my yearly salary before tax"),
        ("Why does hair turn grey?", "Why does hair turn gray?"),
        ("A man wearing a golden mask", "A man wearing a gold mask"),
        // Synonyms are one member.
        ("How do I get cat hair off my couch?", "How do I remove cat hair from my sofa?"),
        ("What temperature should a fridge be?", "What temperature should a refrigerator be set to?"),
        ("Can I take my bike on the train?", "Can I bring my bicycle on a train?"),
        ("Should I see a doctor for a sprained ankle?", "Should I see a physician for a sprained ankle?"),
        ("Can dogs eat grapes?", "Can a dog eat grapes?"),
        ("How do I fix a leaking tap?", "How can I repair a leaking tap?"),
        ("Where can I buy a used car?", "Where can I purchase a used car?"),
        ("Should I rent or buy a house?", "Should I buy or rent a house?"),
        ("Are wireless headphones worth it?", "Are bluetooth headphones worth it?"),
        ("Write an informal invitation to my party", "Write a casual invitation to my party"),
        // A member on one side only is detail, left to the other stages.
        ("A dog running in the snow", "A white dog running in the snow"),
        ("Can cats eat tuna?", "Can cats and dogs eat tuna?"),
        ("How do I fix a flat tire?", "How can I repair a flat tire?"),
        // Members of different kinds are not compared ("orange" is a colour and a fruit).
        ("Is orange juice good for a cold?", "Is orange juice good for the flu?"),
        ("what does the median mean in statistics", "what is the median in statistics"),
        ("how do I take a screenshot on a mac", "how to screenshot on macos"),
        ("how to clean windows without streaks", "how to wash windows without leaving streaks"),
        ("Recommend sci-fi movies for a 12-year-old", "Recommend sci-fi films for a 12-year-old"),
        ("Write a thank-you note to my aunt", "Write a note thanking my aunt"),
    ])
    func sameSynonymOrAddedMembersPass(_ pair: (String, String)) {
        #expect(passesBothWays(rule, pair.0, pair.1))
    }

    @Test func aWordOfTwoKindsIsComparedInEach() {
        #expect(refusesBothWays(rule, "Is orange juice healthy?", "Is apple juice healthy?"))
        #expect(refusesBothWays(rule, "Does an orange shirt go with gray pants?", "Does a red shirt go with gray pants?"))
    }

    /// "medium-rare" is its own member, not "medium" nor "rare"; "medium rare" and "med rare" are it too.
    @Test func aMemberOfTwoWordsIsOneMember() {
        #expect(refusesBothWays(rule, "What internal temperature is a rare steak?", "What internal temperature is a medium-rare steak?"))
        #expect(refusesBothWays(rule, "steak temp for medium", "medium rare steak temp"))
        #expect(refusesBothWays(rule, "internal temp for medium rare steak", "internal temp for medium well steak"))
        #expect(refusesBothWays(rule, "how many regular strength tylenol can i take in a day", "how many extra strength tylenol can i take in a day"))
        #expect(passesBothWays(rule, "What internal temperature is a medium-rare steak?", "steak internal temp for med rare"))
        #expect(passesBothWays(rule, "medium rare steak temp", "What temperature is a medium-rare steak?"))
        // The words of a compound name nothing alone: a medium-rare steak is no medium size.
        #expect(passesBothWays(rule, "a medium-rare steak for a large party", "a medium rare steak for a large party"))
        #expect(check(rule, "rare steak temp", "medium-rare steak temp")?.detail == "doneness of meat: rare ≠ medium+rare")
        #expect(refusesBothWays(rule, "When is the early decision deadline?", "When is the regular decision deadline?"))
    }

    @Test func closeKindsFromAppTraffic() {
        #expect(refusesBothWays(rule, "how many ml of children's motrin for my 30 lb toddler", "how many ml of infant's motrin for my 30 lb toddler"))
        #expect(refusesBothWays(rule, "What are the distances in a sprint triathlon?", "What are the distances in an Olympic triathlon?"))
        #expect(refusesBothWays(rule, "whats the molar mass of sulfurous acid", "whats the molar mass of sulfuric acid"))
        #expect(refusesBothWays(rule, "ferrous sulfate dose for iron deficiency", "ferric sulfate dose for iron deficiency"))
        #expect(passesBothWays(rule, "Is it safe for kids to drink coffee?", "Can children drink coffee safely?"))
        #expect(refusesBothWays(rule, "How do I do a whole-step bend?", "How do I do a half-step bend?"))
        #expect(refusesBothWays(rule, "How many beats is a dotted half note in 4/4?", "How many beats is a dotted quarter note in 4/4?"))
        #expect(refusesBothWays(rule, "What string gauge should a beginner use on an electric guitar?", "What string gauge should a beginner use on an acoustic guitar?"))
        #expect(refusesBothWays(rule, "How do I tune a baritone ukulele?", "How do I tune a soprano ukulele?"))
        #expect(refusesBothWays(rule, "What notes are in the E harmonic minor scale?", "What notes are in the E melodic minor scale?"))
        #expect(refusesBothWays(rule, "How do I play a single paradiddle?", "How do I play a double paradiddle?"))
        #expect(refusesBothWays(rule, "Can I use an enhanced driver's license to fly to Canada?", "Can I use an enhanced driver's license to drive into Canada?"))
        #expect(refusesBothWays(rule, "How do I say thank you casually in Japanese?", "How do I say thank you politely in Japanese?"))
        #expect(passesBothWays(rule, "How do I say thank you politely in Japanese?", "formal way to say thank you in japanese"))
        #expect(passesBothWays(rule, "what is a semitone", "what is a half step in music"))
        // Sets 26–29.
        #expect(refusesBothWays(rule, "What is the perimeter of a rectangle that is 8 cm by 5 cm?", "What is the area of a rectangle that is 8 cm by 5 cm?"))
        #expect(refusesBothWays(rule, "How much dark chocolate is dangerous for a 20 lb dog?", "How much milk chocolate is dangerous for a 20 lb dog?"))
        #expect(passesBothWays(rule, "Can dogs eat chocolate?", "Is dark chocolate bad for dogs?"))
        #expect(refusesBothWays(rule, "Can I substitute whole wheat flour for half the white flour?", "Can I substitute whole wheat flour for all the white flour?"))
        #expect(refusesBothWays(rule, "how cloudy is partly cloudy", "how cloudy is mostly cloudy"))
        #expect(refusesBothWays(rule, "Is the EV chargepoint grant available for renters?", "Is the EV chargepoint grant available for homeowners?"))
        // Set 31.
        #expect(refusesBothWays(rule, "How much Pedialyte should I give my 1 year old who has diarrhea?", "How much Pedialyte should I give my 1 year old who is vomiting?"))
        #expect(refusesBothWays(rule, "Is a forehead thermometer reading accurate for a newborn?", "Is an ear thermometer reading accurate for a newborn?"))
        #expect(passesBothWays(rule, "my toddler has a fever and a cough", "toddler with fever and coughing, what should I do"))
        // Sets 34–37.
        #expect(refusesBothWays(rule, "Do you offer a student discount on the Pro version?", "Do you offer a teacher discount on the Pro version?"))
        #expect(refusesBothWays(rule, "What brazing rod should I use for copper to copper?", "What brazing rod should I use for copper to brass?"))
        #expect(refusesBothWays(rule, "How do I get rid of clothes moths in my yarn stash?", "How do I prevent moths in my yarn stash?"))
        #expect(refusesBothWays(rule, "Should I replace my skylight during a reroof?", "Should I remove my skylight during a reroof?"))
        #expect(refusesBothWays(rule, "Do you charge more for weekend shifts?", "Do you charge more for holiday shifts?"))
        #expect(refusesBothWays(rule, "How do I use the Let's Encrypt production ClusterIssuer with cert-manager?", "How do I use the Let's Encrypt staging ClusterIssuer with cert-manager?"))
        // Sets 38–41.
        #expect(refusesBothWays(rule, "How do I calculate the gallons in a rectangular pool?", "How do I calculate the gallons in a round pool?"))
        #expect(refusesBothWays(rule, "How do I winterize an above-ground pool?", "How do I winterize an in-ground pool?"))
        #expect(refusesBothWays(rule, "What's the minimum age to rent a Class A?", "What's the minimum age to rent a Class C?"))
        #expect(passesBothWays(rule, "Is the U.S. in NATO?", "Is the US a NATO member?"))
    }

    @Test(arguments: [
        ("How many points does a defender get for a goal in FPL?", "fpl midfielder goal points"),
        ("How does overtime work in the NFL regular season?", "playoff overtime rules nfl"),
        ("Should I start a player who is listed as doubtful?", "Should I start a player who is listed as questionable?"),
        ("Where is the ball placed after a touchback on a punt in the NFL?", "kickoff touchback spot nfl"),
        ("How many points is a passing touchdown in standard fantasy scoring?", "How many points is a rushing touchdown in standard fantasy scoring?"),
        ("Can I withdraw my Roth IRA contributions before 59½ without a penalty?", "Can I withdraw my Roth IRA earnings before 59½ without a penalty?"),
        ("Are dogs allowed on trails in national parks?", "Are dogs allowed on trails in national forests?"),
        ("What size backpack do I need for a weekend trip?", "What size backpack do I need for a week-long trip?"),
        ("Are north-facing solar panels worth it?", "Are east-facing solar panels worth it?"),
        ("are heat pumps cheaper to run than gas boilers?", "Is a heat pump cheaper to run than an oil boiler?"),
        ("What's the inside leg on the regular-length jeans?", "What's the inside leg on the long-length jeans?"),
        ("Can I bring a full-size bike on the metro at rush hour?", "Can I bring a full-size bike on the metro at weekends?"),
        ("How many calories are in half an avocado?", "How many calories are in a whole avocado?"),
        ("Can I record a Teams meeting with clients?", "Can I record a Teams meeting with coworkers?"),
        ("Do organic wines contain sulfites?", "Do natural wines contain sulfites?"),
        ("What is the hybridization of carbon in ethyne?", "What is the hybridization of carbon in ethene?"),
        ("How do I give a user read-only access to one specific bucket?", "How do I give a user read-write access to one specific bucket?"),
        ("Am I still charged for an instance while it's stopped?", "Am I still charged for an instance after I terminate it?"),
        // A phrase's words still count in other kinds: "week-long" is a week, "day hike" a day.
        ("What size backpack do I need for a day hike?", "What size backpack do I need for a week-long trip?"),
    ])
    func membersFromHeldOutApps(_ pair: (String, String)) {
        #expect(refusesBothWays(rule, pair.0, pair.1))
    }

    /// A capital letter alone names something, and a sharp or "++" makes it another thing.
    @Test func lettersAndTheirSharps() {
        #expect(refusesBothWays(rule, "What's the fingering for F# on the trumpet?", "What's the fingering for F on the trumpet?"))
        #expect(refusesBothWays(rule, "How do I sort a list in C#?", "How do I sort a list in Java?"))
        #expect(refusesBothWays(rule, "How do I sort a list in C++?", "How do I sort a list in Python?"))
        #expect(refusesBothWays(rule, "How do we get vitamin E from sunlight?", "How do we get vitamin D from sunlight?"))
        #expect(refusesBothWays(rule, "In Scrabble, how many points is the letter Q worth?", "In Scrabble, how many points is the letter K worth?"))
        // One capital written two or three times is a grade or size of its own.
        #expect(refusesBothWays(rule, "What goes in Box 12 code D on the W-2?", "What goes in Box 12 code DD on the W-2?"))
        #expect(refusesBothWays(rule, "Where can I recycle AA batteries?", "Where can I recycle AAA batteries?"))
        #expect(passesBothWays(rule, "How long is an AA meeting?", "How long is an alcoholics anonymous meeting?"))
        #expect(passesBothWays(rule, "recycle AA batteries", "where to recycle aa batteries"))
        // Abbreviations and codes are no letters: "U.S.", "Q2", "A." in a name.
        #expect(passesBothWays(rule, "BlackBerry loses US$965m in Q2", "BlackBerry loses $965M in 2nd quarter"))
        #expect(passesBothWays(rule, "But U.S. District Judge Joseph DiClerico denied it.", "US District Judge Joseph A. DiClerico Jr. denied it."))
        #expect(passesBothWays(rule, "A good book to learn C#?", "best books for learning c#"))
    }

    /// Both name red; counting and the place it stands in tell a red swapped for a white.
    @Test func aRepeatedMemberSwappedInPlaceIsRefused() throws {
        let red = "What does a red light over a red light mean on another vessel?"
        #expect(refusesBothWays(rule, red, "What does a red light over a white light mean on another vessel?"))
        #expect(refusesBothWays(rule, red, "what does a white light over a red light mean on another vessel"))
        #expect(check(rule, red, "What does a red light over a white light mean?")?.detail == "colour: red ≠ white")
        // The same members in another order, or a member named again elsewhere, swap nothing.
        #expect(passesBothWays(rule, "Is red wine or white wine better with steak?", "Is white wine or red wine better with steak?"))
        #expect(passesBothWays(
            rule, "My shoulder hurts only at the very top when my arm is fully overhead",
            "shoulder pain at end range overhead, top of shoulder"))
    }

    @Test func theRefusalNamesTheKindAndWhatDiffers() throws {
        let refusal = try #require(check(rule, "a red light", "a yellow light"))
        #expect(refusal.rule == "kinds")
        #expect(refusal.detail == "colour: red ≠ yellow")
        #expect(check(rule, "Can cats eat tuna?", "Can dogs eat tuna?")?.detail == "animal: cat ≠ dog")
    }

    @Test func theDefaultGuardRunsTheRule() {
        #expect(LookalikeGuard().refusal(cached: "Can cats eat tuna?", incoming: "Can dogs eat tuna?")?.rule == "kinds")
    }
}
