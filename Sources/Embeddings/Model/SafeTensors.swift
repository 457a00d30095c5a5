import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only, memory-mapped `.safetensors` file.
///
/// Format: an 8-byte little-endian header length, a JSON header mapping tensor names to
/// `{dtype, shape, data_offsets}`, then the raw little-endian data. Mapping instead of reading
/// keeps load time near zero and lets the kernel page in only what is used (most of the
/// 47 MB word-embedding table is never touched), and the pages are shared between processes.
public final class SafeTensorsFile: @unchecked Sendable {
    public struct TensorInfo: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range relative to the start of the data section.
        public let begin: Int
        public let end: Int
    }

    public let path: String
    public let tensors: [String: TensorInfo]
    private let base: UnsafeRawPointer
    private let mappedLength: Int
    private let dataStart: Int
    private let lock = NSLock()
    private var copies: [String: UnsafeMutableBufferPointer<Float>] = [:]

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw EmbeddingsError.fileMissing(path: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw EmbeddingsError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw EmbeddingsError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(st.st_size)
        guard size >= 8 else { throw EmbeddingsError.invalidFormat(path: path, reason: "file is \(size) bytes") }
        guard let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw EmbeddingsError.unreadableFile(path: path, reason: "mmap: " + String(cString: strerror(errno)))
        }
        let base = UnsafeRawPointer(raw)
        do {
            let headerLength = Int(UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)))
            guard headerLength > 0, headerLength <= size - 8 else {
                throw EmbeddingsError.invalidFormat(path: path, reason: "header length \(headerLength) exceeds file size \(size)")
            }
            let headerData = Data(bytes: base + 8, count: headerLength)
            self.tensors = try Self.parseHeader(headerData, dataLength: size - 8 - headerLength, path: path)
            self.dataStart = 8 + headerLength
        } catch {
            munmap(raw, size)
            throw error
        }
        self.base = base
        self.mappedLength = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        for copy in copies.values { copy.deallocate() }
    }

    /// An F32 tensor of exactly `shape`, viewed in place. Throws for a missing tensor, another
    /// dtype or another shape, so a wrong or truncated model never loads silently.
    /// Aligned data is viewed in place; the pointer lives as long as this object.
    public func float32(_ name: String, shape: [Int]) throws -> UnsafeBufferPointer<Float> {
        guard let info = tensors[name] else { throw EmbeddingsError.missingTensor(path: path, name: name) }
        guard info.dtype == "F32" else {
            throw EmbeddingsError.unexpectedTensor(path: path, name: name, reason: "dtype \(info.dtype), expected F32")
        }
        guard info.shape == shape else {
            throw EmbeddingsError.unexpectedTensor(path: path, name: name, reason: "shape \(info.shape), expected \(shape)")
        }
        let start = base + dataStart + info.begin
        let count = (info.end - info.begin) / 4
        if Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 {
            return UnsafeBufferPointer(start: start.assumingMemoryBound(to: Float.self), count: count)
        }
        // The format does not promise alignment (the usual writer pads the header so that it
        // holds); an unaligned tensor is copied once into owned memory.
        lock.lock()
        defer { lock.unlock() }
        if let copy = copies[name] { return UnsafeBufferPointer(copy) }
        let copy = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
        UnsafeMutableRawBufferPointer(copy).copyMemory(from: UnsafeRawBufferPointer(start: start, count: count * 4))
        copies[name] = copy
        return UnsafeBufferPointer(copy)
    }

    /// Drops this process's resident pages that lie entirely inside the named tensors (after
    /// they were copied elsewhere); touching them again would just fault them back in.
    public func releasePages(ofTensors names: [String]) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let ranges = names.compactMap { tensors[$0] }.map { (dataStart + $0.begin, dataStart + $0.end) }.sorted { $0.0 < $1.0 }
        // Merge adjacent tensors so pages shared by neighbours are released too.
        var merged: [(Int, Int)] = []
        for r in ranges {
            if let last = merged.last, r.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, r.1) } else { merged.append(r) }
        }
        for (begin, end) in merged {
            let first = (begin + page - 1) / page * page
            let last = end / page * page
            if last > first {
                _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED)
            }
        }
    }

    private static let elementSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    static func parseHeader(_ data: Data, dataLength: Int, path: String) throws -> [String: TensorInfo] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw EmbeddingsError.invalidFormat(path: path, reason: "header is not JSON: \(error)")
        }
        guard let object = json as? [String: Any] else {
            throw EmbeddingsError.invalidFormat(path: path, reason: "header is not a JSON object")
        }
        var result: [String: TensorInfo] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2
            else {
                throw EmbeddingsError.invalidFormat(path: path, reason: "malformed header entry for \(name)")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw EmbeddingsError.invalidFormat(path: path, reason: "\(name) data_offsets [\(begin), \(end)] outside the data (\(dataLength) bytes)")
            }
            if let size = elementSizes[dtype] {
                let count = shape.reduce(1, *)
                guard shape.allSatisfy({ $0 >= 0 }), count * size == end - begin else {
                    throw EmbeddingsError.invalidFormat(path: path, reason: "\(name) shape \(shape) does not match its \(end - begin) bytes")
                }
            }
            result[name] = TensorInfo(dtype: dtype, shape: shape, begin: begin, end: end)
        }
        return result
    }
}
