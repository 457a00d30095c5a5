@testable import CacheSidecar

/// Parses JSON written in a test; fixtures are hand-written in OpenAI's documented wire format.
func json(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
}

/// Canonical text, so comparisons ignore member order and `1` vs `1.0`.
func canonical(_ value: JSONValue?) -> String? {
    value.map { String(decoding: JSONWriter.canonical($0), as: UTF8.self) }
}

/// Feeds raw stream bytes, in the given reads, to an assembler, as the miss path does.
func assemble(_ pieces: [[UInt8]]) -> CompletionStreamAssembler {
    var assembler = CompletionStreamAssembler()
    for piece in pieces { assembler.feed(piece) }
    assembler.finish()
    return assembler
}

func assemble(_ stream: String) -> CompletionStreamAssembler {
    assemble([Array(stream.utf8)])
}

/// The byte stream cut at `offset` into two reads.
func split(_ bytes: [UInt8], at offset: Int) -> [[UInt8]] {
    [Array(bytes[..<offset]), Array(bytes[offset...])]
}
