/// Scratch buffers for one forward pass, reused across calls so the hot path never allocates.
/// A workspace belongs to one thread at a time (the embedder hands them out from a pool).
final class Workspace {
    private(set) var tokenCapacity = 0
    private(set) var sequenceCapacity = 0
    private(set) var hidden: UnsafeMutablePointer<Float>  // [T, H]   running hidden state
    private(set) var qkv: UnsafeMutablePointer<Float>  // [T, 3H]  query | key | value
    private(set) var context: UnsafeMutablePointer<Float>  // [T, H]   attention output
    private(set) var intermediate: UnsafeMutablePointer<Float>  // [T, I]  feed-forward activations
    private(set) var scores: UnsafeMutablePointer<Float>  // [L, L]   one head's attention matrix
    let config: BertConfig

    init(config: BertConfig) {
        self.config = config
        hidden = .allocate(capacity: 0)
        qkv = .allocate(capacity: 0)
        context = .allocate(capacity: 0)
        intermediate = .allocate(capacity: 0)
        scores = .allocate(capacity: 0)
    }

    /// Grows (never shrinks) to hold `tokens` packed tokens and a sequence of `longest`.
    func reserve(tokens: Int, longest: Int) {
        let h = config.hiddenSize
        if tokens > tokenCapacity {
            let t = max(tokens, 64)
            hidden.deallocate(); hidden = .allocate(capacity: t * h)
            qkv.deallocate(); qkv = .allocate(capacity: t * 3 * h)
            context.deallocate(); context = .allocate(capacity: t * h)
            intermediate.deallocate(); intermediate = .allocate(capacity: t * config.intermediateSize)
            tokenCapacity = t
        }
        if longest > sequenceCapacity {
            scores.deallocate(); scores = .allocate(capacity: longest * longest)
            sequenceCapacity = longest
        }
    }

    deinit {
        hidden.deallocate()
        qkv.deallocate()
        context.deallocate()
        intermediate.deallocate()
        scores.deallocate()
    }
}
