import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene
import Foundation

/// Lays out the pages of the A4 annex in the report's layout: `decree30` (`DecreeAnnex`), or `classic`: a title page
/// with contents, the figures (two to a page) and tables (headers repeated across page breaks) in the spec's order,
/// the key findings, and notes on the sources; every page numbered at its foot.
enum AnnexDocument {
    static let w = ReportRunner.pageWidth, h = ReportRunner.pageHeight, m = ReportRunner.margin
    static let theme = Theme.report

    /// A `YYYY-MM-DD` date as people write it: 21/7/2020, or 21 July 2020.
    static func humanDate(_ iso: String, _ lang: Language) -> String {
        DayFormat(lang, style: .long).format(iso: iso)
    }

    static func stamp(_ marks: [Mark], _ md: DocumentMetadata) -> Scene {
        Scene(width: w, height: h, background: .white, marks: marks, metadata: md)
    }

    /// The pages of a table's own PDF (`tables/tabNN.pdf`), in the report's layout.
    static func tablePages(_ table: TableContent, _ r: BuiltReport, lang: Language) -> [Scene] {
        switch r.layout {
        case .decree30: return DecreeAnnex.tablePages(table, r, lang: lang)
        case .classic:
            let pages = TableLayout(table, theme: theme, language: lang, fontSize: 11)
                .pages(left: m, width: w - 2 * m, firstTop: m, top: m, bottom: h - m, measurer: PangoTextMeasurer())
            return pages.map { stamp($0, r.metadata(table.caption)) }
        }
    }

    /// The annex's pages in the report's layout; `figures` are the annex's figure scenes by number.
    static func pages(_ r: BuiltReport, figures: [(Int, Scene)], lang: Language) -> [Scene] {
        switch r.layout {
        case .decree30: DecreeAnnex.pages(r, figures: figures, lang: lang)
        case .classic: classicPages(r, figures: figures, lang: lang)
        }
    }

    static func classicPages(_ r: BuiltReport, figures: [(Int, Scene)], lang: Language) -> [Scene] {
        let measurer = PangoTextMeasurer()
        var content: [[Mark]] = []
        var toc: [(String, Int)] = []   // entry, page number (the title page is 1)
        var current: [Mark] = []
        var y = m
        let contentWidth = w - 2 * m
        func newPage() { if !current.isEmpty { content.append(current) }; current = []; y = m }
        func heading(_ text: String) {
            let t = TextMark(text, font: theme.font(17, .bold), color: theme.text, at: Point(m, y), baseline: .top, maxWidth: contentWidth,
                             overflow: .wrap(maxLines: 3), id: "heading")
            current.append(.text(t)); y += measurer.measure(t).height + 12
        }
        let figureMap = Dictionary(uniqueKeysWithValues: figures)
        let tableMap = Dictionary(uniqueKeysWithValues: r.tables.map { ($0.0, $0.1) })
        for item in r.order {
            switch item {
            case .figure(let n):
                guard let s = figureMap[n] else { continue }
                // One scale for every figure (the annex's figures are laid out 1200 px wide): text keeps its size,
                // and a figure narrowed to its content stands centred at its own width.
                let k = contentWidth / max(s.width, 1200)
                let fh = s.height * k, fx = m + (contentWidth - s.width * k) / 2
                if y + fh > h - m { newPage() }
                toc.append((s.metadata.title, content.count + 2))
                var marks: [Mark] = []
                if let bg = s.background { marks.append(.rect(RectMark(Rect(x: 0, y: 0, width: s.width, height: s.height), fill: bg))) }
                marks += s.marks
                current.append(.group(GroupMark(marks, transform: AffineTransform.translation(fx, y).concatenating(.scale(k, k)),
                                                clip: Rect(x: 0, y: 0, width: s.width, height: s.height), id: "figure/\(n)")))
                current.append(.rect(RectMark(Rect(x: fx, y: y, width: s.width * k, height: fh), stroke: Stroke(color: theme.grid, width: 0.75))))
                y += fh + 28
            case .table(let n):
                guard let t = tableMap[n] else { continue }
                newPage()
                toc.append((t.caption, content.count + 2))
                let pages = TableLayout(t, theme: theme, language: lang, fontSize: 11).pages(left: m, width: contentWidth, firstTop: m, top: m, bottom: h - m, measurer: measurer)
                for (i, p) in pages.enumerated() {
                    current = p
                    if i < pages.count - 1 { content.append(current); current = [] }
                }
                newPage()
            case .findings:
                newPage()
                let title = lang.text(.keyFindings)
                toc.append((title, content.count + 2))
                heading(title)
                for (i, s) in r.findings.enumerated() {
                    let t = TextMark("• " + s, font: theme.font(12.5), color: theme.text, at: Point(m, y), baseline: .top, maxWidth: contentWidth,
                                     overflow: .wrap(maxLines: nil), lineSpacing: 1.15, id: "finding/\(i)")
                    let th = measurer.measure(t).height
                    if y + th > h - m { newPage(); var t2 = t; t2.position = Point(m, y); current.append(.text(t2)); y += th + 9 }
                    else { current.append(.text(t)); y += th + 9 }
                }
                newPage()
            }
        }
        newPage()
        // Sources and notes.
        let notesTitle = lang.text(.sourcesAndNotes)
        toc.append((notesTitle, content.count + 2))
        heading(notesTitle)
        for (i, l) in SourcesPage.entries(r, lang).enumerated() {
            let t = TextMark(l, font: theme.font(11), color: theme.text, at: Point(m, y), baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: nil), id: "note/\(i)")
            current.append(.text(t)); y += measurer.measure(t).height + 8
        }
        newPage()
        return classicFrontAndNumbers(r, content: content, toc: toc, lang: lang)
    }

    /// The classic title page with the contents before `content` (contents that do not fit continue on further
    /// pages), every page numbered "3 / 12" at its foot, and the running head from page 2.
    static func classicFrontAndNumbers(_ r: BuiltReport, content: [[Mark]], toc: [(String, Int)], lang: Language) -> [Scene] {
        let measurer = PangoTextMeasurer(), ds = r.dataset, contentWidth = w - 2 * m
        var title: [Mark] = []
        var ty = h * 0.16
        let tt = TextMark(r.title, font: theme.font(26, .bold), color: theme.text, at: Point(m, ty), baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: 4), id: "report-title")
        title.append(.text(tt)); ty += measurer.measure(tt).height + 14
        if let sub = r.subtitle {
            let st = TextMark(sub, font: theme.font(15), color: theme.mutedText, at: Point(m, ty), baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: 3), id: "report-subtitle")
            title.append(.text(st)); ty += measurer.measure(st).height + 10
        }
        let dateLine = TextMark(lang.text(.reportDate, humanDate(r.date, lang)), font: theme.font(12), color: theme.mutedText, at: Point(m, ty), baseline: .top, id: "report-date")
        title.append(.text(dateLine)); ty += 40
        if ds.manifest.synthetic {
            let il = TextMark(lang.text(.communeDataIllustrative), font: theme.font(12, .bold), color: theme.target,
                              at: Point(m, ty), baseline: .top, id: "illustrative")
            title.append(.text(il)); ty += 36
        }
        let ct = TextMark(lang.text(.contents), font: theme.font(15, .bold), color: theme.text, at: Point(m, ty), baseline: .top, id: "contents")
        title.append(.text(ct)); ty += 30
        // Contents that do not fit continue on further pages; page numbers count those pages too.
        let lineH = measurer.measure("Ág", font: theme.font(11)).height + 6
        let firstCap = max(1, Int((h - m - ty) / lineH)), otherCap = max(1, Int((h - 2 * m) / lineH))
        let extraPages = toc.count > firstCap ? (toc.count - firstCap + otherCap - 1) / otherCap : 0
        var tocPages: [[Mark]] = [title]
        for (i, (entry, page)) in toc.enumerated() {
            if i == firstCap || (i > firstCap && (i - firstCap) % otherCap == 0) { tocPages.append([]); ty = m }
            let num = TextMark(String(page + extraPages), font: theme.font(11), color: theme.text, at: Point(w - m, ty), anchor: .end, baseline: .top, id: "toc-page/\(i)")
            let e = TextMark(entry, font: theme.font(11), color: theme.text, at: Point(m, ty), baseline: .top, maxWidth: contentWidth - 50, overflow: .ellipsis, id: "toc/\(i)")
            tocPages[tocPages.count - 1] += [.text(e), .text(num)]
            ty += lineH
        }
        let all = tocPages + content
        let n = all.count
        return all.enumerated().map { i, marks in
            var page = marks
            let label = lang.text(.pageOfPages, String(i + 1), String(n))
            page.append(.text(TextMark(label, font: theme.font(9.5), color: theme.mutedText, at: Point(w / 2, h - m * 0.45), anchor: .middle, baseline: .bottom, id: "page-number")))
            if i > 0 {
                page.append(.text(TextMark(r.shortTitle, font: theme.font(9), color: theme.mutedText, at: Point(m, m * 0.45), baseline: .top,
                                           maxWidth: contentWidth, overflow: .ellipsis, id: "running-head")))
            }
            return stamp(page, r.metadata(r.title))
        }
    }
}
