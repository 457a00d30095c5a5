import Testing
@testable import CacheSidecar

@Suite struct SSEParserTests {
    private func parse(_ pieces: [String], finish: Bool = true) -> [SSEEvent] {
        var parser = SSEParser()
        var events = pieces.flatMap { parser.feed(Array($0.utf8)) }
        if finish { events += parser.finish() }
        return events
    }

    @Test func dispatchesOnBlankLine() {
        #expect(parse(["data: hello\n\n", "data: world\n\n"], finish: false) == [
            SSEEvent(data: "hello"), SSEEvent(data: "world"),
        ])
    }

    @Test func joinsMultiLineDataWithLineFeed() {
        #expect(parse(["data: first\ndata: second\ndata:\ndata: fourth\n\n"]) == [
            SSEEvent(data: "first\nsecond\n\nfourth")
        ])
    }

    @Test func ignoresCommentsAndKeepsEventAndID() {
        let events = parse([": keep-alive\n\nevent: update\nid: 7\n: note\ndata: x\n\ndata: y\n\n"])
        #expect(events == [SSEEvent(event: "update", data: "x", id: "7"), SSEEvent(data: "y", id: "7")])
    }

    @Test func fieldSyntaxEdgeCases() {
        // No space after the colon; only one leading space removed; a bare `data` line; unknown
        // and `retry` fields ignored; an `id` with NUL ignored; empty `event` means the default.
        let stream = "data:tight\ndata:  two spaces\ndata\nretry: 1000\nfoo: bar\nid: a\0b\nevent:\n\n"
        #expect(parse([stream]) == [SSEEvent(data: "tight\n two spaces\n")])
    }

    @Test func eventWithoutDataIsNotDispatched() {
        #expect(parse(["event: ping\nid: 1\n\n", "data: after\n\n"]) == [SSEEvent(data: "after", id: "1")])
        #expect(parse(["data:\n\n"]) == [SSEEvent(data: "")])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func acceptsEveryLineEnding(_ ending: String) {
        let stream = ["data: a", "data: b", "", ": c", "event: e", "data: d", "", ""].joined(separator: ending)
        #expect(parse([stream]) == [SSEEvent(data: "a\nb"), SSEEvent(event: "e", data: "d")])
    }

    @Test func carriageReturnLineFeedSplitAcrossReads() {
        // The `\n` that completes a `\r\n` must not be read as a blank line.
        #expect(parse(["data: a\r", "\ndata: b\r", "\n\r", "\n"], finish: false) == [SSEEvent(data: "a\nb")])
    }

    @Test func stripsLeadingByteOrderMarkOnly() {
        let bom = "\u{FEFF}"
        #expect(parse(["\(bom)data: x\n\n"]) == [SSEEvent(data: "x")])
        #expect(parse(["data: \(bom)y\n\n"]) == [SSEEvent(data: "\(bom)y")])
    }

    @Test func finishDispatchesCompleteLinesButDropsATruncatedOne() {
        #expect(parse(["data: whole\n"]) == [SSEEvent(data: "whole")])
        #expect(parse(["data: whole\n\ndata: trunc"]) == [SSEEvent(data: "whole")])
        var parser = SSEParser()
        _ = parser.feed(Array("data: x\n".utf8))
        _ = parser.finish()
        #expect(parser.feed(Array("data: fresh\n\n".utf8)) == [SSEEvent(data: "fresh")])
    }

    @Test func everyChunkBoundaryGivesTheSameEvents() {
        let stream = Array("\u{FEFF}: hi\r\nevent: e\r\nid: 1\r\ndata: h\u{e9}llo \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\r\ndata: 2\r\n\r\ndata: [DONE]\r\r".utf8)
        var whole = SSEParser()
        let expected = whole.feed(stream) + whole.finish()
        #expect(expected == [
            SSEEvent(event: "e", data: "h\u{e9}llo \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\n2", id: "1"),
            SSEEvent(data: "[DONE]", id: "1"),
        ])
        for offset in 0...stream.count {
            var parser = SSEParser()
            let events = split(stream, at: offset).flatMap { parser.feed($0) } + parser.finish()
            #expect(events == expected, "split at \(offset)")
        }
        var bytewise = SSEParser()
        #expect(stream.flatMap { bytewise.feed([$0]) } + bytewise.finish() == expected)
    }

    @Test func encodedEventsParseBack() {
        let events = [
            SSEEvent(data: "plain"),
            SSEEvent(event: "update", data: "two\nlines", id: "42"),
            SSEEvent(data: "", id: "42"),
            SSEEvent(data: "\u{2028} is not a line break", id: "42"),
        ]
        var parser = SSEParser()
        #expect(parser.feed(events.flatMap(\.encoded)) == events)
        #expect(SSEEvent(data: "a\r\nb\rc").encoded == Array("data: a\ndata: b\ndata: c\n\n".utf8))
    }
}
