import Foundation

/// Runs embedding jobs on dedicated threads, so `async` callers (NIO event loops, the
/// cooperative pool) are never blocked by CPU-bound work.
///
/// Jobs that arrive while a worker is busy are coalesced into one forward pass when the worker
/// becomes free (dynamic batching): under concurrent load the weights are streamed through the
/// cache once for many requests instead of once per request, which raises throughput without
/// adding latency when the server is idle. Jobs of every kind (`Request`: a text, with or without
/// its token states) share the passes.
final class InferenceQueue<Request: Sendable, Output: Sendable>: @unchecked Sendable {
    struct Job {
        let requests: [Request]
        let continuation: CheckedContinuation<[Output], any Error>
    }

    private let condition = NSCondition()
    private var pending: [Job] = []
    private var stopped = false
    private let maxRequestsPerPass: Int
    private let run: @Sendable ([Request]) -> [Output]

    init(workers: Int, maxRequestsPerPass: Int, name: String, run: @escaping @Sendable ([Request]) -> [Output]) {
        self.maxRequestsPerPass = max(1, maxRequestsPerPass)
        self.run = run
        for i in 0..<max(1, workers) {
            let thread = Thread { [self] in self.workerLoop() }
            thread.name = "\(name)-\(i)"
            thread.start()
        }
    }

    func submit(_ requests: [Request]) async throws -> [Output] {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if stopped {
                condition.unlock()
                continuation.resume(throwing: EmbeddingsError.shutDown)
                return
            }
            pending.append(Job(requests: requests, continuation: continuation))
            condition.signal()
            condition.unlock()
        }
    }

    /// Stops the workers after the jobs already queued; later submissions throw.
    func shutdown() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if pending.isEmpty && stopped {
                condition.unlock()
                return
            }
            // Take whole jobs until the pass is full (always at least one).
            var jobs: [Job] = []
            var count = 0
            while let job = pending.first, jobs.isEmpty || count + job.requests.count <= maxRequestsPerPass {
                pending.removeFirst()
                jobs.append(job)
                count += job.requests.count
            }
            condition.unlock()

            let outputs = run(jobs.flatMap(\.requests))
            var start = 0
            for job in jobs {
                job.continuation.resume(returning: Array(outputs[start..<(start + job.requests.count)]))
                start += job.requests.count
            }
        }
    }
}
