import Testing
@testable import CacheSidecar

/// Streams written by hand in the format OpenAI documents for `stream: true`.
enum OpenAIStreams {
    static let textHead = #"{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_fc9f1d7035""#

    static func textDelta(_ delta: String, finish: String = "null") -> String {
        #"data: \#(textHead),"choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}],"usage":null,"obfuscation":"xY3"}"#
            + "\n\n"
    }

    static let usage = #"{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#

    /// A text answer with `stream_options: {include_usage: true}`.
    static let text: String =
        textDelta(#"{"role":"assistant","content":"","refusal":null}"#)
        + ["Hello", "!", " How", " can", " I", " help", " you", " today", "?"]
        .map { textDelta(#"{"content":"\#($0)"}"#) }.joined()
        + textDelta("{}", finish: #""stop""#)
        + #"data: \#(textHead),"choices":[],"usage":\#(usage)}"# + "\n\n"
        + "data: [DONE]\n\n"

    static let textCompletion = #"""
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
         "model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?","refusal":null},
                     "logprobs":null,"finish_reason":"stop"}],
         "usage":\#(usage),"service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}
        """#

    static let toolHead = #"{"id":"chatcmpl-B9MXC7QDhBvGcUXrtSJE3RqXzYCHn","object":"chat.completion.chunk","created":1741571200,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_f9f4fb6dbf""#

    static func toolDelta(_ delta: String, finish: String = "null") -> String {
        #"data: \#(toolHead),"choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}]}"# + "\n\n"
    }

    static func argumentsDelta(_ index: Int, _ piece: String) -> String {
        toolDelta(#"{"tool_calls":[{"index":\#(index),"function":{"arguments":"\#(piece)"}}]}"#)
    }

    /// Two parallel tool calls, the first named together with the role as OpenAI does.
    static let toolCalls: String =
        toolDelta(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null}"#)
        + [#"{\""#, #"location"#, #"\":\""#, #"Paris"#, #","#, #" France"#, #"\"}"#].map { argumentsDelta(0, $0) }.joined()
        + toolDelta(#"{"tool_calls":[{"index":1,"id":"call_ABC123xyz","type":"function","function":{"name":"get_weather","arguments":""}}]}"#)
        + [#"{\"location\":"#, #" \"Bogot\u00e1, "#, #"Colombia\"}"#].map { argumentsDelta(1, $0) }.joined()
        + toolDelta("{}", finish: #""tool_calls""#)
        + "data: [DONE]\n\n"

    static let toolCallsCompletion = #"""
        {"id":"chatcmpl-B9MXC7QDhBvGcUXrtSJE3RqXzYCHn","object":"chat.completion","created":1741571200,
         "model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[
             {"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function",
              "function":{"name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"}},
             {"id":"call_ABC123xyz","type":"function",
              "function":{"name":"get_weather","arguments":"{\"location\": \"Bogotá, Colombia\"}"}}]},
           "logprobs":null,"finish_reason":"tool_calls"}],
         "system_fingerprint":"fp_f9f4fb6dbf"}
        """#
}

@Suite struct CompletionStreamAssemblerTests {
    @Test func assemblesATextStreamWithUsage() throws {
        let assembler = assemble(OpenAIStreams.text)
        #expect(assembler.isComplete)
        #expect(assembler.rejection == nil)
        #expect(canonical(assembler.completion()) == canonical(try json(OpenAIStreams.textCompletion)))
    }

    @Test func assemblesParallelToolCalls() throws {
        let assembler = assemble(OpenAIStreams.toolCalls)
        #expect(assembler.isComplete)
        #expect(canonical(assembler.completion()) == canonical(try json(OpenAIStreams.toolCallsCompletion)))
    }

    @Test(arguments: [OpenAIStreams.text, OpenAIStreams.toolCalls])
    func everyChunkBoundaryGivesTheSameCompletion(_ stream: String) throws {
        let bytes = Array(stream.utf8)
        let expected = try #require(canonical(assemble([bytes]).completion()))
        for offset in 0...bytes.count {
            let completion = assemble(split(bytes, at: offset)).completion()
            #expect(canonical(completion) == expected, "split at \(offset)")
        }
        #expect(canonical(assemble(bytes.map { [$0] }).completion()) == expected)
    }

    @Test func carriageReturnLineFeedEndings() throws {
        let stream = OpenAIStreams.text.replacing("\n", with: "\r\n")
        #expect(canonical(assemble(stream).completion()) == canonical(try json(OpenAIStreams.textCompletion)))
    }

    @Test func missingDoneIsNotComplete() {
        let stream = OpenAIStreams.text.replacing("data: [DONE]\n\n", with: "")
        let assembler = assemble(stream)
        #expect(!assembler.isComplete)
        #expect(assembler.completion() == nil)
        #expect(assembler.rejection == nil)
    }

    @Test func truncatedDoneIsNotComplete() {
        let stream = OpenAIStreams.text.replacing("data: [DONE]\n\n", with: "data: [DO")
        #expect(assemble(stream).completion() == nil)
    }

    @Test func missingFinishReasonIsNotComplete() {
        let stream = OpenAIStreams.text.replacing(OpenAIStreams.textDelta("{}", finish: #""stop""#), with: "")
        let assembler = assemble(stream)
        #expect(assembler.sawDone)
        #expect(!assembler.isComplete)
        #expect(assembler.completion() == nil)
    }

    @Test func oneUnfinishedChoiceOfTwoIsNotComplete() {
        let stream = #"""
            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"a"},"finish_reason":"stop"}]}

            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":1,"delta":{"role":"assistant","content":"b"},"finish_reason":null}]}

            data: [DONE]


            """#
        #expect(!assemble(stream).isComplete)
    }

    @Test func errorObjectInTheStreamIsNeverStored() {
        let error = #"data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"#
        let stream = OpenAIStreams.text.replacing("data: [DONE]", with: error + "\n\ndata: [DONE]")
        let assembler = assemble(stream)
        #expect(assembler.rejection == .providerError)
        #expect(!assembler.isComplete)
        #expect(assembler.completion() == nil)
    }

    @Test func namedErrorEventIsNeverStored() {
        let error = "event: error\ndata: {\"message\":\"overloaded\"}\n\n"
        let assembler = assemble(error + OpenAIStreams.text)
        #expect(assembler.rejection == .providerError)
        #expect(assembler.completion() == nil)
    }

    @Test(arguments: [
        "data: {not json\n\n",
        "data: [1,2]\n\n",
        #"data: {"object":"chat.completion","choices":[]}"# + "\n\n",
        #"data: {"choices":{"index":0}}"# + "\n\n",
        #"data: {"choices":[{"delta":{"content":"no index"}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"content":7}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":"text"}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"x","function":{"arguments":"{}"}}]}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{"function_call":"f"}}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{},"finish_reason":1}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{}}],"usage":5}"# + "\n\n",
    ])
    func malformedChunkMakesTheStreamUnstorable(_ bad: String) {
        let stream = OpenAIStreams.text.replacing("data: [DONE]", with: bad + "data: [DONE]")
        let assembler = assemble(stream)
        #expect(assembler.rejection != nil && assembler.rejection != .providerError)
        #expect(assembler.completion() == nil)
    }

    @Test func dataAfterDoneIsNotStored() {
        let assembler = assemble(OpenAIStreams.text + OpenAIStreams.textDelta(#"{"content":"more"}"#))
        #expect(assembler.completion() == nil)
    }

    @Test func toleratesAzurePromptFilterChunkAndUnknownFields() throws {
        let filter = #"data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}"#
        let stream = filter + "\n\n"
            + OpenAIStreams.text.replacing(#""delta":{"content":"Hello"}"#,
                with: #""delta":{"content":"Hello","x_vendor_debug":{"k":1}},"content_filter_results":{"hate":{"filtered":false}}"#)
        let assembler = assemble(stream)
        #expect(assembler.rejection == nil)
        #expect(canonical(assembler.completion()) == canonical(try json(OpenAIStreams.textCompletion)))
    }

    @Test func concatenatesLogprobs() throws {
        let stream = #"""
            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.1,"bytes":[72,105],"top_logprobs":[]}],"refusal":null},"finish_reason":null}]}

            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"!"},"logprobs":{"content":[{"token":"!","logprob":-0.2,"bytes":[33],"top_logprobs":[]}],"refusal":null},"finish_reason":null}]}

            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"length"}]}

            data: [DONE]


            """#
        let expected = #"""
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
             "message":{"role":"assistant","content":"Hi!"},
             "logprobs":{"content":[{"token":"Hi","logprob":-0.1,"bytes":[72,105],"top_logprobs":[]},
                                    {"token":"!","logprob":-0.2,"bytes":[33],"top_logprobs":[]}],"refusal":null},
             "finish_reason":"length"}]}
            """#
        #expect(canonical(assemble(stream).completion()) == canonical(try json(expected)))
    }

    @Test func eventsFromTheCallersOwnParserGiveTheSameCompletion() throws {
        var parser = SSEParser()
        var assembler = CompletionStreamAssembler()
        assembler.consume(parser.feed(Array(OpenAIStreams.toolCalls.utf8)))
        #expect(canonical(assembler.completion()) == canonical(try json(OpenAIStreams.toolCallsCompletion)))
    }

    @Test func oversizedStreamIsNotStored() {
        var assembler = CompletionStreamAssembler(maximumBytes: 1000)
        for byte in OpenAIStreams.text.utf8 { assembler.feed([byte]) }
        assembler.finish()
        #expect(assembler.rejection == .tooLarge)
        #expect(assembler.completion() == nil)
    }

    @Test func audioOutputIsNotStored() {
        let audio = #"data: {"choices":[{"index":0,"delta":{"audio":{"id":"audio_1","data":"UklGR","transcript":"Hi"}}}]}"# + "\n\n"
        let assembler = assemble(OpenAIStreams.text.replacing("data: [DONE]", with: audio + "data: [DONE]"))
        #expect(assembler.rejection == .malformed("audio output is not supported"))
    }

    @Test func noChoicesIsNotComplete() {
        #expect(!assemble("data: [DONE]\n\n").isComplete)
    }
}
