import Logging

extension RedisResponseStore {
    /// Follows `<prefix>events` with `XREAD BLOCK` on a connection of its own (a blocking read
    /// must not hold one of the pool's connections) and hands each change to `apply`.
    ///
    /// Starts after the stream's current last event: contexts load their snapshot from Redis, so
    /// only later changes matter. After a lost connection, or when this sidecar has fallen behind
    /// the stream's trimmed start, it asks for a reset — the index then reloads lazily — because
    /// changes may have been missed.
    public func followChanges(_ apply: @escaping @Sendable (IndexChange) -> Void) async {
        var backoff = Duration.milliseconds(100)
        var cursor: String?
        while !Task.isCancelled {
            do {
                let start: String
                if let cursor { start = cursor } else { start = try await lastEventID() }
                cursor = start
                let eventsKey = self.eventsKey
                cursor = try await redis.withDedicatedConnection { connection in
                    var position = start
                    while !connection.isInterrupted {
                        let reply = try connection.send(
                            RedisCommand("XREAD", "COUNT", "512", "BLOCK", "1000", "STREAMS", eventsKey, position), timeout: .seconds(5))
                        guard let streams = reply.array else { continue }
                        for stream in streams {
                            guard let events = stream.array?.last?.array else { continue }
                            for event in events {
                                guard let parts = event.array, parts.count == 2, let id = parts[0].string else { continue }
                                position = id
                                if let change = Self.change(from: parts[1]) { apply(change) }
                            }
                        }
                    }
                    return position
                }
                backoff = .milliseconds(100)
            } catch {
                if Task.isCancelled { return }
                logger.debug("change feed interrupted", metadata: ["error": "\(error)"])
                // Changes may have been missed while the connection was down.
                apply(.reset)
                cursor = nil
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(2))
            }
        }
    }

    /// The id of the newest event, or `0-0` for an empty stream.
    private func lastEventID() async throws -> String {
        let reply = try await redis.send(RedisCommand("XREVRANGE", eventsKey, "+", "-", "COUNT", "1"))
        return reply.array?.first?.array?.first?.string ?? "0-0"
    }

    static func change(from fields: RedisReply) -> IndexChange? {
        guard let flat = fields.array else { return nil }
        var values: [String: RedisReply] = [:]
        var i = 0
        while i + 1 < flat.count {
            if let name = flat[i].string { values[name] = flat[i + 1] }
            i += 2
        }
        guard let op = values["op"]?.string, let context = values["ctx"]?.string,
            let key = values["key"]?.string, let id = EntryID(hex: key)
        else { return nil }
        switch op {
        case "add":
            guard let expiresAt = values["exp"]?.string.flatMap({ Int64($0) }),
                let bytes = values["vec"]?.bytes, let vector = VectorCoding.decode(bytes)
            else { return nil }
            return .upsert(context: context, id: id, vector: vector, expiresAt: expiresAt)
        case "del":
            return .remove(context: context, id: id)
        default:
            return nil
        }
    }
}
