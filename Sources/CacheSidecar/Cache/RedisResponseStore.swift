import Logging

/// Keeps cached answers in Redis. See docs/ARCHITECTURE.md, "Redis key layout":
///
/// - `<prefix>e:<exact key>`: hash — `body`, `created`, `model`, `pt`, `ct`, `scope`, and for
///   semantic entries `ctx`, `prompt`, `vec` (float32, little-endian); expires with the entry.
/// - `<prefix>c:<context key>`: sorted set of the context's exact keys, scored by expiry time,
///   so a sidecar can load a context's vectors; expires with its longest-lived entry.
/// - `<prefix>m:<model>`, `<prefix>s:<scope>`: sorted sets of every exact key by model and by
///   tenant scope, scored by expiry, so the admin API can invalidate them and `/stats` count them.
/// - `<prefix>models`: set of the model names ever stored, to invalidate everything.
/// - `<prefix>events`: stream of index changes (`op`, `ctx`, `key`, `exp`, `vec`) that every
///   sidecar follows, so an entry stored through one is found through the others at once.
/// - `<prefix>t:<context key>`: a context's similarity floor, raised by wrong-hit reports.
///
/// An entry is written by one Lua script: it never exists without its expiry, index membership
/// and change event.
public struct RedisResponseStore: ResponseStore {
    let redis: RedisClient
    let prefix: String
    let logger: Logger
    /// Events kept in the change stream; a sidecar further behind than this reloads its index.
    static let changeStreamLength = 100_000

    public init(redis: RedisClient, prefix: String = "cs:v1:", logger: Logger = Logger(label: "cache-sidecar.redis-store")) {
        self.redis = redis
        self.prefix = prefix
        self.logger = logger
    }

    func entryKey(_ key: String) -> String { prefix + "e:" + key }
    func contextKey(_ context: String) -> String { prefix + "c:" + context }
    func modelKey(_ model: String) -> String { prefix + "m:" + model }
    func scopeKey(_ scope: String) -> String { prefix + "s:" + scope }
    func floorKey(_ context: String) -> String { prefix + "t:" + context }
    var modelsKey: String { prefix + "models" }
    var eventsKey: String { prefix + "events" }

    static let readFields = ["body", "created", "model", "pt", "ct", "scope", "ctx", "prompt"]

    public func entry(forKey key: String) async throws -> CachedCompletion? {
        let reply = try await redis.send(RedisCommand("HMGET", arguments: [entryKey(key)] + Self.readFields))
        return try Self.completion(from: reply, fields: Self.readFields)
    }

    /// One pipelined round trip; each semantic entry comes with its stored vector.
    public func entriesWithVectors(forKeys keys: [String]) async throws -> [CachedCompletion?] {
        let fields = Self.readFields + ["vec"]
        let replies = try await redis.pipeline(keys.map { RedisCommand("HMGET", arguments: [entryKey($0)] + fields) })
        return try replies.map { try Self.completion(from: $0, fields: fields) }
    }

    /// An entry from an HMGET of `readFields`, and `vec` after them if asked for.
    private static func completion(from reply: RedisReply, fields: [String]) throws -> CachedCompletion? {
        if let message = reply.errorMessage { throw StoreError.refused(message) }
        guard let values = reply.array, values.count == fields.count, let body = values[0].bytes else { return nil }
        func text(_ i: Int) -> String? { values[i].bytes.map { String(decoding: $0, as: UTF8.self) } }
        func number(_ i: Int) -> Int64 { text(i).flatMap { Int64($0) } ?? 0 }
        var semantic: SemanticFields?
        if let context = text(6), let prompt = text(7) {
            let vector = fields.count > 8 ? values[8].bytes.flatMap(VectorCoding.decode) ?? [] : []
            semantic = SemanticFields(context: context, prompt: prompt, vector: vector)
        }
        return CachedCompletion(
            body: body, storedAtMilliseconds: number(1), model: text(2) ?? "",
            promptTokens: Int(number(3)), completionTokens: Int(number(4)), scope: text(5) ?? "", semantic: semantic)
    }

    /// KEYS: entry, context set (or ""), events, model set, scope set, models. ARGV: ttl ms, expiry ms,
    /// exact key, context, now ms, vector, stream length, model, then the hash's field/value pairs.
    static let saveScript = """
        local function member(set, ttl, expiry, key, now)
          redis.call('ZADD', set, expiry, key)
          redis.call('ZREMRANGEBYSCORE', set, '-inf', now)
          if redis.call('PTTL', set) < tonumber(ttl) then redis.call('PEXPIRE', set, ttl) end
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 9))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        member(KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[5])
        member(KEYS[5], ARGV[1], ARGV[2], ARGV[3], ARGV[5])
        redis.call('SADD', KEYS[6], ARGV[8])
        if KEYS[2] ~= '' then
          member(KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[5])
          redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], '*', 'op', 'add', 'ctx', ARGV[4], 'key', ARGV[3], 'exp', ARGV[2], 'vec', ARGV[6])
        end
        return 1
        """

    public func save(_ entry: CachedCompletion, forKey key: String, ttl: Duration) async throws {
        let milliseconds = max(1, ttl.components.seconds * 1000 + ttl.components.attoseconds / 1_000_000_000_000_000)
        let now = entry.storedAtMilliseconds
        var fields: [any RedisArgument] = [
            "body", entry.body, "created", String(now), "model", entry.model,
            "pt", String(entry.promptTokens), "ct", String(entry.completionTokens), "scope", entry.scope,
        ]
        var vector: [UInt8] = []
        if let semantic = entry.semantic {
            vector = VectorCoding.encode(semantic.vector)
            fields += ["ctx", semantic.context, "prompt", semantic.prompt, "vec", vector]
        }
        let arguments: [any RedisArgument] = [
            Self.saveScript, "6", entryKey(key), entry.semantic.map { contextKey($0.context) } ?? "", eventsKey,
            modelKey(entry.model), scopeKey(entry.scope), modelsKey,
            String(milliseconds), String(now + milliseconds), key, entry.semantic?.context ?? "", String(now),
            vector, String(Self.changeStreamLength), entry.model,
        ] + fields
        let reply = try await redis.send(RedisCommand("EVAL", arguments: arguments))
        if let message = reply.errorMessage { throw StoreError.refused(message) }
    }

    public func isReachable() async -> Bool {
        await redis.ping()
    }

    public func vectors(inContext context: String) async throws -> [IndexedVector] {
        let now = WallClock.milliseconds
        let members = try await redis.send(RedisCommand("ZRANGEBYSCORE", contextKey(context), String(now + 1), "+inf", "WITHSCORES"))
        guard let flat = members.array, !flat.isEmpty else { return [] }
        var keys: [(EntryID, String, Int64)] = []
        var i = 0
        while i + 1 < flat.count {
            if let key = flat[i].string, let id = EntryID(hex: key), let score = flat[i + 1].string.flatMap(Double.init) {
                keys.append((id, key, Int64(score)))
            }
            i += 2
        }
        var vectors: [IndexedVector] = []
        vectors.reserveCapacity(keys.count)
        for chunk in stride(from: 0, to: keys.count, by: 1000) {
            let slice = keys[chunk..<min(chunk + 1000, keys.count)]
            let replies = try await redis.pipeline(slice.map { RedisCommand("HGET", entryKey($0.1), "vec") })
            for ((id, _, expiresAt), reply) in zip(slice, replies) {
                guard let bytes = reply.bytes, let vector = VectorCoding.decode(bytes) else { continue }
                vectors.append(IndexedVector(id: id, vector: vector, expiresAt: expiresAt))
            }
        }
        return vectors
    }

    enum StoreError: Error, CustomStringConvertible {
        case refused(String)
        var description: String {
            switch self {
            case .refused(let message): "Redis refused the command: \(message)"
            }
        }
    }
}

/// Vectors as Redis stores them: float32, little-endian, packed.
enum VectorCoding {
    static func encode(_ vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> [Float]? {
        guard bytes.count % 4 == 0, !bytes.isEmpty else { return nil }
        return stride(from: 0, to: bytes.count, by: 4).map { i in
            let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            return Float(bitPattern: UInt32(littleEndian: bits))
        }
    }
}
