/// BERT's "basic" tokenizer: text cleanup, CJK isolation, accent stripping, lowercasing, and
/// splitting on whitespace and punctuation.
///
/// It follows the normaliser and pre-tokenizer that all-MiniLM-L6-v2 ships with (HF `tokenizers`
/// `BertNormalizer` + `BertPreTokenizer`), step for step and in that order, because any deviation
/// produces different ids and therefore different vectors. Everything works on Unicode scalars
/// (code points), never on grapheme clusters: the reference counts and splits code points.
import Foundation

public struct BasicTokenizer: Sendable {
    public var lowercase: Bool

    public init(lowercase: Bool = true) {
        self.lowercase = lowercase
    }

    /// Normalises `text` and splits it into words; each word is a run of scalars.
    public func split(_ text: String) -> [[Unicode.Scalar]] {
        let normalized = normalize(text)
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for s in normalized {
            if Self.isWhitespace(s) {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
            } else if Self.isPunctuation(s) {
                if !current.isEmpty { words.append(current); current.removeAll(keepingCapacity: true) }
                words.append([s])
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Clean → pad CJK → strip accents (NFD, drop Mn) → lowercase.
    public func normalize(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var asciiOnly = true
        for s in text.unicodeScalars {
            // Clean: drop NUL, U+FFFD and control/format/unassigned characters, whitespace → " ".
            if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
            if Self.isWhitespace(s) { scalars.append(" "); continue }
            if Self.isCJK(s) {
                // Each CJK ideograph becomes its own word.
                scalars.append(" "); scalars.append(s); scalars.append(" ")
                asciiOnly = false
                continue
            }
            if !s.isASCII { asciiOnly = false }
            scalars.append(s)
        }
        guard lowercase else { return scalars }
        if asciiOnly {
            // Fast path: ASCII has no marks and lowercases one-to-one.
            for i in scalars.indices where scalars[i].value >= 65 && scalars[i].value <= 90 {
                scalars[i] = Unicode.Scalar(scalars[i].value + 32)!
            }
            return scalars
        }
        // Accent stripping: canonical decomposition, then drop nonspacing marks (Mn).
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let decomposed = String(view).decomposedStringWithCanonicalMapping
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for s in decomposed.unicodeScalars where s.properties.generalCategory != .nonspacingMark {
            // Lowercase one scalar at a time (no context rules such as final sigma), like the reference.
            if s.isASCII {
                out.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s)
            } else {
                out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }

    /// Tab, LF, CR and the Unicode White_Space property (so U+2028/U+2029 count too).
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0..<0x80: return false
        default: return s.properties.isWhitespace
        }
    }

    /// Any C* category except tab, LF and CR (those are whitespace).
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0..<0x20, 0x7F: return true
        case 0x20..<0x7F: return false
        default:
            switch s.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// ASCII symbols count as punctuation (BERT was trained so: `$`, `+`, `^`... split), plus all P*.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        if v < 0x80 { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideograph blocks BERT isolates (not Hiragana, Katakana or Hangul).
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
