import CBlas

/// Encodes many texts in as few forward passes as the token budget allows, and gives each its
/// vector — and, only where asked for, its token states, copied out of the pass's
/// scratch before the next pass overwrites it (the one cost of asking: a copy and a norm per token).
struct EncodingPass {
    /// One text and whether its token states are wanted.
    struct Request: Sendable {
        var text: String
        var tokenStates: Bool
    }

    enum Output: Sendable {
        case vector([Float])
        case tokenStates(TokenStates)

        var vector: [Float] {
            switch self {
            case .vector(let vector): vector
            case .tokenStates(let states): states.vector
            }
        }
    }

    let tokenizer: BertTokenizer
    let encoder: BertEncoder
    let workspaces: WorkspacePool
    let maxTokensPerPass: Int
    /// Tokenizes here, on the embedder's thread, not the caller's.
    func run(_ requests: [Request]) -> [Output] {
        encode(requests.map { tokenizer.encode($0.text) }, tokenStates: requests.map(\.tokenStates))
    }

    /// Sequences of ids incl. `[CLS]`/`[SEP]`, with whether each one's token states are wanted.
    func encode(_ sequences: [[Int32]], tokenStates wanted: [Bool]) -> [Output] {
        if sequences.isEmpty { return [] }
        let h = encoder.config.hiddenSize
        let ws = workspaces.take()
        defer { workspaces.give(ws) }
        let output = UnsafeMutablePointer<Float>.allocate(capacity: sequences.count * h)
        defer { output.deallocate() }
        var states: [Int: TokenStates] = [:]
        // Split into passes of at most maxTokensPerPass packed tokens (bounds scratch memory).
        var start = 0
        while start < sequences.count {
            var end = start
            var tokens = 0
            while end < sequences.count, end == start || tokens + sequences[end].count <= maxTokensPerPass {
                tokens += sequences[end].count
                end += 1
            }
            encoder.encode(Array(sequences[start..<end]), workspace: ws, output: output + start * h)
            var row = 0
            for i in start..<end {
                if wanted[i] { states[i] = tokenStates(sequences[i], rows: ws.hidden + row * h, vector: output + i * h, h: h) }
                row += sequences[i].count
            }
            start = end
        }
        return sequences.indices.map { i in
            states[i].map(Output.tokenStates) ?? .vector(Array(UnsafeBufferPointer(start: output + i * h, count: h)))
        }
    }

    /// The sequence's rows without `[CLS]` and `[SEP]`, each scaled to unit length.
    private func tokenStates(_ ids: [Int32], rows: UnsafePointer<Float>, vector: UnsafePointer<Float>, h: Int) -> TokenStates {
        let inner = max(0, ids.count - 2)
        var states = [Float](unsafeUninitializedCapacity: inner * h) { buffer, count in
            buffer.baseAddress!.update(from: rows + h, count: inner * h)
            count = inner * h
        }
        states.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<inner {
                let p = buffer.baseAddress! + r * h
                cblas_sscal(Int32(h), 1 / max(cblas_snrm2(Int32(h), p, 1), 1e-9), p, 1)
            }
        }
        return TokenStates(
            vector: Array(UnsafeBufferPointer(start: vector, count: h)),
            tokens: ids.dropFirst().dropLast().map { tokenizer.tokens[Int($0)] }, states: states)
    }
}
