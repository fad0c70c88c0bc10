import AnnexLocale
import AnnexScene

/// Dumbbells (a slope form): one row per category, a dot for each of two years joined by a bar, values at
/// both ends and the change at the right: "2018 → 2019" by group at a glance.
public struct DumbbellChart: SizedChart, Hashable {
    /// The rows, top down unless `sortByChange`; a category without both values is left out.
    public var categories: [ChartKey]
    /// The first year (or state): its dots are the lighter colour; its label is the legend's first entry.
    public var from: ChartKey
    /// The second year: its dots are the darker colour; the change is `to` minus `from`.
    public var to: ChartKey
    /// Values of `from` by category id.
    public var fromValues: [String: Double]
    /// Values of `to` by category id.
    public var toValues: [String: Double]
    /// The chart's words: figure label, titles, notes, source.
    public var texts: ChartTexts
    /// The language of the numbers and of the words the chart adds ("Thay đổi").
    public var language: Language
    /// Fewest and most digits after the decimal separator of the values and changes.
    public var valueDigits: ClosedRange<Int>
    /// Whether rows are ordered by change, the largest rise first; false keeps the order of `categories`.
    public var sortByChange: Bool
    /// The canvas width in px.
    public var width: Double
    /// The canvas height in px.
    public var height: Double
    /// The look of the chart; its sizes are scaled to the canvas.
    public var theme: Theme

    /// A dumbbell chart from `from` to `to`; sizes in px.
    public init(categories: [ChartKey], from: ChartKey, to: ChartKey, fromValues: [String: Double], toValues: [String: Double],
                texts: ChartTexts, language: Language = .vi, valueDigits: ClosedRange<Int> = 1...2, sortByChange: Bool = false,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.categories = categories; self.from = from; self.to = to; self.fromValues = fromValues; self.toValues = toValues
        self.texts = texts; self.language = language; self.valueDigits = valueDigits; self.sortByChange = sortByChange
        self.width = width; self.height = height; self.theme = theme
    }

    /// The chart's scene: the frame, a value axis along the bottom, then per row (`<id>` the category id) its label
    /// `category/<id>`, the bar `bar/<id>`, the dots `from/<id>` and `to/<id>`, the values `value-low/<id>` and
    /// `value-high/<id>` and the change `change/<id>` under the header `change-header`. Throws when no category has
    /// both values, a value is not finite, or the rows do not fit (at least 20 px each).
    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        let rows = categories.filter { fromValues[$0.id] != nil && toValues[$0.id] != nil }
        guard !rows.isEmpty else { throw .noData("a dumbbell chart needs categories with both values") }
        let vals = rows.flatMap { [fromValues[$0.id]!, toValues[$0.id]!] }
        if let bad = vals.first(where: { !$0.isFinite }) { throw .invalidValue("a value is \(bad)") }
        let ordered = sortByChange ? rows.sorted { (toValues[$0.id]! - fromValues[$0.id]!) > (toValues[$1.id]! - fromValues[$1.id]!) } : rows
        let t = theme.fitted(width: width, height: height)
        // One number of decimals for the whole chart, values and changes alike.
        let changes = ordered.map { PlanComparisonRounding.clean(toValues[$0.id]! - fromValues[$0.id]!) }
        let d = NumberFormat.commonDigits(vals + changes, within: valueDigits)
        let fmt = NumberFormat(language, fractionDigits: d...d).typographic
        let signed = { (x: Double) in (x > 0 ? "+" : "") + fmt(x) }
        let cFrom = t.namedColors[from.id] ?? t.namedColors[from.label] ?? t.sequential[t.sequential.count - 2]
        let cTo = t.namedColors[to.id] ?? t.namedColors[to.label] ?? t.sequential.last!
        let legend = [LegendItem(.marker(cFrom), from.label, id: from.id), LegendItem(.marker(cTo), to.label, id: to.id)]
        let frame = ChartFrame(texts: texts, legend: legend, theme: t, width: width, height: height, language: language)
        var (marks, area, titleText) = frame.layout(measurer)
        let gap = t.tickLabelSize * 0.6
        let catFont = t.font(t.categoryLabelSize), valueFont = t.font(t.valueLabelSize), changeFont = t.font(t.valueLabelSize, .bold)
        let tickFont = t.font(t.tickLabelSize)
        let catW = min(area.width * 0.3, ordered.map { measurer.measure($0.label, font: catFont, maxWidth: area.width * 0.3, overflow: .wrap(maxLines: 2)).width }.max() ?? 0)
        let valW = ordered.flatMap { [fmt(fromValues[$0.id]!), fmt(toValues[$0.id]!)] }.map { measurer.measure($0, font: valueFont).width }.max() ?? 0
        let changeHeader = language.text(.change)
        let changeW = max(measurer.measure(changeHeader, font: changeFont).width,
                          ordered.map { measurer.measure(signed(toValues[$0.id]! - fromValues[$0.id]!), font: changeFont).width }.max() ?? 0)
        let tickH = measurer.measure("0", font: tickFont).height
        let headerH = measurer.measure(changeHeader, font: changeFont).height
        let plot = Rect(x: area.minX + catW + gap * 2 + valW + gap, y: area.minY + headerH + gap,
                        width: area.width - catW - changeW - valW * 2 - gap * 6, height: area.height - tickH - gap * 2 - headerH - gap)
        guard plot.width > 60, plot.height > 20 * Double(ordered.count) else {
            throw .doesNotFit("\(Int(width))×\(Int(height)) px is too small for \(ordered.count) rows")
        }
        let lo = min(0, vals.min()!), hi = vals.max()!
        let count = max(2, Int(plot.width / 140))
        let x = LinearScale(domain: (lo, hi == lo ? lo + 1 : hi), range: (plot.minX, plot.maxX)).nice(count: count)
        let ticks = x.ticks(count: count)
        let digits = LinearScale.fractionDigits(forStep: x.tickStep(count: count))
        for (i, v) in ticks.enumerated() {
            marks.append(.path(.line(from: Point(x(v), plot.minY), to: Point(x(v), plot.maxY),
                                     stroke: Stroke(color: v == 0 ? t.axis : t.grid, width: v == 0 ? t.axisWidth : t.gridWidth), id: "grid/\(i)")))
            marks.append(.text(TextMark(NumberFormat(language, fractionDigits: digits...digits).typographic(v), font: tickFont, color: t.mutedText,
                                        at: Point(x(v), plot.maxY + gap * 0.5), anchor: .middle, baseline: .top, id: "tick/\(i)")))
        }
        marks.append(.text(TextMark(changeHeader, font: changeFont, color: t.mutedText, at: Point(area.maxX, area.minY),
                                    anchor: .end, baseline: .top, id: "change-header")))
        let band = BandScale(domain: ordered.map(\.id), range: (plot.minY, plot.maxY), paddingInner: 0, paddingOuter: 0)
        for c in ordered {
            let y = band(c.id)! + band.bandwidth / 2
            let a = fromValues[c.id]!, b = toValues[c.id]!
            let xa = x(a), xb = x(b)
            marks.append(.text(TextMark(c.label, font: catFont, color: t.text, at: Point(area.minX + catW, y), anchor: .end,
                                        baseline: .middle, maxWidth: catW + 1, overflow: .wrap(maxLines: 2), id: "category/\(c.id)")))
            marks.append(Marks.rule(from: Point(xa, y), to: Point(xb, y), color: t.grid.mixed(with: t.mutedText, amount: 0.35), width: t.markerRadius * 0.9,
                                    cap: .round, id: "bar/\(c.id)"))
            marks.append(Marks.point(Point(xa, y), radius: t.markerRadius * 1.3, color: cFrom, background: t.background, id: "from/\(c.id)"))
            marks.append(Marks.point(Point(xb, y), radius: t.markerRadius * 1.3, color: cTo, background: t.background, id: "to/\(c.id)"))
            let left = min(xa, xb) - t.markerRadius * 1.3 - gap * 0.5, right = max(xa, xb) + t.markerRadius * 1.3 + gap * 0.5
            marks.append(.text(TextMark(fmt(a <= b ? a : b), font: valueFont, color: t.mutedText, at: Point(left, y), anchor: .end,
                                        baseline: .middle, id: "value-low/\(c.id)")))
            marks.append(.text(TextMark(fmt(a <= b ? b : a), font: valueFont.withWeight(.semibold), color: t.text, at: Point(right, y),
                                        baseline: .middle, id: "value-high/\(c.id)")))
            let d = b - a
            marks.append(.text(TextMark(signed(PlanComparisonRounding.clean(d)), font: changeFont, color: d >= 0 ? t.positive : t.negative,
                                        at: Point(area.maxX, y), anchor: .end, baseline: .middle, id: "change/\(c.id)")))
        }
        let alt = ordered.map { c in "\(c.label): \(from.label) \(fmt(fromValues[c.id]!)), \(to.label) \(fmt(toValues[c.id]!))." }.joined(separator: " ")
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: alt, language: language.rawValue))
    }
}

/// Removes binary noise from differences (10.6 − 9.35 = 1.2499999…) before they are printed.
enum PlanComparisonRounding {
    static func clean(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
}
