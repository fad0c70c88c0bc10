import AnnexData
import AnnexLocale
import AnnexScene

/// A table to print: columns with alignment, rows of formatted cells, an optional totals row, the unit its
/// figures are in ("Đơn vị tính: xã").
public struct TableContent: Sendable, Hashable {
    /// How a column's cells (and its header) stand in the column.
    public enum Align: String, Sendable, Hashable {
        /// Against the column's left edge: names and text.
        case left
        /// Against the column's right edge: numbers, so that their digits line up.
        case right
        /// In the middle of the column: statuses.
        case center
    }
    /// A column: its header and alignment.
    public struct Column: Sendable, Hashable {
        /// The header's words, bold on the shaded header row, wrapped to at most four lines.
        public var header: String
        /// How the column's cells and header stand in it.
        public var align: Align
        /// A column headed `header`.
        public init(_ header: String, align: Align = .left) { self.header = header; self.align = align }
    }
    /// A cell: its text and, for plan-versus-achieved columns, the status it shows.
    public struct Cell: Sendable, Hashable {
        /// The cell's words, formatted already (`11,54`, `+1,5`), wrapped to at most three lines.
        public var text: String
        /// The plan status the cell shows, as a `PlanStatus` raw value: `exceeded` (green), `met` (blue), anything
        /// else (red, `missed`); the cell is then filled and bold. Nil for an ordinary cell.
        public var status: String?
        /// A cell reading `text`.
        public init(_ text: String, status: String? = nil) { self.text = text; self.status = status }
    }
    /// The label and title above the table, bold ("Biểu 01. Số xã đạt chuẩn …"; mark `table-caption`).
    public var caption: String
    /// The columns, left to right.
    public var columns: [Column]
    /// The body rows, one cell per column each, striped every other row (marks `row/<i>/<column>`).
    public var rows: [[Cell]]
    /// A bold totals row under the body (marks `totals/<column>`); nil for none.
    public var totals: [Cell]?
    /// Notes under the table, the first after "Ghi chú:" / "Note:" (marks `table-note/<i>`).
    public var notes: [String]
    /// The source line under the notes, after "Nguồn:" / "Source:"; nil for none.
    public var source: String?
    /// The unit of the table's figures, shown under the caption at the right ("Đơn vị tính: xã"); nil for none.
    public var unit: String?

    /// A table.
    public init(caption: String, columns: [Column], rows: [[Cell]], totals: [Cell]? = nil, notes: [String] = [], source: String? = nil,
                unit: String? = nil) {
        self.caption = caption; self.columns = columns; self.rows = rows; self.totals = totals; self.notes = notes; self.source = source
        self.unit = unit
    }
}

/// Lays a table out on pages: columns sized to their content, headers aligned as their columns, right-aligned
/// numbers, status cells that read at a glance, a bold totals row, and page breaks that repeat the header.
public struct TableLayout {
    /// The table to lay out.
    public var content: TableContent
    /// The font family and the text, rule and grid colours.
    public var theme: Theme
    /// The language of the words the layout adds: "Đơn vị tính:", "Ghi chú:", "Nguồn:".
    public var language: Language
    /// The body text size in px; the caption is 1.15 times it, the notes 0.85 times.
    public var fontSize: Double

    /// A layout of `content` at `fontSize` px.
    public init(_ content: TableContent, theme: Theme = .report, language: Language = .vi, fontSize: Double = 12) {
        self.content = content; self.theme = theme; self.language = language; self.fontSize = fontSize
    }

    /// Colours of status cells: exceeded green, met blue, missed red.
    public static func statusColors(_ status: String) -> (fill: Color, text: Color) {
        switch status {
        case "exceeded": (.hex("#DFF1E4"), .hex("#1B6B35"))
        case "met": (.hex("#DCEAF7"), .hex("#1F4E79"))
        default: (.hex("#F8DEDB"), .hex("#A12A1E"))
        }
    }

    var font: Font { theme.font(fontSize) }
    var bold: Font { theme.font(fontSize, .bold) }
    var padX: Double { fontSize * 0.5 }
    var padY: Double { fontSize * 0.35 }

    /// Column widths sized to their content: at least the widest cell and the header's longest word; then room
    /// to put each header on one line; then what is left shared in proportion, each column growing to at most
    /// 1,6 times its content (a table of few narrow columns stays narrower than the page rather than stretched).
    /// Too wide a table wraps its first column, or shrinks every column in proportion.
    func columnWidths(_ width: Double, _ measurer: TextMeasurer) -> [Double] {
        let n = content.columns.count
        var natural = (0..<n).map { c -> Double in
            let body = content.rows.map { row in measurer.measure(row[c].text, font: row[c].status != nil ? bold : font).width }.max() ?? 0
            let totals = content.totals.map { measurer.measure($0[c].text, font: bold).width } ?? 0
            let head = content.columns[c].header.split(separator: " ").map { measurer.measure(String($0), font: bold).width }.max() ?? 0
            return max(body, totals, head) + 2 * padX
        }
        let total = natural.reduce(0, +)
        if total > width {
            let others = natural.dropFirst().reduce(0, +)
            return others < width * 0.75 ? [width - others] + natural.dropFirst() : natural.map { $0 * width / total }
        }
        let preferred = (0..<n).map { c in max(natural[c], measurer.measure(content.columns[c].header, font: bold).width + 2 * padX) }
        var spare = width - total
        for c in 0..<n where spare > 0 {
            let want = min(spare, preferred[c] - natural[c], natural[c] * 0.6)
            natural[c] += want; spare -= want
        }
        let base = natural
        let grow = base.reduce(0, +)
        for c in 0..<n where spare > 0 { natural[c] += min(base[c] * 0.6, spare * base[c] / grow) }
        return natural
    }

    /// One row's marks and height: texts wrapped to their columns, status cells filled, a rule under the row.
    func rowMarks(_ cells: [TableContent.Cell], _ y: Double, widths: [Double], left: Double, header: Bool, isTotal: Bool, stripe: Bool,
                  id: String, _ measurer: TextMeasurer) -> ([Mark], Double) {
        let f = header || isTotal ? bold : font
        let xs = widths.indices.map { i in left + widths[..<i].reduce(0, +) }, width = widths.reduce(0, +)
        let texts = cells.enumerated().map { c, cell in
            TextMark(cell.text, font: f, color: theme.text, at: .zero, baseline: .top, maxWidth: widths[c] - 2 * padX,
                     overflow: .wrap(maxLines: header ? 4 : 3), id: "\(id)/\(c)")
        }
        let h = (texts.map { measurer.measure($0).height }.max() ?? fontSize) + 2 * padY
        var marks: [Mark] = []
        if header { marks.append(.rect(RectMark(Rect(x: left, y: y, width: width, height: h), fill: .hex("#E9EEF3")))) }
        else if stripe { marks.append(.rect(RectMark(Rect(x: left, y: y, width: width, height: h), fill: .hex("#F7F8FA")))) }
        for (c, var t) in texts.enumerated() {
            if let s = cells[c].status {
                let colors = TableLayout.statusColors(s)
                marks.append(.rect(RectMark(Rect(x: xs[c] + 1, y: y + 1, width: widths[c] - 2, height: h - 2), fill: colors.fill)))
                t.color = colors.text
                t.font = bold
            }
            // A header stands as its column does: numbers' headers at the right, over the numbers.
            switch content.columns[c].align {
            case .left: t.position = Point(xs[c] + padX, y + padY); t.horizontalAnchor = .start
            case .right: t.position = Point(xs[c] + widths[c] - padX, y + padY); t.horizontalAnchor = .end
            case .center: t.position = Point(xs[c] + widths[c] / 2, y + padY); t.horizontalAnchor = .middle
            }
            marks.append(.text(t))
        }
        let line = Stroke(color: header || isTotal ? theme.axis : theme.grid, width: header || isTotal ? 1 : 0.6)
        marks.append(.path(.line(from: Point(left, y + h), to: Point(left + width, y + h), stroke: line)))
        if isTotal || header { marks.append(.path(.line(from: Point(left, y), to: Point(left + width, y), stroke: line))) }
        return (marks, h)
    }

    /// The caption, and the unit line under it at the right of the table.
    func captionMarks(left: Double, width: Double, tableWidth: Double, y: inout Double, _ measurer: TextMeasurer) -> [Mark] {
        let cap = TextMark(content.caption, font: theme.font(fontSize * 1.15, .bold), color: theme.text, at: Point(left, y),
                           baseline: .top, maxWidth: width, overflow: .wrap(maxLines: 3), id: "table-caption")
        var marks: [Mark] = [.text(cap)]
        y += measurer.measure(cap).height + fontSize * 0.4
        if let unit = content.unit, !unit.isEmpty {
            let m = TextMark(language.text(.unitLine, unit), font: Font(family: theme.fontFamily, size: fontSize * 0.9, italic: true), color: theme.text,
                             at: Point(left + tableWidth, y), anchor: .end, baseline: .top, id: "table-unit")
            marks.append(.text(m))
            y += measurer.measure(m).height + fontSize * 0.3
        }
        y += fontSize * 0.2
        return marks
    }

    /// Marks for each page: the first page starts at `firstTop`, the others at `top`. Every page is `width`
    /// wide from `left` and ends at `bottom`.
    public func pages(left: Double, width: Double, firstTop: Double, top: Double, bottom: Double,
                      measurer: TextMeasurer) -> [[Mark]] {
        let widths = columnWidths(width, measurer)
        var pages: [[Mark]] = [], y = firstTop
        var page = captionMarks(left: left, width: width, tableWidth: widths.reduce(0, +), y: &y, measurer)
        let headerCells = content.columns.map { TableContent.Cell($0.header) }
        func row(_ cells: [TableContent.Cell], header: Bool, isTotal: Bool, stripe: Bool, id: String) -> ([Mark], Double) {
            rowMarks(cells, y, widths: widths, left: left, header: header, isTotal: isTotal, stripe: stripe, id: id, measurer)
        }
        var (hm, hh) = row(headerCells, header: true, isTotal: false, stripe: false, id: "header")
        page += hm; y += hh
        let allRows = content.rows.enumerated().map { ($0.element, false, $0.offset) } + (content.totals.map { [($0, true, -1)] } ?? [])
        for (cells, isTotal, i) in allRows {
            var (m, h) = row(cells, header: false, isTotal: isTotal, stripe: i % 2 == 1, id: isTotal ? "totals" : "row/\(i)")
            if y + h > bottom, !page.isEmpty {
                pages.append(page); page = []; y = top
                (hm, hh) = row(headerCells, header: true, isTotal: false, stripe: false, id: "header")
                page += hm; y += hh
                (m, h) = row(cells, header: false, isTotal: isTotal, stripe: i % 2 == 1, id: isTotal ? "totals" : "row/\(i)")
            }
            page += m; y += h
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
