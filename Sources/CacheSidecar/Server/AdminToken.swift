import Crypto
import HTTPTypes

/// The admin API's bearer token, checked in constant time: both sides are hashed first, so
/// neither the length nor any prefix of the token can be learned from how long a refusal takes.
struct AdminToken: Sendable {
    private let digest: [UInt8]

    init(_ token: String) {
        digest = Array(SHA256.hash(data: Array(token.utf8)))
    }

    func accepts(_ headers: HTTPFields) -> Bool {
        guard let value = headers[.authorization], value.hasPrefix("Bearer ") else { return false }
        let offered = Array(SHA256.hash(data: Array(value.dropFirst("Bearer ".count).utf8)))
        var difference: UInt8 = 0
        for (a, b) in zip(digest, offered) { difference |= a ^ b }
        return difference == 0
    }
}
