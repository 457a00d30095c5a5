/// The function words token alignment ignores: a short list of determiners, pronouns, auxiliaries,
/// prepositions and question words whose tokens may lack a counterpart without changing the question.
///
/// Not ``FunctionWords``: this is the exact list `scripts/quality/token_alignment.py` was measured
/// with (docs/QUALITY-guards.md), so the figures there hold for the sidecar; the guards' longer list
/// would exempt words ("only", "other", "all") whose absence does change a question.
enum AlignmentFunctionWords {
    static func contains(_ token: String) -> Bool { words.contains(token) }

    /// Greetings, thanks and "please" frame a request without changing it ("hi, can u tell me how
    /// to convert a list to a set pls" / "How do I convert a list to a set?"). Whole words: the
    /// tokenizer cuts "pls" into pieces.
    static func isCourtesy(_ word: String) -> Bool { courtesy.contains(word) }

    private static let courtesy: Set<String> = [
        "please", "pls", "plz", "plse", "kindly", "hey", "hi", "hello", "thanks", "thank", "thx", "ty", "me", "u",
    ]

    private static let words: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "is", "are", "was", "were", "be", "been", "being",
        "do", "does", "did", "what", "which", "who", "whom", "how", "why", "when", "where",
        "i", "you", "he", "she", "it", "we", "they", "my", "your", "his", "her", "its", "our", "their",
        "this", "that", "these", "those", "with", "as", "at", "by", "from",
        "can", "could", "should", "would", "will", "shall", "may", "might", "must", "there", "here", "have", "has", "had", "not",
    ]
}
