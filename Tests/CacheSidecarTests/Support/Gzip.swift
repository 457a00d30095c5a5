/// Minimal gzip encoder for the fake provider: the deflate stream uses only "stored" (uncompressed)
/// blocks, which every decoder must accept. Enough to prove that the client decodes `gzip`.
enum Gzip {
    static func encode(_ data: [UInt8]) -> [UInt8] {
        // Magic, deflate, no flags, no mtime, no extra flags, unknown OS.
        var out: [UInt8] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]
        var offset = 0
        repeat {
            let count = min(0xffff, data.count - offset)
            let isFinal = offset + count == data.count
            out.append(isFinal ? 1 : 0)  // BFINAL bit, BTYPE 00 = stored, padded to the byte.
            out += littleEndian(UInt16(count)) + littleEndian(~UInt16(count))
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        out += littleEndian(crc32(data)) + littleEndian(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc >> 1) ^ (0xedb8_8320 & (0 &- (crc & 1)))
            }
        }
        return ~crc
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
