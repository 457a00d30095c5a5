/// The operators of the arithmetic or code a prompt writes out: "solve x^2 - 5x + 6 = 0" → ^ - + =,
/// "0 === ''" → ===, "rm -rf ./build" → ./.
///
/// A one-sign operator counts only between two operands (a number, a one-letter variable, a
/// bracket), so a hyphen in "covid-19" or a slash in "and/or" is no arithmetic. Signs glued into a
/// run ("==", "!=", "&&", "->", "./") are an operator of code wherever they stand; runs of dashes,
/// dots or exclamation marks alone ("--", "...", "!!") are not. Unicode signs are read as their
/// ASCII forms ("−" is "-", "×" is "*", "÷" is "/", "≥" is ">=").
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
            isOperand(tokens, at: i - 1, closing: true), isOperand(tokens, at: i + 1, closing: false)
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

    private static func isOperand(_ tokens: [PromptToken], at i: Int, closing: Bool) -> Bool {
        switch tokens[i].kind {
        case .number: true
        case .word: isVariable(tokens, at: i)
        case .symbol: tokens[i].text == (closing ? ")" : "(")
        case .ordinal: false
        }
    }

    /// A word of one letter; "a" and "i" only right after a sign glued to them ("x^a", "2*i"), as
    /// they are an article and a pronoun in prose, and "A/B test", "Type-A", "A+" are names.
    private static func isVariable(_ tokens: [PromptToken], at i: Int) -> Bool {
        let text = tokens[i].text
        guard tokens[i].kind == .word, text.count == 1 else { return false }
        guard text == "a" || text == "i" else { return true }
        return i > 0 && tokens[i].isGlued && ["^", "*", "=", "+", "<", ">"].contains(tokens[i - 1].text)
    }

    /// The formulas a prompt writes, each as its numbers, one-letter variables, functions, signs
    /// and brackets in order: "differentiate sin(x²)" → "sin ( x ^ 2 )", "sin²x" → "sin ^ 2 x".
    /// A formula is a run of such tokens with a power, an equals sign or a function in it, less
    /// brackets around it all or left open and signs at its ends ("d/dx (3x^2 + 2x)" holds
    /// "3 x ^ 2 + 2 x"); prose with slashes and hyphens ("S/M/L", "D-N.Y.") holds none.
    static func formulas(in tokens: [PromptToken]) -> [String] {
        var found: [String] = []
        var run: [String] = []
        func close() {
            let formula = trimmed(run[...])
            if formula.count >= 3, formula.contains(where: { $0 == "^" || $0 == "=" || functions.contains($0) }) {
                found.append(formula.joined(separator: " "))
            }
            run = []
        }
        for i in tokens.indices {
            if let part = formulaPart(tokens, at: i) { run.append(part) } else { close() }
        }
        close()
        return found
    }

    /// Without signs at either end, brackets left open, one pair around the whole, or a pair
    /// around one token ("ln(x) = 5" is "ln x = 5").
    private static func trimmed(_ tokens: ArraySlice<String>) -> ArraySlice<String> {
        var run = ArraySlice<String>()
        var i = tokens.startIndex
        while i < tokens.endIndex {
            if tokens[i] == "(", i + 2 < tokens.endIndex, tokens[i + 2] == ")", tokens[i + 1] != "(" {
                run.append(tokens[i + 1])
                i += 3
            } else {
                run.append(tokens[i])
                i += 1
            }
        }
        while let first = run.first, signs[first] != nil || first == ")" { run = run.dropFirst() }
        while let last = run.last, signs[last] != nil || last == "(" { run = run.dropLast() }
        let opened = run.filter { $0 == "(" }.count, closed = run.filter { $0 == ")" }.count
        if opened > closed, run.first == "(" { run = run.dropFirst() }
        if closed > opened, run.last == ")" { run = run.dropLast() }
        if isWrapped(run) { run = run.dropFirst().dropLast() }
        return run
    }

    /// Whether the first bracket of `run` closes at its end: "( 3 x + 2 )", not "( a + b ) * ( c )".
    private static func isWrapped(_ run: ArraySlice<String>) -> Bool {
        guard run.first == "(", run.last == ")" else { return false }
        var depth = 0
        for (offset, part) in run.enumerated() {
            if part == "(" { depth += 1 } else if part == ")" { depth -= 1 }
            if depth == 0 { return offset == run.count - 1 }
        }
        return false
    }

    private static func formulaPart(_ tokens: [PromptToken], at i: Int) -> String? {
        let token = tokens[i]
        return switch token.kind {
        case .number: token.text
        case .word where isVariable(tokens, at: i): token.text
        case .word where functions.contains(token.text): token.text
        case .symbol: signs[token.text] ?? (token.text == "(" || token.text == ")" ? token.text : nil)
        default: nil
        }
    }

    private static let functions: Set<String> = ["sin", "cos", "tan", "log", "ln", "exp", "sqrt", "sinx", "cosx", "tanx"]

    private static let signs: [String: String] = [
        "+": "+", "-": "-", "\u{2212}": "-", "*": "*", "\u{00D7}": "*", "/": "/", "\u{00F7}": "/",
        "^": "^", "=": "=", "<": "<", ">": ">", "\u{2264}": "<=", "\u{2265}": ">=", "\u{2260}": "!=",
    ]
}
