/// Cuts replayed text into stream-sized pieces.
///
/// Pieces end after whitespace once they reach `target` UTF-8 bytes (a few words per event, so
/// clients render progressively without an envelope per token), and are cut anyway at `limit`
/// bytes for text without spaces (e.g. CJK). Cuts fall only between grapheme clusters, so no piece
/// splits a UTF-8 sequence or an emoji, and the pieces concatenate to exactly the input.
enum StreamTextPieces {
    static func split(_ text: String, target: Int = 24, limit: Int = 96) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var size = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            size += character.utf8.count
            if (size >= target && character.isWhitespace) || size >= limit {
                pieces.append(text[start..<next])
                start = next
                size = 0
            }
            index = next
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        return pieces
    }
}
