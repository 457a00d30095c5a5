import NIOCore

/// A command as Redis receives it: a list of binary-safe arguments, the first being the name.
///
///     RedisCommand("HSET", key, "body", bytes)
public struct RedisCommand: Sendable, Hashable {
    public private(set) var arguments: [[UInt8]]

    public init(_ name: String, _ arguments: any RedisArgument...) {
        self.init(name, arguments: arguments)
    }

    public init(_ name: String, arguments: [any RedisArgument]) {
        self.arguments = [Array(name.utf8)]
        self.arguments.reserveCapacity(arguments.count + 1)
        for argument in arguments {
            self.arguments.append(argument.redisArgumentBytes)
        }
    }

    public mutating func append(_ argument: any RedisArgument) {
        arguments.append(argument.redisArgumentBytes)
    }

    /// The command name, e.g. `HSET`: safe to log, unlike the arguments.
    public var name: String { String(decoding: arguments[0], as: UTF8.self) }
}

extension RedisCommand: CustomStringConvertible {
    /// Name and argument count only: arguments hold keys and cached bodies that do not belong in logs.
    public var description: String { "\(name) (\(arguments.count - 1) arguments)" }
}

/// A value that can be sent as one Redis argument.
public protocol RedisArgument {
    var redisArgumentBytes: [UInt8] { get }
}

extension [UInt8]: RedisArgument {
    public var redisArgumentBytes: [UInt8] { self }
}

extension ArraySlice<UInt8>: RedisArgument {
    public var redisArgumentBytes: [UInt8] { Array(self) }
}

extension String: RedisArgument {
    public var redisArgumentBytes: [UInt8] { Array(utf8) }
}

extension Substring: RedisArgument {
    public var redisArgumentBytes: [UInt8] { Array(utf8) }
}

extension ByteBuffer: RedisArgument {
    public var redisArgumentBytes: [UInt8] { Array(readableBytesView) }
}

/// Integers go over the wire as decimal text, which is how Redis parses counts, TTLs and scores.
extension RedisArgument where Self: BinaryInteger {
    public var redisArgumentBytes: [UInt8] { Array(String(self).utf8) }
}

extension Int: RedisArgument {}
extension Int64: RedisArgument {}
extension Int32: RedisArgument {}
extension UInt: RedisArgument {}
extension UInt64: RedisArgument {}
extension UInt32: RedisArgument {}
