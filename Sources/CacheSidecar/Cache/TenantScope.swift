import Crypto
import HTTPTypes

/// Which tenant's part of the cache a request may read and write.
///
/// By default the scope is a hash of the credentials, so two API keys never share an entry and
/// no credential is ever stored: only this one-way digest appears in keys.
public struct TenantScope: Sendable, Hashable {
    public let id: String

    /// Headers that identify who is calling and on whose account.
    static let credentialHeaders: [HTTPField.Name] = [
        .authorization,
        HTTPField.Name("x-api-key")!,
        HTTPField.Name("api-key")!,
        HTTPField.Name("openai-organization")!,
        HTTPField.Name("openai-project")!,
    ]

    public static let shared = TenantScope(id: "shared")

    init(id: String) { self.id = id }

    public static func of(_ headers: HTTPFields, mode: SidecarConfiguration.CacheScope) -> TenantScope {
        guard mode == .perCredential else { return .shared }
        var hasher = SHA256()
        var any = false
        for name in credentialHeaders {
            for value in headers[values: name] {
                hasher.update(data: Array(name.canonicalName.utf8))
                hasher.update(data: [0x3A])
                hasher.update(data: Array(value.utf8))
                hasher.update(data: [0x0A])
                any = true
            }
        }
        guard any else { return TenantScope(id: "anonymous") }
        return TenantScope(id: "t" + hasher.finalize().prefix(12).hexString)
    }
}

extension Sequence<UInt8> {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
