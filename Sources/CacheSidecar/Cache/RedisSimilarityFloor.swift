extension RedisResponseStore {
    /// How long a raised floor is kept after its last raise: as long as the longest TTL an entry
    /// may have, so no entry of the context outlives the lesson.
    static let floorLifetime = Duration.seconds(30 * 24 * 3600)

    public func similarityFloor(context: String) async throws -> Double? {
        let reply = try check(await redis.send(RedisCommand("GET", floorKey(context))))
        return reply.string.flatMap(Double.init)
    }

    /// KEYS: floor. ARGV: proposed floor, lifetime ms.
    static let raiseFloorScript = """
        local floor = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') or 0, tonumber(ARGV[1]))
        redis.call('SET', KEYS[1], string.format('%.4f', floor), 'PX', ARGV[2])
        return string.format('%.4f', floor)
        """

    public func raiseSimilarityFloor(context: String, to floor: Double) async throws -> Double {
        let lifetime = Self.floorLifetime.components.seconds * 1000
        let reply = try check(await redis.send(RedisCommand(
            "EVAL", arguments: [Self.raiseFloorScript, "1", floorKey(context), String(floor), String(lifetime)])))
        return reply.string.flatMap(Double.init) ?? floor
    }
}
