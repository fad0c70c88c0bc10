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

    /// The table with a first column of row numbers headed `header` (`STT`): 1, 2, 3 … down the body rows, blank on
    /// the totals row, centred.
    public func numbered(_ header: String) -> TableContent {
        var t = self
        t.columns = [Column(header, align: .center)] + columns
        t.rows = rows.enumerated().map { [Cell(String($0.offset + 1))] + $0.element }
        t.totals = totals.map { [Cell("")] + $0 }
        return t
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
    /// Every cell ruled, as tables of Vietnamese administrative documents are: a grid of thin lines round every
    /// cell, the caption centred over the table, headers bold and centred on an unshaded row, no stripes. False:
    /// rules under the rows only, a shaded header row, striped rows, the caption at the left.
    public var ruled = false

    /// A layout of `content` at `fontSize` px.
    public init(_ content: TableContent, theme: Theme = .report, language: Language = .vi, fontSize: Double = 12, ruled: Bool = false) {
        self.content = content; self.theme = theme; self.language = language; self.fontSize = fontSize; self.ruled = ruled
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
    /// Ruled tables, as documents set them, are a little tighter.
    var padY: Double { fontSize * (ruled ? 0.25 : 0.35) }

    /// Column widths sized to their content: at least the widest cell and the header's longest word; then room
    /// to put each header on one line; then what is left shared in proportion, each column growing to at most
    /// 1,6 times its content (a table of few narrow columns stays narrower than the page rather than stretched).
    /// Too wide a table wraps its first column, or shrinks every column in proportion.
    func columnWidths(_ width: Double, _ measurer: TextMeasurer) -> [Double] {
        let n = content.columns.count
        var natural = naturalWidths(measurer)
        let total = natural.reduce(0, +)
        // A ruled table too wide for the page wraps its cells at spaces, never inside a word or a number: each
        // column gets its longest word, and the room left goes to the columns that wrap, as much as they lack.
        let least = leastWidths(measurer), leastTotal = least.reduce(0, +)
        if ruled, total > width, leastTotal <= width {
            let lack = (0..<n).map { natural[$0] - least[$0] }, lackTotal = lack.reduce(0, +)
            return (0..<n).map { least[$0] + (lackTotal > 0 ? (width - leastTotal) * lack[$0] / lackTotal : 0) }
        }
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

    /// Each column's width at its content: its widest cell, and its header's longest word, with padding.
    func naturalWidths(_ measurer: TextMeasurer) -> [Double] {
        (0..<content.columns.count).map { c -> Double in
            let body = content.rows.map { row in measurer.measure(row[c].text, font: row[c].status != nil ? bold : font).width }.max() ?? 0
            let totals = content.totals.map { measurer.measure($0[c].text, font: bold).width } ?? 0
            let head = content.columns[c].header.split(separator: " ").map { measurer.measure(String($0), font: bold).width }.max() ?? 0
            return max(body, totals, head) + 2 * padX
        }
    }

    /// Each column's least width: its longest word (a number is one word), in whichever cell or header, with padding.
    func leastWidths(_ measurer: TextMeasurer) -> [Double] {
        func longest(_ text: String, _ f: Font) -> Double { text.split(separator: " ").map { measurer.measure(String($0), font: f).width }.max() ?? 0 }
        return (0..<content.columns.count).map { c -> Double in
            let body = content.rows.map { row in longest(row[c].text, row[c].status != nil ? bold : font) }.max() ?? 0
            let totals = content.totals.map { longest($0[c].text, bold) } ?? 0
            return max(body, totals, longest(content.columns[c].header, bold)) + 2 * padX
        }
    }

    /// The least width the table can take, wrapping its cells at spaces only: wider than the page's text, it turns
    /// the page (landscape).
    public func minimumWidth(_ measurer: TextMeasurer) -> Double { leastWidths(measurer).reduce(0, +) }

    /// The height of the whole table, `width` wide, from its caption to its source line, on one page.
    public func height(width: Double, _ measurer: TextMeasurer) -> Double {
        flow(left: 0, width: width, firstTop: 0, top: 0, bottom: .infinity, measurer: measurer).endY
    }

    /// The height the table's start needs on a page `width` wide: its caption and unit line, the header row and the
    /// first two body rows (or as many as it has). A page with less room left starts the table on the next page,
    /// so that a caption never stands alone at the foot of a page.
    public func startHeight(width: Double, _ measurer: TextMeasurer) -> Double {
        let widths = columnWidths(width, measurer)
        var y = 0.0
        _ = captionMarks(left: 0, width: width, tableLeft: 0, tableWidth: widths.reduce(0, +), y: &y, measurer)
        let first = [content.columns.map { TableContent.Cell($0.header) }] + content.rows.prefix(2)
        for (i, cells) in first.enumerated() {
            y += rowMarks(cells, y, widths: widths, left: 0, header: i == 0, isTotal: false, stripe: false, id: "", measurer).1
        }
        return y
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
        let heights = texts.map { measurer.measure($0).height }
        let h = (heights.max() ?? fontSize) + 2 * padY
        var marks: [Mark] = []
        if ruled {}
        else if header { marks.append(.rect(RectMark(Rect(x: left, y: y, width: width, height: h), fill: .hex("#E9EEF3")))) }
        else if stripe { marks.append(.rect(RectMark(Rect(x: left, y: y, width: width, height: h), fill: .hex("#F7F8FA")))) }
        for (c, var t) in texts.enumerated() {
            if let s = cells[c].status {
                let colors = TableLayout.statusColors(s)
                marks.append(.rect(RectMark(Rect(x: xs[c] + 1, y: y + 1, width: widths[c] - 2, height: h - 2), fill: colors.fill)))
                t.color = colors.text
                t.font = bold
            }
            // A header stands as its column does: numbers' headers at the right, over the numbers; ruled tables
            // centre every header.
            switch header && ruled ? .center : content.columns[c].align {
            case .left: t.position = Point(xs[c] + padX, y + padY); t.horizontalAnchor = .start
            case .right: t.position = Point(xs[c] + widths[c] - padX, y + padY); t.horizontalAnchor = .end
            case .center: t.position = Point(xs[c] + widths[c] / 2, y + padY); t.horizontalAnchor = .middle
            }
            // Ruled cells stand in the middle of their row's height.
            if ruled { t.position.y += (h - 2 * padY - heights[c]) / 2 }
            marks.append(.text(t))
        }
        if ruled { return (marks + gridMarks(xs: xs, widths: widths, y: y, h: h), h) }
        let line = Stroke(color: header || isTotal ? theme.axis : theme.grid, width: header || isTotal ? 1 : 0.6)
        marks.append(.path(.line(from: Point(left, y + h), to: Point(left + width, y + h), stroke: line)))
        if isTotal || header { marks.append(.path(.line(from: Point(left, y), to: Point(left + width, y), stroke: line))) }
        return (marks, h)
    }

    /// A ruled row's lines: above and below it and between every two cells.
    func gridMarks(xs: [Double], widths: [Double], y: Double, h: Double) -> [Mark] {
        let line = Stroke(color: theme.axis, width: 0.75), right = (xs.last ?? 0) + (widths.last ?? 0)
        var marks: [Mark] = [.path(.line(from: Point(xs[0], y), to: Point(right, y), stroke: line)),
                             .path(.line(from: Point(xs[0], y + h), to: Point(right, y + h), stroke: line))]
        for x in xs + [right] { marks.append(.path(.line(from: Point(x, y), to: Point(x, y + h), stroke: line))) }
        return marks
    }

    /// The caption (at the left, or centred on the page's width when ruled), and the unit line under it at the
    /// right of the table, which starts at `tableLeft`.
    func captionMarks(left: Double, width: Double, tableLeft: Double, tableWidth: Double, y: inout Double, _ measurer: TextMeasurer) -> [Mark] {
        var cap = TextMark(content.caption, font: theme.font(fontSize * 1.15, .bold), color: theme.text, at: Point(left, y),
                           baseline: .top, maxWidth: width, overflow: .wrap(maxLines: 3), id: "table-caption")
        if ruled { cap.position = Point(left + width / 2, y); cap.horizontalAnchor = .middle }
        var marks: [Mark] = [.text(cap)]
        y += measurer.measure(cap).height + fontSize * 0.4
        if let unit = content.unit, !unit.isEmpty {
            let m = TextMark(language.text(.unitLine, unit), font: Font(family: theme.fontFamily, size: fontSize * 0.9, italic: true), color: theme.text,
                             at: Point(tableLeft + tableWidth, y), anchor: .end, baseline: .top, id: "table-unit")
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
        flow(left: left, width: width, firstTop: firstTop, top: top, bottom: bottom, measurer: measurer).pages
    }

    /// As `pages`, with the height the table reaches on its last page (under its notes and source), where what
    /// follows it may begin.
    public func flow(left: Double, width: Double, firstTop: Double, top: Double, bottom: Double,
                     measurer: TextMeasurer) -> (pages: [[Mark]], endY: Double) {
        let widths = columnWidths(width, measurer), tableWidth = widths.reduce(0, +)
        // A ruled table narrower than the page stands centred on it; its notes start at its left edge.
        let inset = ruled ? max(0, (width - tableWidth) / 2) : 0, tableLeft = left + inset
        var pages: [[Mark]] = [], y = firstTop
        var page = captionMarks(left: left, width: width, tableLeft: tableLeft, tableWidth: tableWidth, y: &y, measurer)
        let headerCells = content.columns.map { TableContent.Cell($0.header) }
        func row(_ cells: [TableContent.Cell], header: Bool, isTotal: Bool, stripe: Bool, id: String) -> ([Mark], Double) {
            rowMarks(cells, y, widths: widths, left: tableLeft, header: header, isTotal: isTotal, stripe: stripe, id: id, measurer)
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
            let m = TextMark(line, font: theme.font(fontSize * 0.85), color: theme.mutedText, at: Point(tableLeft, y), baseline: .top,
                             maxWidth: width - inset, overflow: .wrap(maxLines: 4), id: "table-note/\(i)")
            let h = measurer.measure(m).height
            if y + h > bottom { pages.append(page); page = []; y = top }
            var mm = m; mm.position = Point(tableLeft, y)
            page.append(.text(mm)); y += h + 2
        }
        pages.append(page)
        return (pages, y)
    }
}
