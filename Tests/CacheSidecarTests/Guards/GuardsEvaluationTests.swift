@testable import CacheSidecar
import Foundation
import Testing

/// Quality figures for threshold + guards on the labeled pairs. Runs only when `GUARD_SIMS` names a
/// similarities file (see `scripts/quality/compute_sims.py`):
///
///     GUARD_SIMS=/tmp/guards/sims.npy swift test --filter GuardsEvaluation
///
/// Optional: `GUARD_PAIRS` (default `/work/shared/data/pairs-dev.jsonl`), `GUARD_HALF`
/// (`tune`, `holdout` (default) or `all`), `GUARD_EXAMPLES=1` to print misjudged pairs,
/// `GUARD_REFUSALS=FILE` to write `line<TAB>refused(0|1)<TAB>first refusing rule (or -)` per reported
/// pair for analysis elsewhere.
@Suite("GuardsEvaluation")
struct GuardsEvaluation {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["GUARD_SIMS"] != nil, "set GUARD_SIMS to a similarities .npy"))
    func qualityPerSource() throws {
        let pairsPath = Self.environment["GUARD_PAIRS"] ?? "/work/shared/data/pairs-dev.jsonl"
        let simsPath = Self.environment["GUARD_SIMS"]!
        let tune = try GuardEvaluation(pairsPath: pairsPath, similaritiesPath: simsPath, half: .tune)
        let report = Self.environment["GUARD_HALF"].flatMap(GuardEvaluation.Half.init(rawValue:)) ?? .holdout
        let evaluation = report == .tune ? tune
            : try GuardEvaluation(pairsPath: pairsPath, similaritiesPath: simsPath, half: report)

        let recommendation = tune.recommendedThreshold(among: GuardEvaluation.thresholds)
        let chosen = recommendation?.threshold
        print("## Threshold chosen on the tune half: \(chosen.map { String(format: "%.2f", $0) } ?? "none")"
            + (recommendation?.meetsGoal == false ? " (goal not met: best worst-source precision with qqp recall >= 0.35)" : "")
            + "\n")
        print("## \(report.rawValue) half, per source and threshold\n")
        print(evaluation.thresholdTable())
        if let chosen {
            print("## \(report.rawValue) half at \(String(format: "%.2f", chosen))\n")
            print(evaluation.thresholdTable([chosen]))
            print(evaluation.ruleTable(threshold: chosen))
            if Self.environment["GUARD_EXAMPLES"] != nil {
                print(evaluation.examples(threshold: chosen))
            }
        }
        if let dump = Self.environment["GUARD_REFUSALS"] {
            let lines = zip(evaluation.pairs, evaluation.refusals).map { "\($0.0.line)\t\($0.1 == nil ? 0 : 1)\t\($0.1?.rule ?? "-")" }
            try lines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
        }
        #expect(!evaluation.pairs.isEmpty)
    }
}
