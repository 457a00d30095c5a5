import CBlas

/// The BERT encoder forward pass with mean pooling and L2 normalisation.
///
/// Batches are *packed*, not padded: the tokens of all sequences are stacked into one
/// [T × hidden] matrix, so every linear layer is one GEMM over exactly the real tokens, and
/// only attention is done per sequence (a block-diagonal attention mask, in effect). This is
/// equivalent to padding plus an attention mask — padded positions could never influence
/// real tokens — but wastes no work on padding, so mixing short and long texts costs nothing
/// and sorting by length is unnecessary.
final class BertEncoder: @unchecked Sendable {
    let config: BertConfig
    let weights: BertWeights

    init(weights: BertWeights) {
        self.weights = weights
        self.config = weights.config
    }

    /// Encodes `sequences` (token ids incl. [CLS]/[SEP], each 1...maxPositionEmbeddings long)
    /// and writes one unit vector of `hiddenSize` floats per sequence to `output`. On return,
    /// `workspace.hidden` still holds the last layer's token states, packed in sequence order —
    /// the rows the vectors were pooled from — until the workspace's next pass.
    func encode(_ sequences: [[Int32]], workspace ws: Workspace, output: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        let h3 = 3 * h
        let inter = config.intermediateSize
        let heads = config.numAttentionHeads
        let d = config.headSize
        let eps = config.layerNormEps
        var total = 0
        var longest = 0
        for s in sequences {
            precondition(!s.isEmpty && s.count <= config.maxPositionEmbeddings, "sequence length \(s.count) out of range")
            total += s.count
            longest = max(longest, s.count)
        }
        guard total > 0 else { return }
        ws.reserve(tokens: total, longest: longest)
        let x = ws.hidden, qkv = ws.qkv, ctx = ws.context, ffn = ws.intermediate, scores = ws.scores
        let w = weights

        // Embeddings: word + position + token type 0, then LayerNorm.
        var row = 0
        for s in sequences {
            for (pos, id) in s.enumerated() {
                let tok = Int(id)
                precondition(tok >= 0 && tok < config.vocabSize, "token id \(tok) out of range")
                let dst = x + row * h
                Kernels.add3(dst, w.wordEmbeddings + tok * h, w.positionEmbeddings + pos * h, w.tokenTypeEmbeddings, n: h)
                Kernels.addBiasLayerNorm(dst, bias: nil, gamma: w.embeddingNormGamma, beta: w.embeddingNormBeta, n: h, eps: eps)
                row += 1
            }
        }

        let scale = 1 / Float(d).squareRoot()
        for layer in w.layers {
            // Q | K | V for all tokens: qkv = bias; qkv += x · Wqkv.
            Kernels.broadcastRows(qkv, row: layer.qkvBias, rows: total, n: h3, ld: h3)
            layer.qkv.apply(x, rows: total, beta: 1, into: qkv)

            // Attention, per sequence and head: softmax(q·kᵀ/√d)·v into ctx.
            var offset = 0
            for s in sequences {
                let n = s.count
                let n32 = Int32(n)
                for head in 0..<heads {
                    let q = qkv + offset * h3 + head * d
                    let k = q + h
                    let v = q + 2 * h
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n32, n32, Int32(d),
                                scale, q, Int32(h3), k, Int32(h3), 0, scores, n32)
                    Kernels.softmax(scores, rows: n, n: n)
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, Int32(d), n32,
                                1, scores, n32, v, Int32(h3), 0, ctx + offset * h + head * d, Int32(h))
                }
                offset += n
            }

            // Output projection onto the residual (x += ctx · Wo), then bias + LayerNorm.
            layer.out.apply(ctx, rows: total, beta: 1, into: x)
            Kernels.addBiasLayerNorm(x, bias: layer.outBias, gamma: layer.attentionNormGamma,
                                     beta: layer.attentionNormBeta, rows: total, n: h, eps: eps)

            // Feed-forward: gelu(x · W1 + b1) · W2 onto the residual, then bias + LayerNorm.
            layer.ffnIn.apply(x, rows: total, beta: 0, into: ffn)
            Kernels.addBiasGELU(ffn, bias: layer.ffnInBias, rows: total, cols: inter)
            layer.ffnOut.apply(ffn, rows: total, beta: 1, into: x)
            Kernels.addBiasLayerNorm(x, bias: layer.ffnOutBias, gamma: layer.outputNormGamma,
                                     beta: layer.outputNormBeta, rows: total, n: h, eps: eps)
        }

        // Mean pooling over each sequence's tokens, then L2 normalisation.
        var offset = 0
        for (i, s) in sequences.enumerated() {
            let out = output + i * h
            out.update(repeating: 0, count: h)
            for r in offset..<(offset + s.count) {
                cblas_saxpy(Int32(h), 1, x + r * h, 1, out, 1)
            }
            let norm = cblas_snrm2(Int32(h), out, 1)
            // The mean's 1/n cancels in the normalisation; only guard against a zero vector.
            if norm > 0 { cblas_sscal(Int32(h), 1 / norm, out, 1) }
            offset += s.count
        }
    }
}
