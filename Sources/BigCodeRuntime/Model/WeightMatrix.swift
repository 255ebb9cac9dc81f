// Legend: O rows (output features), I columns (input features).

/// How a model keeps its weight matrices in memory; the kernels convert to fp32 as they read.
///
/// Decoding one token reads every weight once, so it is bound by memory bandwidth: bf16 halves
/// the bytes per token and int8 quarters them, at the cost of some accuracy in the logits.
public enum WeightPrecision: String, Sendable, CaseIterable {
    /// 4 bytes a weight, exactly the checkpoint's values (after conversion to fp32).
    case float32 = "f32"
    /// 2 bytes a weight: bfloat16, rounded to nearest even (8 significant bits). On a CPU with
    /// AVX512-BF16, batched products (the prompt) round the activations to bf16 too and multiply
    /// with its dot-product instruction, twice as fast as fp32 (``BFloat16Dot``).
    case bfloat16 = "bf16"
    /// 1 byte a weight plus one fp32 scale per row: `w ≈ q · max|row| / 127`, q in -127 ... 127.
    /// Batched products take the bf16 route too where the CPU has it (q is exact in bf16).
    case int8
}

/// A weight matrix `[O, I]`, row-major as `nn.Linear` stores it, in one of the ``WeightPrecision``s.
///
/// Invariant: ``floats()`` returns `O · I` floats in row-major order whatever the precision; bf16
/// and int8 rows are stored in blocks of 16 reordered for the SIMD kernels (see `WeightPacking`).
///
/// ```swift
/// let head = WeightMatrix(floats: embedding, rows: 49280, columns: 2048, precision: .bfloat16)
/// head.byteCount  // 201_850_880
/// ```
public struct WeightMatrix: Sendable, Equatable {
    enum Storage: Sendable, Equatable {
        case float32([Float])
        /// Blocked bf16 bits, `O · I`.
        case bfloat16([UInt16])
        /// Blocked int8 values, `O · I`, and one scale per row, `O`.
        case int8([Int8], scales: [Float])
    }

    /// Output features (O).
    public let rows: Int
    /// Input features (I).
    public let columns: Int
    let storage: Storage

    /// Packs a row-major `[rows, columns]` fp32 matrix into `precision`.
    public init(floats: [Float], rows: Int, columns: Int, precision: WeightPrecision = .float32) {
        precondition(floats.count == rows * columns, "WeightMatrix: \(floats.count) floats for [\(rows), \(columns)]")
        self.rows = rows
        self.columns = columns
        switch precision {
        case .float32:
            storage = .float32(floats)
        case .bfloat16:
            storage = .bfloat16(WeightPacking.packBFloat16(floats, rows: rows, columns: columns))
        case .int8:
            let (values, scales) = WeightPacking.packInt8(floats, rows: rows, columns: columns)
            storage = .int8(values, scales: scales)
        }
    }

    /// The precision the weights are kept in.
    public var precision: WeightPrecision {
        switch storage {
        case .float32: .float32
        case .bfloat16: .bfloat16
        case .int8: .int8
        }
    }

    /// Bytes the weights take in memory (scales included).
    public var byteCount: Int {
        switch storage {
        case .float32(let values): values.count * 4
        case .bfloat16(let values): values.count * 2
        case .int8(let values, let scales): values.count + scales.count * 4
        }
    }

    /// The weights as row-major fp32 `[O, I]`, converted as the kernels see them.
    public func floats() -> [Float] {
        var out = [Float](repeating: 0, count: rows * columns)
        WeightPacking.unpackRows(self, 0..<rows, into: &out)
        return out
    }
}
