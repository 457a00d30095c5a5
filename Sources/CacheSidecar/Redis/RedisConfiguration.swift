/// Where Redis is and how patiently to talk to it.
///
/// The cache is an optimisation: every timeout here bounds how much latency a slow or absent Redis
/// can add to a request before the sidecar gives up and goes straight to the provider.
public struct RedisConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Sent as `AUTH username password` when set (Redis 6 ACL users); otherwise `AUTH password`.
    public var username: String?
    /// Never printed: ``description`` and reflection redact it.
    public var password: String?
    /// Selected with `SELECT` on every (re)connect when not 0.
    public var database: Int
    /// Bounds TCP connect plus the AUTH/SELECT handshake.
    public var connectTimeout: Duration
    /// Bounds a whole call, from ``RedisClient/send(_:)`` until its reply: queueing for a free connection
    /// plus the round trip. Short on purpose: a slow Redis must not hold requests hostage.
    public var commandTimeout: Duration
    /// Number of pooled connections, spread over the event loops; each pipelines any number of calls.
    public var poolSize: Int
    public var reconnectBackoff: RedisBackoff

    public static let defaultPort = 6379

    public init(
        host: String = "127.0.0.1",
        port: Int = RedisConfiguration.defaultPort,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        connectTimeout: Duration = .seconds(1),
        commandTimeout: Duration = .milliseconds(250),
        poolSize: Int = 4,
        reconnectBackoff: RedisBackoff = RedisBackoff()
    ) {
        precondition(poolSize > 0, "a Redis pool needs at least one connection")
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.poolSize = poolSize
        self.reconnectBackoff = reconnectBackoff
    }
}

extension RedisConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The URL with the password replaced by `***`, plus the tuning knobs: safe to log.
    public var description: String {
        var userInfo = ""
        if username != nil || password != nil {
            userInfo = (username ?? "") + (password != nil ? ":***" : "") + "@"
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "redis://\(userInfo)\(hostPart):\(port)/\(database)"
            + " (pool \(poolSize), connect timeout \(connectTimeout.redisMilliseconds) ms,"
            + " command timeout \(commandTimeout.redisMilliseconds) ms)"
    }

    public var debugDescription: String { description }

    /// Keeps `dump(_:)` and debugger output from showing the password.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "host": host,
                "port": port,
                "username": username as Any,
                "password": password == nil ? "nil" : "***",
                "database": database,
                "connectTimeout": connectTimeout,
                "commandTimeout": commandTimeout,
                "poolSize": poolSize,
                "reconnectBackoff": reconnectBackoff,
            ],
            displayStyle: .struct
        )
    }
}

extension Duration {
    /// Whole milliseconds, for log lines and descriptions.
    var redisMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
