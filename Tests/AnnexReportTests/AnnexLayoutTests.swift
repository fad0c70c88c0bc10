// Owns the tests of annex.pdf's layouts: `decree30` (Decree 30/2020/NĐ-CP: fonts, margins, head, page numbers,
// contents with leaders, flowing pages, ruled tables with STT, sources named) and `classic`, and the `report-vn` theme.
import AnnexCharts
import AnnexChartSpec
import AnnexData
import AnnexRender
import AnnexScene
import AnnexSpec
import Foundation
import Testing
@testable import AnnexReport

/// The default annex's pages in one language, laid out as `ReportRunner` lays them out (figures drawn for the annex).
func defaultAnnexPages(_ lang: Language, layout: AnnexLayout? = nil) throws -> (BuiltReport, [Scene]) {
    var spec = try ReportSpec.load(path: defaultSpec)
    if let layout { spec.layout = layout }
    let built = try spec.build(language: lang)
    let figures = try built.figures.map { ($0.number, try AnnexFigure.scene($0.chart, layout: built.layout, "figure \($0.number)")) }
    return (built, AnnexDocument.pages(built, figures: figures, lang: lang))
}

/// The first leaf text mark with `id` on a page.
func pageText(_ page: Scene, _ id: String) -> TextMark? {
    if case .text(let t)? = page.mark(id: id)?.mark { return t }
    return nil
}

@Suite(.serialized) struct AnnexLayoutTests {
    static let mm = 96 / 25.4

    /// The default annex as the command writes it, rendered once for the tests that read its PDF.
    static let rendered: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-layout-\(getpid())").path
        try? FileManager.default.removeItem(atPath: dir)
        _ = try? ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: dir, jobs: 2))
        return dir
    }()

    @Test func theAnnexEmbedsLiberationSerif() throws {
        let (status, out, err) = try runTool("pdffonts", [Self.rendered + "/vi/annex.pdf"])
        #expect(status == 0, "\(err)")
        let fonts = out.split(separator: "\n").dropFirst(2)
        #expect(fonts.contains { $0.contains("LiberationSerif") && !$0.contains("-Bold") && !$0.contains("-Italic") })
        #expect(fonts.contains { $0.contains("LiberationSerif-Bold") })
        #expect(fonts.contains { $0.contains("LiberationSerif-Italic") })
        // Every font embedded (the "emb" column), and none but Liberation Serif: no DejaVu left in the annex.
        for f in fonts {
            let cols = f.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols.contains("yes") && f.contains("LiberationSerif"), "\(f)")
        }
    }

    @Test(arguments: Language.allCases)
    func theFirstPageHoldsTheHeadAndTheSecondIsNumberedAtTheTop(_ lang: Language) throws {
        let pdf = Self.rendered + "/\(lang.rawValue)/annex.pdf"
        let first = try runTool("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", "-layout", pdf, "-"]).1
        let lines = first.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines.first == (lang == .vi ? "PHỤ LỤC" : "ANNEX"), "\(lines.prefix(3))")
        #expect(first.contains(lang == .vi ? "(Kèm theo Báo cáo số … ngày 21 tháng 7 năm 2020 của UBND tỉnh Lạng Sơn)"
                                           : "(Accompanying Report No. … of 21 July 2020"), "\(first)")
        let second = try runTool("pdftotext", ["-enc", "UTF-8", "-f", "2", "-l", "2", "-layout", pdf, "-"]).1
        #expect(second.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } == "2")
    }

    /// The page numbers in the scene: none on page 1; from page 2 the page's number, centred over the text in the
    /// top margin (20 mm).
    @Test func pageNumbersStandCentredInTheTopMarginFromPageTwo() throws {
        let (_, pages) = try defaultAnnexPages(.vi)
        #expect(pages[0].mark(id: "page-number") == nil)
        let g = PageGeometry.decree30Portrait
        for (i, page) in pages.enumerated().dropFirst() {
            let t = try #require(pageText(page, "page-number"), "page \(i + 1)")
            #expect(t.text == String(i + 1))
            let box = t.bounds(PangoTextMeasurer().measure(t))
            #expect(box.minY > 0 && box.maxY < 20 * Self.mm, "page \(i + 1): \(box)")
            #expect(abs(box.midX - (g.left + g.textWidth / 2)) < 0.5)
            #expect(t.font.family == "Liberation Serif" && abs(t.font.size - 13 * 96 / 72) < 1e-9)
        }
    }

    @Test(arguments: Language.allCases)
    func theDefaultAnnexFitsInAboutSevenA4Pages(_ lang: Language) throws {
        // Seven pages of figures and tables; the key findings (a sentence for every group) and the sources run onto an
        // eighth in Vietnamese. The classic layout took 13.
        let info = try runTool("pdfinfo", [Self.rendered + "/\(lang.rawValue)/annex.pdf"]).1
        #expect(info.contains("Pages:           7") || info.contains("Pages:           8"), "\(info)")
        #expect(info.contains("A4"))
    }

    @Test func theSameBytesEveryRunWhateverTheJobs() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: dir, languages: [.vi], jobs: 1))
        for f in ["vi/annex.pdf", "vi/tables/tab01.pdf", "vi/tables/tab03.pdf"] {
            let a = try #require(FileManager.default.contents(atPath: Self.rendered + "/" + f))
            #expect(a == FileManager.default.contents(atPath: dir + "/" + f), "\(f)")
        }
    }

    /// Nothing leaves the text block (30 mm left, 15 mm right, 20 mm top and bottom) but the page numbers; no two
    /// texts overlap; every page is A4.
    @Test(arguments: Language.allCases)
    func everythingStaysWithinTheMarginsWithoutOverlaps(_ lang: Language) throws {
        let (_, pages) = try defaultAnnexPages(lang)
        let m = PangoTextMeasurer()
        for (i, page) in pages.enumerated() {
            let g = page.width > page.height ? PageGeometry.decree30Landscape : .decree30Portrait
            #expect(page.width == g.width && page.height == g.height)
            let block = Rect(x: g.left, y: g.top, width: g.textWidth, height: g.textHeight)
            let boxes = page.textBoxes(m).filter { $0.mark.id != "page-number" }
            for b in boxes {
                #expect(block.contains(b.box, tolerance: 0.5), "page \(i + 1): '\(b.mark.text)' \(b.box) leaves the text block")
                #expect(!m.measure(b.mark).isTruncated, "page \(i + 1): '\(b.mark.text)' is cut short")
            }
            for case .group(let fig) in page.marks {
                let r = fig.transform.apply(fig.clip ?? Rect(x: 0, y: 0, width: 0, height: 0))
                #expect(block.contains(r, tolerance: 0.5), "page \(i + 1): \(fig.id ?? "") \(r)")
            }
            for a in boxes.indices { for b in boxes.indices where b > a {
                #expect(!boxes[a].box.intersects(boxes[b].box, tolerance: 0.5),
                        "page \(i + 1): '\(boxes[a].mark.text)' overlaps '\(boxes[b].mark.text)'")
            } }
        }
    }

    /// Figures at the text's width, none framed; the map as wide as the text; figures and items do not overlap.
    @Test func figuresTakeTheTextWidthUnframed() throws {
        let (built, pages) = try defaultAnnexPages(.vi)
        let g = PageGeometry.decree30Portrait
        var found: [Int: Rect] = [:]
        for page in pages {
            var rects: [Rect] = []
            for case .group(let fig) in page.marks {
                guard let id = fig.id, id.hasPrefix("figure/"), let n = Int(id.dropFirst(7)) else { continue }
                let r = fig.transform.apply(fig.clip ?? Rect(x: 0, y: 0, width: 0, height: 0))
                found[n] = r
                for other in rects { #expect(!other.intersects(r, tolerance: 0.01), "\(id) overlaps another figure") }
                rects.append(r)
            }
            // No frame: the only rectangles outside figures are table status cells.
            for case .rect(let r) in page.marks { #expect(r.stroke == nil, "a framed rectangle \(r.rect)") }
        }
        #expect(found.count == built.figures.count)
        let map = try #require(found[4])
        #expect(map.width > g.textWidth * 0.97, "the map is \(map.width) px wide of \(g.textWidth)")
        // Figure 1 (bars) spans the text, at its natural shape: its plot neither squat nor steep.
        let fig1 = try #require(found[1])
        #expect(abs(fig1.width - g.textWidth) < 0.5 && fig1.height / fig1.width > 0.55 && fig1.height / fig1.width < 0.85, "\(fig1)")
    }

    /// The contents: every item with dot leaders ending in one column and the page it starts on, right-aligned.
    @Test func contentsHaveLeadersAndTheRightPageNumbers() throws {
        let (built, pages) = try defaultAnnexPages(.vi)
        func pageOf(_ id: String) -> Int? { pages.firstIndex { $0.mark(id: id) != nil }.map { $0 + 1 } }
        let entries = built.order.count + 1
        let m = PangoTextMeasurer()
        var leaderEnds: Set<Int> = [], numberEnds: Set<Int> = []
        for i in 0..<entries {
            let page = try #require(pages.first { $0.mark(id: "toc/\(i)") != nil })
            let leader = try #require(pageText(page, "toc-leader/\(i)"), "entry \(i)")
            #expect(leader.text.hasPrefix(" .") && leader.text.count > 6)
            leaderEnds.insert(Int(leader.bounds(m.measure(leader)).maxX.rounded()))
            let number = try #require(pageText(page, "toc-page/\(i)"))
            numberEnds.insert(Int(number.bounds(m.measure(number)).maxX.rounded()))
        }
        #expect(leaderEnds.count == 1 && numberEnds.count == 1)
        // Each item's number is the page it starts on.
        let starts: [Int?] = built.order.map { item -> Int? in
            switch item {
            case .figure(let n): pageOf("figure/\(n)")
            case .table: nil
            case .findings: pageOf("section/finding")
            }
        } + [pageOf("section/note")]
        for (i, p) in starts.enumerated() {
            guard let p else { continue }
            let page = try #require(pages.first { $0.mark(id: "toc/\(i)") != nil })
            #expect(pageText(page, "toc-page/\(i)")?.text == String(p), "entry \(i)")
        }
    }

    /// Tables are ruled, carry STT, the unit line and the source line, and repeat their header on a new page; a table
    /// too wide for the portrait text turns its pages.
    @Test func tablesCarrySTTUnitAndSourceAndTurnWhenTooWide() throws {
        let rows = (1...60).map { i in [TableContent.Cell("Xã số \(i)")] + (1...13).map { TableContent.Cell("\($0 * 1111),\(i % 10)") } }
        let wide = TableContent(caption: "Biểu 09. Một biểu rộng", columns: [.init("Xã")] + (1...13).map { .init("Cột \($0)", align: .right) },
                                rows: rows, source: "Cục Thống kê tỉnh", unit: "triệu đồng")
        let (built, _) = try defaultAnnexPages(.vi)
        let pages = DecreeAnnex.tablePages(wide, built, lang: .vi)
        #expect(pages.count >= 2)
        #expect(pages.allSatisfy { $0.width == PageGeometry.decree30Landscape.width && $0.height == PageGeometry.decree30Landscape.height })
        #expect(pageText(pages[0], "header/0")?.text == "STT" && pageText(pages[0], "row/0/0")?.text == "1")
        #expect(pageText(pages[0], "table-unit")?.text == "Đơn vị tính: triệu đồng")
        #expect(pageText(pages[1], "header/0")?.text == "STT", "the header repeated")
        #expect(pageText(pages.last!, "table-note/0")?.text == "Nguồn: Cục Thống kê tỉnh")
        #expect(pages[1].mark(id: "page-number") != nil && pages[0].mark(id: "page-number") == nil)
        // The default annex's tables fit the portrait text.
        let t1 = DecreeAnnex.tablePages(built.tables[0].1, built, lang: .vi)
        #expect(t1.count == 1 && t1[0].width < t1[0].height)
        #expect(pageText(t1[0], "row/3/0")?.text == "4" && pageText(t1[0], "row/4/0") == nil && pageText(t1[0], "totals/0") == nil)
    }

    /// The sources name sources: the documents, the statistical office's unit list, the boundary provider with its
    /// licence; never a file, a folder, a script or a seed.
    @Test(arguments: Language.allCases)
    func theSourcesNameSourcesNotFiles(_ lang: Language) throws {
        let pdf = Self.rendered + "/\(lang.rawValue)/annex.pdf"
        let text = try runTool("pdftotext", ["-enc", "UTF-8", pdf, "-"]).1
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for bad in [".csv", ".py", ".yaml", ".geojson", "20200212", "hạt giống", "seed", "admin/", "tools/"] {
            #expect(!flat.contains(bad), "'\(bad)' in the annex")
        }
        let expected = lang == .vi
            ? ["Danh mục và mã đơn vị hành chính Việt Nam, Tổng cục Thống kê (ngày 1/1/2020)", "geoBoundaries (CC BY 3.0 IGO)",
               "Thông báo kết luận của Chủ tịch UBND tỉnh Lạng Sơn", "số liệu thực hiện đến ngày 30/6/2020", "là số liệu minh họa"]
            : ["General Statistics Office (1 January 2020)", "geoBoundaries (CC BY 3.0 IGO)", "are illustrative"]
        for e in expected { #expect(flat.contains(e), "'\(e)' missing") }
    }

    /// `layout: classic` keeps the earlier look (DejaVu Sans, "3 / 12" at the foot, a frame round each figure); an
    /// unknown layout is a located error.
    @Test func classicKeepsTheEarlierLookAndBadLayoutsAreLocated() throws {
        let (_, pages) = try defaultAnnexPages(.vi, layout: .classic)
        let foot = try #require(pageText(pages[1], "page-number"))
        #expect(foot.text == "2 / \(pages.count)" && foot.position.y > pages[1].height / 2 && foot.font.family == "DejaVu Sans")
        #expect(pages.count > 7)
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "title: T\ndataset: \(bundledFolder)\nlayout: fancy\nitems:\n  - findings: true\n"
        try text.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        #expect(throws: SpecError.self) { try ReportSpec.load(path: dir + "/bad.yaml") }
        do { _ = try ReportSpec.load(path: dir + "/bad.yaml") } catch {
            #expect(error.description.contains("bad.yaml:3") && error.description.contains("one of decree30, classic") && error.description.contains("fancy"),
                    "\(error.description)")
        }
        try text.replacingOccurrences(of: "fancy", with: "classic").write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        #expect(try ReportSpec.load(path: dir + "/ok.yaml").layout == .classic)
    }

    /// Findings and sources are set as body text: first lines indented 1 cm, lines justified to both margins but a
    /// paragraph's last; the text extracts with its spaces.
    @Test func paragraphsAreJustifiedWithTheirFirstLineIndented() throws {
        let (_, pages) = try defaultAnnexPages(.vi)
        let g = PageGeometry.decree30Portrait, m = PangoTextMeasurer()
        let page = try #require(pages.first { $0.mark(id: "finding/1") != nil })
        let first = try #require(pageText(page, "finding/1"))
        #expect(abs(first.position.x - (g.left + 10 * Self.mm)) < 1e-9 && first.text == "-")
        let line = page.textBoxes(m).filter { $0.mark.position.y == first.position.y }
        #expect(line.count > 5)
        #expect(abs((line.map(\.box.maxX).max() ?? 0) - (g.left + g.textWidth)) < 0.5, "the line reaches the right margin")
        let last = try #require(pageText(page, "finding/0"))   // one line: its paragraph's last, not spread
        #expect(last.text.hasPrefix("- Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí"))
    }

    /// The flow: a block goes where the last ended, or on a new page when it does not fit; no gap at a page's top; an
    /// empty page turns rather than stay blank; a block taller than a page starts at a page's top.
    @Test func pageFlowPlacesBlocksWhereTheyFit() {
        let g = PageGeometry.decree30Portrait
        let block = Mark.rect(RectMark(Rect(x: g.left, y: 0, width: 10, height: 10), fill: .black))
        var f = PageFlow(g)
        #expect(abs(g.textWidth - 165 * Self.mm) < 0.6 && abs(g.top - 20 * Self.mm) < 1e-9 && abs(g.left - 30 * Self.mm) < 1e-9)
        f.reserve(100, on: g); f.add([block]); f.y += 100
        f.gap(10)
        #expect(f.pageNumber == 1 && abs(f.y - (g.top + 110)) < 1e-9)
        f.reserve(g.textHeight - 110, on: g)
        #expect(f.pageNumber == 1, "it fits exactly")
        f.reserve(g.textHeight - 100, on: g)
        #expect(f.pageNumber == 2 && f.y == g.top)
        f.gap(10)
        #expect(f.y == g.top)
        f.reserve(10, on: .decree30Landscape)
        #expect(f.pageNumber == 2 && f.geometry == .decree30Landscape, "the empty page turned")
        f.add([block]); f.y += 10
        f.reserve(5000, on: .decree30Landscape)
        #expect(f.pageNumber == 3 && f.atTop)
        f.reserve(5000, on: .decree30Landscape)
        #expect(f.pageNumber == 3, "a block taller than a page starts on the empty page")
        #expect(PageFlow.lines("một hai ba bốn năm", font: DecreeAnnex.Contents.font, width: 80, indent: 20, PangoTextMeasurer()).count >= 2)
    }

    /// `theme: report-vn` in a chart spec: Liberation Serif, black text; the other themes are as they were.
    @Test func reportVNIsAThemeOfChartSpecs() throws {
        let path = repoRoot + "/docs/examples/notices-groups.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "theme: report\n", with: "theme: report-vn\n")
        let spec = try ChartSpec.parse(text, file: "notices-groups.yaml", baseFolder: repoRoot + "/docs/examples")
        let m = PangoTextMeasurer()
        let scene = try spec.chart.scene(measurer: m)
        let boxes = scene.textBoxes(m)
        #expect(!boxes.isEmpty && boxes.allSatisfy { $0.mark.font.family == "Liberation Serif" })
        for b in boxes { #expect(scene.bounds.contains(b.box, tolerance: 0.5), "\(b.mark.text)") }
        #expect(Theme.named("report-vn") == Theme.reportVN)
        #expect(Theme.report.fontFamily == "DejaVu Sans" && Theme.reportPrint.nominalWidth == 1100)
        // At the annex's print width (1200 px to 165 mm), the title reads as 13 pt and tick labels as 10,5 pt.
        let k = PageGeometry.decree30Portrait.textWidth / 1200 * 72 / 96
        #expect(abs(Theme.reportVN.titleSize * k - 13) < 0.1 && abs(Theme.reportVN.tickLabelSize * k - 10.5) < 0.1)
    }
}
