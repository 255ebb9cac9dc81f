import Foundation

/// One memory-mapped `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the tensor bytes.
///
/// Invariant: every entry's byte range lies inside the file and matches its shape and dtype size.
public struct SafetensorsFile: Sendable {
    /// Where one tensor lives in the file.
    public struct Entry: Sendable, Equatable {
        /// The dtype as the header spells it: `F32`, `F16`, `BF16`, `U8`, …
        public var dtype: String
        /// The shape, outermost dimension first.
        public var shape: [Int]
        /// Byte range inside the data section (after the header).
        public var dataRange: Range<Int>
    }

    /// The file's name, for messages.
    public let name: String
    /// The tensors, by name; `__metadata__` is not one.
    public let entries: [String: Entry]
    private let bytes: Data
    private let dataStart: Int

    /// Maps the file and parses its header; no tensor bytes are read yet.
    public init(url: URL) throws(BigCodeError) {
        name = url.lastPathComponent
        guard let mapped = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw .missingFile(path: name)
        }
        bytes = mapped
        guard mapped.count >= 8 else { throw .malformedFile(path: name, reason: "shorter than its 8-byte header length") }
        let headerLength = mapped.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(mapped.count - 8) else {
            throw .malformedFile(path: name, reason: "header length \(headerLength) exceeds the file size \(mapped.count)")
        }
        dataStart = 8 + Int(headerLength)
        let header = mapped.subdata(in: 8..<dataStart)
        guard let object = try? JSONSerialization.jsonObject(with: header), let json = object as? [String: Any] else {
            throw .malformedFile(path: name, reason: "the header is not a JSON object")
        }
        entries = try Self.parseEntries(json, file: name, dataSize: mapped.count - dataStart)
    }

    private static func parseEntries(_ json: [String: Any], file: String, dataSize: Int) throws(BigCodeError) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for (tensor, value) in json where tensor != "__metadata__" {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
            else {
                throw .malformedFile(path: file, reason: "header entry \(tensor) lacks dtype, shape or data_offsets")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataSize else {
                throw .malformedFile(path: file, reason: "tensor \(tensor) has byte range \(offsets) outside the \(dataSize) data bytes")
            }
            if let type = DTypeConversion.Source(rawValue: dtype) {
                let expected = shape.reduce(1, *) * type.size
                guard expected == offsets[1] - offsets[0] else {
                    throw .malformedFile(path: file, reason: "tensor \(tensor) \(dtype)\(shape) needs \(expected) bytes, has \(offsets[1] - offsets[0])")
                }
            }
            entries[tensor] = Entry(dtype: dtype, shape: shape, dataRange: offsets[0]..<offsets[1])
        }
        return entries
    }

    /// The tensor `tensor` converted to `Float`, row-major in its stored shape.
    public func floats(_ tensor: String) throws(BigCodeError) -> [Float] {
        guard let entry = entries[tensor] else { throw .missingTensor(name: tensor) }
        guard let type = DTypeConversion.Source(rawValue: entry.dtype) else {
            throw .unsupportedDType(tensor: tensor, dtype: entry.dtype)
        }
        let count = entry.shape.reduce(1, *)
        let start = dataStart + entry.dataRange.lowerBound
        return bytes.withUnsafeBytes { raw in
            DTypeConversion.floats(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + entry.dataRange.count)]), type: type, count: count)
        }
    }
}
