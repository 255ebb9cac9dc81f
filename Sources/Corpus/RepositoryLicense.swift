import Foundation
import ProvenanceCore

/// A repository's license as its root license files state it.
public struct RepositoryLicense: Sendable, Equatable {
    public var license: License
    public var origin: LicenseOrigin
    /// The license files read (names relative to the root), identified or not.
    public var files: [String]

    /// True for LICENSE, LICENCE, COPYING, UNLICENSE and NOTICE files, with any
    /// extension or suffix (`LICENSE.md`, `LICENSE-MIT`, `COPYING.LESSER`), any case.
    public static func isLicenseFileName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["LICENSE", "LICENCE", "COPYING", "UNLICENSE", "NOTICE"].contains { upper.hasPrefix($0) }
    }

    /// Reads the license files directly under `root` and identifies each.
    ///
    /// Several identified licenses are joined with `AND`: without knowing whether the
    /// authors offer a choice, claiming all of them is what never understates
    /// obligations. One exception: a GNU Lesser GPL ships with the GPL text it builds on,
    /// so LGPL-3.0 with GPL-3.0 (or LGPL-2.1 with GPL-2.0) is the LGPL alone.
    /// Files identified as nothing (a NOTICE, a README-like LICENSE) are ignored.
    public static func detect(
        root: URL, detector: LicenseDetector = .standard, maxFileSize: Int = 1 << 20
    ) -> RepositoryLicense {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter(isLicenseFileName).sorted()
        var identifiers: [String] = []
        var files: [String] = []
        for name in names {
            let url = root.appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = attributes[.size] as? Int, size <= maxFileSize,
                let data = try? Data(contentsOf: url)
            else { continue }
            files.append(name)
            let text = String(decoding: data, as: UTF8.self)
            if let match = detector.identify(text), !identifiers.contains(match.identifier) {
                identifiers.append(match.identifier)
            }
        }
        let license = combine(identifiers)
        return RepositoryLicense(license: license, origin: license.isKnown ? .licenseFile : .none, files: files)
    }

    /// One expression for several identified licenses (see `detect`).
    static func combine(_ identifiers: [String]) -> License {
        var set = Set(identifiers)
        if set.contains("LGPL-3.0") { set.remove("GPL-3.0") }
        if set.contains("LGPL-2.1") { set.remove("GPL-2.0") }
        let sorted = set.sorted()
        return sorted.isEmpty ? .unknown : License(sorted.joined(separator: " AND "))
    }
}
