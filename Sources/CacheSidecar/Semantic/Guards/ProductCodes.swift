/// Model numbers and other codes that glue letters to digits: "M604dn", "GPT-4o", "3080Ti",
/// "1080p", "H-1B".
///
/// The tokenizer cuts such a code into pieces ("m", "##60", "##4", "##d", "##n"), and the pieces of
/// "M604n" and "M604dn" embed almost alike (cosine 0.998 in a qqp pair), yet they name other
/// products. The digits alone are the ``NumberRule``'s business; a code adds the letters around them.
enum ProductCodes {
    struct Code: Sendable, Hashable {
        /// Its words and numbers, lowercased, without hyphens: "gpt-4o" → ["gpt", "4", "o"].
        var pieces: [String]
        /// Letters follow the last digits ("4o", "604dn"): a variant of the bare number.
        var hasLetterSuffix: Bool
        var digits: Set<String> { Set(pieces.filter { $0.first?.isNumber == true }) }
        var text: String { pieces.joined() }
    }

    /// The prompt's codes: runs of glued words and numbers (hyphens inside allowed) with both.
    /// A number with its unit or scale ("10km", "16GB", "5pm", "10k", "$38b", "1990s") is a quantity, not a code.
    static func extract(_ tokens: [PromptToken]) -> [Code] {
        var codes: [Code] = []
        var i = 0
        while i < tokens.count {
            guard isPart(tokens[i]) else {
                i += 1
                continue
            }
            var end = i + 1
            while end < tokens.count, tokens[end].isGlued, isPart(tokens[end]) || isInnerHyphen(tokens, end) { end += 1 }
            if let code = code(tokens[i..<end].filter(isPart)) { codes.append(code) }
            i = end
        }
        return codes
    }

    /// The prompt's words and numbers in order, hyphens dropped, for finding a code written with
    /// other spacing ("GPT 4o" holds "gpt-4o").
    static func pieces(_ tokens: [PromptToken]) -> [String] {
        tokens.filter(isPart).map(\.text)
    }

    private static func code(_ run: [PromptToken]) -> Code? {
        guard run.contains(where: { $0.kind == .number }), run.contains(where: { $0.kind == .word }) else { return nil }
        if run[0].kind == .number, run.allSatisfy({ $0.kind == .number || isQuantitySuffix($0) }) { return nil }
        return Code(pieces: run.map(\.text), hasLetterSuffix: run.last?.kind == .word)
    }

    private static func isPart(_ token: PromptToken) -> Bool { token.kind == .word || token.kind == .number }

    /// "GPT-4o", "COVID-19", "i7-12700K"; not "65-year-old", "33-page", which are a number and words.
    private static func isInnerHyphen(_ tokens: [PromptToken], _ i: Int) -> Bool {
        guard tokens[i].text == "-", i > 0, i + 1 < tokens.count, tokens[i + 1].isGlued, isPart(tokens[i + 1]) else {
            return false
        }
        return tokens[i - 1].kind == .word || tokens[i + 1].kind == .number
    }

    private static func isQuantitySuffix(_ token: PromptToken) -> Bool {
        Units.unit(token.text) != nil || NumberWords.scale(token.text, glued: true) != nil
            || ["am", "pm", "s", "b"].contains(token.text)
    }

    /// Tier words that name another model of a product when they follow its number or name:
    /// "iPhone 15 Pro", "Galaxy S24 Ultra", "iPad mini". Capitalised, or after a number.
    static func tiers(_ tokens: [PromptToken]) -> Set<String> {
        var found = Set<String>()
        for (i, token) in tokens.enumerated() where i > 0 {
            // "MacBook Pros" are MacBook Pros.
            let singular = token.text.hasSuffix("s") ? String(token.text.dropLast()) : token.text
            guard let tier = [token.text, singular].first(where: tierWords.contains) else { continue }
            let previous = tokens[i - 1]
            let afterName = previous.kind == .number || (previous.kind == .word && previous.isCapitalized && !previous.startsSentence)
            if afterName && (token.isCapitalized || previous.kind == .number) { found.insert(tier) }
        }
        return found
    }

    static let tierWords: Set<String> = ["pro", "max", "plus", "mini", "ultra", "lite", "air"]
}
