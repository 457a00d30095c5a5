/// Pairs of opposite poles in English: enable/disable, increase/decrease, before/after, max/min,
/// first/last, buy/sell… Embeddings place opposites close together (they share a topic), so a
/// prompt that names one pole must not be answered with the other's answer.
///
/// Each pole is a list of words in ``WordListNotation``: inflected unless written `=word`
/// ("cheap" also matches "cheaper", "cheapest"); `turn_on` is a particle verb ("turn the light on").
enum Opposites {
    /// One pole of one pair found in a prompt.
    struct Mention: Sendable, Hashable {
        var pair: Int
        /// 0 for the first pole, 1 for the second.
        var pole: Int
        var word: String
        /// Index of the word among the prompt's tokens; -1 for an implied pole ("sort" is ascending).
        var position: Int
    }

    static let pairs: [String] = [
        "enable activate turn_on switch_on power_on set_up unmute | disable deactivate turn_off switch_off power_off shut_off shut_down mute",
        "increase raise boost grow =grew =grown improve | decrease reduce lower lessen shrink =shrank =shrunk worsen deteriorate",
        "=before =prior =earlier =pre | =after =later",
        "=within =during =while | =after",
        "=within =newer_than | =older_than",
        "=max =maximum maximize maximise =most =highest =largest =biggest =greatest =longest =tallest"
            + " | =min =minimum minimize minimise =least =lowest =smallest =fewest =shortest",
        "=first =earliest =initial | =last =final =latest",
        "=more =greater =higher =larger =bigger =longer =above =over | =less =fewer =lower =smaller =shorter =below =under =beneath",
        "upper | lower",
        "=many | =few",
        "cheap inexpensive affordable | expensive costly pricey",
        "good =better =best | bad =worse =worst",
        "=right =correct | =wrong =incorrect",
        "=left | =right",
        "add insert | remove delete",
        "install | uninstall remove",
        "start begin =began =begun =beginning launch | stop quit finish =end =ends =ended =ending",
        "open | close shut",
        "=far | =close =near",
        "=onto | =off",
        "buy =bought purchase | sell =sold",
        "own =owning =owned | rent renting",
        "deposit | withdraw =withdrew =withdrawn =withdrawal",
        "hire =hiring | fire =firing",
        "allocate allocation | deallocate deallocation =free release",
        "import | export",
        "upload | download",
        "encrypt | decrypt",
        "encode | decode",
        "compress zip | decompress unzip",
        "lock | unlock",
        "connect | disconnect",
        "login =log_in sign_in signin =logon | logout =log_out sign_out signout =logoff",
        "show =shown reveal unhide | hide =hid =hidden conceal",
        "allow permit accept approve | block deny reject forbid prevent ban decline",
        "include | exclude",
        "gain win =won | lose =lost",
        "profit | loss",
        "push | pull",
        "send | receive",
        "enter | exit",
        "hot | cold",
        "warm | cool =chilly",
        "warm | cold",
        "=heat =heats =heated =heating | =cool =cools =cooled =cooling",
        "=high =elevated | =low",
        "=up | =down",
        "inside indoor indoors | outside outdoor outdoors",
        "internal | external",
        "true | false",
        "positive affirmative | negative",
        "=pro =pros advantage advantages benefit benefits merit merits | =con =cons disadvantage disadvantages"
            + " drawback drawbacks downside downsides demerit demerits",
        "agree | disagree",
        "love | hate",
        "legal lawful | illegal unlawful",
        "possible | impossible",
        "male | female",
        "=man =men | =woman =women",
        "=boy =boys | =girl =girls",
        "=adult =adults =grownup =grownups | =child =children =kid =kids =minor =minors",
        "=parent =parents | =child =children",
        "=boyfriend | =girlfriend",
        "husband | wife",
        "father dad | mother mom mum",
        "son | daughter",
        "brother | sister",
        "king | queen",
        "north northern northerly | south southern southerly",
        "east eastern easterly | west western westerly",
        "rich wealthy | poor",
        "fast quick =quickly rapid =rapidly | slow =slowly",
        "early | late",
        "easy =easily simple | hard difficult tough",
        "=hard =stiff | =soft",
        "happy glad | sad unhappy",
        "=old =older =oldest | =new =newer =newest =fresh",
        "=old =older =oldest =elderly | =young =younger =youngest",
        "light bright | dark",
        "heavy | light",
        "=day =daytime | =night =nighttime =overnight",
        "=weekday =weekdays | =weekend =weekends",
        "input | output",
        "=next | =previous =prev =preceding",
        "=cause =causes =caused | =effect =effects =consequence =consequences",
        "=once | =every =repeatedly",
        "=attacker =attackers =attacking | =defender =defenders =defending",
        "=boneless | =bone =bones",
        "=past | =future",
        "ascending | descending",
        "uppercase | lowercase",
        "success successful succeed | failure fail unsuccessful",
        "online | offline",
        "=local | =remote",
        "=domestic | =international",
        "=closest =nearest | =farthest",
        "=closer =nearer | =farther",
        "keep =kept retain preserve | discard throw_away =threw_away =thrown_away =drop =drops =dropping =dropped remove delete",
        "public | private",
        "plus addition | minus subtract subtraction",
        "multiply multiplication | divide division",
        "front =fore | rear =back =hind",
        "=offensive =offense =offence | =defensive =defense =defence",
        "=apart | =together",
        "forward forwards | backward backwards",
        "top | bottom",
        "thick | thin",
        "wide broad | narrow",
        "strong | weak",
        "wet | dry",
        "full | empty",
        "=long =longer =longest | =short =shorter =shortest",
        "teach =taught | learn =learnt",
        "borrow | lend =lent",
        "=borrower =borrowers | =lender =lenders",
        "=buyer =buyers =purchaser =purchasers | =seller =sellers =vendor =vendors",
        "=employer =employers | =employee =employees",
        "give =gave =given donate | receive",
        "=half | =full",
        "arrive arrival | depart departure",
        "=delivery =deliveries =deliver =delivered | =pickup =pickups pick_up =collection",
        "vertical | horizontal",
        "=row =rows | =column =columns",
        "incoming inbound | outgoing outbound",
        "sunrise | sunset",
        "rise =rose =risen | fall =fell =fallen",
        "appreciate appreciation | depreciate depreciation",
        "inflation | deflation",
        "alive | dead",
        "=awake | =asleep =sleeping",
        "=ascent =ascend =ascends =ascended | =descent =descend =descends =descended",
        "birth born | death die =died",
        "clean | dirty",
        "safe | dangerous unsafe =toxic =poisonous",
        "deep | shallow",
        "steep | shallow gentle",
        "loud | quiet",
        "major | minor",
        "senior | junior",
        "inner | outer",
        "introvert introverted | extrovert extroverted",
        "optimist optimistic | pessimist pessimistic",
        "credit | debit",
        "asset assets | liability liabilities",
        "=same =similar =identical | =different =distinct",
        "=synonym =synonyms | =antonym =antonyms =opposite",
        "=fact =facts | =myth =myths",
        "join | leave quit",
        "remember | forget =forgot =forgotten",
        "friend friends | enemy enemies",
        "marry married marriage | divorce divorced",
        "active | passive",
        "synchronous sync | asynchronous async",
        "static | dynamic",
        "frontend | backend",
        "=client =clients =clientside | =server =servers =serverside",
        "singular | plural",
        "free | paid",
        "clockwise | counterclockwise anticlockwise",
        "expand | collapse",
        "zoom_in | zoom_out",
        "check_in checkin | check_out checkout",
        "tap_in touch_in | tap_out touch_out",
        "put_on | take_off",
        "loosen | tighten",
        "=full =fully =whole =entire | =partial =partially =some",
        "move_in move_into | move_out",
        "=leading | =trailing",
        "=even | =odd",
        "=bride =brides | =groom =grooms =bridegroom",
        "=and | =or",
        "=both | =either",
        "=multiple | =single",
        "=if =when | =unless",
        "must have_to | =can =may =allowed",
        "=eat =eating | =avoid =avoiding",
        "=required =mandatory | =optional",
        "=temporary =temporarily | =permanent =permanently",
        "=read =reads =reading | =write =writes =writing =wrote",
        "=donor =donors =giver =givers | =recipient =recipients",
        "=favor =favour argue_for | =against",
        "=similarity =similarities | =difference =differences",
        "=exact =exactly | =approximate =approximately =approximation",
        "=iterative =iteratively | =recursive =recursively",
        "=development =dev | =production =prod",
        "=overwrite =overwrites =overwriting =overwritten | =append =appends =appending =appended",
        "=stack =stacks | =queue =queues",
        "=ahead | =behind",
        "=interviewer =interviewers | =candidate =candidates =interviewee =interviewees",
            ]

    static func mentions(in tokens: [PromptToken]) -> [Mention] {
        var found: [Mention] = []
        for (i, token) in tokens.enumerated() where token.kind == .word {
            guard let entries = lexicon.words[token.text], !isSpanOfTime(tokens, at: i), !isContinuing(tokens, at: i)
            else { continue }
            for entry in entries {
                if let particle = entry.particle, !hasParticle(particle, in: tokens, after: i) { continue }
                found.append(Mention(pair: entry.pair, pole: entry.pole, word: entry.spelling, position: i))
            }
        }
        // "sort by date" sorts in ascending order: saying "descending" changes the answer.
        if !found.contains(where: { $0.pair == sortOrder }), tokens.contains(where: { sortVerbs.contains($0.text) }) {
            found.append(Mention(pair: sortOrder, pole: 0, word: "sort (ascending)", position: -1))
        }
        return found
    }

    private static let sortVerbs: Set<String> = ["sort", "sorts", "sorted", "sorting"]

    /// "over the last month", "over the years", "over the weekend": a span of time, not "more".
    private static func isSpanOfTime(_ tokens: [PromptToken], at i: Int) -> Bool {
        guard tokens[i].text == "over", i + 1 < tokens.count else { return false }
        let next = tokens[i + 1].text == "the" && i + 2 < tokens.count ? tokens[i + 2].text : tokens[i + 1].text
        return spanWords.contains(next)
    }

    /// "keeps disconnecting", "keep on trying": "keep" before a verb goes on doing, it keeps nothing.
    /// "keep leading zeros" keeps them: a participle that describes a thing is no verb.
    private static func isContinuing(_ tokens: [PromptToken], at i: Int) -> Bool {
        guard ["keep", "keeps", "kept", "keeping"].contains(tokens[i].text), i + 1 < tokens.count else { return false }
        let next = tokens[i + 1].text
        return next == "on" || (next.hasSuffix("ing") && next.count > 4 && !describingParticiples.contains(next))
    }

    private static let describingParticiples: Set<String> = [
        "leading", "trailing", "existing", "remaining", "matching", "following", "missing", "opening", "closing",
    ]

    private static let spanWords: Set<String> = [
        "last", "past", "next", "coming", "years", "months", "weeks", "days", "time", "weekend", "summer", "winter",
        "holidays", "night", "decades", "centuries",
    ]
    private static let sortOrder = pairs.firstIndex(of: "ascending | descending")!

    /// "turn on", "turn it on", "turn the lights on": the particle follows within three words, and
    /// it is the first particle there ("keeps turning off on its own" turns nothing on).
    private static func hasParticle(_ particle: String, in tokens: [PromptToken], after i: Int) -> Bool {
        var j = i + 1
        // A glued hyphen joins the particle as a space would ("check-in", "zoom-out").
        while j < tokens.count, j <= i + 3, tokens[j].kind != .symbol || (tokens[j].text == "-" && tokens[j].isGlued) {
            if particles.contains(tokens[j].text) { return tokens[j].text == particle }
            j += 1
        }
        return false
    }

    /// Every particle of the lexicon's particle verbs.
    private static let particles = Set(lexicon.words.values.joined().compactMap(\.particle))

    // MARK: - Lexicon

    private struct Entry {
        var pair: Int
        var pole: Int
        var particle: String?
        var spelling: String
    }

    private struct Lexicon {
        var words: [String: [Entry]] = [:]
    }

    private static let lexicon: Lexicon = {
        var lexicon = Lexicon()
        for (pair, line) in pairs.enumerated() {
            let poles = WordListNotation.groups(line)
            precondition(poles.count == 2, "an opposites line has two poles: \(line)")
            for (pole, words) in poles.enumerated() {
                for word in words {
                    for form in word.forms {
                        lexicon.words[form, default: []].append(
                            Entry(pair: pair, pole: pole, particle: word.particle, spelling: word.spelling))
                    }
                }
            }
        }
        return lexicon
    }()
}
