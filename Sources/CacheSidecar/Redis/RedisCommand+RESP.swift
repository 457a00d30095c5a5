import NIOCore

extension ByteBuffer {
    /// Appends `command` as a RESP array of bulk strings, which is how clients send commands:
    /// `*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`. Binary-safe: every argument is length-prefixed.
    mutating func writeRedisCommand(_ command: RedisCommand) {
        writeRESPHeader(marker: UInt8(ascii: "*"), count: command.arguments.count)
        for argument in command.arguments {
            writeRESPHeader(marker: UInt8(ascii: "$"), count: argument.count)
            writeBytes(argument)
            writeRESPLineEnd()
        }
    }

    private mutating func writeRESPHeader(marker: UInt8, count: Int) {
        writeInteger(marker)
        writeString(String(count))
        writeRESPLineEnd()
    }

    private mutating func writeRESPLineEnd() {
        writeInteger(UInt16(0x0D0A), endianness: .big)
    }
}

extension [RedisCommand] {
    /// The RESP bytes of all commands back to back, sized up front so the buffer grows once.
    func respEncoded(allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        let payload = reduce(0) { total, command in
            command.arguments.reduce(total + 16) { $0 + $1.count + 16 }
        }
        var buffer = allocator.buffer(capacity: payload)
        for command in self {
            buffer.writeRedisCommand(command)
        }
        return buffer
    }
}
