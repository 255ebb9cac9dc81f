import GatedCompletion
import ProvenanceCore
import ProvenanceTestSupport
import Reporting
import Testing

/// Whole completions through a real HTTP backend: allow, annotate, block, retry, and the prompt's part.
struct CompletionGateTests {
    @Test("a novel completion is returned as written and allowed")
    func novelIsAllowed() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let novel = GateCorpus.novel(seed: 11)
        let response = try await withScriptedGate(corpus, [.completion(novel)]) { _, gate in
            try await gate.complete(OpenAICompletionRequest(prompt: "import os\n\n", maxTokens: 256, language: "python"))
        }
        let choice = try #require(response.choices.first)
        #expect(choice.text == novel)
        #expect(choice.finishReason == "stop")
        #expect(choice.attribution == CompletionAttribution(matches: [], verdict: .allow, action: .allowed, attempts: 1))
        #expect(response.object == "text_completion" && response.model == "scripted-coder")
    }

    @Test("a copy of MIT code is returned annotated with its source repo, path and lines")
    func mitCopyIsAnnotated() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let response = try await withScriptedGate(corpus, [.completion(corpus.mitFunction)]) { _, gate in
            try await gate.complete(OpenAICompletionRequest(prompt: "import os\n\n", filename: "app/main.py"))
        }
        let choice = try #require(response.choices.first)
        let attribution = try #require(choice.attribution)
        let match = try #require(attribution.matches.first)
        let lines = GateCorpus.lineCount(corpus.mitFunction)
        #expect(choice.text == corpus.mitFunction)
        #expect(attribution.action == .annotated && attribution.verdict == .annotate && attribution.attempts == 1)
        #expect(attribution.matches.count == 1)
        #expect(match.query == FileReport.Lines(startLine: 1, endLine: lines))
        #expect(match.source.repo == "acme/tools" && match.source.path == "tools/core.py" && match.source.license == "MIT")
        #expect(match.source.startLine == corpus.mitLine && match.source.endLine == corpus.mitLine + lines - 1)
        #expect(match.action == .annotate && match.kind == .exact)
    }

    @Test("with annotate_comments, an annotated completion carries a provenance comment above the copy")
    func mitCopyWithComments() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        // Ends with an assignment: a function's `return x` would also match the line before the copy in the corpus file.
        let novel = GateCorpus.novel(seed: 12) + "\nresult = 0\n"
        let completion = novel + "\n\n" + corpus.mitFunction
        let response = try await withScriptedGate(corpus, [.completion(completion)]) { _, gate in
            try await gate.complete(OpenAICompletionRequest(prompt: "import os\n\n", language: "python", annotateComments: true))
        }
        let lines = GateCorpus.lineCount(corpus.mitFunction)
        let comment = "# provenance: exact copy of acme/tools tools/core.py lines \(corpus.mitLine)-\(corpus.mitLine + lines - 1), license MIT\n"
        #expect(response.choices.first?.text == novel + "\n\n" + comment + corpus.mitFunction)
        let match = try #require(response.choices.first?.attribution?.matches.first)
        #expect(match.query.startLine == GateCorpus.lineCount(novel) + 3, "lines count in the text as the model wrote it")
    }

    @Test("a GPL copy is retried with hotter sampling and a new seed; the novel retry is returned")
    func gplCopyIsRetried() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let novel = GateCorpus.novel(seed: 13)
        let (response, received) = try await withScriptedGate(corpus, [.completion(corpus.gplFunction), .completion(novel)]) { server, gate in
            let response = try await gate.complete(OpenAICompletionRequest(prompt: "import os\n\n", temperature: 0.2, seed: 7, language: "python"))
            return (response, server.received)
        }
        let choice = try #require(response.choices.first)
        #expect(choice.text == novel)
        #expect(choice.attribution == CompletionAttribution(matches: [], verdict: .allow, action: .allowed, attempts: 2))
        #expect(received.count == 2)
        let first = try #require(received.first?.body), retry = try #require(received.last?.body)
        #expect(first.temperature == 0.2 && first.seed == 7)
        #expect(retry.temperature == 0.5 && retry.seed == 8)
        #expect(first.prompt == retry.prompt)
        #expect(response.usage?.promptTokens == 20, "usage counts both attempts")
    }

    @Test("when every attempt copies GPL code, the completion is empty with the reason")
    func everyAttemptBlocked() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let replies = Array(repeating: ScriptedCompletionServer.Reply.completion(corpus.gplFunction), count: 3)
        let (response, received) = try await withScriptedGate(corpus, replies) { server, gate in
            (try await gate.complete(OpenAICompletionRequest(prompt: "import os\n\n", temperature: 0, language: "python")), server.received)
        }
        let choice = try #require(response.choices.first)
        let attribution = try #require(choice.attribution)
        #expect(choice.text.isEmpty)
        #expect(choice.finishReason == "content_filter")
        #expect(attribution.action == .blocked && attribution.verdict == .block && attribution.attempts == 3)
        #expect(attribution.matches.first?.source.repo == "copyleft/solver")
        let reason = try #require(attribution.reason)
        #expect(reason.contains("all 3 attempts") && reason.contains("copyleft/solver") && reason.contains("GPL-3.0-only"))
        #expect(!reason.contains("\n"))
        #expect(received.compactMap(\.body?.temperature) == [0, 0.3, 0.6])
        #expect(received.compactMap(\.body?.seed) == [1, 2], "retries carry seeds; the first attempt had none")
    }

    @Test("a prompt that is corpus code, with a novel completion, is allowed")
    func copiedPromptNovelCompletion() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let novel = GateCorpus.novel(seed: 14)
        let response = try await withScriptedGate(corpus, [.completion(novel)]) { _, gate in
            try await gate.complete(OpenAICompletionRequest(prompt: corpus.gplFunction + "\n\n", language: "python"))
        }
        #expect(response.choices.first?.text == novel)
        #expect(response.choices.first?.attribution == CompletionAttribution(matches: [], verdict: .allow, action: .allowed, attempts: 1))
    }

    @Test("a copy that starts in the prompt is attributed only for its generated lines")
    func copyContinuedFromPrompt() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let lines = GateCorpus.lines(corpus.gplFunction)
        let split = lines.count / 2
        var options = CompletionGate.Options()
        options.maxRetries = 0
        let response = try await withScriptedGate(corpus, [.completion(lines[split...].joined())], options: options) { _, gate in
            try await gate.complete(OpenAICompletionRequest(prompt: lines[..<split].joined(), language: "python"))
        }
        let attribution = try #require(response.choices.first?.attribution)
        let match = try #require(attribution.matches.first)
        #expect(attribution.action == .blocked && attribution.attempts == 1)
        #expect(match.query == FileReport.Lines(startLine: 1, endLine: lines.count - split))
        #expect(match.source.startLine == corpus.gplLine + split && match.source.endLine == corpus.gplLine + lines.count - 1)
    }

    @Test("fill-in-the-middle: the prompt is sent in the family's format and the suffix is context")
    func fillInTheMiddle() async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let lines = GateCorpus.lines(corpus.mitFunction)
        let middle = lines[..<(lines.count - 3)].joined(), suffix = lines[(lines.count - 3)...].joined()
        let (response, received) = try await withScriptedGate(corpus, [.completion(middle)], format: .santaCoder) { server, gate in
            (try await gate.complete(OpenAICompletionRequest(prompt: "import os\n\n", suffix: suffix, language: "python")), server.received)
        }
        let sent = try #require(received.first?.body)
        #expect(sent.prompt == "<fim-prefix>import os\n\n<fim-suffix>" + suffix + "<fim-middle>")
        #expect(sent.suffix == nil)
        let match = try #require(response.choices.first?.attribution?.matches.first)
        #expect(match.query == FileReport.Lines(startLine: 1, endLine: lines.count - 3))
        #expect(match.source.startLine == corpus.mitLine && match.source.endLine == corpus.mitLine + lines.count - 4)
    }

    @Test("bad request values are refused before the backend is asked", arguments: [
        (OpenAICompletionRequest(prompt: "x", n: 2), "n must be 1"),
        (OpenAICompletionRequest(prompt: "x", maxTokens: 0), "max_tokens"),
        (OpenAICompletionRequest(prompt: "x", language: "klingon"), "unknown language"),
    ])
    func invalidRequests(request: OpenAICompletionRequest, problem: String) async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        let received = try await withScriptedGate(corpus, [.completion("x = 1\n")]) { server, gate in
            let error = await #expect(throws: GatedCompletionError.self) { try await gate.complete(request) }
            #expect(error?.description.contains(problem) == true, "\(String(describing: error))")
            return server.received
        }
        #expect(received.isEmpty)
    }

    @Test("upstream failures reach the caller, streaming or not, as one-line errors naming the server", arguments: [
        (ScriptedCompletionServer.Reply.status(500, "model exploded\nTraceback (most recent call last):"), "answered 500: model exploded"),
        (.stall(.seconds(60), then: .completion("late")), "did not answer within 0.3 s"),
        (.raw("{\"object\": \"list\"}", contentType: "application/json"), "not an OpenAI completion"),
        (.raw("<html>busy</html>", contentType: "text/html"), "not an OpenAI completion: expected"),
    ])
    func upstreamErrors(reply: ScriptedCompletionServer.Reply, message: String) async throws {
        let corpus = try GateCorpus()
        defer { corpus.index.remove() }
        // Only the stalling server gets a short timeout: a busy test machine must not turn the others into timeouts.
        let timeout: Duration = if case .stall = reply { .milliseconds(300) } else { .seconds(60) }
        for streaming in [false, true] {
            try await withScriptedGate(corpus, [reply], timeout: timeout) { server, gate in
                let request = OpenAICompletionRequest(prompt: "x = ", language: "python")
                let error = await #expect(throws: GatedCompletionError.self) {
                    if streaming {
                        for try await _ in try gate.stream(request) {}
                    } else {
                        _ = try await gate.complete(request)
                    }
                }
                let description = error?.description ?? ""
                #expect(description.contains(message) && description.contains(server.baseURL), "\(description)")
                #expect(!description.contains("\n"))
            }
        }
    }
}
