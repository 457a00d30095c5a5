/// Why a Redis URL was rejected. Messages name the offending part but never repeat the URL,
/// because it may carry a password.
public enum RedisConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case tlsNotSupported
    case missingScheme
    case unsupportedScheme(String)
    case missingHost
    case invalidPort(String)
    case invalidDatabase(String)
    /// The part before `@` is neither `user:password` nor `:password`.
    case invalidUserInfo(String)
    case unsupportedQueryOrFragment

    public var description: String {
        switch self {
        case .tlsNotSupported:
            "Redis URL: TLS not supported (rediss://); use redis:// on a trusted network"
        case .missingScheme:
            "Redis URL: missing scheme, expected redis://[:password@]host:port[/db]"
        case .unsupportedScheme(let scheme):
            "Redis URL: unsupported scheme '\(scheme)', expected redis://[:password@]host:port[/db]"
        case .missingHost:
            "Redis URL: missing host, expected redis://[:password@]host:port[/db]"
        case .invalidPort(let port):
            "Redis URL: invalid port '\(port)', expected a number from 1 to 65535"
        case .invalidDatabase(let database):
            "Redis URL: invalid database '\(database)', expected a non-negative number such as /0"
        case .invalidUserInfo(let problem):
            "Redis URL: invalid credentials: \(problem)"
        case .unsupportedQueryOrFragment:
            "Redis URL: query parameters and fragments are not supported"
        }
    }
}

extension RedisConfiguration {
    /// Parses `redis://[[user]:password@]host[:port][/db]`; the other settings keep their defaults.
    ///
    /// User and password may be percent-encoded (`%40` for `@`). IPv6 hosts go in brackets.
    public init(url: String) throws(RedisConfigurationError) {
        self.init()
        guard let schemeEnd = url.firstRange(of: "://") else { throw .missingScheme }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme != "rediss" else { throw .tlsNotSupported }
        guard scheme == "redis" else { throw .unsupportedScheme(scheme) }

        var rest = url[schemeEnd.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw .unsupportedQueryOrFragment }

        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            try parseUserInfo(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        try parseHostAndPort(rest)
        if !path.isEmpty {
            guard let database = Int(path), database >= 0 else { throw .invalidDatabase(String(path)) }
            self.database = database
        }
    }

    private mutating func parseUserInfo(_ userInfo: Substring) throws(RedisConfigurationError) {
        guard let colon = userInfo.firstIndex(of: ":") else {
            throw .invalidUserInfo("expected user:password or :password before '@'")
        }
        let user = try Self.percentDecoded(userInfo[..<colon], what: "user")
        let password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], what: "password")
        guard !password.isEmpty else { throw .invalidUserInfo("empty password") }
        self.username = user.isEmpty ? nil : user
        self.password = password
    }

    private mutating func parseHostAndPort(_ hostAndPort: Substring) throws(RedisConfigurationError) {
        var host: Substring
        var port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { throw .missingHost }
            host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
            let afterHost = hostAndPort[hostAndPort.index(after: close)...]
            if afterHost.hasPrefix(":") {
                port = afterHost.dropFirst()
            } else if !afterHost.isEmpty {
                throw .invalidPort(String(afterHost))
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            host = hostAndPort[..<colon]
            port = hostAndPort[hostAndPort.index(after: colon)...]
        } else {
            host = hostAndPort
        }
        guard !host.isEmpty else { throw .missingHost }
        self.host = String(host)
        if let port {
            guard let number = Int(port), (1...65535).contains(number) else { throw .invalidPort(String(port)) }
            self.port = number
        }
    }

    /// Decodes `%XX` escapes. Errors say which field is broken, never what it contained.
    private static func percentDecoded(_ text: Substring, what: String) throws(RedisConfigurationError) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .invalidUserInfo("bad percent-encoding in the \(what)")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
