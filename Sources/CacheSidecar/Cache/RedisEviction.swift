extension RedisResponseStore {
    /// Evicts the exact keys given. Each entry's own hash says which model, scope and context
    /// sets hold it; a semantic entry's deletion goes on the change stream as `op=del`.
    /// KEYS: events. ARGV: prefix, stream length, set being drained (or ""), exact keys…
    static let evictScript = """
        local p = ARGV[1]
        local deleted = 0
        for i = 4, #ARGV do
          local k = ARGV[i]
          local e = p .. 'e:' .. k
          local f = redis.call('HMGET', e, 'model', 'scope', 'ctx')
          deleted = deleted + redis.call('DEL', e)
          if f[1] then redis.call('ZREM', p .. 'm:' .. f[1], k) end
          if f[2] then redis.call('ZREM', p .. 's:' .. f[2], k) end
          if f[3] then
            redis.call('ZREM', p .. 'c:' .. f[3], k)
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'op', 'del', 'ctx', f[3], 'key', k)
          end
          if ARGV[3] ~= '' then redis.call('ZREM', ARGV[3], k) end
        end
        return deleted
        """

    /// Keys evicted per script run: large sets are drained in batches so that Redis, which runs
    /// a script to its end, keeps answering lookups in between.
    static let evictionBatch = 500

    public func evict(_ selection: EntrySelection) async throws -> Int {
        switch selection {
        case .key(let key):
            return try await evict(keys: [key], drained: nil)
        case .model(let model):
            let evicted = try await drain(modelKey(model))
            try check(await redis.send(RedisCommand("SREM", modelsKey, model)))
            return evicted
        case .scope(let scope):
            return try await drain(scopeKey(scope))
        case .all:
            let models = try await redis.send(RedisCommand("SMEMBERS", modelsKey)).array?.compactMap(\.string) ?? []
            var evicted = 0
            for model in models { evicted += try await evict(.model(model)) }
            return evicted
        }
    }

    /// Evicts every key of a membership set, expired ones included, until the set is gone.
    private func drain(_ set: String) async throws -> Int {
        var evicted = 0
        while true {
            let keys = try await redis.send(RedisCommand("ZRANGE", set, "0", String(Self.evictionBatch - 1))).array?.compactMap(\.string) ?? []
            if keys.isEmpty { return evicted }
            evicted += try await evict(keys: keys, drained: set)
        }
    }

    private func evict(keys: [String], drained set: String?) async throws -> Int {
        let arguments: [any RedisArgument] = [Self.evictScript, "1", eventsKey, prefix, String(Self.changeStreamLength), set ?? ""] + keys
        let reply = try check(await redis.send(RedisCommand("EVAL", arguments: arguments)))
        return Int(reply.integer ?? 0)
    }

    public func entryCounts(models: [String]) async throws -> [String: Int] {
        guard !models.isEmpty else { return [:] }
        let now = String(WallClock.milliseconds + 1)
        let replies = try await redis.pipeline(models.map { RedisCommand("ZCOUNT", modelKey($0), now, "+inf") })
        var counts: [String: Int] = [:]
        for (model, reply) in zip(models, replies) {
            try check(reply)
            counts[model] = Int(reply.integer ?? 0)
        }
        return counts
    }

    @discardableResult
    func check(_ reply: RedisReply) throws -> RedisReply {
        if let message = reply.errorMessage { throw StoreError.refused(message) }
        return reply
    }
}
