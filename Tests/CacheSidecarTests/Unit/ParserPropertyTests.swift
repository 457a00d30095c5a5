import HTTPTypes
import Testing

@testable import CacheSidecar

/// Seeded property tests over the request parser and the cache key's canonical form: hostile
/// bytes never crash it, and keys depend on meaning, not spelling. Each failure prints its seed;
/// `FUZZ_SEED=<seed> FUZZ_ITERATIONS=<n> scripts/test.sh --filter ParserProperty` replays or extends a run.
@Suite("Parser and key canonicalisation properties")
struct ParserPropertyTests {
    private static let scope = TenantScope(id: "t-property")

    private func keys(_ bytes: [UInt8]) throws(OpenAIError) -> CacheKeys {
        CacheKeys(scope: Self.scope, path: "/v1/chat/completions", request: try CompletionRequest.parse(bytes))
    }

    /// A parse either succeeds, and then round-trips through the writer, or throws the typed error
    /// with an offset inside the input.
    private func checkNeverCrashes(_ bytes: [UInt8], seed: UInt64) {
        do {
            let value = try JSONParser.parse(bytes)
            let reparsed = try JSONParser.parse(JSONWriter.compact(value))
            #expect(JSONWriter.canonical(reparsed) == JSONWriter.canonical(value), "seed \(seed): \(Array(bytes.prefix(200)))")
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count, "seed \(seed): offset \(error.offset) of \(bytes.count)")
        }
        do {
            _ = try keys(bytes)
        } catch {
            #expect(error.status == .badRequest, "seed \(seed): \(error)")
        }
    }

    @Test(arguments: SeededRandom.seeds())
    func randomBytesNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let alphabet = Array(#"{}[]:,"\ -+.0123456789eEtrufalsn"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        for _ in 0..<SeededRandom.iterations(default: 3000) {
            let count = Int.random(in: 0...64, using: &random)
            let bytes = (0..<count).map { _ in random.chance(0.8) ? random.pick(alphabet) : UInt8.random(in: 0...255, using: &random) }
            checkNeverCrashes(bytes, seed: seed)
        }
    }

    /// Valid requests damaged the way fuzzers do: bytes flipped, inserted, dropped, ranges
    /// repeated, the tail cut.
    @Test(arguments: SeededRandom.seeds())
    func mutatedRequestsNeverCrash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let specials = Array(#"{}[]:,"\u"#.utf8) + [0x00, 0x0A, 0xC3, 0xED, 0xA0, 0xFF]
        for _ in 0..<SeededRandom.iterations(default: 1500) {
            var bytes = JSONTree.randomRequest(using: &random).render(using: &random)
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: bytes[at] = random.pick(specials)
                case 1: bytes.insert(random.pick(specials), at: at)
                case 2: bytes.remove(at: at)
                case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 16)], at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            checkNeverCrashes(bytes, seed: seed)
        }
    }

    /// Whatever the key order, whitespace, escaping or spelling of integers, the parser reads the
    /// document the oracle wrote, and the canonical form is the oracle's.
    @Test(arguments: SeededRandom.seeds())
    func canonicalFormIsTheOracles(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<SeededRandom.iterations(default: 1000) {
            let tree = JSONTree.random(depth: 5, using: &random)
            let text = tree.render(using: &random)
            let parsed = try JSONParser.parse(text)
            let canonical = JSONWriter.canonical(parsed)
            #expect(canonical == tree.canonical, "seed \(seed): \(String(decoding: text, as: UTF8.self))")
            #expect(JSONWriter.canonical(try JSONParser.parse(canonical)) == canonical, "seed \(seed): canonical form is not a fixed point")
        }
    }

    @Test(arguments: SeededRandom.seeds())
    func keysIgnoreSpellingAndBookkeepingFields(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<SeededRandom.iterations(default: 500) {
            let request = JSONTree.randomRequest(using: &random)
            let plain = try keys(request.render(using: &random))
            #expect(try keys(request.render(using: &random)) == plain, "seed \(seed)")
            guard case .object(var members) = request else { continue }
            let bookkeeping: [(String, JSONTree)] = [
                ("stream", .bool(random.chance(0.5))), ("stream_options", .object([("include_usage", .bool(true))])),
                ("user", .string(JSONTree.randomString(using: &random))), ("metadata", JSONTree.random(depth: 2, using: &random)),
                ("store", .bool(true)), ("service_tier", .string("flex")), ("prompt_cache_key", .string("k")),
                ("safety_identifier", .string("s")),
            ]
            for field in bookkeeping where random.chance(0.5) { members.append(field) }
            #expect(try keys(JSONTree.object(members).render(using: &random)) == plain, "seed \(seed)")
        }
    }

    /// Any other change — one leaf anywhere, or one member's name — is another request, and gets
    /// another exact key. Unicode-equivalent strings are other requests too: providers compare bytes.
    @Test(arguments: SeededRandom.seeds())
    func anyMeaningfulChangeChangesTheExactKey(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var compared = 0
        let iterations = SeededRandom.iterations(default: 1500)
        for _ in 0..<iterations {
            let request = JSONTree.randomRequest(using: &random)
            let path = random.pick(request.leafPaths)
            let changed: JSONTree
            if case .key = path.last {
                let siblings = request.keys(at: path.dropLast()[...])
                let name = random.pick(JSONTree.keyPool + ["renamed"])
                guard !siblings.contains(where: { $0.utf8.elementsEqual(name.utf8) }) else { continue }
                changed = request.replacing(at: path[...], leaf: .null, key: name)
            } else {
                let leaf = JSONTree.randomLeaf(using: &random)
                guard request.value(at: path[...]) != leaf else { continue }
                changed = request.replacing(at: path[...], leaf: leaf, key: "")
            }
            guard let before = try? keys(request.render(using: &random)), let after = try? keys(changed.render(using: &random)) else { continue }
            compared += 1
            #expect(
                before.exact != after.exact,
                "seed \(seed): \(String(decoding: request.canonical, as: UTF8.self)) → \(String(decoding: changed.canonical, as: UTF8.self))")
        }
        #expect(compared > iterations / 2, "seed \(seed): only \(compared) of \(iterations) changes made valid requests")
    }

    /// Nesting far past the limit is refused with an error, not a stack overflow.
    @Test func deepNestingIsRefusedWithoutOverflow() {
        for open in ["[", "{\"a\":", "[{\"a\":"] {
            let deep = Array(String(repeating: open, count: 100_000).utf8)
            #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
            #expect(throws: OpenAIError.self) { try keys(Array(#"{"model":"m","messages":"#.utf8) + deep) }
        }
    }

    /// Hundreds of thousands of members or elements cost linear time: no quadratic duplicate-key
    /// search. (The bound is loose; the quadratic parser took minutes.)
    @Test func hugeObjectsAndArraysParseInLinearTime() throws {
        let members = (0..<200_000).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
        let messages = Array(repeating: #"{"role":"user","content":"hi"}"#, count: 50_000).joined(separator: ",")
        let body = Array(#"{"model":"m",\#(members),"messages":[\#(messages)]}"#.utf8)
        let started = ContinuousClock.now
        let request = try CompletionRequest.parse(body)
        #expect(request.body.members.count == 200_002)
        #expect(request.messages.count == 50_000)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    /// Found by ``anyMeaningfulChangeChangesTheExactKey``: object keys were compared as Swift
    /// strings (Unicode canonical equivalence), so `"café"` composed and decomposed were one key,
    /// one value silently dropped, and two requests a provider tells apart shared an entry.
    @Test func keysEqualOnlyUpToUnicodeAreDistinct() throws {
        let composed = #"{"model":"m","messages":[{"role":"user","content":"x"}],"caf\u00e9":1,"cafe\u0301":2}"#
        let decomposedOnly = #"{"model":"m","messages":[{"role":"user","content":"x"}],"caf\u00e9":2}"#
        let parsed = try JSONParser.parse(Array(composed.utf8))
        #expect(parsed.objectValue?.members.count == 4)
        #expect(try keys(Array(composed.utf8)).exact != (try keys(Array(decomposedOnly.utf8))).exact)
    }
}
