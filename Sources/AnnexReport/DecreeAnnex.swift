import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene
import Foundation

/// The annex as a Vietnamese office files it (Decree 30/2020/NĐ-CP, layout `decree30`): A4 portrait with margins of
/// 20 mm top and bottom, 30 mm left and 15 mm right; Liberation Serif (metric-compatible with Times New Roman), 13 pt
/// body; on the first page `PHỤ LỤC` in bold capitals, the annex's title in bold and the italic line naming the report
/// it accompanies, then the contents with dot leaders; the figures and tables follow one another at the text's
/// width, each with its caption (a figure's is part of its scene; a table's unit line, `STT` column, header rows
/// repeated on a new page and source line come with it), a page left part-empty only when the next item does not
/// fit; a table too wide for the page turns its pages (landscape); then the key findings and the sources. Page
/// numbers in Arabic numerals centred in the top margin, none on the first page. No frames round figures; tables
/// are ruled.
enum DecreeAnnex {
    static let theme = Theme.reportVN
    /// Pixels in a point.
    static let pt = 96.0 / 72
    static let portrait = PageGeometry.decree30Portrait, landscape = PageGeometry.decree30Landscape
    /// Body text, 13 pt; headings 14 pt; tables 12 pt.
    static let bodySize = 13 * pt, headingSize = 14 * pt, tableSize = 12 * pt
    /// The space between two items: about a line of body text.
    static let itemGap = 14.0

    /// One item of the annex, in the spec's order.
    enum Block {
        case figure(Int, Scene)
        case table(TableContent)
        case findings
    }

    /// The annex's pages.
    static func pages(_ r: BuiltReport, figures: [(Int, Scene)], lang: Language) -> [Scene] {
        let measurer = PangoTextMeasurer()
        let figureMap = Dictionary(uniqueKeysWithValues: figures)
        let tableMap = Dictionary(uniqueKeysWithValues: r.tables.map { ($0.0, $0.1) })
        let blocks: [Block] = r.order.compactMap { item in
            switch item {
            case .figure(let n): figureMap[n].map { .figure(n, $0) }
            case .table(let n): tableMap[n].map { .table($0) }
            case .findings: .findings
            }
        }
        let entries = blocks.map { b -> String in
            switch b {
            case .figure(_, let s): s.metadata.title
            case .table(let t): t.caption
            case .findings: lang.text(.keyFindings)
            }
        } + [lang.text(.sourcesAndNotes)]
        var flow = PageFlow(portrait)
        head(r, lang, &flow, measurer)
        let slots = Contents.reserve(entries, lang, &flow, measurer)
        let charts = Dictionary(r.figures.map { ($0.number, $0.chart) }, uniquingKeysWith: { a, _ in a })
        var itemPages: [Int] = []
        // Each item's page: the page it starts on.
        for b in blocks {
            flow.gap(itemGap)
            switch b {
            case .figure(let n, let s): itemPages.append(figure(s, n, chart: charts[n], &flow))
            case .table(let t): itemPages.append(table(t, lang, &flow, measurer))
            case .findings:
                itemPages.append(section(lang.text(.keyFindings), r.findings.map { "- " + $0 }, id: "finding", &flow, measurer))
            }
        }
        flow.gap(itemGap)
        let sources = SourcesPage.entries(r, lang).enumerated().map { "\($0.offset + 1). \($0.element)" }
        itemPages.append(section(lang.text(.sourcesAndNotes), sources, id: "note", &flow, measurer))
        for (i, slot) in slots.enumerated() { flow.add(Contents.marks(slot, i, page: itemPages[i], measurer), page: slot.page) }
        return numbered(flow, r.metadata(r.title))
    }

    /// The pages of a table's own PDF: the table alone, laid out as in the annex.
    static func tablePages(_ table: TableContent, _ r: BuiltReport, lang: Language) -> [Scene] {
        let measurer = PangoTextMeasurer()
        var flow = PageFlow(geometry(of: layout(table, lang), measurer))
        self.table(table, lang, &flow, measurer)
        return numbered(flow, r.metadata(table.caption))
    }

    /// Scenes of the flow's pages, each numbered in the middle of its top margin but the first.
    static func numbered(_ flow: PageFlow, _ metadata: DocumentMetadata) -> [Scene] {
        flow.pages.enumerated().map { i, p in
            var marks = p.marks
            let g = p.geometry
            if i > 0 {
                marks.append(.text(TextMark(String(i + 1), font: theme.font(bodySize), color: theme.text, at: Point(g.left + g.textWidth / 2, g.top / 2),
                                            anchor: .middle, baseline: .middle, id: "page-number")))
            }
            return Scene(width: g.width, height: g.height, background: .white, marks: marks, metadata: metadata)
        }
    }

    /// The annex's title under its heading: a title that opens with the heading's word ("Phụ lục: …") loses it.
    static func title(_ r: BuiltReport, _ lang: Language) -> String {
        let word = lang.text(.annexHeading).lowercased() + ":"
        guard r.title.lowercased().hasPrefix(word) else { return r.title }
        let rest = r.title.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? r.title : rest
    }

    /// The head of the first page, centred: `PHỤ LỤC` (bold capitals), the title (bold), the subtitle, the italic
    /// line naming the report the annex accompanies, a short rule, and the mark of illustrative commune data.
    static func head(_ r: BuiltReport, _ lang: Language, _ flow: inout PageFlow, _ m: TextMeasurer) {
        let g = flow.geometry, cx = g.left + g.textWidth / 2
        func centred(_ text: String, _ font: Font, _ id: String, after: Double, color: Color = theme.text) {
            let t = TextMark(text, font: font, color: color, at: Point(cx, flow.y), anchor: .middle, baseline: .top,
                             maxWidth: g.textWidth, overflow: .wrap(maxLines: nil), id: id)
            flow.add([.text(t)]); flow.y += m.measure(t).height + after
        }
        centred(r.frontMatter.heading(lang).uppercased(), theme.font(headingSize, .bold), "annex-heading", after: 2)
        centred(title(r, lang), theme.font(headingSize, .bold), "annex-title", after: 2)
        if let sub = r.subtitle { centred(sub, theme.font(bodySize), "annex-subtitle", after: 2) }
        if let line = r.frontMatter.attachmentLine(lang) {
            centred(line, Font(family: theme.fontFamily, size: bodySize, italic: true), "annex-attached-to", after: 2)
        }
        flow.y += 4
        flow.add([.path(.line(from: Point(cx - g.textWidth / 6, flow.y), to: Point(cx + g.textWidth / 6, flow.y),
                              stroke: Stroke(color: theme.text, width: 0.75)))])
        flow.y += 10
        if r.dataset.manifest.synthetic {
            centred(lang.text(.communeDataIllustrative), Font(family: theme.fontFamily, size: 12 * pt, italic: true), "illustrative",
                    after: 0, color: theme.target)
        }
    }

    /// The least share of its natural height a figure may be drawn at to finish a page.
    static let leastFigureShare = 0.8

    /// A figure at the text's width (narrower when its chart narrowed its canvas, centred), its caption in its scene.
    /// A figure that does not fit in what is left of a page, but would in 80 % of its height, is laid out again that
    /// tall (its text keeps its size, its plot is shorter) rather than leave the room empty; maps keep their shape.
    /// Returns the page it is on.
    static func figure(_ natural: Scene, _ n: Int, chart: (any ChartDescription)?, _ flow: inout PageFlow) -> Int {
        let g = portrait
        var s = natural
        var k = g.textWidth / max(s.width, AnnexFigure.canvasWidth)
        if s.height * k > g.textHeight { k = g.textHeight / s.height }
        let room = g.textBottom - flow.y
        if flow.geometry == g, !flow.atTop, s.height * k > room, room >= s.height * k * leastFigureShare, let chart, !(chart is MapChart),
           let shorter = try? AnnexFigure.decree30Scene(chart, height: (room / k).rounded(.down)), shorter.height * k <= room {
            s = shorter
        }
        let fw = s.width * k, fh = s.height * k
        flow.reserve(fh, on: g)
        let page = flow.pageNumber
        let fx = g.left + (g.textWidth - fw) / 2
        var marks: [Mark] = []
        if let bg = s.background { marks.append(.rect(RectMark(Rect(x: 0, y: 0, width: s.width, height: s.height), fill: bg))) }
        marks += s.marks
        flow.add([.group(GroupMark(marks, transform: AffineTransform.translation(fx, flow.y).concatenating(.scale(k, k)),
                                   clip: Rect(x: 0, y: 0, width: s.width, height: s.height), id: "figure/\(n)"))])
        flow.y += fh
        return page
    }

    /// A table's layout: ruled, 12 pt, with an `STT` column.
    static func layout(_ t: TableContent, _ lang: Language) -> TableLayout {
        TableLayout(t.numbered(lang.text(.rowNumberHeader)), theme: theme, language: lang, fontSize: tableSize, ruled: true)
    }

    /// Portrait, or landscape for a table that could fit the portrait text's width only by breaking words or numbers.
    static func geometry(of layout: TableLayout, _ m: TextMeasurer) -> PageGeometry {
        layout.minimumWidth(m) > portrait.textWidth ? landscape : portrait
    }

    /// Tables of this many rows or more may break across pages even when a page would hold them whole.
    static let longTable = 8

    /// A short table where the flow is when it fits there whole, else on the next page; a long one (8 rows or more,
    /// or taller than a page) starts where the flow is when its caption, header and first two rows fit, and
    /// continues on the next pages under its header repeated.
    /// Returns the page it starts on.
    @discardableResult
    static func table(_ t: TableContent, _ lang: Language, _ flow: inout PageFlow, _ m: TextMeasurer) -> Int {
        let layout = layout(t, lang), g = geometry(of: layout, m)
        let whole = layout.height(width: g.textWidth, m)
        flow.reserve(whole <= g.textHeight && t.rows.count < longTable ? whole : layout.startHeight(width: g.textWidth, m), on: g)
        let page = flow.pageNumber
        let (parts, endY) = layout.flow(left: g.left, width: g.textWidth, firstTop: flow.y, top: g.top, bottom: g.textBottom, measurer: m)
        for (i, p) in parts.enumerated() {
            if i > 0 { flow.newPage(g) }
            flow.add(p)
        }
        flow.y = endY
        return page
    }

    /// The indent of a paragraph's first line: 1 cm, as administrative documents indent theirs.
    static let paragraphIndent = 10 * PageGeometry.mm

    /// A section: its bold heading kept with the first two lines of its first paragraph, then paragraphs of body
    /// text, justified, first lines indented, broken across pages between lines (never leaving one line of a paragraph alone
    /// at the foot or the head of a page). Marks `section/<id>`, `<id>/<i>` (a paragraph's first line),
    /// `<id>/<i>/<line>`. Returns the page it starts on.
    static func section(_ title: String, _ paragraphs: [String], id: String, _ flow: inout PageFlow, _ m: TextMeasurer) -> Int {
        let g = portrait, font = theme.font(bodySize)
        let head = TextMark(title, font: theme.font(bodySize, .bold), color: theme.text, at: .zero, baseline: .top,
                            maxWidth: g.textWidth, overflow: .wrap(maxLines: nil), id: "section/\(id)")
        let lineH = m.measure("Ág", font: font).height
        let wrapped = paragraphs.map { PageFlow.lines($0, font: font, width: g.textWidth, indent: paragraphIndent, m) }
        let headH = m.measure(head).height + 6
        flow.reserve(headH + lineH * Double(min(2, wrapped.first?.count ?? 0)), on: g)
        let page = flow.pageNumber
        var h = head
        h.position = Point(g.left, flow.y)
        flow.add([.text(h)]); flow.y += headH
        for (i, lines) in wrapped.enumerated() {
            for (j, line) in lines.enumerated() {
                // Two lines together at a paragraph's start and end; one line at a time in between.
                let together = j == 0 || j == lines.count - 2 ? min(2, lines.count - j) : 1
                flow.reserve(lineH * Double(together), on: g)
                let indent = j == 0 ? paragraphIndent : 0
                flow.add(justified(line, font: font, at: Point(g.left + indent, flow.y), width: g.textWidth - indent,
                                   last: j == lines.count - 1, id: j == 0 ? "\(id)/\(i)" : "\(id)/\(i)/\(j)", m))
                flow.y += lineH
            }
            flow.y += 2
        }
        return page
    }

    /// A line of a paragraph set justified, as documents set their body text: its words spread so that it fills
    /// `width`, each word a mark of its own (the first carries `id`). A paragraph's last line, a line of one word,
    /// and a line whose spaces would grow past three times their width stay as they are, at the left.
    static func justified(_ line: String, font: Font, at p: Point, width: Double, last: Bool, id: String, _ m: TextMeasurer) -> [Mark] {
        let words = line.split(separator: " ").map(String.init)
        let widths = words.map { m.measure($0, font: font).width }
        let gap = words.count > 1 ? (width - widths.reduce(0, +)) / Double(words.count - 1) : 0
        guard !last, words.count > 1, gap <= 3 * m.measure("a a", font: font).width - 2 * m.measure("a", font: font).width else {
            return [.text(TextMark(line, font: font, color: theme.text, at: p, baseline: .top, id: id))]
        }
        var x = p.x
        return words.enumerated().map { k, word in
            defer { x += widths[k] + gap }
            return .text(TextMark(word, font: font, color: theme.text, at: Point(x, p.y), baseline: .top, id: k == 0 ? id : nil))
        }
    }
}