import AnnexLocale
import AnnexScene

/// A heat map: rows × columns of cells coloured by class (districts × criteria, the share of communes meeting
/// each criterion), each cell labelled with its value where it fits, a legend of classes whose bounds do not
/// overlap ("Dưới 20%", "20% – dưới 40%", …). Column names stand rotated above the cells when they fit, else
/// short labels (the part before ". ") with the names listed in a note.
public struct HeatmapChart: SizedChart, Hashable {
    /// The rows, top down, labelled at the left (districts).
    public var rows: [ChartKey]
    /// The columns, left to right (criteria); a label written `1. Quy hoạch` is shortened to `1` when the names do
    /// not fit above the cells.
    public var columns: [ChartKey]
    /// Values by row id, then column id; a missing cell is drawn hatched as "no data".
    public var values: [String: [String: Double]]
    /// Class bounds, increasing: n + 1 bounds make n classes, each closed below (`[a, b)`, the last `[a, b]`).
    public var breaks: [Double]
    /// Values are percentages: the legend and labels carry "%".
    public var percent: Bool
    /// The chart's words: figure label, titles, notes, source.
    public var texts: ChartTexts
    /// The language of the numbers and of the class labels ("Dưới 20%").
    public var language: Language
    /// Fewest and most digits after the decimal separator of the cell values; one number is chosen for the chart.
    public var valueDigits: ClosedRange<Int>
    /// Whether each cell carries its value (where the label fits inside the cell).
    public var showValues: Bool
    /// The canvas width in px.
    public var width: Double
    /// The canvas height in px.
    public var height: Double
    /// The look of the chart; its sizes are scaled to the canvas, its ramp colours the classes.
    public var theme: Theme

    /// A heat map; `breaks` nil gives 0, 20, …, 100 for percentages, else five equal classes over the values.
    public init(rows: [ChartKey], columns: [ChartKey], values: [String: [String: Double]], breaks: [Double]? = nil, percent: Bool = true,
                texts: ChartTexts, language: Language = .vi, valueDigits: ClosedRange<Int> = 0...0, showValues: Bool = true,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.rows = rows; self.columns = columns; self.values = values; self.percent = percent; self.texts = texts
        self.language = language; self.valueDigits = valueDigits; self.showValues = showValues
        self.width = width; self.height = height; self.theme = theme
        let all = values.values.flatMap(\.values)
        self.breaks = breaks ?? (percent ? [0, 20, 40, 60, 80, 100] : HeatmapChart.equalBreaks(all))
    }

    /// Five classes of equal width over the values' range, rounded to its tick step.
    public static func equalBreaks(_ values: [Double]) -> [Double] {
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let scale = LinearScale(domain: (lo, hi == lo ? lo + 1 : hi), range: (0, 1)).nice(count: 5)
        let (a, b) = scale.domain
        return (0...5).map { a + (b - a) * Double($0) / 5 }
    }

    /// The class of a value: closed below, the top class closed above too.
    public func classOf(_ v: Double) -> Int {
        max(0, min(breaks.count - 2, breaks.dropFirst().dropLast().filter { $0 <= v }.count))
    }

    func classColor(_ i: Int, _ t: Theme) -> Color {
        let n = breaks.count - 1
        return Theme.interpolate(Array(t.ramp.dropFirst()), at: n <= 1 ? 0.6 : Double(i) / Double(n - 1))
    }

    var format: NumberFormat {
        let d = NumberFormat.commonDigits(values.values.flatMap(\.values), within: valueDigits)
        return NumberFormat(language, fractionDigits: d...d, percent: percent).typographic
    }

    /// Class labels whose bounds do not overlap: under the first inner bound, from one bound to under the next,
    /// the last bound and over.
    func classLabels() -> [String] {
        let f = NumberFormat(language, fractionDigits: 0...2, percent: percent).typographic
        let n = breaks.count - 1
        return (0..<n).map { i in
            if n == 1 { return f(breaks[0]) + "–" + f(breaks[1]) }
            if i == 0 { return language.text(.classUnder, f(breaks[1])) }
            if i == n - 1 { return language.text(.classFrom, f(breaks[i])) }
            return language.text(.classRange, f(breaks[i]), f(breaks[i + 1]))
        }
    }

    /// The chart's scene: the frame with a legend of classes (`legend/class/<i>`, and `legend/no-data` when a cell
    /// is missing), row labels `row/<id>`, column labels `column/<id>`, cells `cell/<row>/<column>` and their values
    /// `value/<row>/<column>`. Throws when there is nothing to draw, a value is not finite, the class bounds do not
    /// increase, or the cells do not fit.
    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        let all = values.values.flatMap(\.values)
        guard !rows.isEmpty, !columns.isEmpty, !all.isEmpty else { throw .noData("a heat map needs rows, columns and values") }
        if let bad = all.first(where: { !$0.isFinite }) { throw .invalidValue("a cell is \(bad)") }
        guard breaks.count >= 2, zip(breaks, breaks.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .invalidValue("class bounds must increase: \(breaks)") }
        let t = theme.fitted(width: width, height: height)
        var legend = classLabels().enumerated().map { LegendItem(.swatch(classColor($0.offset, t)), $0.element, id: "class/\($0.offset)") }
        let missing = rows.contains { r in columns.contains { values[r.id]?[$0.id] == nil } }
        if missing { legend.append(LegendItem(.hatched(t.mutedText), language.text(.noData), id: "no-data")) }
        var layout = HeatmapLayout(chart: self, t: t, measurer: measurer)
        var frameTexts = texts
        if !layout.namesFit(width: width - 2 * t.padding, height: height) { frameTexts.notes.append(layout.columnNote) }
        let frame = ChartFrame(texts: frameTexts, legend: legend, theme: t, width: width, height: height, language: language)
        var (marks, area, titleText) = frame.layout(measurer)
        try layout.fit(in: area)
        marks += layout.labelMarks() + layout.cellMarks()
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: altText(), language: language.rawValue))
    }

    /// A sentence per row: its cells in column order.
    public func altText() -> String {
        let f = format
        return rows.map { r in
            r.label + ": " + columns.compactMap { c in values[r.id]?[c.id].map { "\(c.label) \(f($0))" } }.joined(separator: "; ") + "."
        }.joined(separator: " ")
    }
}

/// The layout of a heat map: row labels at the left, column labels above (rotated names or short labels), the grid
/// of cells filling the rest with square-ish cells at most twice as wide as tall.
struct HeatmapLayout {
    let chart: HeatmapChart
    let t: Theme
    let measurer: TextMeasurer
    var grid = Rect(x: 0, y: 0, width: 0, height: 0)
    var rotated = true
    var gap: Double { t.tickLabelSize * 0.5 }
    var labelFont: Font { t.font(t.categoryLabelSize) }
    var columnFont: Font { t.font(t.tickLabelSize) }

    /// The part of a column label before ". " ("1" of "1. Quy hoạch").
    func short(_ c: ChartKey) -> String { c.label.components(separatedBy: ". ").first ?? c.label }

    var columnNote: String { chart.columns.map(\.label).joined(separator: "; ") + "." }

    /// Whether the full column names, rotated, fit in a third of the canvas height.
    mutating func namesFit(width: Double, height: Double) -> Bool {
        let longest = chart.columns.map { measurer.measure($0.label, font: columnFont).width }.max() ?? 0
        rotated = longest <= height * 0.3
        return rotated
    }

    mutating func fit(in area: Rect) throws(ChartError) {
        let rowW = min(area.width * 0.3, chart.rows.map { measurer.measure($0.label, font: labelFont).width }.max() ?? 0)
        let headerH = rotated ? (chart.columns.map { measurer.measure($0.label, font: columnFont).width }.max() ?? 0)
                              : measurer.measure("0", font: columnFont).height
        let available = Rect(x: area.minX + rowW + gap, y: area.minY + headerH + gap, width: area.width - rowW - gap, height: area.height - headerH - gap)
        guard available.width > 40, available.height > 40 else {
            throw .doesNotFit("\(Int(chart.width))×\(Int(chart.height)) px leaves \(Int(available.width))×\(Int(available.height)) px for the cells")
        }
        let nr = Double(chart.rows.count), nc = Double(chart.columns.count)
        let cellH = min(available.height / nr, available.width / nc), cellW = min(available.width / nc, cellH * 2)
        grid = Rect(x: available.minX, y: available.minY, width: cellW * nc, height: cellH * nr)
    }

    var cellW: Double { grid.width / Double(chart.columns.count) }
    var cellH: Double { grid.height / Double(chart.rows.count) }

    /// Row labels left of the grid, column labels above it.
    func labelMarks() -> [Mark] {
        var marks: [Mark] = []
        for (i, r) in chart.rows.enumerated() {
            marks.append(.text(TextMark(r.label, font: labelFont, color: t.text, at: Point(grid.minX - gap, grid.minY + (Double(i) + 0.5) * cellH),
                                        anchor: .end, baseline: .middle, maxWidth: grid.minX - gap - t.padding, overflow: .ellipsis, id: "row/\(r.id)")))
        }
        for (j, c) in chart.columns.enumerated() {
            let x = grid.minX + (Double(j) + 0.5) * cellW
            marks.append(.text(rotated
                ? TextMark(c.label, font: columnFont, color: t.text, at: Point(x, grid.minY - gap), anchor: .start, baseline: .middle, rotation: -90, id: "column/\(c.id)")
                : TextMark(short(c), font: columnFont, color: t.text, at: Point(x, grid.minY - gap), anchor: .middle, baseline: .bottom, id: "column/\(c.id)")))
        }
        return marks
    }

    /// The cells in their class colours (hatched where there is no value), separated by the background, and their
    /// values (without the % the legend states) in ink that reads on the fill: every cell's or none, never a text
    /// under the theme's smallest size.
    func cellMarks() -> [Mark] {
        var f = chart.format
        f.percentSuffix = false
        let size = max(t.minimumTextSize, min(t.valueLabelSize * 0.85, cellH * 0.6))
        let valueFont = t.font(size, .semibold)
        let widest = chart.values.values.flatMap(\.values).map { measurer.measure(f($0), font: valueFont) }
        let labelsFit = chart.showValues && widest.allSatisfy { $0.width + 8 <= cellW - 2 && $0.height <= cellH - 2 }
        var cells: [Mark] = [], labels: [Mark] = []
        for (i, r) in chart.rows.enumerated() {
            for (j, c) in chart.columns.enumerated() {
                let slot = Rect(x: grid.minX + Double(j) * cellW, y: grid.minY + Double(i) * cellH, width: cellW, height: cellH)
                let box = slot.insetBy(dx: 1, dy: 1), id = "cell/\(r.id)/\(c.id)"
                guard let v = chart.values[r.id]?[c.id] else {
                    cells += Hatching.marks(box, color: t.mutedText, background: t.background, id: id)
                    continue
                }
                let fill = chart.classColor(chart.classOf(v), t)
                cells.append(Marks.cell(slot, fill: fill, id: id))
                if labelsFit {
                    labels.append(.text(TextMark(f(v), font: valueFont, color: fill.readableInk, at: Point(box.midX, box.midY), anchor: .middle,
                                                 baseline: .middle, id: "value/\(r.id)/\(c.id)")))
                }
            }
        }
        return cells + labels
    }
}
