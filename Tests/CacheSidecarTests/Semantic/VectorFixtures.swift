@testable import CacheSidecar

/// Reproducible vectors for the index tests: unit vectors from a seeded generator, and vectors at
/// a chosen cosine from a query.
struct VectorFixtures {
    let dimensions: Int
    private var generator: SeededRandom

    init(dimensions: Int = 384, seed: UInt64) {
        self.dimensions = dimensions
        generator = SeededRandom(seed: seed)
    }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform components: normalized, they point anywhere on the sphere (not evenly, which these
    /// tests do not need).
    mutating func unitVector() -> [Float] {
        Self.normalized((0..<dimensions).map { _ in Float.random(in: -1...1, using: &generator) })
    }

    mutating func id() -> EntryID {
        EntryID(hex: (0..<64).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined())!
    }

    /// A unit vector whose cosine with the unit vector `query` is `cosine` (up to rounding).
    mutating func vector(atCosine cosine: Float, from query: [Float]) -> [Float] {
        var other = unitVector()
        let along = zip(other, query).reduce(0) { $0 + $1.0 * $1.1 }
        other = Self.normalized(zip(other, query).map { $0 - along * $1 })
        let across = (1 - cosine * cosine).squareRoot()
        return zip(query, other).map { cosine * $0 + across * $1 }
    }

    static func normalized(_ v: [Float]) -> [Float] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
}
