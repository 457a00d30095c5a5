import Hummingbird

extension ResponseBody {
    /// An upstream body relayed as it is: in one write with the head when it had wholly arrived
    /// (with a `Content-Length`), chunk by chunk as it arrives otherwise.
    init(relaying body: UpstreamBody) {
        if let whole = body.whole {
            self.init(byteBuffer: whole)
        } else {
            self.init(asyncSequence: body)
        }
    }
}
