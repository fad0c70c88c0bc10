import AnnexData
import AnnexLocale
import AnnexScene

/// A table to print: columns with alignment, rows of formatted cells, an optional totals row.
public struct TableContent: Sendable, Hashable {
    public enum Align: String, Sendable, Hashable { case left, right, center }
    public struct Column: Sendable, Hashable {
        public var header: String
        public var align: Align
        public init(_ header: String, align: Align = .left) { self.header = header; self.align = align }
    }
    /// A cell: its text and, for plan-versus-achieved columns, the status it shows.
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var status: String?
        public init(_ text: String, status: String? = nil) { self.text = text; self.status = status }
    }
    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]
    public var totals: [Cell]?
    public var notes: [String]
    public var source: String?

    public init(caption: String, columns: [Column], rows: [[Cell]], totals: [Cell]? = nil, notes: [String] = [], source: String? = nil) {
        self.caption = caption; self.columns = columns; self.rows = rows; self.totals = totals; self.notes = notes; self.source = source
    }
}

/// Lays a table out on pages: wrapped headers, right-aligned numbers, status cells that read at a glance,
/// a bold totals row, and page breaks that repeat the header.
public struct TableLayout {
    public var content: TableContent
    public var theme: Theme
    public var language: Language
    public var fontSize: Double

    public init(_ content: TableContent, theme: Theme = .report, language: Language = .vi, fontSize: Double = 12) {
        self.content = content; self.theme = theme; self.language = language; self.fontSize = fontSize
    }

    /// Colours of status cells: exceeded green, met blue, missed red.
    static func statusColors(_ status: String) -> (fill: Color, text: Color) {
        switch status {
        case "exceeded": (.hex("#DFF1E4"), .hex("#1B6B35"))
        case "met": (.hex("#DCEAF7"), .hex("#1F4E79"))
        default: (.hex("#F8DEDB"), .hex("#A12A1E"))
        }
    }

    /// Marks for each page: the first page starts at `firstTop`, the others at `top`. Every page is `width`
    /// wide from `left` and ends at `bottom`.
    public func pages(left: Double, width: Double, firstTop: Double, top: Double, bottom: Double,
                      measurer: TextMeasurer) -> [[Mark]] {
        let font = theme.font(fontSize), bold = theme.font(fontSize, .bold)
        let padX = fontSize * 0.5, padY = fontSize * 0.35
        let n = content.columns.count
        // Natural widths; the first column takes what is left, wrapping when needed.
        // Minimum widths: the widest cell (status cells are bold) and the longest word of the header; preferred
        // widths: the header on one line. Extra room goes first to unwrapping headers, then to the first column.
        var natural = (0..<n).map { c -> Double in
            let body = content.rows.map { row in measurer.measure(row[c].text, font: row[c].status != nil ? bold : font).width }.max() ?? 0
            let totals = content.totals.map { measurer.measure($0[c].text, font: bold).width } ?? 0
            let head = content.columns[c].header.split(separator: " ").map { measurer.measure(String($0), font: bold).width }.max() ?? 0
            return max(body, totals, head) + 2 * padX
        }
        let preferred = (0..<n).map { c in max(natural[c], measurer.measure(content.columns[c].header, font: bold).width + 2 * padX) }
        let total = natural.reduce(0, +)
        if total > width {
            let others = natural.dropFirst().reduce(0, +)
            if others < width * 0.75 { natural[0] = width - others }
            else { natural = natural.map { $0 * width / total } }
        } else {
            var spare = width - total
            for c in 1..<max(1, n) where spare > 0 {
                let want = min(spare, preferred[c] - natural[c])
                natural[c] += want; spare -= want
            }
            natural[0] += spare
        }
        let xs = natural.indices.map { i in left + natural[..<i].reduce(0, +) }

        func rowMarks(_ cells: [TableContent.Cell], _ y: Double, header: Bool, isTotal: Bool, stripe: Bool, id: String) -> ([Mark], Double) {
            let f = header || isTotal ? bold : font
            let texts = cells.enumerated().map { c, cell in
                TextMark(cell.text, font: f, color: theme.text, at: .zero, baseline: .top, maxWidth: natural[c] - 2 * padX,
                         overflow: .wrap(maxLines: header ? 4 : 3), id: "\(id)/\(c)")
            }
            let h = (texts.map { measurer.measure($0).height }.max() ?? fontSize) + 2 * padY
            var marks: [Mark] = []
            if header { marks.append(.rect(RectMark(Rect(x: left, y: y, width: width, height: h), fill: .hex("#E9EEF3")))) }
            else if stripe { marks.append(.rect(RectMark(Rect(x: left, y: y, width: width, height: h), fill: .hex("#F7F8FA")))) }
            for (c, var t) in texts.enumerated() {
                if let s = cells[c].status {
                    let colors = TableLayout.statusColors(s)
                    marks.append(.rect(RectMark(Rect(x: xs[c] + 1, y: y + 1, width: natural[c] - 2, height: h - 2), fill: colors.fill)))
                    t.color = colors.text
                    t.font = bold
                }
                let align = header ? (c == 0 ? TableContent.Align.left : .center) : content.columns[c].align
                switch align {
                case .left: t.position = Point(xs[c] + padX, y + padY); t.horizontalAnchor = .start
                case .right: t.position = Point(xs[c] + natural[c] - padX, y + padY); t.horizontalAnchor = .end
                case .center: t.position = Point(xs[c] + natural[c] / 2, y + padY); t.horizontalAnchor = .middle
                }
                marks.append(.text(t))
            }
            let line = Stroke(color: header || isTotal ? theme.axis : theme.grid, width: header || isTotal ? 1 : 0.6)
            marks.append(.path(.line(from: Point(left, y + h), to: Point(left + width, y + h), stroke: line)))
            if isTotal { marks.append(.path(.line(from: Point(left, y), to: Point(left + width, y), stroke: line))) }
            return (marks, h)
        }

        var pages: [[Mark]] = []
        var page: [Mark] = []
        var y = firstTop
        // Caption.
        let cap = TextMark(content.caption, font: theme.font(fontSize * 1.15, .bold), color: theme.text, at: Point(left, y),
                           baseline: .top, maxWidth: width, overflow: .wrap(maxLines: 3), id: "table-caption")
        page.append(.text(cap))
        y += measurer.measure(cap).height + fontSize * 0.6
        let headerCells = content.columns.map { TableContent.Cell($0.header) }
        func startHeader() {
            let (m, h) = rowMarks(headerCells, y, header: true, isTotal: false, stripe: false, id: "header")
            page += m
            page.append(.path(.line(from: Point(left, y), to: Point(left + width, y), stroke: Stroke(color: theme.axis, width: 1))))
            y += h
        }
        startHeader()
        let allRows = content.rows.enumerated().map { ($0.element, false, $0.offset) } + (content.totals.map { [($0, true, -1)] } ?? [])
        for (cells, isTotal, i) in allRows {
            let (m, h) = rowMarks(cells, y, header: false, isTotal: isTotal, stripe: i % 2 == 1, id: isTotal ? "totals" : "row/\(i)")
            if y + h > bottom, !page.isEmpty {
                pages.append(page); page = []; y = top
                startHeader()
                let (m2, h2) = rowMarks(cells, y, header: false, isTotal: isTotal, stripe: i % 2 == 1, id: isTotal ? "totals" : "row/\(i)")
                page += m2; y += h2
            } else {
                page += m; y += h
            }
        }
        // Notes and source under the table.
        var foot: [String] = content.notes.enumerated().map { ($0.offset == 0 ? language.text(.notePrefix) + " " : "") + $0.element }
        if let s = content.source, !s.isEmpty { foot.append(language.text(.sourcePrefix) + " " + s) }
        y += fontSize * 0.5
        for (i, line) in foot.enumerated() {
            let m = TextMark(line, font: theme.font(fontSize * 0.85), color: theme.mutedText, at: Point(left, y), baseline: .top,
                             maxWidth: width, overflow: .wrap(maxLines: 4), id: "table-note/\(i)")
            let h = measurer.measure(m).height
            if y + h > bottom { pages.append(page); page = []; y = top }
            var mm = m; mm.position = Point(left, y)
            page.append(.text(mm)); y += h + 2
        }
        pages.append(page)
        return pages
    }
}
