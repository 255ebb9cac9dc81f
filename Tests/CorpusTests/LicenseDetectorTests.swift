@testable import Corpus
import Foundation
import ProvenanceCore
import Testing

/// Where Debian keeps full license texts; long-license cases need it and are skipped without it.
private let commonLicenses = "/usr/share/common-licenses"

private func commonText(_ file: String) -> String? {
    try? String(contentsOfFile: commonLicenses + "/" + file, encoding: .utf8)
}

/// The text re-wrapped at `width` columns, as editors and some projects do.
private func reflow(_ text: String, width: Int = 52) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0.isNewline }) {
        if line.count + word.count + 1 > width {
            lines.append(line)
            line = ""
        }
        line += line.isEmpty ? String(word) : " " + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
}

/// What a real LICENSE file adds around a template: a title and holder lines.
private func withCopyright(_ text: String) -> String {
    "The License\n\nCopyright (c) 2019-2024 Jane Q. Hacker <jane@example.org>\nCopyright 2021 The Demo Authors\n"
        + "All rights reserved.\n\n" + text + "\n"
}

/// AGPL-3.0 as it differs from GPL-3.0: its title and its section 13.
private func affero(from gpl3: String) -> String {
    gpl3.replacingOccurrences(of: "GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007",
        with: "GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007")
        .replacingOccurrences(of: "13. Use with the GNU Affero General Public License.",
            with: "13. Remote Network Interaction; Use with the GNU General Public License.")
}

@Suite struct LicenseDetectorTests {
    static let shortLicenses: [(String, String)] = [
        ("MIT", LicenseTemplate.mit), ("BSD-2-Clause", LicenseTemplate.bsd2), ("BSD-3-Clause", LicenseTemplate.bsd3),
        ("ISC", LicenseTemplate.isc), ("Zlib", LicenseTemplate.zlib), ("BSL-1.0", LicenseTemplate.boost),
        ("Unlicense", LicenseTemplate.unlicense),
    ]
    static let longLicenses: [(String, String)] = [
        ("Apache-2.0", "Apache-2.0"), ("GPL-2.0", "GPL-2"), ("GPL-3.0", "GPL-3"), ("LGPL-2.1", "LGPL-2.1"),
        ("LGPL-3.0", "LGPL-3"), ("MPL-2.0", "MPL-2.0"), ("CC0-1.0", "CC0-1.0"),
    ]

    @Test(arguments: shortLicenses)
    func identifiesShortLicenses(identifier: String, text: String) {
        let detector = LicenseDetector.standard
        for variant in [text, withCopyright(text), reflow(withCopyright(text)), reflow(text, width: 30)] {
            #expect(detector.identify(variant)?.identifier == identifier)
        }
        let smartQuotes = text.replacingOccurrences(of: "\"", with: "“").replacingOccurrences(of: "licen", with: "licen")
        #expect(detector.identify(smartQuotes)?.identifier == identifier)
    }

    @Test(arguments: longLicenses)
    func identifiesLongLicenses(identifier: String, file: String) throws {
        guard let text = commonText(file) else { return }
        for detector in [LicenseDetector.standard, LicenseDetector(commonLicensesDirectory: nil)] {
            for variant in [text, reflow(withCopyright(text))] {
                let match = detector.identify(variant)
                #expect(match?.identifier == identifier, "\(identifier) via \(match?.method.rawValue ?? "none")")
            }
        }
    }

    @Test func distinguishesAfferoFromGPL() throws {
        guard let gpl3 = commonText("GPL-3") else { return }
        let agpl = affero(from: gpl3)
        #expect(agpl != gpl3)
        for detector in [LicenseDetector.standard, LicenseDetector(commonLicensesDirectory: nil)] {
            #expect(detector.identify(agpl)?.identifier == "AGPL-3.0")
            #expect(detector.identify(reflow(agpl))?.identifier == "AGPL-3.0")
            #expect(detector.identify(gpl3)?.identifier == "GPL-3.0")
        }
    }

    @Test func distinguishesBSD2FromBSD3() {
        let bsd3WithHolder = LicenseTemplate.bsd3.replacingOccurrences(
            of: "the copyright holder nor the names of its contributors", with: "Acme Corp. nor the names of its staff")
        #expect(LicenseDetector.standard.identify(withCopyright(bsd3WithHolder))?.identifier == "BSD-3-Clause")
        #expect(LicenseDetector.standard.identify(withCopyright(LicenseTemplate.bsd2))?.identifier == "BSD-2-Clause")
    }

    @Test(arguments: [
        "This project is proprietary. All rights reserved. You may not copy, modify or distribute it without written permission from the owners, who reserve every right not expressly granted here.",
        "DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE Version 2, December 2004. Everyone is permitted to copy and distribute verbatim or modified copies of this license document, and changing it is allowed as long as the name is changed.",
        "MIT",
        "",
        String(repeating: "lorem ipsum dolor sit amet ", count: 200),
    ])
    func unknownTextsAreNotIdentified(text: String) {
        #expect(LicenseDetector.standard.identify(text) == nil)
    }

    @Test func copyrightLinesAreDroppedButLicenseProseStays() {
        #expect(LicenseText.isCopyrightLine("Copyright (c) 2020 Jane"))
        #expect(LicenseText.isCopyrightLine(" * Copyright 2020-2024 The Authors"))
        #expect(LicenseText.isCopyrightLine("© Jane Doe"))
        #expect(!LicenseText.isCopyrightLine("copyright notice and this permission notice shall be included"))
    }

    @Test func repositoryLicenseCombinesFiles() throws {
        #expect(RepositoryLicense.combine(["MIT", "Apache-2.0"]) == License("Apache-2.0 AND MIT"))
        #expect(RepositoryLicense.combine(["GPL-3.0", "LGPL-3.0"]) == License("LGPL-3.0"))
        #expect(RepositoryLicense.combine([]) == .unknown)
        for name in ["LICENSE", "license.md", "LICENCE.txt", "COPYING.LESSER", "LICENSE-MIT", "NOTICE", "UNLICENSE"] {
            #expect(RepositoryLicense.isLicenseFileName(name), "\(name)")
        }
        #expect(!RepositoryLicense.isLicenseFileName("README.md"))
    }
}

@Suite struct SPDXHeaderTests {
    @Test(arguments: [
        ("// SPDX-License-Identifier: MIT\nint x;", "MIT"),
        ("#!/usr/bin/env python\n# SPDX-License-Identifier: Apache-2.0 OR MIT\n", "Apache-2.0 OR MIT"),
        ("/* SPDX-License-Identifier: GPL-2.0-or-later */\n", "GPL-2.0-or-later"),
        ("<!-- SPDX-License-Identifier: (MIT AND BSD-3-Clause) -->", "(MIT AND BSD-3-Clause)"),
    ])
    func readsHeader(source: String, expected: String) {
        #expect(SPDXHeader.license(in: Array(source.utf8)) == License(expected))
    }

    @Test func ignoresHeaderBelowTheTop() {
        let late = String(repeating: "x = 1\n", count: 30) + "# SPDX-License-Identifier: MIT\n"
        #expect(SPDXHeader.license(in: Array(late.utf8)) == nil)
        #expect(SPDXHeader.license(in: Array("# SPDX-License-Identifier:   \n".utf8)) == nil)
        #expect(SPDXHeader.license(in: []) == nil)
    }
}
