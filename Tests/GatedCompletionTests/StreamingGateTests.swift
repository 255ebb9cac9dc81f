import GatedCompletion
import ProvenanceTestSupport
import Reporting
import Testing

/// Streamed completions: text flows while it cannot be part of a copy, and stops before blocked text.
struct StreamingGateTests {
    /// Everything a client of `gate.stream` receives.
    struct Received {
        var chunks: [OpenAICompletionChunk] = []

        var text: String { chunks.flatMap(\.choices).map(\.text).joined() }
        var textChunks: Int { chunks.filter { $0.choices.contains { !$0.text.isEmpty } }.count }
        var last: OpenAICompletionResponse.Choice? { chunks.last?.choices.first }
    }

    static func receive(_ gate: CompletionGate, _ request: OpenAICompletionRequest) async throws -> Received {
        var received = Received()
        for try await chunk in try gate.stream(request) { received.chunks.append(chunk) }
        return received
    }

    /// `text` as a server streams it: one piece per line, the line split in two.
    static func pieces(_ text: String) -> [String] {
        GateCorpus.lines(text).flatMap { line in
            let half = line.index(line.startIndex, offsetBy: line.count / 2)
            return [String(line[..<half]), String(line[half...])]
        }
    }

    @Test("streaming a GPL copy: the client gets none of the copied text, the stream ends blocked and upstream is stopped")
    func gplCopyIsCut() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let novel = GateCorpus.novel(seed: 21, functions: 2) + "\n\n"
        let gpl = GateCorpus.lines(corpus.gplFunction)
        // The copy's second half and a long novel tail trickle in (over ten seconds), so the server
        // is still writing when the gate cuts the stream, however busy the machine.
        let fast = Self.pieces(novel + gpl[..<(gpl.count / 2)].joined()).map { ($0, Duration.zero) }
        let tail = gpl[(gpl.count / 2)...].joined() + "\n\n" + GateCorpus.novel(seed: 22, functions: 8)
        let slow = Self.pieces(tail).map { ($0, Duration.milliseconds(50)) }
        let pieces = fast + slow
        let (received, outcomes) = try await withScriptedGate(corpus, [.events(pieces)]) { server, gate in
            let received = try await Self.receive(gate, OpenAICompletionRequest(prompt: "import os\n\n", stream: true, language: "python"))
            return (received, try await server.waitForStreams(1))
        }
        #expect(novel.hasPrefix(received.text), "only novel text was sent: \(received.text.suffix(200))")
        #expect(received.textChunks >= 1, "the novel text before the copy was streamed")
        let last = try #require(received.last)
        let attribution = try #require(last.attribution)
        #expect(last.text.isEmpty && last.finishReason == "content_filter")
        #expect(attribution.action == .blocked && attribution.verdict == .block)
        #expect(attribution.matches.contains { $0.source.repo == "copyleft/solver" && $0.action == .block })
        #expect(attribution.reason?.contains("the stream was cut") == true)
        guard case .abandoned(let written) = try #require(outcomes.first) else {
            Issue.record("the server wrote the whole stream: \(outcomes)")
            return
        }
        #expect(written < pieces.count)
    }

    @Test("a streamed copy caught before any text was sent is retried, sampled differently, and the retry streams")
    func blockedBeforeTextIsRetried() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let novel = GateCorpus.novel(seed: 24, functions: 3)
        let replies: [ScriptedCompletionServer.Reply] = [.events(Self.pieces(corpus.gplFunction), pause: .zero), .events(Self.pieces(novel), pause: .zero)]
        let (received, requests) = try await withScriptedGate(corpus, replies) { server, gate in
            let request = OpenAICompletionRequest(prompt: "import os\n\n", temperature: 0, stream: true, language: "python")
            return (try await Self.receive(gate, request), server.received)
        }
        #expect(received.text == novel, "none of the copy, all of the retry")
        #expect(received.last?.finishReason == "stop")
        #expect(received.last?.attribution?.attempts == 2)
        #expect(received.last?.attribution?.action == .allowed)
        #expect(requests.count == 2)
        #expect(requests.last?.body?.temperature ?? 0 > 0, "the retry samples hotter than the greedy first attempt")
    }

    @Test("when every streamed attempt is blocked before text was sent, the stream ends empty with the reason")
    func everyAttemptBlocked() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        var options = CompletionGate.Options.default
        options.maxRetries = 1
        let copy = ScriptedCompletionServer.Reply.events(Self.pieces(corpus.gplFunction), pause: .zero)
        let (received, requests) = try await withScriptedGate(corpus, [copy, copy], options: options) { server, gate in
            (try await Self.receive(gate, OpenAICompletionRequest(prompt: "import os\n\n", stream: true, language: "python")), server.received)
        }
        #expect(received.text.isEmpty)
        let attribution = try #require(received.last?.attribution)
        #expect(received.last?.finishReason == "content_filter")
        #expect(attribution.action == .blocked && attribution.attempts == 2)
        #expect(attribution.matches.contains { $0.source.repo == "copyleft/solver" })
        #expect(attribution.reason?.contains("the stream was cut") == false)
        #expect(requests.count == 2)
    }

    @Test("annotate_comments with stream is refused: comments cannot be put into text already sent")
    func annotateCommentsNotStreamed() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let received = try await withScriptedGate(corpus, [.completion("x = 1\n")]) { server, gate in
            let error = #expect(throws: GatedCompletionError.self) {
                try gate.stream(OpenAICompletionRequest(prompt: "x", stream: true, annotateComments: true))
            }
            #expect(error?.description.contains("annotate_comments cannot be used with stream") == true)
            return server.received
        }
        #expect(received.isEmpty)
    }

    @Test("streaming novel code: all the text arrives, in several chunks, and is allowed")
    func novelStreamArrives() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let novel = GateCorpus.novel(seed: 23, functions: 4)
        let (received, outcomes) = try await withScriptedGate(corpus, [.events(Self.pieces(novel), pause: .zero)]) { server, gate in
            (try await Self.receive(gate, OpenAICompletionRequest(prompt: "import os\n\n", language: "python")), try await server.waitForStreams(1))
        }
        #expect(received.text == novel)
        #expect(received.textChunks >= 3, "text is released as the stream goes, not only at its end")
        #expect(received.last?.finishReason == "stop")
        #expect(received.last?.attribution == CompletionAttribution(matches: [], verdict: .allow, action: .allowed, attempts: 1))
        #expect(received.chunks.dropLast().allSatisfy { $0.choices.allSatisfy { $0.finishReason == nil && $0.attribution == nil } })
        #expect(outcomes == [.finished])
    }

    @Test("a bad request is refused before anything is streamed or asked of the backend")
    func invalidRequest() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let received = try await withScriptedGate(corpus, [.completion("x = 1\n")]) { server, gate in
            let error = #expect(throws: GatedCompletionError.self) { try gate.stream(OpenAICompletionRequest(prompt: "x", n: 4)) }
            #expect(error?.description == "invalid completion request: n must be 1, got 4: the gate checks and retries one completion at a time")
            return server.received
        }
        #expect(received.isEmpty)
    }

    @Test("streaming an MIT copy: all the text arrives and the last chunk carries the attribution")
    func mitStreamIsAnnotated() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let text = "x = 1\n\n" + corpus.mitFunction
        let received = try await withScriptedGate(corpus, [.events(Self.pieces(text), pause: .zero)]) { _, gate in
            try await Self.receive(gate, OpenAICompletionRequest(prompt: "import os\n\n", language: "python"))
        }
        #expect(received.text == text)
        let attribution = try #require(received.last?.attribution)
        #expect(attribution.action == .annotated)
        #expect(attribution.matches.map(\.source.repo) == ["acme/tools"])
        #expect(attribution.matches.first?.query == FileReport.Lines(startLine: 3, endLine: GateCorpus.lineCount(text)))
    }
}
