import AnnexCharts
import AnnexLocale
import Foundation
import Testing
@testable import AnnexReport

/// The Python that reads Word and PowerPoint files for these tests: `ANNEX_OFFICE_PYTHON`, else the virtual
/// environment `make test-deps` makes (`.venv-office`), else `python3`; nil when it has no python-docx and
/// python-pptx.
let officePython: String? = {
    let env = ProcessInfo.processInfo.environment
    let candidates = [env["ANNEX_OFFICE_PYTHON"], repoRoot + "/.venv-office/bin/python", "/usr/bin/env"].compactMap { $0 }
    for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
        let args = c == "/usr/bin/env" ? ["python3", "-c", "import docx, pptx"] : ["-c", "import docx, pptx"]
        if let r = try? runProcess(c, args), r.0 == 0 { return c }
    }
    return nil
}()

/// Under `CI` the readers must be there (`make test` installs them); elsewhere the tests that need them are skipped.
let officeReadersPresent = officePython != nil || ProcessInfo.processInfo.environment["CI"] != nil

/// LibreOffice, for the opt-in conversion test (not installed by the Makefile).
let soffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The default annex, rendered once for these tests.
let officeRun: Result<String, Error> = Result {
    let dir = try tempDir()
    _ = try ReportRunner.run(specPath: repoRoot + "/Reports/langson-2020.yaml", options: ReportOptions(output: dir, jobs: 2))
    return dir
}

/// What python-docx or python-pptx reads in a file (tools/office-text.py).
func officeText(_ path: String) throws -> [String: Any] {
    let python = try #require(officePython, "python-docx and python-pptx are missing: run `make test-deps` (it makes .venv-office)")
    let args = (python == "/usr/bin/env" ? ["python3"] : []) + [repoRoot + "/tools/office-text.py", path]
    let (status, out, err) = try runProcess(python, args)
    try #require(status == 0, "tools/office-text.py \(path): \(err)")
    return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
}

/// The Word annex and slide deck of the default annex: what Word and PowerPoint readers find in them.
@Suite(.serialized) struct OfficeExportTests {
    @Test(.enabled(if: officeReadersPresent, "python-docx and python-pptx are missing (make test-deps makes .venv-office with them)"),
          arguments: Language.allCases)
    func wordAnnexHoldsEveryCaptionAndTableCell(_ lang: Language) throws {
        let dir = try officeRun.get()
        let built = try ReportSpec.load(path: repoRoot + "/Reports/langson-2020.yaml").build(language: lang)
        let doc = try officeText("\(dir)/\(lang.rawValue)/annex.docx")
        let paragraphs = try #require(doc["paragraphs"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        let captions = Set(try #require(doc["paragraphs"] as? [[String: Any]]).filter { $0["style"] as? String == "Caption" }.compactMap { $0["text"] as? String })
        // The head (Decree 30): PHỤ LỤC, the title, the attachment line.
        #expect(paragraphs.prefix(3) == [built.frontMatter.heading(lang), built.title, built.frontMatter.attachmentLine(lang)!][...])
        for f in built.figures { #expect(captions.contains(f.chart.chartTexts.fullTitle), "figure \(f.number)") }
        let tables = try #require(doc["tables"] as? [[[String]]])
        #expect(tables.count == built.tables.count)
        for ((n, t), found) in zip(built.tables, tables) {
            #expect(captions.contains(t.caption), "table \(n)")
            var expected = [[lang.text(.rowNumberHeader)] + t.columns.map(\.header)]
            expected += t.rows.enumerated().map { [String($0.offset + 1)] + $0.element.map(\.text) }
            if let totals = t.totals { expected.append([""] + totals.map(\.text)) }
            #expect(found == expected, "table \(n)")
            if let unit = t.unit { #expect(paragraphs.contains(lang.text(.unitLine, unit)), "table \(n)") }
        }
        #expect((doc["header_rows"] as? [Int]) == Array(repeating: 1, count: built.tables.count))
        #expect(doc["pictures"] as? Int == built.figures.count)
        #expect(paragraphs.contains(lang.text(.keyFindings)) && paragraphs.contains("- " + built.findings[0]))
    }

    @Test(.enabled(if: officeReadersPresent, "python-docx is missing (make test-deps makes .venv-office with it)"))
    func wordAnnexHasDecree30PageSetup() throws {
        let doc = try officeText("\(try officeRun.get())/vi/annex.docx")
        let sections = try #require(doc["sections"] as? [[String: Any]])
        let first = try #require(sections.first)
        #expect(first["page_width_mm"] as? Double == 210 && first["page_height_mm"] as? Double == 297)
        #expect(first["top_mm"] as? Double == 20 && first["bottom_mm"] as? Double == 20)
        #expect(first["left_mm"] as? Double == 30 && first["right_mm"] as? Double == 15)
        #expect(first["different_first_page"] as? Bool == true)
        for s in sections { #expect((s["header"] as? String)?.contains(" PAGE ") == true) }
        // The default annex's tables fit portrait pages.
        #expect(sections.allSatisfy { $0["orientation"] as? String == "portrait" })
    }

    @Test func wideTablesGetALandscapeSection() throws {
        let narrow = TableContent(caption: "Biểu 01. A", columns: [.init("Huyện"), .init("Năm 2019", align: .right)],
                                  rows: [[.init("Tràng Định"), .init("10,60")]])
        let (columns, landscape) = OfficeExport.columnWidths(narrow)
        #expect(!landscape && columns.count == 3)
        #expect(abs(columns.map(\.width).reduce(0, +) - 165) < 0.2)
        #expect(columns[0].width >= 11 && columns[2].alignment == .right)
        let wide = TableContent(caption: "Biểu 02. B", columns: (1...19).map { .init("Tiêu chí \($0)", align: .right) },
                                rows: [(1...19).map { _ in .init("100,0") }])
        let (wideColumns, wideLandscape) = OfficeExport.columnWidths(wide)
        #expect(wideLandscape)
        #expect(abs(wideColumns.map(\.width).reduce(0, +) - 252) < 1)
    }

    @Test(.enabled(if: officeReadersPresent, "python-pptx is missing (make test-deps makes .venv-office with it)"),
          arguments: Language.allCases)
    func slideDeckHasATitledSlidePerKeyFigure(_ lang: Language) throws {
        let spec = try ReportSpec.load(path: repoRoot + "/Reports/langson-2020.yaml")
        let built = try spec.build(language: lang)
        let deck = try officeText("\(try officeRun.get())/\(lang.rawValue)/slides.pptx")
        #expect(deck["width"] as? Int == 12_192_000 && deck["height"] as? Int == 6_858_000)
        let slides = try #require(deck["slides"] as? [[String: Any]])
        let figures = built.figures.filter { spec.slides.contains($0.number) }
        #expect(slides.map { $0["title"] as? String } == figures.map { $0.chart.chartTexts.fullTitle })
        for (s, f) in zip(slides, figures) {
            #expect(s["pictures"] as? Int == 1)
            let texts = s["texts"] as? [String] ?? []
            #expect(texts.contains { built.findings.contains($0) }, "slide of figure \(f.number): no finding")
            if let src = f.chart.chartTexts.source { #expect(texts.contains(lang.text(.sourcePrefix) + " " + src)) }
            #expect(!(s["notes"] as? String ?? "").isEmpty)
        }
    }

    @Test func manifestListsTheDocumentsAndRunsGiveTheSameBytes() throws {
        let dir = try officeRun.get()
        let again = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: again) }
        _ = try ReportRunner.run(specPath: repoRoot + "/Reports/langson-2020.yaml", options: ReportOptions(output: again, jobs: 1))
        for lang in ["vi", "en"] {
            for f in ["annex.docx", "slides.pptx"] {
                let a = FileManager.default.contents(atPath: "\(dir)/\(lang)/\(f)"), b = FileManager.default.contents(atPath: "\(again)/\(lang)/\(f)")
                #expect(a != nil && a == b, "\(lang)/\(f)")
            }
            let manifest = try String(contentsOfFile: "\(dir)/\(lang)/manifest.json", encoding: .utf8)
            #expect(manifest.contains("\"path\": \"annex.docx\"") && manifest.contains("\"path\": \"slides.pptx\""))
        }
    }

    @Test func documentsKeyChoosesTheDocuments() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = """
            title: T
            dataset: \(bundledFolder)
            languages: [en]
            documents: [pptx]
            items:
              - figure: { type: bar, title: A, data: { metric: ntm_new, groups: [all], years: [2018, 2019] }, encoding: { category: year, value: value } }
            """
        try spec.write(toFile: dir + "/r.yaml", atomically: true, encoding: .utf8)
        _ = try ReportRunner.run(specPath: dir + "/r.yaml", options: ReportOptions(output: dir + "/out"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/en/slides.pptx"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/en/annex.docx"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/en/annex.pdf"))
        try spec.replacingOccurrences(of: "[pptx]", with: "[pdf, docs]").write(toFile: dir + "/r.yaml", atomically: true, encoding: .utf8)
        #expect {
            _ = try ReportRunner.run(specPath: dir + "/r.yaml", options: ReportOptions(output: dir + "/out"))
        } throws: { e in
            let text = "\(e)"
            return text.contains("r.yaml:4") && text.contains("did you mean 'docx'") && text.contains("docs")
        }
    }

    /// Opt-in: LibreOffice converts both files to PDF without error (runs only where LibreOffice is installed; the
    /// Makefile does not install it).
    @Test(.enabled(if: soffice != nil, "LibreOffice is not installed (apt-get install libreoffice-writer libreoffice-impress)"))
    func libreOfficeConvertsBothToPDF() throws {
        let dir = try officeRun.get(), out = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (status, _, err) = try runProcess(soffice!, ["-env:UserInstallation=file://\(out)/profile", "--headless", "--convert-to", "pdf",
                                                         "--outdir", out, "\(dir)/vi/annex.docx", "\(dir)/vi/slides.pptx"])
        #expect(status == 0, "\(err)")
        for f in ["annex.pdf", "slides.pdf"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: "\(out)/\(f)")[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(f): \(err)")
        }
        let (_, text, _) = try runProcess("/usr/bin/pdftotext", ["\(out)/annex.pdf", "-"])
        #expect(text.contains("PHỤ LỤC") && text.contains("Biểu 01."))
    }
}

/// The finding a slide shows: the one that states the most of its figure's numbers, one per slide where possible.
@Suite struct SlideFindingTests {
    let findings = ["Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm 2018.",
                    "20 xã biên giới đạt bình quân 10,6 tiêu chí/xã, vượt 0,2 tiêu chí so với kế hoạch 10,4.",
                    "Tổng nhu cầu vốn năm 2020 ước khoảng 4.111,5 tỷ đồng."]

    @Test func numbersAreReadInEitherLanguage() {
        #expect(OfficeExport.numbers("4.111,5 tỷ; 10,60; 01 xã; năm 2019; 12") == [411_150, 1_060, 1_200])
        #expect(OfficeExport.numbers("4,111.5 billion; 10.6; 2019") == [411_150, 1_060])
    }

    @Test func theFindingStatingTheMostFiguresFreshFirst() {
        let alt = "Toàn tỉnh: 2019: 11,54. Xã biên giới: 2019: 10,60; KH 10,40."
        #expect(OfficeExport.finding(for: alt, in: findings, avoiding: []) == 1)
        #expect(OfficeExport.finding(for: alt, in: findings, avoiding: [1]) == 0)
        #expect(OfficeExport.finding(for: alt, in: findings, avoiding: [0, 1]) == 1)
        #expect(OfficeExport.finding(for: "2018: 9; 2019: 13", in: findings, avoiding: []) == nil)
        #expect(OfficeExport.finding(for: "Vốn: 4.111,5", in: findings, avoiding: []) == 2)
    }

    /// Two findings name the same 13: the one that speaks of what the figure's title speaks of wins.
    @Test func theTitleBreaksATieOfNumbers() {
        let two = ["13 xã phấn đấu về đích năm 2020 đạt bình quân 12,31 tiêu chí/xã.",
                   "Năm 2019 có thêm 13 xã được công nhận đạt chuẩn nông thôn mới (vượt kế hoạch 01 xã)."]
        let alt = "2018: 9; 2019: 13, KH 12; 2020: 13 (ước), KH 13."
        #expect(OfficeExport.finding(for: alt, title: "Số xã được công nhận đạt chuẩn nông thôn mới trong năm, so với kế hoạch",
                                     in: two, avoiding: []) == 1)
        #expect(OfficeExport.finding(for: alt, in: two, avoiding: []) == 0)   // no title: the first
    }
}
