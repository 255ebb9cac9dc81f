/// The licenses `LicenseDetector` knows, each with what it compares texts against.
///
/// Short permissive licenses are embedded whole: their SPDX templates may be
/// redistributed, and each is a few hundred words. Long licenses (Apache, GNU, MPL,
/// CC0) are not committed: their full texts are loaded at run time from the
/// system's copy of common license texts when present (Debian ships them), and each
/// also carries a few distinctive phrases, so they are recognised without that copy.
/// Phrases are written normalized (`LicenseText.words`): lowercase words, punctuation
/// as spaces.
struct LicenseTemplate: Sendable {
    /// The SPDX identifier this template stands for.
    let identifier: String
    /// The embedded text, for short licenses.
    let embeddedText: String?
    /// The file name under the common-licenses folder holding the full text, for long ones.
    let commonLicenseFile: String?
    /// Phrases found in this license and in none of the others it could be mistaken for.
    let phrases: [String]

    static let all: [LicenseTemplate] = [
        LicenseTemplate(identifier: "MIT", embeddedText: mit, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(identifier: "BSD-2-Clause", embeddedText: bsd2, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(identifier: "BSD-3-Clause", embeddedText: bsd3, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(identifier: "ISC", embeddedText: isc, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(identifier: "Zlib", embeddedText: zlib, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(identifier: "BSL-1.0", embeddedText: boost, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(identifier: "Unlicense", embeddedText: unlicense, commonLicenseFile: nil, phrases: []),
        LicenseTemplate(
            identifier: "Apache-2.0", embeddedText: nil, commonLicenseFile: "Apache-2.0",
            phrases: [
                "apache license version 2 0 january 2004",
                "terms and conditions for use reproduction and distribution",
                "grant of patent license",
                "submission of contributions",
                "this license does not grant permission to use the trade names",
                "accepting warranty or additional liability",
            ]),
        LicenseTemplate(
            identifier: "GPL-2.0", embeddedText: nil, commonLicenseFile: "GPL-2",
            phrases: [
                "gnu general public license version 2 june 1991",
                "you may copy and distribute verbatim copies of the program s source code",
                "this license applies to any program or other work which contains a notice placed",
                "because the program is licensed free of charge there is no warranty for the program",
                "if the distribution and or use of the program is restricted in certain countries",
            ]),
        LicenseTemplate(
            identifier: "GPL-3.0", embeddedText: nil, commonLicenseFile: "GPL-3",
            phrases: [
                "gnu general public license version 3 29 june 2007",
                "the gnu general public license is a free copyleft license for software and other kinds of works",
                "protecting users legal rights from anti circumvention law",
                "automatic licensing of downstream recipients",
                "use with the gnu affero general public license",
            ]),
        LicenseTemplate(
            identifier: "AGPL-3.0", embeddedText: nil, commonLicenseFile: nil,
            phrases: [
                "gnu affero general public license version 3 19 november 2007",
                "the gnu affero general public license is a free copyleft license for software",
                "remote network interaction use with the gnu general public license",
                "protecting users legal rights from anti circumvention law",
                "automatic licensing of downstream recipients",
            ]),
        LicenseTemplate(
            identifier: "LGPL-2.1", embeddedText: nil, commonLicenseFile: "LGPL-2.1",
            phrases: [
                "gnu lesser general public license version 2 1 february 1999",
                "this is the first released version of the lesser gpl",
                "a work that uses the library",
                "you may opt to apply the terms of the ordinary gnu general public license instead of this license",
            ]),
        LicenseTemplate(
            identifier: "LGPL-3.0", embeddedText: nil, commonLicenseFile: "LGPL-3",
            phrases: [
                "gnu lesser general public license version 3 29 june 2007",
                "this version of the gnu lesser general public license incorporates the terms and conditions",
                "exception to section 3 of the gnu gpl",
                "object code incorporating material from library header files",
                "combined libraries",
            ]),
        LicenseTemplate(
            identifier: "MPL-2.0", embeddedText: nil, commonLicenseFile: "MPL-2.0",
            phrases: [
                "mozilla public license version 2 0",
                "incompatible with secondary licenses",
                "exhibit a source code form license notice",
                "contributor version means the combination of the contributions of others",
            ]),
        LicenseTemplate(
            identifier: "CC0-1.0", embeddedText: nil, commonLicenseFile: "CC0-1.0",
            phrases: [
                "cc0 1 0 universal",
                "statement of purpose",
                "public license fallback",
                "affirmer hereby overtly fully permanently irrevocably and unconditionally waives",
            ]),
    ]
}
