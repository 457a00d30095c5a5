/// The operators of the arithmetic a prompt writes out: "solve x^2 - 5x + 6 = 0" → ^ - + =.
///
/// An operator counts only between two operands (a number, a one-letter variable, a bracket), so
/// a hyphen in "covid-19" or a slash in "and/or" is no arithmetic. Unicode signs are read as their
/// ASCII forms ("−" is "-", "×" is "*", "÷" is "/").
enum Arithmetic {
    static func operators(in tokens: [PromptToken]) -> [String] {
        var found: [String] = []
        for i in tokens.indices.dropFirst().dropLast() where tokens[i].kind == .symbol {
            guard let sign = signs[tokens[i].text], isOperand(tokens[i - 1], closing: true), isOperand(tokens[i + 1], closing: false)
            else { continue }
            found.append(sign)
        }
        return found
    }

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
