/// English closed-class words: determiners, pronouns, prepositions, conjunctions, auxiliaries,
/// question words and a few discourse words.
///
/// They carry grammar, not topic: a capitalised "What" is no name, and their order is not
/// what makes "A to B" differ from "B to A".
enum FunctionWords {
    static func contains(_ word: String) -> Bool { words.contains(word) }

    /// Words whose neighbours say little about a slot in a sentence ("the X" fits anywhere).
    static func isDeterminer(_ word: String) -> Bool { determiners.contains(word) }

    private static let determiners: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their",
        "some", "any", "each", "every",
    ]

    private static let words: Set<String> = determiners.union([
        // pronouns
        "i", "me", "you", "he", "him", "she", "it", "we", "us", "they", "them", "myself", "yourself", "himself",
        "herself", "itself", "ourselves", "themselves", "one", "someone", "something", "anyone", "anything",
        "everyone", "everything", "mine", "yours", "hers", "ours", "theirs",
        // question words
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "whether",
        // auxiliaries and modals
        "be", "am", "is", "are", "was", "were", "been", "being", "do", "does", "did", "doing", "have", "has", "had",
        "having", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
        // prepositions
        "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "as", "into", "onto", "upon", "than",
        "via", "per", "through", "between", "among", "within", "across", "against", "during", "like", "near",
        "toward", "towards",
        // conjunctions and particles
        "and", "or", "but", "if", "so", "then", "because", "while", "although", "though", "also", "too", "very",
        "just", "only", "really", "even", "there", "here", "please", "ok", "okay", "hi", "hello", "thanks",
        "vs", "versus", "such", "own", "other", "another", "much", "many", "all", "both", "either", "etc",
    ])
}
