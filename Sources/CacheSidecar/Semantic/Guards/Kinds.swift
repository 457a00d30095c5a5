/// Closed classes of ordinary words whose members stand in for one another in a question but
/// need their own answers: colours, animals, foods, rooms and appliances, vehicles, body parts,
/// and a few classes of verbs and adjectives (repair / replace, rent / buy, mild / severe)…
/// "Can cats eat tuna?" and "Can dogs eat tuna?" score cosine 0.93: an embedding places words of
/// one kind close together, because they share a topic and a slot in the sentence.
///
/// Each kind is a list in ``WordListNotation``: members separated by `|`, a member's synonyms by
/// spaces ("sofa couch"), so a synonym never counts as another member. The first word names the
/// member; `first+second` is a member of two words in a row ("medium+rare" for "medium-rare" and
/// "medium rare"), whose words then name no member of that kind on their own. A word may belong
/// to two kinds ("orange": a colour and a fruit). Words with a common second sense that is not a
/// member of any kind ("back", "date") are left out, or kept where the other sense is rare in
/// questions that name another member ("fly" against "drive").
enum Kinds {
    /// One member of one kind found in a prompt.
    struct Mention: Sendable, Hashable, Comparable {
        var kind: Int
        var member: String

        static func < (a: Mention, b: Mention) -> Bool { (a.kind, a.member) < (b.kind, b.member) }
    }

    static func name(ofKind kind: Int) -> String { lists[kind].name }

    /// The members a prompt names, sorted, as often as it names them: "a red light over a red
    /// light" names red twice, so against "a red light over a white light" a red is swapped for a white.
    static func mentions(in tokens: [PromptToken]) -> [Mention] {
        var found: [Mention] = []
        // The kind of the phrase each word is part of: in that kind the word names nothing alone.
        var phraseKind: [Int: Int] = [:]
        for (i, token) in tokens.enumerated() where token.kind == .word {
            guard let next = nextWord(in: tokens, after: i),
                let mention = phrases[token.text]?[tokens[next].text]
            else { continue }
            found.append(mention)
            phraseKind[i] = mention.kind
            phraseKind[next] = mention.kind
        }
        for (i, token) in tokens.enumerated() where token.kind == .word {
            // "How big is the medium pizza?" asks a size; it names none.
            if i > 0, tokens[i - 1].text == "how" { continue }
            for mention in lexicon[token.text] ?? [] where mention.kind != phraseKind[i] { found.append(mention) }
        }
        if let rounding = rounding(in: tokens) { found.append(rounding) }
        found += letterNames(in: tokens)
        return found.sorted()
    }

    /// A capital letter standing alone names something ("vitamin C", "plan B", "grade A", the note
    /// "F"), and a sharp or a "++" makes it another thing: "F#" is not "F", "C#" not "C". "C#",
    /// "C++" and "F#" are languages too, as "csharp", "cpp" and "fsharp".
    private static func letterNames(in tokens: [PromptToken]) -> [Mention] {
        var found: [Mention] = []
        for token in tokens where isRepeatedCapital(token) {
            found.append(Mention(kind: letterKind, member: token.text))
        }
        for (i, token) in tokens.enumerated() where token.kind == .word && token.text.count == 1 && !token.isGlued {
            // "U.S.", "Q2", "T-S": a letter glued to more is an abbreviation or a code; "a Class A?"
            // ends a question.
            if i + 1 < tokens.count, tokens[i + 1].isGlued, !["#", "+"].contains(tokens[i + 1].text),
                !endsAClause(tokens, at: i + 1)
            { continue }
            let sign = tokens[(i + 1)...].prefix(2).prefix { $0.isGlued && ["#", "+"].contains($0.text) }.map(\.text)
            if sign.first == "#" {
                found.append(Mention(kind: letterKind, member: token.text + "#"))
                found += lexicon[token.text + "sharp"] ?? []
            } else if sign == ["+", "+"] {
                found.append(Mention(kind: letterKind, member: token.text + "++"))
                found += lexicon[token.text + "pp"] ?? []
            } else if token.isCapitalized, !token.startsSentence, token.text != "i" {
                found.append(Mention(kind: letterKind, member: token.text))
            }
        }
        return found
    }

    /// "?", "!", ",", ";" or ":" after a word, or a "." that no letter follows ("U.S." goes on).
    private static func endsAClause(_ tokens: [PromptToken], at i: Int) -> Bool {
        guard [".", "?", "!", ",", ";", ":"].contains(tokens[i].text) else { return false }
        return tokens[i].text != "." || i + 1 == tokens.count || !tokens[i + 1].isGlued
    }

    /// One capital letter written two or three times names a grade or a size of its own: "AA" and
    /// "AAA" batteries or bond ratings, a "D" and a "DD" cup, W-2 box 12 code "D" and "DD".
    private static func isRepeatedCapital(_ token: PromptToken) -> Bool {
        token.kind == .word && (2...3).contains(token.text.count) && token.isCapitalized && token.hasInnerCapital
            && !token.isGlued && Set(token.text).count == 1
    }

    private static let letterKind = lists.firstIndex { $0.name == "letter name" }!

    /// "round 2.341 to one decimal" rounds to the nearest; "round up" and "round a number down"
    /// follow other rules. "Up" and "down" alone name no rounding, so the verb decides.
    private static func rounding(in tokens: [PromptToken]) -> Mention? {
        guard let i = tokens.firstIndex(where: { roundingVerbs.contains($0.text) }) else { return nil }
        let next = tokens[(i + 1)...].prefix(3).map(\.text)
        let member = tokens[i].text == "roundup" || next.contains("up") ? "up"
            : tokens[i].text == "rounddown" || next.contains("down") ? "down" : "nearest"
        return Mention(kind: roundingKind, member: member)
    }

    /// The word after the one at `i`, across a glued hyphen ("medium-rare") or a space ("med rare").
    private static func nextWord(in tokens: [PromptToken], after i: Int) -> Int? {
        var j = i + 1
        if j < tokens.count, tokens[j].text == "-", tokens[j].isGlued { j += 1 }
        return j < tokens.count && tokens[j].kind == .word ? j : nil
    }

    private static let roundingVerbs: Set<String> = ["round", "rounds", "rounded", "rounding", "roundup", "rounddown"]
    private static let roundingKind = lists.firstIndex { $0.name == "rounding" }!

    // MARK: - Lexicon

    private static let lists: [(name: String, members: String)] = [
        ("colour",
         "red | orange | yellow | green | blue | purple | violet | pink | brown | black | white | gray grey | silver"
            + " | gold golden | beige | turquoise | maroon | navy | cyan | magenta"),
        ("animal",
         "cat | dog | puppy | kitten | horse pony | cow cattle | pig | sheep | goat | rabbit bunny | hamster | gerbil"
            + " | ferret | =mouse =mice | rat | bird | parrot | budgie | snake | lizard | turtle | tortoise | frog"
            + " | spider | bee | wasp | =ant =ants | mosquito =mosquitoes | =flea =fleas | =tick =ticks"
            + " | cockroach roach | lion | tiger | bear | wolf =wolves | fox | deer | elephant | giraffe | monkey"
            + " | gorilla | whale | dolphin | shark | octopus | squirrel | owl | eagle | pigeon | goldfish"
            + " | =butterfly =butterflies | =moth =moths | =bat =bats"),
        ("food or drink",
         "egg | milk | cheese | butter | margarine | yogurt yoghurt | bread | rice | pasta | noodle"
            + " | potato =potatoes | tomato =tomatoes | onion | garlic | carrot | broccoli | spinach | lettuce"
            + " | cucumber | =apple =apples | banana | =orange =oranges | grape | strawberry | blueberry | lemon | lime"
            + " | avocado | mango =mangoes | peach | pear | cherry | watermelon | pineapple | coconut | peanut"
            + " | almond | walnut | cashew | chicken | beef | pork | lamb | turkey | bacon | ham | sausage | fish"
            + " | salmon | tuna | shrimp prawn | crab | lobster | tofu | =bean =beans | lentil | oat oatmeal | flour"
            + " | sugar | honey | salt | chocolate | coffee | =tea =teas | beer | wine | =water | juice | soda"
            + " | vodka | whiskey whisky | =rum | vinegar | soup | pizza | burger hamburger | sandwich | salad | cake"
            + " | cookie biscuit | steak | sushi | cereal | popcorn | raisin"),
        ("room or household item",
         "kitchen | bathroom | bedroom | garage | basement | attic | garden | yard backyard | balcony | patio | porch"
            + " | roof | ceiling | oven | microwave | stove | fridge refrigerator | freezer | dishwasher | =dryer"
            + " | toaster | blender | kettle | sofa couch | =bed =beds | mattress | pillow | blanket | carpet rug"
            + " | curtain | mirror | =sink | toilet | shower | bathtub tub | faucet"),
        ("vehicle",
         "car automobile | truck lorry | =bus =buses | train | plane airplane aeroplane | bike bicycle"
            + " | motorcycle motorbike | scooter | boat | ship | taxi cab | subway | tram | ferry | helicopter"
            + " | =van =vans | suv"),
        ("body part",
         "=head =heads | neck | shoulder | =arm =arms | elbow | wrist | =hand =hands | finger | thumb | =hip =hips"
            + " | =leg =legs | knee | ankle | =foot =feet | =toe =toes | chest | stomach belly tummy | =heart | lung"
            + " | liver | kidney | brain | =skin | =hair | =eye =eyes | =ear =ears | =nose | mouth | =tooth =teeth"
            + " | tongue | throat | =lip =lips | nail fingernail | forehead | armpit underarm"),
        ("material",
         "wood wooden | =metal =metals | steel | aluminum aluminium | copper | plastic | =glass | =paper | cardboard"
            + " | leather | cotton | =wool woolen | silk | polyester | nylon | concrete | brick | =stone | marble"
            + " | granite | ceramic | porcelain | rubber | brass | bronze | zinc | titanium"),
        ("profession",
         "doctor physician | nurse | dentist | lawyer attorney | teacher | pilot | chef | accountant | pharmacist"
            + " | plumber | electrician | carpenter | firefighter | architect | mechanic | therapist"
            + " | vet veterinarian"),
        ("relative",
         "mother mom mum | father dad | brother | sister | =son =sons | daughter | husband | wife | uncle | aunt"
            + " | cousin | nephew | niece | grandmother grandma | grandfather grandpa | boyfriend | girlfriend"),
        ("sport",
         "football | soccer | basketball | baseball | tennis | golf | hockey | rugby | volleyball | boxing | skiing"
            + " | yoga | chess | badminton"),
        ("instrument",
         "guitar | piano | violin | =drum =drums | flute | trumpet | saxophone | cello | ukulele | harp | clarinet"),
        ("plant",
         "rose | tulip | orchid | cactus =cacti | fern | =oak =oaks | =pine =pines | maple | basil | =mint"
            + " | lavender | succulent | bamboo"),
        ("garment",
         "shirt | pants trousers | jeans | dress | skirt | jacket | =coat | sweater jumper | hoodie | =shoe =shoes"
            + " | boot | sneaker | =sock =socks | =hat =hats | scarf | glove | =belt | =shorts"),
        ("weather",
         "=rain =raining =rainy | =snow =snowing =snowy | =wind =windy | =fog =foggy | =hail | =storm =storms"
            + " | thunderstorm"),
        ("school subject",
         "=math =maths mathematics | physics | chemistry | biology | =history | geography | economics"
            + " | philosophy | psychology | literature | algebra | calculus | geometry"),
        ("device",
         "laptop | =desktop | tablet | =phone =phones smartphone cellphone | =tv tvs television | monitor | printer"
            + " | router | modem | keyboard | headphone earphone earbud | camera | =console"),
        ("language",
         "=english | =french | =spanish | =german | =chinese =mandarin | =japanese | =korean | =italian"
            + " | =portuguese | =russian | =arabic | =hindi | =dutch | =python | =java | =javascript =js"
            + " | =typescript | =ruby | =php | =kotlin | =sql | =html | =css | =bash | =csharp | =cpp | =fsharp"),
        // "windows" only as a name ("window" is the pane); "mac" and "macos" are one system.
        ("operating system",
         "=linux | =windows | =macos =mac =osx | =ubuntu | =debian | =fedora | =android | =ios | =chromeos"),
        ("cooking method", "bake | fry =fried =fries | boil | steam | grill | roast | =microwaved"),
        ("writing task",
         "translate translation | summarize summarise summary | explain explanation | rewrite rephrase paraphrase"
            + " | proofread | shorten | simplify | outline"),
        ("piece of writing",
         "=email =emails | =letter | =memo | =essay | =poem | =speech | =toast | =tweet | =haiku | =song | =limerick"),
        ("job on a thing", "repair fix mend | replace replacement | remove removal"),
        ("way to get a thing", "buy purchase =bought | rent rental | lease"),
        ("change of plan", "cancel =cancelled =cancelling cancellation | delay | postpone | =pause =paused"),
        ("state of an order", "=shipped | =delivered | =pending | =returned | =refunded"),
        ("part of a story", "=plot | =theme =themes | =character =characters | =setting | =ending | =symbolism"),
        ("role",
         "citizen citizenship | resident residency | tourist | student | employee | contractor | freelancer"
            + " | tenant renter | landlord | homeowner | roommate flatmate housemate | teacher"),
        ("age group", "=baby =babies infant | toddler | =child =children =kid =kids | =teen =teens teenager teenage | =adult =adults | =senior =seniors =elderly"),
        ("diet", "vegetarian | vegan | =keto =ketogenic | =paleo | pescatarian"),
        ("tone", "=formal =formally =polite =politely | =casual =casually =informal =informally | =funny =humorous | =sentimental =heartfelt | =serious | =persuasive"),
        ("way of operating", "=manual | =automatic =automated"),
        ("connection", "=wired | =wireless =bluetooth =wifi"),
        ("finish", "=glossy =gloss | =matte | =satin"),
        ("height", "=short | =tall"),
        ("account action", "delete | deactivate | suspend | archive"),
        ("laundry", "wash | =dry =dried | =iron =ironed | bleach"),
        ("size", "=small =tiny | =medium | =large =big =huge =giant"),
        ("severity", "=mild | =moderate | =severe"),
        ("level of detail", "=simple =basic =beginner | =intermediate | =technical =advanced =expert | =detailed"),
        ("state of food", "=raw =uncooked | =cooked | =frozen | =fresh | =dried =dry | =soaked | =canned"),
        // "mean" is left out: "what does it mean" is no statistic.
        ("case or statistic", "=average =mean | =median | =total | =worst | =best"),
        // "exactly 2 heads" / "at least 2 heads": the number matches, the bound does not.
        ("bound on a number", "=exactly | =least | =only"),
        ("quantifier", "=all =entire | =any | =most | =single | =half"),
        ("way to combine branches", "=merge =merges =merged =merging | =rebase =rebases =rebased =rebasing"),
        ("part of a show", "=episode =episodes | =season =seasons"),
        ("HTTP method", "=get | =post | =put | =patch"),
        ("multiple of a recipe or dose", "=half | =whole | =double =doubled | =triple =tripled"),
        ("person at work",
         "=employee =employees | =manager =managers =boss | =colleague =colleagues =coworker =coworkers | =intern =interns"
            + " | =client =clients"),
        ("particle of an atom", "=proton =protons | =neutron =neutrons | =electron =electrons"),
        ("measure of a circle", "=radius =radii | =diameter =diameters | =circumference"),
        ("measure of a shape", "=perimeter | =area | =volume"),
        ("shape", "=round =circular =circle | =rectangular =rectangle | =square | =oval | =triangular =triangle"),
        ("placement in the ground", "above+ground =aboveground | in+ground =inground | below+ground =underground"),
        ("symptom",
         "=fever =fevers | =cough =coughs =coughing | =diarrhea =diarrhoea | =vomiting =vomit =vomits =vomited"
            + " | =rash =rashes | =headache =headaches | =constipation =constipated | =nausea =nauseous | =sneezing"),
        ("chocolate", "=dark+chocolate | =milk+chocolate | =white+chocolate"),
        ("degree", "=partly =partially | =mostly | =fully =completely"),
        ("relative in a tree",
         "=sibling =siblings | =child =children | =parent =parents | =grandparent =grandparents | =grandchild =grandchildren"),
        ("piece of luggage", "=checked | =carry"),
        ("lamp of a car", "=headlight =headlights | =tail =taillight =taillights | =brake"),
        ("what a statistic describes", "=sample =samples | =population =populations"),
        ("form of a statement", "=verbal =oral =spoken | =written"),
        ("kind of interest rate", "=fixed | =adjustable =variable =floating"),
        ("make of an oil or fibre", "=synthetic | =conventional"),
        ("light for a plant", "=sun =sunny =sunlight | =shade =shady"),
        ("tense", "=present | =past | =future"),
        ("basis of accounting", "=cash | =accrual"),
        ("service", "=military | =civilian =civilians"),
        ("hours of a job", "=full | =part"),
        ("aggregate", "=sum =total | =count =number"),
        ("period", "=hourly =hour =hours | =daily =day =days | =weekday =weekdays | =weekly =week =weeks | =monthly =month =months"
            + " | =quarterly =quarter =quarters | =yearly =annual =annually =year =years"),
        ("physical quantity", "=weight | =mass | =speed | =velocity | =acceleration"),
        // Named by the verb "round" and what follows it (``rounding(in:)``).
        ("rounding", "=nearest"),
        ("part of a mapping", "=key =keys | =value =values"),
        ("market", "=b2b | =b2c"),
        ("part of a sequence", "=subsequence =subsequences | =substring =substrings | =subarray =subarrays"),
        ("part of a table", "=cell =cells | =row =rows | =column =columns"),
        ("unit of text", "=word =words | =letter =letters | =character =characters | =sentence =sentences | =paragraph =paragraphs | =page =pages"),
        ("meal", "=breakfast | =brunch | =lunch | =dinner =supper | =dessert =desserts | =snack =snacks | =appetizer =appetizers"),
        // "book" is left out: "book a flight" is no reading.
        ("medium of a work", "=books =novel =novels | =movie =movies =film =films | =podcast =podcasts | =documentary =documentaries"),
        ("dimension", "=depth | =width | =height | =length | =thickness"),
        ("moment of a trip", "=booking | =departure | =arrival"),
        ("what a trip books", "=hotel =hotels | =flight =flights | =cruise =cruises"),
        ("swimming stroke", "=freestyle | =breaststroke | =backstroke | =butterfly"),
        // A portrait and a landscape: orientations of a picture, and genres of photography.
        ("kind of picture", "=portrait =portraits | =landscape =landscapes"),
        ("care for a condition", "prevent =prevention | treat =treatment cure =rid"),
        ("level of study", "=undergraduate =undergraduates =undergrad =undergrads | =graduate =graduates =grad =grads =postgraduate =postgraduates"),
        ("way a job ends",
         "resign =resigned =resigning resignation | =fired =laid =layoff =layoffs =terminated termination =dismissed dismissal"
            + " | retire retirement"),
        ("experience", "=newly =novice =inexperienced | =experienced =seasoned =veteran =veterans"),
        ("side of a budget", "=income =incomes =earnings | =expense =expenses =spending"),
        ("way to take in", "=eat =eats =eating =ate | =drink =drinks =drinking =drank"),
        ("Japanese script", "=romaji | =hiragana | =katakana | =kanji"),
        ("floor", "=hardwood | =carpet =carpets =carpeted | =laminate | =vinyl"),
        ("spreadsheet app", "=excel | =sheets | =libreoffice | =airtable | =smartsheet"),
        ("goal of training", "=strength | =endurance | =hypertrophy"),
        ("how binding a rule is", "=required =requires =require =mandatory =compulsory | =recommended =recommends =recommend | =optional"),
        ("purpose of a message", "=asking | thank =thanks | apologize apologise apology | remind reminder | invite invitation | congratulate congratulations"),
        // Its members are read by `letterNames(in:)`, not looked up.
        ("letter name", ""),
        // Kinds found in apps' traffic (docs/QUALITY-guards.md, sessions 13 and 14). A member of
        // two words is written `first+second`: a compound names its own member, not its parts'
        // ("medium-rare" is neither "medium" nor "rare").
        ("doneness of meat", "=rare | medium+rare med+rare mid+rare | =medium | medium+well | well+done"),
        ("strength of a medicine", "regular+strength | extra+strength"),
        ("step between notes", "whole+step whole+tone | half+step half+tone =semitone =semitones"),
        ("note value", "whole+note | half+note | quarter+note | eighth+note | sixteenth+note"),
        ("guitar", "electric+guitar | acoustic+guitar | classical+guitar | bass+guitar"),
        ("admission plan", "early+decision | regular+decision | early+action | rolling+admission"),
        ("voice range", "=soprano | =alto | =tenor | =baritone"),
        ("minor scale", "=harmonic | =melodic"),
        ("single or double", "=single | =double | =triple"),
        ("way to travel", "=fly =flying =flew | =drive =driving =drove"),
        ("position in a team", "=defender =defenders | =midfielder =midfielders | =forward =forwards =striker =strikers"
            + " | =goalkeeper =goalkeepers =goalie =goalies"),
        ("part of a season", "regular+season | =playoffs =playoff =postseason"),
        ("injury status", "=probable | =questionable | =doubtful"),
        ("kick in football", "=kickoff =kickoffs | =punt =punts"),
        ("way to gain yards", "=passing | =rushing | =receiving"),
        ("money in an account", "=contribution =contributions | =earnings"),
        ("public land", "national+park national+parks | national+forest national+forests | state+park state+parks"),
        ("length of a trip", "=weekend | week+long =weeklong | day+trip | =overnight"),
        ("length of a garment", "regular+length | long+length | short+length"),
        ("compass point", "=north =northern | =south =southern | =east =eastern | =west =western"),
        ("boiler fuel", "gas+boiler gas+boilers | oil+boiler oil+boilers | electric+boiler electric+boilers"),
        ("way of making wine", "=organic | =natural | =biodynamic"),
        ("time of travel", "rush+hour | =weekend =weekends"),
        ("kind of day", "=weekday =weekdays | =weekend =weekends | =holiday =holidays"),
        ("stage of a deployment", "=development =dev | =staging | =production =prod"),
        ("hydrocarbon", "=methane | =ethane | =ethene =ethylene | =ethyne =acetylene | =propane | =propene | =propyne"
            + " | =butane | =butene | =butyne"),
        ("access", "read+only | read+write"),
        ("state of an instance", "=stopped | terminate"),
        ("triathlon distance", "=sprint | =olympic | half+ironman | =ironman"),
        // An element's acid or ion by its suffix: sulfurous (H2SO3) / sulfuric (H2SO4).
        ("oxidation state by suffix",
         "=sulfurous =sulphurous | =sulfuric =sulphuric | =nitrous | =nitric | =chlorous | =chloric"
            + " | =hypochlorous | =perchloric | =phosphorous | =phosphoric | =ferrous | =ferric | =cuprous | =cupric"),
    ]

    /// Every word of every list, with the member it names.
    private static let entries: [(word: WordListNotation.Word, mention: Mention)] =
        lists.enumerated().flatMap { kind, list in
            WordListNotation.groups(list.members).flatMap { synonyms in
                synonyms.map { (word: $0, mention: Mention(kind: kind, member: synonyms[0].spelling)) }
            }
        }

    /// Every form of every word → the members it names.
    private static let lexicon: [String: [Mention]] = {
        var lexicon: [String: [Mention]] = [:]
        for (word, mention) in entries where !word.spelling.contains("+") {
            for form in word.forms { lexicon[form, default: []].append(mention) }
        }
        return lexicon
    }()

    /// First word → second word → the member the two name together (`first+second` in the lists).
    private static let phrases: [String: [String: Mention]] = {
        var phrases: [String: [String: Mention]] = [:]
        for (word, mention) in entries where word.spelling.contains("+") {
            let parts = word.spelling.split(separator: "+").map(String.init)
            phrases[parts[0], default: [:]][parts[1]] = mention
        }
        return phrases
    }()
}
