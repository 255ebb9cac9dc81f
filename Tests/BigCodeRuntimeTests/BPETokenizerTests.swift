import Foundation
import ProvenanceTestSupport
import Testing

@testable import BigCodeRuntime

/// The BPE tokenizer against Hugging Face `tokenizers` on the goldens' test strings.
@Suite struct BPETokenizerTests {
    static let santaCoder = try! BPETokenizer(contentsOf: Fixtures.tokenizerFolder.appendingPathComponent("tokenizer.json"))

    @Test(arguments: Fixtures.goldens.tokenizer.indices)
    func idsMatchHuggingFace(case index: Int) {
        let golden = Fixtures.goldens.tokenizer[index]
        #expect(Self.santaCoder.encode(golden.text) == golden.ids, "\(golden.text.debugDescription)")
    }

    @Test func stringFormMergesGiveTheSameIds() throws {
        let tokenizer = try BPETokenizer(contentsOf: Fixtures.folder.appendingPathComponent("tokenizer-string-merges.json"))
        for golden in Fixtures.goldens.tokenizer {
            #expect(tokenizer.encode(golden.text) == golden.ids, "\(golden.text.debugDescription)")
        }
    }

    @Test func starCoderSpecialTokensMatchHuggingFace() throws {
        let tokenizer = try BPETokenizer(contentsOf: Fixtures.folder.appendingPathComponent("tokenizer-starcoder.json"))
        for golden in Fixtures.goldens.starcoderTokenizer {
            #expect(tokenizer.encode(golden.text) == golden.ids, "\(golden.text.debugDescription)")
        }
    }

    @Test(arguments: Fixtures.goldens.tokenizer.indices)
    func decodeRoundTrips(case index: Int) {
        let golden = Fixtures.goldens.tokenizer[index]
        #expect(Self.santaCoder.decode(golden.ids) == golden.text)
    }

    @Test func specialTokensAreAtomicAndSkippable() {
        let tokenizer = Self.santaCoder
        let prefix = tokenizer.id(of: "<fim-prefix>")!
        #expect(prefix == 401 && tokenizer.id(of: "<|endoftext|>") == 400)
        #expect(tokenizer.encode("<fim-prefix><fim-prefix>") == [prefix, prefix])
        #expect(tokenizer.decode(tokenizer.encode("a<|endoftext|>b"), skipSpecialTokens: true) == "ab")
    }

    @Test func randomTextRoundTrips() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("ab1 2\n\t'sé日🎉\u{301}<fim-prefix>_{}()".unicodeScalars)
        for _ in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let string = String(text)
            #expect(Self.santaCoder.decode(Self.santaCoder.encode(string)) == string)
        }
    }

    @Test func streamingNeverEmitsBrokenCharacters() {
        let tokenizer = Self.santaCoder
        let text = "naïve café — 日本語 🎉👩‍💻 done"
        var decoder = StreamingTextDecoder()
        var streamed = ""
        for id in tokenizer.encode(text) {
            let piece = decoder.append(tokenizer.bytes(of: id))
            #expect(!piece.contains("\u{FFFD}"))
            streamed += piece
        }
        streamed += decoder.finish()
        #expect(streamed == text)
    }

    @Test func streamingEqualsWholeDecodingOnRandomBytes() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let bytes = generator.bytes(count: Int.random(in: 0...24, using: &generator))
            var decoder = StreamingTextDecoder()
            var streamed = ""
            var index = 0
            while index < bytes.count {
                let step = Int.random(in: 1...3, using: &generator)
                streamed += decoder.append(Array(bytes[index..<min(index + step, bytes.count)]))
                index += step
            }
            streamed += decoder.finish()
            #expect(streamed == String(decoding: bytes, as: UTF8.self), "\(bytes)")
        }
    }
}

extension BPETokenizerTests {
    @Test func longPiecesTokenizeQuicklyAndRoundTrip() {
        let text = String(repeating: " ", count: 20_000) + "x" + String(repeating: "=", count: 20_000)
        let clock = ContinuousClock()
        var ids: [Int] = []
        let elapsed = clock.measure { ids = Self.santaCoder.encode(text) }
        #expect(Self.santaCoder.decode(ids) == text)
        #expect(elapsed < .seconds(5), "\(elapsed)")
    }
}
