// The Word annex of a report: the head Decree 30/2020/NĐ-CP asks for (PHỤ LỤC, the title, the line naming the
// report it accompanies), the contents, the figures and tables in the spec's order with their captions, the key
// findings, and the sources.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexOffice
import AnnexScene
import Foundation

extension OfficeExport {
    /// The Word document of the annex.
    func wordDocument() -> WordDocument {
        var doc = WordDocument(properties: properties)
        doc.page = Self.page
        doc.blocks = head()
        let figures = Dictionary(uniqueKeysWithValues: built.figures.map { ($0.number, $0) })
        let tables = Dictionary(uniqueKeysWithValues: built.tables.map { ($0.0, $0.1) })
        for item in built.order {
            switch item {
            case .figure(let n): if let f = figures[n] { doc.blocks += figureBlocks(f) }
            case .table(let n): if let t = tables[n] { doc.blocks += tableBlocks(t) }
            case .findings:
                doc.blocks.append(.heading(lang.text(.keyFindings), level: 1))
                doc.blocks += built.findings.map { .paragraph(.init("- " + $0)) }
            }
        }
        doc.blocks.append(.heading(lang.text(.sourcesAndNotes), level: 1))
        doc.blocks += sourceLines().map { .paragraph(.init($0)) }
        return doc
    }

    /// The first page: PHỤ LỤC, the title, the attachment line, the subtitle; the contents; a page break.
    func head() -> [WordDocument.Block] {
        var blocks: [WordDocument.Block] = [
            .paragraph(.init(built.frontMatter.heading(lang), bold: true, size: 14, alignment: .center)),
            .paragraph(.init(built.title, bold: true, size: 14, alignment: .center)),
        ]
        if let line = built.frontMatter.attachmentLine(lang) { blocks.append(.paragraph(.init(line, italic: true, alignment: .center))) }
        if let sub = built.subtitle { blocks.append(.paragraph(.init(sub, italic: true, alignment: .center))) }
        if built.dataset.manifest.synthetic {
            blocks.append(.paragraph(.init(lang.text(.communeDataIllustrative), bold: true, alignment: .center)))
        }
        return blocks + [.contents(title: lang.text(.contents)), .pageBreak]
    }

    /// A figure: its caption above, the subtitle, the picture across the text width, notes and source under it.
    func figureBlocks(_ fig: BuiltReport.Figure) -> [WordDocument.Block] {
        let texts = fig.chart.chartTexts
        var blocks: [WordDocument.Block] = [.caption(texts.fullTitle)]
        if let sub = texts.subtitle, !sub.isEmpty { blocks.append(.paragraph(.init(sub, italic: true, alignment: .center, keepWithNext: true))) }
        if let p = images.word(fig.number) {
            let k = Self.page.textWidth() / Self.figureWidth
            blocks.append(.figure(.init(png: p.png, svg: p.svg, width: p.width * k, height: p.height * k, altText: p.alt,
                                        name: texts.figureLabel ?? texts.fullTitle)))
        }
        return blocks + foot(notes: texts.notes, source: texts.source)
    }

    /// Notes and the source line under a figure or table, smaller.
    func foot(notes: [String], source: String?) -> [WordDocument.Block] {
        var lines = notes.enumerated().map { ($0.offset == 0 ? lang.text(.notePrefix) + " " : "") + $0.element }
        if let s = source, !s.isEmpty { lines.append(lang.text(.sourcePrefix) + " " + s) }
        return lines.map { .paragraph(.init($0, italic: true, size: 11, alignment: .left)) }
    }

    /// A table: caption, the unit line at the right, the native table with an STT column, notes and source; in a
    /// landscape section of its own when it is too wide for a portrait page.
    func tableBlocks(_ t: TableContent) -> [WordDocument.Block] {
        let (columns, landscape) = Self.columnWidths(t)
        var blocks: [WordDocument.Block] = landscape ? [.section(.landscape)] : []
        blocks.append(.caption(t.caption))
        if let unit = t.unit, !unit.isEmpty {
            blocks.append(.paragraph(.init(lang.text(.unitLine, unit), italic: true, size: 12, alignment: .right, keepWithNext: true)))
        }
        var body: [[WordDocument.Table.Cell]] = t.rows.enumerated().map { i, row in
            [WordDocument.Table.Cell(String(i + 1))] + row.map(cell)
        }
        if let totals = t.totals { body.append([WordDocument.Table.Cell("")] + totals.map { WordDocument.Table.Cell($0.text, bold: true) }) }
        let header = [lang.text(.rowNumberHeader)] + t.columns.map(\.header)
        blocks.append(.table(.init(columns: columns, header: [header], body: body, fontSize: 12)))
        blocks += foot(notes: t.notes, source: t.source)
        return blocks + (landscape ? [.section(.portrait)] : [])
    }

    /// A body cell; a status cell keeps its colours.
    func cell(_ c: TableContent.Cell) -> WordDocument.Table.Cell {
        guard let status = c.status else { return WordDocument.Table.Cell(c.text) }
        let colors = TableLayout.statusColors(status)
        return WordDocument.Table.Cell(c.text, bold: true, fill: Self.hex(colors.fill), color: Self.hex(colors.text))
    }

    static func hex(_ c: AnnexScene.Color) -> String {
        let v = c.rgba8
        return String(format: "%02X%02X%02X", v.r, v.g, v.b)
    }

    /// Column widths in mm from their content, about 2,1 mm a character at 12 pt: each column at least its longest
    /// word or number (never broken), at most its longest cell (up to 40 characters); the STT column first. Fitted to
    /// a portrait page's text width, or to a landscape page's when the words alone would not fit portrait or the
    /// cells would need more than 1,35 times its width.
    static func columnWidths(_ t: TableContent) -> ([WordDocument.Table.Column], Bool) {
        // 2,1 mm a character of the body, 2,7 of the bold header; the cell's margins and a little air.
        let perChar = 2.1, bold = 2.7, pad = 3.4
        func mm(_ chars: Int) -> Double { Double(max(chars, 2)) * perChar + pad }
        var least = [Double(3) * bold + pad], natural = [Double(3) * bold + pad]
        for (c, col) in t.columns.enumerated() {
            let cells = t.rows.map { $0[c].text } + (t.totals.map { [$0[c].text] } ?? [])
            let words = cells.flatMap { $0.split(separator: " ") }.map(\.count)
            let headerWord = Double(col.header.split(separator: " ").map(\.count).max() ?? 0) * bold + pad
            least.append(max(mm(words.max() ?? 0), headerWord))
            natural.append(max(least[c + 1], mm(min(cells.map(\.count).max() ?? 0, 40))))
        }
        let portrait = Self.page.textWidth(.portrait)
        let landscape = least.reduce(0, +) > portrait || natural.reduce(0, +) > portrait * 1.35
        let room = Self.page.textWidth(landscape ? .landscape : .portrait)
        let lo = least.reduce(0, +), hi = natural.reduce(0, +)
        let widths: [Double]
        if hi <= room { widths = natural.map { $0 * room / hi } }   // stretched to the text width
        else if lo <= room { widths = zip(least, natural).map { $0 + ($1 - $0) * (room - lo) / (hi - lo) } }
        else { widths = least.map { $0 * room / lo } }
        let aligns: [WordDocument.Alignment] = [.center] + t.columns.map { a -> WordDocument.Alignment in
            switch a.align { case .left: .left; case .right: .right; case .center: .center }
        }
        return (zip(widths, aligns).map { WordDocument.Table.Column(width: ($0 * 10).rounded() / 10, alignment: $1) }, landscape)
    }

    /// The sources as the PDF's last section names them (``SourcesPage``): documents, the unit list, what is
    /// illustrative, the boundaries' provider, what "ước" means; never a file, a folder, a program or a seed.
    func sourceLines() -> [String] { SourcesPage.entries(built, lang) }
}
