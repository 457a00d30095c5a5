/// Refuses when the prompts name different variants of one code: "HP LaserJet M604n" vs
/// "M604dn", "GPT-4o" vs "GPT-4", "RTX 3080Ti" vs "RTX 3080", "1080p" vs "1080i" (``ProductCodes``).
///
/// A code must reappear in the other prompt, with any spacing or hyphens ("GPT-4o" = "GPT 4o"),
/// when that prompt names the same digits in another code, or bare where the code ends in letters.
/// A letter prefix against a bare number ("Win10" vs "Windows 10") is an abbreviation and passes;
/// other digits are the ``NumberRule``'s business. A model's tier must match too: "iPhone 15 Pro"
/// is not the "iPhone 15", nor the "iPhone 15 Pro Max" (``ProductCodes/tiers(_:)``).
public struct CodeRule: GuardRule {
    public var name: String { "codes" }

    public init() {}

    public func check(_ a: PromptFeatures, _ b: PromptFeatures) -> GuardRefusal? {
        if let clash = variant(a, of: b) ?? variant(b, of: a) {
            return GuardRefusal(rule: name, detail: "\(clash.0) ≠ \(clash.1)")
        }
        if a.tiers != b.tiers {
            let describe = { (tiers: Set<String>) in tiers.isEmpty ? "no tier" : tiers.sorted().joined(separator: " ") }
            return GuardRefusal(rule: name, detail: "tier: \(describe(a.tiers)) ≠ \(describe(b.tiers))")
        }
        return nil
    }

    /// A code of `a` that `b` names otherwise, with what `b` names instead.
    private func variant(_ a: PromptFeatures, of b: PromptFeatures) -> (String, String)? {
        guard !a.codes.isEmpty else { return nil }
        let piecesA = ProductCodes.pieces(a.tokens), piecesB = ProductCodes.pieces(b.tokens)
        for code in a.codes where !contains(piecesB, code.pieces) {
            let sameDigits = b.codes.first { !$0.digits.isDisjoint(with: code.digits) && !contains(piecesA, $0.pieces) }
            if let other = sameDigits { return (code.text, other.text) }
            if code.hasLetterSuffix, let bare = code.digits.first(where: { b.wordSet.contains($0) }) {
                return (code.text, bare)
            }
        }
        return nil
    }

    /// Whether `run` occurs in `pieces`; a plural "s" on a word does not count ("4lokos" = "4loko").
    private func contains(_ pieces: [String], _ run: [String]) -> Bool {
        guard run.count <= pieces.count else { return false }
        return (0...(pieces.count - run.count)).contains { start in
            pieces[start..<start + run.count].elementsEqual(run) { $0 == $1 || $0 == $1 + "s" || $0 + "s" == $1 }
        }
    }
}
