import CXXHash
import Foundation

/// The XXH3-128 hash of a file's bytes: the key contents are deduplicated by.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> Data {
        let hash = bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
        var parts = [hash.high64.bigEndian, hash.low64.bigEndian]
        return Data(bytes: &parts, count: 16)
    }
}
