/// A parsed JSON document.
///
/// The sidecar parses request bodies itself (rather than through `Codable`) because it needs
/// the exact structure to build cache keys, must refuse pathological input with a clear error,
/// and forwards the client's original bytes upstream untouched.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Integers that fit in 64 bits stay exact (seeds, token limits).
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a key given twice keeps its last value (as most parsers do).
    case object(JSONObject)
}

/// Object members in document order, with unique keys.
///
/// Keys are compared by their UTF-8 bytes, as providers' parsers compare them, not by Swift's
/// `==` (Unicode canonical equivalence): `"café"` composed and decomposed are two members.
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = []
        for (key, value) in members { self[key] = value }
    }

    /// Members whose keys are already unique by bytes (the parser's, which checks in linear time).
    init(uniqueMembers: [(key: String, value: JSONValue)]) {
        self.members = uniqueMembers
    }

    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key.utf8.elementsEqual(key.utf8) })?.value }
        set {
            let index = members.firstIndex(where: { $0.key.utf8.elementsEqual(key.utf8) })
            switch (index, newValue) {
            case (let i?, let v?): members[i].value = v
            case (let i?, nil): members.remove(at: i)
            case (nil, let v?): members.append((key, v))
            case (nil, nil): break
            }
        }
    }

    public var keys: [String] { members.map(\.key) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && $0.value == $1.value }
    }
}

/// A dictionary key that is a string's bytes, for finding duplicate members by bytes in O(1).
struct ExactKey: Hashable {
    var string: String

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { lhs.string.utf8.elementsEqual(rhs.string.utf8) }

    func hash(into hasher: inout Hasher) {
        var string = string
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Integral numbers, whether written `8` or `8.0`.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int64(d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
