import ArgumentParser
import CacheSidecar
import Embeddings
import Foundation

/// `cache-sidecar explain CACHED INCOMING`: would the sidecar serve CACHED's answer to INCOMING,
/// and which stage decides. With `--pairs FILE`, the same for every `{"s1", "s2"}` line of a JSONL
/// file (s1 cached, s2 incoming), one JSON object per line.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Show the similarity, guard and alignment verdicts for pairs of prompts.")

    @OptionGroup var model: ModelOptions
    @Option(help: "Similarity threshold.")
    var threshold: Double = ModelSettingsTable.defaultSimilarityThreshold
    @Option(help: "Token-alignment minimum, or off (default \(ModelSettingsTable.defaultAlignment.minimum ?? 0)).")
    var alignment: String?
    @Option(help: "A JSONL file of {\"s1\", \"s2\"} pairs (other fields are copied to the output).")
    var pairs: String?
    @Flag(name: .customLong("guards-only"), help: "Skip the model: only the guard's verdict (fast, for many pairs).")
    var guardsOnly = false
    @Argument(help: "The cached prompt and the incoming one.")
    var prompts: [String] = []

    /// Pairs embedded per forward pass: bounds memory on long files.
    static let chunk = 64

    func validate() throws {
        guard (pairs == nil) == (prompts.count == 2) else {
            throw ValidationError("give two prompts (cached, incoming) or --pairs FILE")
        }
        if let alignment, AlignmentRule.parse(alignment) == nil {
            throw ValidationError("--alignment: a number in [0, 1] or off")
        }
    }

    func run() async throws {
        if guardsOnly { return try explainGuardsOnly() }
        let embedder = try model.loadEmbedder()
        defer { embedder.shutdown() }
        let rule = alignment.flatMap(AlignmentRule.parse) ?? ModelSettingsTable.defaultAlignment
        guard let file = pairs else {
            let explanation = try await PairExplanation.explain([(prompts[0], prompts[1])], embedder: embedder)[0]
            print("similarity \(explanation.similarity) (threshold \(threshold))")
            print("guard      \(explanation.refusal.map { "refused: \($0)" } ?? "passed")")
            print("alignment  \(explanation.alignment) (\(rule.minimum.map { "minimum \($0)" } ?? "off"))")
            print(explanation.isServed(threshold: threshold, alignment: rule) ? "served" : "not served")
            return
        }
        let rows = try Self.readPairs(file)
        for start in stride(from: 0, to: rows.count, by: Self.chunk) {
            let slice = rows[start..<min(start + Self.chunk, rows.count)]
            let explanations = try await PairExplanation.explain(slice.map { ($0.s1, $0.s2) }, embedder: embedder)
            for (row, explanation) in zip(slice, explanations) {
                var object = row.object
                object["line"] = row.line
                object["similarity"] = Double(explanation.similarity)
                object["alignment"] = Double(explanation.alignment)
                object["refusal"] = explanation.refusal.map(\.description) ?? NSNull()
                object["served"] = explanation.isServed(threshold: threshold, alignment: rule)
                print(try Self.jsonLine(object))
            }
        }
    }

    private func explainGuardsOnly() throws {
        let lookalikeGuard = LookalikeGuard()
        guard let file = pairs else {
            print(lookalikeGuard.refusal(cached: prompts[0], incoming: prompts[1]).map { "refused: \($0)" } ?? "passed")
            return
        }
        for row in try Self.readPairs(file) {
            var object = row.object
            object["line"] = row.line
            object["refusal"] = lookalikeGuard.refusal(cached: row.s1, incoming: row.s2).map(\.description) ?? NSNull()
            print(try Self.jsonLine(object))
        }
    }

    private static func jsonLine(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    private struct Row {
        var line: Int
        var object: [String: Any]
        var s1: String
        var s2: String
    }

    private static func readPairs(_ path: String) throws -> [Row] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { line, content in
            guard !content.allSatisfy(\.isWhitespace) else { return nil }
            guard let object = try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any],
                let s1 = object["s1"] as? String, let s2 = object["s2"] as? String
            else { throw ValidationError("\(path):\(line + 1): not an object with strings s1 and s2") }
            return Row(line: line, object: object, s1: s1, s2: s2)
        }
    }
}
