/// The operators of the arithmetic or code a prompt writes out: "solve x^2 - 5x + 6 = 0" → ^ - + =,
/// "0 === ''" → ===, "rm -rf ./build" → ./.
///
/// A one-sign operator counts only between two operands (a number, a one-letter variable, a
/// bracket), so a hyphen in "covid-19" or a slash in "and/or" is no arithmetic. Signs glued into a
/// run ("==", "!=", "&&", "->", "./") are an operator of code wherever they stand; runs of dashes,
/// dots or exclamation marks alone ("--", "...", "!!") are not. Unicode signs are read as their
/// ASCII forms ("−" is "-", "×" is "*", "÷" is "/").
enum Arithmetic {
    static func operators(in tokens: [PromptToken]) -> [String] {
        var found: [String] = []
        var i = 0
        while i < tokens.count {
            if let run = codeOperator(tokens, at: i) {
                found.append(run.text)
                i = run.end
            } else {
                if let sign = sign(tokens, at: i) { found.append(sign) }
                i += 1
            }
        }
        return found
    }

    /// A one-sign operator between two operands at `i`.
    private static func sign(_ tokens: [PromptToken], at i: Int) -> String? {
        guard i > 0, i + 1 < tokens.count, tokens[i].kind == .symbol, let sign = signs[tokens[i].text],
            isOperand(tokens[i - 1], closing: true), isOperand(tokens[i + 1], closing: false)
        else { return nil }
        return sign
    }

    /// A run of two or more glued signs starting at `i`, with the index after it.
    private static func codeOperator(_ tokens: [PromptToken], at i: Int) -> (text: String, end: Int)? {
        let isCodeSign = { (token: PromptToken) in token.kind == .symbol && token.text.allSatisfy(codeSigns.contains) }
        guard isCodeSign(tokens[i]) else { return nil }
        var end = i + 1
        while end < tokens.count, tokens[end].isGlued, isCodeSign(tokens[end]) { end += 1 }
        let text = tokens[i..<end].map(\.text).joined()
        guard end - i >= 2, text.contains(where: operatorSigns.contains) else { return nil }
        return (text, end)
    }

    /// What a run of code signs may hold, and what it must hold to be an operator.
    private static let codeSigns = Set("=<>!&|+*/%^~-.:")
    private static let operatorSigns = Set("=<>&|+*/%^~")

    private static func isOperand(_ token: PromptToken, closing: Bool) -> Bool {
        switch token.kind {
        case .number: true
        case .word: token.text.count == 1 && token.text != "a" && token.text != "i"
        case .symbol: token.text == (closing ? ")" : "(")
        case .ordinal: false
        }
    }

    private static let signs: [String: String] = [
        "+": "+", "-": "-", "\u{2212}": "-", "*": "*", "\u{00D7}": "*", "/": "/", "\u{00F7}": "/",
        "^": "^", "=": "=", "<": "<", ">": ">",
    ]
}
