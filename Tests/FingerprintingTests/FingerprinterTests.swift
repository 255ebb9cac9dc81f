import CodeLexing
import Fingerprinting
import ProvenanceCore
import Testing

/// The two views: a copy with renamed identifiers and new layout keeps its normalized
/// fingerprints and loses its exact ones.
struct FingerprinterTests {
    let fingerprinter = Fingerprinter(parameters: .default)

    static let original = """
        def merge_sorted(left, right):
            result = []
            i = j = 0
            while i < len(left) and j < len(right):
                if left[i] <= right[j]:
                    result.append(left[i])
                    i += 1
                else:
                    result.append(right[j])
                    j += 1
            result.extend(left[i:])
            result.extend(right[j:])
            return result
        """

    /// The same function, identifiers renamed, spacing and line breaks changed, a comment added.
    static let renamed = """
        def combine(xs,ys):
          # merge two sorted lists
          out=[]
          a=b=0
          while a<len(xs) and b<len(ys):
            if xs[a]<=ys[b]:
              out.append(xs[a])
              a+=1
            else:
              out.append( ys[b] )
              b+=1
          out.extend(xs[a:])
          out.extend(ys[b:])
          return out
        """

    @Test("normalized symbols derived from the exact ones equal those hashed in the normalized view")
    func normalizedFromExact() {
        for (code, language) in [(Self.original, Language.python), ("class A { int f(String s) { return s.length() + 0x1F; } } // x", .java)] {
            let bytes = Array(code.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let tokens = language.lexer.tokens(in: buffer)
                let hasher = fingerprinter.tokenHasher
                let exact = hasher.symbols(of: tokens, in: buffer, view: .exact)
                let normalized = hasher.symbols(of: tokens, in: buffer, view: .normalized)
                #expect(hasher.normalizedSymbols(of: tokens, exact: exact) == normalized)
                #expect(Set(tokens.map(\.kind)).isSuperset(of: [.identifier, .keyword, .operator, .number]))
                #expect(normalized != exact)
            }
        }
    }

    @Test("a renamed, reformatted copy has the same normalized hashes and different exact hashes")
    func renamedCopy() {
        let a = fingerprinter.fingerprints(of: Array(Self.original.utf8), language: .python)
        let b = fingerprinter.fingerprints(of: Array(Self.renamed.utf8), language: .python)
        #expect(a.tokenCount == b.tokenCount)
        #expect(!a.normalized.isEmpty)
        #expect(a.normalized.map(\.hash) == b.normalized.map(\.hash))
        #expect(a.signature == b.signature)
        #expect(Set(a.exact.map(\.hash)).isDisjoint(with: b.exact.map(\.hash)))
    }

    @Test("a copy differing only in names and whitespace has identical normalized k-grams and signature")
    func renamedOnly() {
        let source = "int total = count * price + tax; if (total > limit) { warn(total); }"
        let copy = "int   sum=n*cost+fee;\nif(sum>max){\n  alert(sum);\n}"
        let a = Self.kgrams(source, fingerprinter, .normalized, language: .java, k: 4)
        let b = Self.kgrams(copy, fingerprinter, .normalized, language: .java, k: 4)
        #expect(!a.isEmpty)
        #expect(a == b)
        #expect(Self.kgrams(source, fingerprinter, .exact, language: .java, k: 4)
            != Self.kgrams(copy, fingerprinter, .exact, language: .java, k: 4))
        let signatureA = fingerprinter.fingerprints(of: Array(source.utf8), language: .java).signature
        let signatureB = fingerprinter.fingerprints(of: Array(copy.utf8), language: .java).signature
        #expect(signatureA == signatureB)
    }

    @Test("keywords and operators survive normalization: changing one changes the normalized hashes")
    func structureMatters() {
        let a = Self.kgrams("if (a < b) { return a; }", fingerprinter, .normalized, language: .java, k: 4)
        let b = Self.kgrams("if (a > b) { return a; }", fingerprinter, .normalized, language: .java, k: 4)
        #expect(a != b)
    }

    @Test("normalized k-grams keep which names repeat: one shape with another pattern of names hashes apart")
    func namePatternsMatter() {
        let pattern = Self.kgrams("total = price + total", fingerprinter, .normalized, k: 5)
        #expect(pattern == Self.kgrams("sum = cost + sum", fingerprinter, .normalized, k: 5))
        #expect(pattern != Self.kgrams("total = price + tax", fingerprinter, .normalized, k: 5))
        #expect(pattern != Self.kgrams("total = total + price", fingerprinter, .normalized, k: 5))
        // Literals are not names: changing one, or repeating one, keeps the normalized k-gram.
        let literals = Self.kgrams("x = f(1, 2)", fingerprinter, .normalized, k: 8)
        #expect(literals == Self.kgrams("x = f(3, 3)", fingerprinter, .normalized, k: 8))
    }

    static func kgrams(
        _ code: String, _ fingerprinter: Fingerprinter, _ view: TokenView,
        language: Language = .python, k: Int? = nil
    ) -> [UInt64] {
        let bytes = Array(code.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let tokens = language.lexer.tokens(in: buffer)
            var parameters = fingerprinter.parameters
            parameters.k = k ?? parameters.k
            return Fingerprinter(parameters: parameters).kgramHashes(of: tokens, in: buffer, view: view)
        }
    }
}
