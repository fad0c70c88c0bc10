import AnnexLocale
import AnnexScene

/// Lines over periods: several series, markers, gaps where a value is missing (never bridged), estimated
/// stretches dashed (and estimated points hollow), target lines and bands over the periods they apply to, and
/// labels at the line ends (a legend only when there are too many series for them).
public struct LineChart: SizedChart, Hashable {
    /// One line: values by x, the x whose values are estimates.
    public struct Series: Hashable, Sendable {
        /// The series' id (in mark ids, `line/<id>/…`, `point/<id>/…`) and its label at the line's end or in the
        /// legend.
        public var key: ChartKey
        /// Values by x (a year); absent x are gaps.
        public var points: [Double: Double]
        /// The x whose values are estimates.
        public var estimates: Set<Double>
        /// The x whose period is not over: figures to a cut-off date, with the words that say so ("đến 15/6/2020").
        public var partial: [Double: String] = [:]
        /// A series named by `key` with its points.
        public init(_ key: ChartKey, points: [Double: Double], estimates: Set<Double> = [], partial: [Double: String] = [:]) {
            self.key = key; self.points = points; self.estimates = estimates; self.partial = partial
        }
    }
    /// A horizontal target: a line at `low`, or a band from `low` to `high`, for one series or all, over the
    /// periods `from`…`to` (all when nil).
    public struct TargetLine: Hashable, Sendable {
        /// The target, or the low end of a target band, in the values' unit.
        public var low: Double
        /// The high end of a target band; nil for a target line.
        public var high: Double?
        /// The id of the series the target belongs to, drawn in its colour; nil for a target of all series, in the
        /// theme's target colour.
        public var series: String?
        /// The target's legend entry ("Kế hoạch 2020"); on pinned charts, its band label.
        public var label: String
        /// The first x the target applies to; nil for the start of the axis.
        public var from: Double?
        /// The last x the target applies to; nil for the end of the axis (or, with `from`, the last x).
        public var to: Double?
        /// A target at `low` (or `low`…`high`), labelled `label` in the legend.
        public init(low: Double, high: Double? = nil, series: String? = nil, label: String, from: Double? = nil, to: Double? = nil) {
            self.low = low; self.high = high; self.series = series; self.label = label; self.from = from; self.to = to
        }
    }

    /// The periods of the time axis as numbers (years), each with a slot in increasing order even where no series
    /// has a value, so that gaps show.
    public var xValues: [Double]
    /// The lines, in colour order; more than eight get a legend instead of labels at their ends.
    public var series: [Series]
    /// Target lines and bands, drawn under the lines; empty for none.
    public var targets: [TargetLine]
    /// The chart's words: figure label, titles, value axis title, notes, source.
    public var texts: ChartTexts
    /// The language of the numbers and of the words the chart adds (the estimates' legend).
    public var language: Language
    /// Start the value axis at zero (honest for counts); false fits the data.
    public var zeroBaseline: Bool
    /// Fewest and most digits after the decimal separator of the values at the line ends; one number is chosen for
    /// the chart.
    public var valueDigits: ClosedRange<Int>
    /// The legend's words for estimated stretches; nil for "Ước thực hiện" / "Estimate".
    public var estimateLegend: String?
    /// The canvas width in px.
    public var width: Double
    /// The canvas height in px.
    public var height: Double
    /// The look of the chart; its sizes are scaled to the canvas.
    public var theme: Theme
    /// Explicit geometry for the components instead of the automatic layout.
    public var pins: ChartPins? = nil
    /// The length of the periods when `xValues` are `Period.ordinal`s (months, quarters, years read as periods):
    /// the x labels are the periods' ("T6/2020", "Jun 2020") and the time axis thins them to whole quarters or years.
    public var periods: Period.Granularity? = nil {
        didSet {
            guard let g = periods else { return }
            let format = PeriodFormat(language)
            xLabel = { format(Period(ordinal: Int($0.rounded()), granularity: g)) }
        }
    }
    /// Fill the area under each line (for one or two series: a cumulative count, capital disbursed to date).
    public var area = false
    /// How an x value is written under the axis (years by default).
    public var xLabel: @Sendable (Double) -> String = { x in x == x.rounded() ? NumberFormat.plain(x) : NumberFormat(.vi)(x) }

    /// A line chart; sizes in px.
    public init(xValues: [Double], series: [Series], targets: [TargetLine] = [], texts: ChartTexts, language: Language = .vi,
                zeroBaseline: Bool = true, valueDigits: ClosedRange<Int> = 1...2, estimateLegend: String? = nil,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.xValues = xValues; self.series = series; self.targets = targets; self.texts = texts; self.language = language
        self.zeroBaseline = zeroBaseline; self.valueDigits = valueDigits; self.estimateLegend = estimateLegend
        self.width = width; self.height = height; self.theme = theme
        xLabel = { x in x == x.rounded() ? NumberFormat.plain(x) : NumberFormat(language)(x) }
    }

    public static func == (a: LineChart, b: LineChart) -> Bool {
        a.xValues == b.xValues && a.series == b.series && a.targets == b.targets && a.texts == b.texts && a.language == b.language
            && a.zeroBaseline == b.zeroBaseline && a.valueDigits == b.valueDigits && a.estimateLegend == b.estimateLegend
            && a.width == b.width && a.height == b.height && a.theme == b.theme && a.pins == b.pins && a.area == b.area && a.periods == b.periods
    }
    public func hash(into h: inout Hasher) { h.combine(xValues); h.combine(series); h.combine(texts); h.combine(width); h.combine(height) }

    /// One number of decimals for every value label of the chart.
    var valueFormat: NumberFormat {
        let d = NumberFormat.commonDigits(series.flatMap { $0.points.values }, within: valueDigits)
        return NumberFormat(language, fractionDigits: d...d).typographic
    }

    func check() throws(ChartError) {
        let all = series.flatMap { $0.points.values }
        guard !series.isEmpty, !all.isEmpty, !xValues.isEmpty else { throw .noData("a line chart needs series with values") }
        if let bad = all.first(where: { !$0.isFinite }) { throw .invalidValue("a point is \(bad)") }
    }

    func colors(_ t: Theme) -> [Color] { series.enumerated().map { t.color(for: $1.key, index: $0, of: series.count, ordered: false) } }

    func targetColor(_ tg: TargetLine, _ colors: [Color], _ t: Theme) -> Color {
        tg.series.flatMap { id in series.firstIndex { $0.key.id == id } }.map { colors[$0] } ?? t.target
    }

    /// Series labels stand at the line ends, wrapped to at most a fifth of the width, in both languages alike; a
    /// legend replaces them only for more than eight series.
    var directLabels: Bool { series.count <= 8 }

    /// The chart's scene: the frame, the value and time axes, targets `target/<i>`, segments `line/<id>/<x>`
    /// (dashed into and between estimates), points `point/<id>/<x>` (hollow for estimates) and labels at the line
    /// ends `end-label/<id>`; on pinned components when `pins` is set. Throws when there is nothing to draw, a value
    /// is not finite, or the canvas is too small.
    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        try check()
        if let pins { return try pinnedScene(pins, measurer: measurer) }
        let t = theme.fitted(width: width, height: height)
        let colors = colors(t)
        var legend: [LegendItem] = directLabels ? [] : series.enumerated().map { i, s in
            LegendItem(.line(colors[i], width: t.lineWidth, dash: []), s.key.label, id: s.key.id)
        }
        for (i, tg) in targets.enumerated() {
            let c = targetColor(tg, colors, t)
            legend.append(LegendItem(tg.high != nil ? .band(c) : .line(c, width: t.targetWidth * 0.6, dash: [10, 6]), tg.label, id: "target/\(i)"))
        }
        if series.contains(where: { !$0.partial.isEmpty }) {
            legend.append(LegendItem(.line(t.mutedText, width: t.lineWidth * 0.8, dash: [t.lineWidth * 0.5, t.lineWidth * 1.2]),
                                     language.text(.partialPeriod), id: "partial"))
        }
        if series.contains(where: { !$0.estimates.isEmpty }) {
            legend.append(LegendItem(.line(t.mutedText, width: t.lineWidth * 0.8, dash: [t.lineWidth * 2.5, t.lineWidth * 1.5]),
                                     estimateLegend ?? language.text(.estimate), id: "estimate"))
        }
        let frame = ChartFrame(texts: texts, legend: legend, theme: t, width: width, height: height, language: language)
        var (marks, area, titleText) = frame.layout(measurer)
        var layout = LineLayout(chart: self, t: t, measurer: measurer, colors: colors)
        try layout.fit(in: area)
        marks += layout.axisMarks(area: area) + layout.targetMarks() + layout.lineMarks() + layout.endLabels(area: area)
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: altText(), language: language.rawValue))
    }

    /// A sentence per series listing its values, estimates marked.
    public func altText() -> String {
        let fmt = valueFormat, xs = xValues.sorted()
        return series.map { s in
            "\(s.key.label): " + xs.compactMap { x in
                s.points[x].map { "\(xLabel(x)) \(fmt($0))" + (s.estimates.contains(x) ? " " + language.text(.estimateShort) : "") }
            }.joined(separator: ", ") + "."
        }.joined(separator: " ")
    }
}

/// The automatic layout of a line chart: the value axis, the time axis, targets, lines and end labels.
struct LineLayout {
    let chart: LineChart
    let t: Theme
    let measurer: TextMeasurer
    let colors: [Color]
    var plot = Rect(x: 0, y: 0, width: 0, height: 0)
    var axis = ValueAxis(scale: LinearScale(domain: (0, 1), range: (0, 1)), ticks: [], format: NumberFormat(.vi))
    var time = TimeAxis(values: [0], left: 0, right: 1, label: { _ in "" })
    var gap: Double { t.tickLabelSize * 0.6 }
    var labelFont: Font { t.font(t.legendSize, .semibold) }
    var endWidthLimit: Double { chart.width * 0.2 }

    func endLabel(_ s: LineChart.Series) -> String {
        guard let x = s.points.keys.max(), let v = s.points[x] else { return s.key.label }
        return "\(s.key.label) \(chart.valueFormat(v))"
    }

    func endMark(_ s: LineChart.Series, at p: Point, color: Color) -> TextMark {
        TextMark(endLabel(s), font: labelFont, color: color, at: p, baseline: .middle, maxWidth: endWidthLimit,
                 overflow: .wrap(maxLines: 2), id: "end-label/\(s.key.id)")
    }

    mutating func fit(in area: Rect) throws(ChartError) {
        let all = chart.series.flatMap { $0.points.values }
        var lo = (all + chart.targets.map(\.low)).min()!, hi = (all + chart.targets.map { $0.high ?? $0.low }).max()!
        if chart.zeroBaseline { lo = min(0, lo); hi = max(0, hi) }
        if lo == hi { hi = lo + 1 }
        let tickFont = t.font(t.tickLabelSize)
        let titleSpace = axisTitle.map { measurer.measure($0).height + t.axisTitleSize * 0.6 } ?? 0
        let xLabelH = measurer.measure("2020", font: tickFont).height
        let endWidth = chart.directLabels ? chart.series.map { measurer.measure(endMark($0, at: .zero, color: t.text)).width }.max() ?? 0 : 0
        for pass in 0..<2 {
            let tickW = pass == 0 ? measurer.measure("00", font: tickFont).width : axis.labelWidth(tickFont, measurer)
            let left = area.minX + titleSpace + tickW + gap
            let right = area.maxX - (chart.directLabels ? endWidth + gap * 2 : gap)
            plot = Rect(x: left, y: area.minY + t.markerRadius, width: right - left, height: area.height - xLabelH - gap * 1.5 - t.markerRadius)
            guard plot.width > 60, plot.height > 60 else {
                throw .doesNotFit("\(Int(chart.width))×\(Int(chart.height)) px leaves \(Int(plot.width))×\(Int(plot.height)) px for the lines")
            }
            axis = ValueAxis.fitted(domain: (lo, hi), range: (plot.maxY, plot.minY), spacing: 90, minimumTicks: 2, language: chart.language)
        }
        time = TimeAxis(values: chart.xValues, left: plot.minX, right: plot.maxX, granularity: chart.periods, label: chart.xLabel)
    }

    var axisTitle: TextMark? {
        guard let at = chart.texts.valueAxisTitle, !at.isEmpty else { return nil }
        return TextMark(at, font: t.font(t.axisTitleSize), color: t.mutedText, at: .zero, anchor: .middle, baseline: .top, rotation: -90, id: "axis-title/value")
    }

    func axisMarks(area: Rect) -> [Mark] {
        var marks: [Mark] = []
        if var m = axisTitle { m.position = Point(area.minX, plot.midY); marks.append(.text(m)) }
        marks += axis.marks(plot: plot, vertical: true, theme: t, gap: gap)
        marks += time.marks(plotBottom: plot.maxY, font: t.font(t.tickLabelSize), color: t.mutedText, gap: gap, measurer)
        return marks
    }

    /// Targets under the lines, over the slots of the periods they apply to.
    func targetMarks() -> [Mark] {
        let half = time.values.count > 1 ? abs(time.scale(time.values[1]) - time.scale(time.values[0])) / 2 : plot.width / 2
        return chart.targets.enumerated().compactMap { i, tg -> Mark? in
            let c = chart.targetColor(tg, colors, t)
            let x0 = tg.from.map { max(plot.minX, time.scale($0) - half) } ?? plot.minX
            let x1 = tg.to.map { min(plot.maxX, time.scale($0) + half) } ?? (tg.from == nil ? plot.maxX : min(plot.maxX, time.scale(time.values.last!) + half))
            let s = axis.scale
            guard x1 > x0 else { return nil }
            if let h = tg.high {
                return Marks.band(Rect(x: x0, y: s(h), width: x1 - x0, height: s(tg.low) - s(h)), color: c, opacity: 0.18, id: "target/\(i)")
            }
            return Marks.rule(from: Point(x0, s(tg.low)), to: Point(x1, s(tg.low)), color: c, width: t.targetWidth * 0.6, dash: [10, 6], id: "target/\(i)")
        }
    }

    /// Areas under the lines when asked, then lines (solid between actual points, dashed into and between
    /// estimates, broken at gaps), then the points (hollow for estimates).
    func lineMarks() -> [Mark] {
        let xs = time.values, tx = time.scale, ty = axis.scale
        let x: (Double) -> Double = { tx($0) }, y: (Double) -> Double = { ty($0) }
        var marks: [Mark] = []
        if chart.area {
            let base = y(max(axis.scale.domain.0, min(0, axis.scale.domain.1)))
            for (si, s) in chart.series.enumerated() {
                marks += Marks.area(xs: xs, values: s.points, x: x, y: y, baseline: base, fill: colors[si].withAlpha(0.16), id: "area/\(s.key.id)")
            }
        }
        for (si, s) in chart.series.enumerated() {
            // A segment into a period that is not over is dotted: its figure is to a cut-off date, not the period's.
            marks += Marks.line(xs: xs, values: s.points, estimates: s.estimates, partial: Set(s.partial.keys), x: x, y: y,
                                color: colors[si], width: t.lineWidth, id: "line/\(s.key.id)")
            for xv in xs {
                guard let v = s.points[xv] else { continue }
                marks.append(Marks.point(Point(x(xv), y(v)), radius: t.markerRadius, color: colors[si], hollow: s.estimates.contains(xv) || s.partial[xv] != nil,
                                         background: t.background, outline: t.lineWidth * 0.6, id: "point/\(s.key.id)/\(NumberFormat.plain(xv))"))
                if let words = s.partial[xv] {
                    // Over the point; at a line's end, ending at the point, clear of the end label on its right.
                    let last = xv == s.points.keys.max()
                    marks.append(.text(TextMark(words, font: t.font(t.tickLabelSize * 0.9), color: colors[si],
                                                at: Point(x(xv) + (last ? t.markerRadius : 0), y(v) - t.markerRadius - 4), anchor: last ? .end : .middle,
                                                baseline: .bottom, id: "partial/\(s.key.id)/\(NumberFormat.plain(xv))")))
                }
            }
        }
        return marks
    }

    /// Labels at the line ends, pushed apart vertically so that none overlaps.
    func endLabels(area: Rect) -> [Mark] {
        guard chart.directLabels else { return [] }
        var placed: [(index: Int, y: Double, h: Double)] = chart.series.enumerated().compactMap { i, s in
            guard let lastX = s.points.keys.max() else { return nil }
            return (i, axis.scale(s.points[lastX]!), measurer.measure(endMark(s, at: .zero, color: t.text)).height)
        }.sorted { $0.y < $1.y }
        for _ in 0..<50 {
            var moved = false
            for k in 1..<max(1, placed.count) {
                let need = (placed[k].h + placed[k - 1].h) / 2
                guard placed[k].y - placed[k - 1].y < need else { continue }
                let push = (need - (placed[k].y - placed[k - 1].y)) / 2
                placed[k - 1].y -= push; placed[k].y += push; moved = true
            }
            for k in placed.indices { placed[k].y = min(max(placed[k].y, area.minY + placed[k].h / 2), plot.maxY - placed[k].h / 2) }
            if !moved { break }
        }
        return placed.map { p in .text(endMark(chart.series[p.index], at: Point(plot.maxX + gap, p.y), color: colors[p.index])) }
    }
}

extension LineChart {
    /// Lines on pinned components: grid, target bands, axis lines, ticks, series with estimated stretches dashed
    /// and hollow points, band labels, labels at the line ends.
    func pinnedScene(_ pins: ChartPins, measurer: TextMeasurer) throws(ChartError) -> Scene {
        let t = theme, plot = pins.plot, family = pins.font ?? t.fontFamily
        let all = series.flatMap { $0.points.values }
        let yDomain = (pins.valueScale?.low ?? min(0, all.min() ?? 0), pins.valueScale?.high ?? (all.max() ?? 1))
        let axis = try ValueAxis.pinned(pins.valueScale, domain: yDomain, range: (plot.maxY, plot.minY), language: language)
        let xFormat = NumberFormat(language, fractionDigits: 0...2, groupFrom: .infinity)
        let time = TimeAxis(values: xValues, pinned: pins.categoryScale, left: plot.minX, right: plot.maxX, label: { xFormat($0) })
        var marks = axis.pinnedGrid(plot: plot, grid: pins.grid, theme: t)
        if pins.bandOpacity != nil || pins.bandFill != nil {
            for (i, tg) in targets.enumerated() {
                let hi = tg.high ?? tg.low
                let c = pins.bandFill ?? tg.series.flatMap { id in series.firstIndex { $0.key.id == id || $0.key.label == id } }.map { pins.color($0, t) } ?? t.target
                marks.append(.rect(RectMark(Rect(x: plot.minX, y: axis.scale(hi), width: plot.width, height: axis.scale(tg.low) - axis.scale(hi)),
                                            fill: c.withAlpha(pins.bandOpacity ?? 0.2), id: "target/\(i)")))
            }
        }
        marks += AxisLines.marks(plot: plot, pin: pins.axisLines, theme: t)
        marks += time.pinnedMarks(plotBottom: plot.maxY, pin: pins.categoryTicks, family: family, theme: t)
        marks += axis.pinnedTicks(plot: plot, pin: pins.valueTicks, family: family, theme: t)
        for (si, s) in series.enumerated() { marks += pinnedSeries(s, color: pins.color(si, t), pins, time.scale, axis.scale) }
        if let bp = pins.bandLabel {
            for (i, tg) in targets.enumerated() where !tg.label.isEmpty {
                marks.append(.text(TextMark(tg.label, font: pins.font(bp, t), color: bp.color ?? t.target,
                                            at: Point(plot.minX + (bp.dx ?? 8), axis.scale(tg.high ?? tg.low) + (bp.dy ?? -5)), id: "target-label/\(i)")))
            }
        }
        if let lp = pins.labels {
            for (si, s) in series.enumerated() {
                guard let lastX = xValues.last(where: { s.points[$0] != nil }) else { continue }
                marks.append(.text(TextMark(s.key.label, font: pins.font(lp, t), color: lp.color ?? pins.color(si, t),
                                            at: Point(time.scale(lastX) + (lp.dx ?? 10), axis.scale(s.points[lastX]!) + (lp.dy ?? 5)), id: "label/\(s.key.id)")))
            }
        }
        marks += ChartFrame(texts: texts, legend: [], theme: t, width: width, height: height, language: language, pins: pins).layout(measurer).marks
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: texts.fullTitle, description: altText(), language: language.rawValue))
    }

    /// One pinned series: a solid polyline through the actual values, a dashed one into and through estimates, points.
    func pinnedSeries(_ s: Series, color c: Color, _ pins: ChartPins, _ x: LinearScale, _ y: LinearScale) -> [Mark] {
        let xs = xValues.filter { s.points[$0] != nil }
        let pts = xs.map { Point(x($0), y(s.points[$0]!)) }
        let width = pins.lines?.width ?? 2
        var marks: [Mark] = []
        let firstEstimate = xs.firstIndex { s.estimates.contains($0) } ?? xs.count
        let solid = Array(pts[..<min(pts.count, firstEstimate)])
        if solid.count > 1 {
            marks.append(.path(.polyline(solid, stroke: Stroke(color: c, width: width, join: .round, cap: .butt), id: "line/\(s.key.id)")))
        }
        if firstEstimate < pts.count {
            let dashed = Array(pts[max(0, firstEstimate - 1)...])
            if dashed.count > 1 {
                marks.append(.path(.polyline(dashed, stroke: Stroke(color: c, width: width, dash: pins.lines?.dash ?? [6, 4], join: .round, cap: .butt),
                                             id: "line-estimate/\(s.key.id)")))
            }
        }
        guard let r = pins.pointRadius else { return marks }
        for (i, p) in pts.enumerated() {
            if s.estimates.contains(xs[i]) {
                let sw = pins.pointOutline ?? 2
                // The stroke lies on the circle's edge: inside the nominal radius.
                marks.append(.path(Shapes.circle(center: p, radius: r - sw / 2, fill: pins.pointFill ?? theme.background,
                                                 stroke: Stroke(color: c, width: sw), id: "point/\(s.key.id)/\(i)")))
            } else {
                marks.append(.path(Shapes.circle(center: p, radius: r, fill: c, stroke: nil, id: "point/\(s.key.id)/\(i)")))
            }
        }
        return marks
    }
}
