import Foundation

/// The classes of licenses a policy decides on, from least to most restrictive.
public enum LicenseClass: String, Sendable, Codable, CaseIterable, Comparable {
    /// No conditions worth tracking: CC0-1.0, Unlicense, 0BSD, WTFPL.
    case publicDomainLike = "public-domain-like"
    /// Permissive, but the notice must be kept: MIT, BSD, Apache-2.0, ISC, Zlib, BSL-1.0.
    case permissive = "permissive"
    /// File- or library-level copyleft: MPL-2.0, LGPL, EPL.
    case weakCopyleft = "weak-copyleft"
    /// Whole-work copyleft: GPL, AGPL.
    case strongCopyleft = "strong-copyleft"
    /// Not known, or not in the table.
    case unknown = "unknown"

    /// The class of a single SPDX identifier (a `WITH` exception is ignored).
    public init(identifier: String) {
        let base = identifier.components(separatedBy: " WITH ").first ?? identifier
        let id = base.trimmingCharacters(in: .whitespaces).uppercased()
            .replacingOccurrences(of: "-ONLY", with: "").replacingOccurrences(of: "-OR-LATER", with: "")
            .replacingOccurrences(of: "+", with: "")
        self = Self.table[id] ?? .unknown
    }

    private static let table: [String: LicenseClass] = {
        var table: [String: LicenseClass] = [:]
        for id in ["CC0-1.0", "UNLICENSE", "0BSD", "WTFPL", "PUBLIC-DOMAIN", "MIT-0"] { table[id] = .publicDomainLike }
        for id in [
            "MIT", "MIT-CMU", "X11", "BSD-2-CLAUSE", "BSD-3-CLAUSE", "BSD-4-CLAUSE", "APACHE-2.0", "APACHE-1.1",
            "ISC", "ZLIB", "BSL-1.0", "PSF-2.0", "PYTHON-2.0", "PYTHON-2.0.1", "POSTGRESQL", "NCSA", "ARTISTIC-2.0",
            "CC-BY-4.0", "CC-BY-3.0", "UPL-1.0", "HPND", "BLUEOAK-1.0.0", "AFL-3.0", "MS-PL", "ECL-2.0", "CNRI-PYTHON",
        ] { table[id] = .permissive }
        for id in [
            "MPL-1.1", "MPL-2.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "EPL-1.0", "EPL-2.0", "CDDL-1.0", "CDDL-1.1",
            "EUPL-1.1", "EUPL-1.2", "MS-RL", "CPL-1.0",
        ] { table[id] = .weakCopyleft }
        for id in ["GPL-1.0", "GPL-2.0", "GPL-3.0", "AGPL-1.0", "AGPL-3.0", "OSL-3.0", "SSPL-1.0", "CC-BY-SA-4.0"] {
            table[id] = .strongCopyleft
        }
        return table
    }()

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: LicenseClass, rhs: LicenseClass) -> Bool { lhs.rank < rhs.rank }
}
