/// Where a file's license came from: part of every attribution's explanation.
public enum LicenseOrigin: String, Sendable, Codable, CaseIterable {
    /// A LICENSE, COPYING or NOTICE file, identified by its text.
    case licenseFile = "license-file"
    /// A `SPDX-License-Identifier:` header in the file itself.
    case spdxHeader = "spdx-header"
    /// Package metadata: PKG-INFO's License-Expression, License or classifiers.
    case packageMetadata = "package-metadata"
    /// A Debian `debian/copyright` stanza (DEP-5).
    case debianCopyright = "debian-copyright"
    /// A column of a dataset row (The Stack's `max_stars_repo_licenses`).
    case datasetColumn = "dataset-column"
    /// Given on the command line (`--license`) or in a manifest.
    case declared = "declared"
    /// Not known.
    case none = "none"
}
