import ProvenanceCore

/// Maps the names Python packaging uses for licenses (trove classifiers, the free-text
/// `License` field) to SPDX identifiers.
///
/// Some names do not say which license they mean ("BSD License" may be BSD-2-Clause or
/// BSD-3-Clause); they map to `nil` here, and the package's license files decide.
enum PythonLicenseNames {
    /// The SPDX identifier a `License :: …` classifier names; `nil` when ambiguous or not a license.
    static func identifier(forClassifier classifier: String) -> String? {
        let parts = classifier.split(separator: "::").map(\.trimmingSpaces)
        guard parts.first == "License", let last = parts.last else { return nil }
        return classifierTable[last]
    }

    /// The SPDX expression a short `License` field value stands for, or `nil` when it
    /// is ambiguous, free text, or not a license name.
    static func expression(forShortName name: String) -> String? {
        let trimmed = name.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.count <= 80, !trimmed.contains("\n") else { return nil }
        if let alias = aliasTable[trimmed.lowercased()] { return alias }
        // Already an SPDX expression whose identifiers are all ones we know?
        let license = License(trimmed)
        let ids = license.identifiers
        guard !ids.isEmpty, SPDXExpression(parsing: trimmed) != nil,
            ids.allSatisfy({ LicenseClass(identifier: $0) != .unknown })
        else { return nil }
        return trimmed
    }

    private static let classifierTable: [String: String] = [
        "MIT License": "MIT",
        "MIT No Attribution License (MIT-0)": "MIT-0",
        "ISC License (ISCL)": "ISC",
        "Apache Software License": "Apache-2.0",
        "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
        "Python Software Foundation License": "PSF-2.0",
        "The Unlicense (Unlicense)": "Unlicense",
        "zlib/libpng License": "Zlib",
        "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
        "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
        "Universal Permissive License (UPL)": "UPL-1.0",
        "Historical Permission Notice and Disclaimer (HPND)": "HPND",
        "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
        "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
        "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
        "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
        "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
        "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
        "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
        "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
        "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
        "GNU Affero General Public License v3": "AGPL-3.0-only",
        "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    ]

    private static let aliasTable: [String: String] = [
        "mit license": "MIT", "the mit license": "MIT", "mit/x11": "MIT", "expat": "MIT",
        "apache 2.0": "Apache-2.0", "apache-2": "Apache-2.0", "apache 2": "Apache-2.0", "apache2": "Apache-2.0",
        "apache license 2.0": "Apache-2.0", "apache license, version 2.0": "Apache-2.0",
        "apache software license 2.0": "Apache-2.0", "asl 2.0": "Apache-2.0",
        "new bsd": "BSD-3-Clause", "new bsd license": "BSD-3-Clause", "modified bsd": "BSD-3-Clause",
        "3-clause bsd": "BSD-3-Clause", "bsd-3": "BSD-3-Clause", "bsd 3-clause": "BSD-3-Clause",
        "bsd 3-clause license": "BSD-3-Clause", "revised bsd": "BSD-3-Clause",
        "simplified bsd": "BSD-2-Clause", "2-clause bsd": "BSD-2-Clause", "bsd-2": "BSD-2-Clause",
        "bsd 2-clause": "BSD-2-Clause", "freebsd": "BSD-2-Clause",
        "psf": "PSF-2.0", "psfl": "PSF-2.0", "python software foundation license": "PSF-2.0",
        "isc license": "ISC", "mpl 2.0": "MPL-2.0", "mpl2": "MPL-2.0", "zlib license": "Zlib",
        "unlicense": "Unlicense", "the unlicense": "Unlicense", "cc0": "CC0-1.0", "cc0 1.0": "CC0-1.0",
        "gplv2": "GPL-2.0-only", "gplv2+": "GPL-2.0-or-later", "gplv3": "GPL-3.0-only", "gplv3+": "GPL-3.0-or-later",
        "lgplv3": "LGPL-3.0-only", "lgplv3+": "LGPL-3.0-or-later", "lgplv2+": "LGPL-2.0-or-later",
        "boost software license": "BSL-1.0",
    ]
}
