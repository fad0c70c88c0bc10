// Owns the scan that keeps language switches out of the sources: words live in the phrase tables (Strings.swift)
// and per-language conventions in AnnexLocale, not in `lang == .vi ? "…" : "…"` at the call site.
import Foundation
import Testing

@Suite struct SourceScanTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources").path

    /// Files cleaned of inline language switches. Add a file here once its words are phrases.
    static let cleaned = [
        "AnnexReport/Findings.swift", "AnnexReport/AnnexDocument.swift", "AnnexReport/DefaultAnnex.swift",
        "AnnexReport/ReportRunner.swift", "AnnexReport/ReportSpec.swift", "AnnexReport/ResultFormatter.swift",
        "AnnexReport/CSVWriter.swift", "AnnexReport/DecreeAnnex.swift", "AnnexReport/AnnexContents.swift",
        "AnnexReport/SourcesPage.swift", "AnnexReport/PageFlow.swift", "AnnexReport/AnnexFigure.swift",
        "AnnexAnalytics/Analysis.swift", "AnnexAnalytics/GroupTrends.swift", "AnnexAnalytics/PlanComparison.swift",
        "AnnexAnalytics/ResultRecord.swift",
        "AnnexData/Boundaries.swift", "AnnexData/CSVCell.swift", "AnnexData/CSVTable.swift", "AnnexData/DataError.swift",
        "AnnexData/Dataset.swift", "AnnexData/DatasetChecks.swift", "AnnexData/ManifestReader.swift", "AnnexData/Model.swift",
        "AnnexData/NumberFormat.swift", "AnnexData/Spelling.swift", "AnnexData/SyntheticDataset.swift",
        "AnnexData/YAMLNesting.swift",
    ]

    /// `lang == .vi ?`, `vi ? "…"`, `language != .en`, `case .vi:`: a choice of words or formats by language.
    static let patterns = [#"\.vi\s*\?"#, #"\bvi\s*\?\s*[\"(]"#, #"[=!]=\s*\.(vi|en)\b"#, #"\bcase\s+\.(vi|en)\b"#]

    /// The lines of `text` that choose by language (comments left out).
    static func offending(_ text: String) -> [String] {
        let regexes = patterns.map { try! NSRegularExpression(pattern: $0) }
        return text.components(separatedBy: "\n").enumerated().compactMap { i, line in
            let code = line.components(separatedBy: "//").first ?? ""
            let range = NSRange(code.startIndex..., in: code)
            return regexes.contains { $0.firstMatch(in: code, range: range) != nil } ? "\(i + 1): \(line.trimmingCharacters(in: .whitespaces))" : nil
        }
    }

    @Test(arguments: cleaned)
    func noInlineLanguageSwitch(_ file: String) throws {
        let text = try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8)
        let lines = Self.offending(text)
        #expect(lines.isEmpty, "\(file) chooses words by language; use a phrase (language.text(.…)):\n\(lines.joined(separator: "\n"))")
    }

    /// The scan finds what it is meant to find.
    @Test func theScanSeesSwitches() {
        #expect(Self.offending(#"let t = lang == .vi ? "Tổng" : "Total""#).count == 1)
        #expect(Self.offending(#"s += vi ? ", đạt kế hoạch" : ", met""#).count == 1)
        #expect(Self.offending("switch lang {\ncase .vi: 1\ncase .en: 2\n}").count == 2)
        #expect(Self.offending(#"let t = lang.text(.total) // not lang == .vi ? "Tổng""#).isEmpty)
    }
}
