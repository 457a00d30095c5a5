import Foundation

/// SplitMix64: a small, fast generator whose whole sequence follows from its seed, so a failing
/// property test is reproduced by running it again with the seed it printed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seeds a property test runs with: fixed ones (CI is reproducible), plus `FUZZ_SEED` when
    /// set, to replay a failure or explore further.
    static func seeds(_ fixed: [UInt64] = [1, 2, 3, 0xC0FFEE]) -> [UInt64] {
        guard let text = ProcessInfo.processInfo.environment["FUZZ_SEED"], let seed = UInt64(text) else { return fixed }
        return fixed + [seed]
    }

    /// Iterations per seed: `FUZZ_ITERATIONS`, or `default` (what CI runs).
    static func iterations(default count: Int) -> Int {
        ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? count
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &self)] }
}
