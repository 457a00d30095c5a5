@testable import Embeddings
import Foundation
import Testing

/// The reader on small hand-made files, including the ways a file can be wrong.
@Suite struct SafeTensorsTests {
    static func write(header: String, data: [UInt8]) throws -> String {
        var bytes = [UInt8]()
        let h = Array(header.utf8)
        withUnsafeBytes(of: UInt64(h.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += h + data
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("st-\(UUID().uuidString).safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func floats(_ v: [Float]) -> [UInt8] {
        v.flatMap { f in withUnsafeBytes(of: f.bitPattern.littleEndian) { Array($0) } }
    }

    @Test func readsF32TensorsInPlace() throws {
        let path = try Self.write(
            header: #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"ids":{"dtype":"I64","shape":[1],"data_offsets":[16,24]}}"#,
            data: Self.floats([1, 2, 3, 4]) + [UInt8](repeating: 0, count: 8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SafeTensorsFile(path: path)
        #expect(Array(try file.float32("a", shape: [2, 2])) == [1, 2, 3, 4])
        #expect(throws: EmbeddingsError.unexpectedTensor(path: path, name: "a", reason: "shape [2, 2], expected [4]")) {
            try file.float32("a", shape: [4])
        }
        #expect(throws: EmbeddingsError.unexpectedTensor(path: path, name: "ids", reason: "dtype I64, expected F32")) {
            try file.float32("ids", shape: [1])
        }
        #expect(throws: EmbeddingsError.missingTensor(path: path, name: "b")) {
            try file.float32("b", shape: [1])
        }
    }

    @Test func rejectsBrokenFiles() throws {
        let outOfRange = try Self.write(header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: Self.floats([1]))
        let wrongSize = try Self.write(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,4]}}"#, data: Self.floats([1]))
        let notJSON = try Self.write(header: "not json", data: [])
        defer { for p in [outOfRange, wrongSize, notJSON] { try? FileManager.default.removeItem(atPath: p) } }
        for path in [outOfRange, wrongSize, notJSON] {
            #expect(throws: EmbeddingsError.self) { try SafeTensorsFile(path: path) }
        }
        #expect(throws: EmbeddingsError.fileMissing(path: "/nonexistent.safetensors")) {
            try SafeTensorsFile(path: "/nonexistent.safetensors")
        }
    }
}
