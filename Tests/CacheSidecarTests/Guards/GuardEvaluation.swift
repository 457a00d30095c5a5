import Foundation

@testable import CacheSidecar

/// Measures threshold + ``LookalikeGuard`` on labeled prompt pairs, per source, so the Swift rules
/// themselves (not a copy) are what the quality figures describe.
///
/// Inputs: the pairs file (`{"source","split","s1","s2","label"}` per line) and a `.npy` of float32
/// cosine similarities in the same order (`scripts/quality/compute_sims.py`). Every source carries a
/// single `split` value, so pairs are divided into halves by line number instead: even lines
/// tune, odd lines are held out for reporting.
struct GuardEvaluation {
    struct Pair {
        var source: String
        var first: String
        var second: String
        var same: Bool
        var similarity: Float
        var line: Int
    }

    enum Half: String {
        case tune, holdout, all

        func contains(line: Int) -> Bool {
            switch self {
            case .tune: line % 2 == 0
            case .holdout: line % 2 == 1
            case .all: true
            }
        }
    }

    /// Confusion counts for pairs whose similarity clears the threshold.
    struct Counts {
        var hits = 0, correctHits = 0, positives = 0, negatives = 0

        var precision: Double { hits == 0 ? 1 : Double(correctHits) / Double(hits) }
        var recall: Double { positives == 0 ? 0 : Double(correctHits) / Double(positives) }
        /// Share of "different question" pairs that would be served a wrong answer.
        var falseHitRate: Double { negatives == 0 ? 0 : Double(hits - correctHits) / Double(negatives) }
    }

    var pairs: [Pair]
    /// Which pairs the guard refuses, computed once (guards do not depend on the threshold).
    var refusals: [GuardRefusal?]
    /// Per rule, whether that rule alone refuses each pair.
    var refusalsByRule: [String: [Bool]]

    var sources: [String] { Array(Set(pairs.map(\.source))).sorted() }

    init(pairsPath: String, similaritiesPath: String, half: Half, guard lookalike: LookalikeGuard = LookalikeGuard()) throws {
        let similarities = try Self.readNumpyFloat32(similaritiesPath)
        let lines = try String(contentsOfFile: pairsPath, encoding: .utf8).split(separator: "\n")
        precondition(lines.count == similarities.count, "pairs and similarities differ in length")
        var pairs: [Pair] = []
        for (line, text) in lines.enumerated() where half.contains(line: line) {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            pairs.append(
                Pair(
                    source: object["source"] as! String, first: object["s1"] as! String, second: object["s2"] as! String,
                    same: (object["label"] as! Int) == 1, similarity: similarities[line], line: line))
        }
        self.pairs = pairs
        let features = pairs.map { (LookalikeGuard.features(of: $0.first), LookalikeGuard.features(of: $0.second)) }
        self.refusals = features.map { lookalike.refusal(cached: $0.0, incoming: $0.1) }
        var byRule: [String: [Bool]] = [:]
        for rule in lookalike.rules {
            byRule[rule.name] = features.map { rule.check($0.0, $0.1) != nil }
        }
        self.refusalsByRule = byRule
    }

    func counts(source: String, threshold: Float, guarded: Bool) -> Counts {
        var counts = Counts()
        for (i, pair) in pairs.enumerated() where pair.source == source {
            if pair.same { counts.positives += 1 } else { counts.negatives += 1 }
            guard pair.similarity >= threshold, !guarded || refusals[i] == nil else { continue }
            counts.hits += 1
            if pair.same { counts.correctHits += 1 }
        }
        return counts
    }

    /// The threshold with the best recall on `recallSource` at which every source keeps
    /// `minimumPrecision` with guards on. When no threshold reaches that, the one whose worst
    /// source has the highest precision while `recallSource` keeps `minimumRecall`
    /// (`meetsGoal` tells which case applied); nil when even that fails.
    func recommendedThreshold(
        among thresholds: [Float], minimumPrecision: Double = 0.95, minimumRecall: Double = 0.35,
        recallSource: String = "qqp"
    ) -> (threshold: Float, meetsGoal: Bool)? {
        func recall(_ t: Float) -> Double { counts(source: recallSource, threshold: t, guarded: true).recall }
        func worstPrecision(_ t: Float) -> Double {
            sources.map { counts(source: $0, threshold: t, guarded: true).precision }.min() ?? 1
        }
        let meeting = thresholds.filter { worstPrecision($0) >= minimumPrecision && recall($0) >= minimumRecall }
        if let best = meeting.max(by: { recall($0) < recall($1) }) { return (best, true) }
        let keepingRecall = thresholds.filter { recall($0) >= minimumRecall }
        return keepingRecall.max(by: { worstPrecision($0) < worstPrecision($1) }).map { ($0, false) }
    }

    static let thresholds: [Float] = (80...95).map { Float($0) / 100 }

    // MARK: - Reports

    /// Precision / recall / false-hit rate per source and threshold, without and with guards.
    func thresholdTable(_ thresholds: [Float] = thresholds) -> String {
        var out = "| threshold | source | precision | recall | false hits | precision guarded | recall guarded | false hits guarded |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        for threshold in thresholds {
            for source in sources {
                let plain = counts(source: source, threshold: threshold, guarded: false)
                let guarded = counts(source: source, threshold: threshold, guarded: true)
                out += "| \(f2(Double(threshold))) | \(source) | \(f3(plain.precision)) | \(f3(plain.recall)) | "
                    + "\(f3(plain.falseHitRate)) | \(f3(guarded.precision)) | \(f3(guarded.recall)) | \(f3(guarded.falseHitRate)) |\n"
            }
        }
        return out
    }

    /// For pairs above `threshold`: per rule, how many wrong hits it alone stops and how many right
    /// hits it alone costs, and how many it stops as the first rule that refuses.
    func ruleTable(threshold: Float) -> String {
        var out = "| rule | wrong hits refused (alone) | right hits refused (alone) | wrong refused first | right refused first |\n"
        out += "|---|---|---|---|---|\n"
        let ruleNames = refusalsByRule.keys.sorted()
        for name in ruleNames {
            var wrongAlone = 0, rightAlone = 0, wrongFirst = 0, rightFirst = 0
            for (i, pair) in pairs.enumerated() where pair.similarity >= threshold {
                if refusalsByRule[name]![i] { if pair.same { rightAlone += 1 } else { wrongAlone += 1 } }
                if refusals[i]?.rule == name { if pair.same { rightFirst += 1 } else { wrongFirst += 1 } }
            }
            out += "| \(name) | \(wrongAlone) | \(rightAlone) | \(wrongFirst) | \(rightFirst) |\n"
        }
        return out
    }

    /// Refused right hits and unrefused wrong hits above `threshold`, for reading what rules miss.
    func examples(threshold: Float, source: String? = nil, limit: Int = 40) -> String {
        var refusedRight: [String] = []
        var servedWrong: [String] = []
        for (i, pair) in pairs.enumerated() where pair.similarity >= threshold && (source == nil || pair.source == source) {
            let line = "[\(pair.source) \(f3(Double(pair.similarity)))] \(pair.first) || \(pair.second)"
            if pair.same, let refusal = refusals[i] { refusedRight.append("\(line)  ← \(refusal)") }
            if !pair.same, refusals[i] == nil { servedWrong.append(line) }
        }
        return "REFUSED BUT SAME (\(refusedRight.count)):\n" + refusedRight.prefix(limit).joined(separator: "\n")
            + "\n\nSERVED BUT DIFFERENT (\(servedWrong.count)):\n" + servedWrong.prefix(limit).joined(separator: "\n")
    }

    private func f2(_ x: Double) -> String { String(format: "%.2f", x) }
    private func f3(_ x: Double) -> String { String(format: "%.3f", x) }

    // MARK: - .npy

    /// Reads a one-dimensional little-endian float32 `.npy` (format 1.0 or 2.0).
    static func readNumpyFloat32(_ path: String) throws -> [Float] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        guard bytes.count > 10, bytes[0] == 0x93, String(decoding: bytes[1...5], as: UTF8.self) == "NUMPY" else {
            throw EvaluationError.notNumpy(path)
        }
        let major = bytes[6]
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let headerStart = major == 1 ? 10 : 12
        let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        guard header.contains("'<f4'") else { throw EvaluationError.notFloat32(path) }
        let body = headerStart + headerLength
        let count = (bytes.count - body) / 4
        return (0..<count).map { i in
            let o = body + 4 * i
            let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
            return Float(bitPattern: bits)
        }
    }

    enum EvaluationError: Error {
        case notNumpy(String)
        case notFloat32(String)
    }
}
