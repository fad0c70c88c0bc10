import AnnexData
import AnnexScene

/// Lines over years: several series, markers, gaps where a value is missing, estimated stretches dashed
/// (and estimated points hollow), target lines and bands, and labels at the line ends instead of a legend
/// when there is room.
public struct LineChart: SizedChart, Hashable {
    public struct Series: Hashable, Sendable {
        public var key: ChartKey
        /// Values by x (a year); absent x are gaps.
        public var points: [Double: Double]
        /// The x whose values are estimates.
        public var estimates: Set<Double>
        public init(_ key: ChartKey, points: [Double: Double], estimates: Set<Double> = []) {
            self.key = key; self.points = points; self.estimates = estimates
        }
    }
    /// A horizontal target: a line at `low`, or a band from `low` to `high`, for one series or all.
    public struct TargetLine: Hashable, Sendable {
        public var low: Double
        public var high: Double?
        public var series: String?
        public var label: String
        public init(low: Double, high: Double? = nil, series: String? = nil, label: String) {
            self.low = low; self.high = high; self.series = series; self.label = label
        }
    }

    public var xValues: [Double]
    public var series: [Series]
    public var targets: [TargetLine]
    public var texts: ChartTexts
    public var language: Language
    /// Start the value axis at zero (honest for counts); false fits the data.
    public var zeroBaseline: Bool
    public var valueDigits: ClosedRange<Int>
    public var estimateLegend: String?
    public var width: Double
    public var height: Double
    public var theme: Theme
    /// Explicit geometry instead of the automatic layout.
    public var fixedLayout: FixedLayout? = nil

    public init(xValues: [Double], series: [Series], targets: [TargetLine] = [], texts: ChartTexts, language: Language = .vi,
                zeroBaseline: Bool = true, valueDigits: ClosedRange<Int> = 1...2, estimateLegend: String? = nil,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.xValues = xValues; self.series = series; self.targets = targets; self.texts = texts; self.language = language
        self.zeroBaseline = zeroBaseline; self.valueDigits = valueDigits; self.estimateLegend = estimateLegend
        self.width = width; self.height = height; self.theme = theme
    }

    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        if let fixedLayout { return try fixedScene(fixedLayout, measurer: measurer) }
        let all = series.flatMap { $0.points.values }
        guard !series.isEmpty, !all.isEmpty, !xValues.isEmpty else { throw .noData("a line chart needs series with values") }
        if let bad = all.first(where: { !$0.isFinite }) { throw .invalidValue("a point is \(bad)") }
        let t = theme.fitted(width: width, height: height)
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        let xs = xValues.sorted()
        let hasEstimates = series.contains { !$0.estimates.isEmpty }
        let colors = series.indices.map { t.palette[$0 % t.palette.count] }
        let gap = t.tickLabelSize * 0.6
        let labelFont = t.font(t.legendSize, .semibold)
        let tickFont = t.font(t.tickLabelSize)

        // Direct labels at line ends when they take at most a quarter of the width; a legend otherwise.
        func endLabel(_ s: Series) -> String {
            guard let x = s.points.keys.max(), let v = s.points[x] else { return s.key.label }
            return "\(s.key.label) \(fmt(v))"
        }
        let endWidth = series.map { measurer.measure(endLabel($0), font: labelFont).width }.max() ?? 0
        let direct = endWidth + gap * 2 <= width * 0.25
        var legend: [LegendItem] = direct ? [] : series.enumerated().map { i, s in
            LegendItem(.line(colors[i], width: t.lineWidth, dash: []), s.key.label, id: s.key.id)
        }
        for (i, tg) in targets.enumerated() {
            let c = tg.series.flatMap { id in series.firstIndex { $0.key.id == id } }.map { colors[$0] } ?? t.target
            legend.append(LegendItem(tg.high != nil ? .band(c) : .line(c, width: t.targetWidth * 0.6, dash: [10, 6]), tg.label, id: "target/\(i)"))
        }
        if hasEstimates {
            legend.append(LegendItem(.line(t.mutedText, width: t.lineWidth * 0.8, dash: [t.lineWidth * 2.5, t.lineWidth * 1.5]),
                                     estimateLegend ?? (language == .vi ? "Ước thực hiện" : "Estimate"), id: "estimate"))
        }
        let frame = ChartFrame(texts: texts, legend: legend, theme: t, width: width, height: height, language: language)
        var (marks, area, titleText) = frame.layout(measurer)

        var lo = (all + targets.map(\.low)).min()!, hi = (all + targets.map { $0.high ?? $0.low }).max()!
        if zeroBaseline { lo = min(0, lo); hi = max(0, hi) }
        if lo == hi { hi = lo + 1 }
        var axisTitle: TextMark? = nil
        if let at = texts.valueAxisTitle, !at.isEmpty {
            axisTitle = TextMark(at, font: t.font(t.axisTitleSize), color: t.mutedText, at: .zero, anchor: .middle,
                                 baseline: .top, rotation: -90, id: "axis-title/value")
        }
        let titleSpace = axisTitle.map { measurer.measure($0).height + t.axisTitleSize * 0.6 } ?? 0
        let xLabelH = measurer.measure("2020", font: tickFont).height
        var plot = area, yScale = LinearScale(domain: (lo, hi), range: (0, 1)), ticks: [Double] = [], digits = 0
        for _ in 0..<2 {
            let tickW = ticks.map { measurer.measure(NumberFormat(language, fractionDigits: digits...digits)($0), font: tickFont).width }.max()
                ?? measurer.measure("00", font: tickFont).width
            let left = area.minX + titleSpace + tickW + gap
            let right = area.maxX - (direct ? endWidth + gap * 2 : gap)
            plot = Rect(x: left, y: area.minY + t.markerRadius, width: right - left, height: area.height - xLabelH - gap * 1.5 - t.markerRadius)
            guard plot.width > 60, plot.height > 60 else {
                throw .doesNotFit("\(Int(width))×\(Int(height)) px leaves \(Int(plot.width))×\(Int(plot.height)) px for the lines")
            }
            let count = max(2, Int(plot.height / 90))
            yScale = LinearScale(domain: (lo, hi), range: (plot.maxY, plot.minY)).nice(count: count)
            ticks = yScale.ticks(count: count)
            digits = LinearScale.fractionDigits(forStep: yScale.tickStep(count: count))
        }
        let fmtTick = NumberFormat(language, fractionDigits: digits...digits)
        let step = xs.count > 1 ? (plot.width / Double(xs.count)) : plot.width
        let xScale = LinearScale(domain: (xs.first! - 0.5, xs.last! + 0.5), range: (plot.minX, plot.minX + step * Double(xs.count)))

        if var m = axisTitle { m.position = Point(area.minX, plot.midY); marks.append(.text(m)) }
        for (i, v) in ticks.enumerated() {
            let y = yScale(v)
            marks.append(.path(.line(from: Point(plot.minX, y), to: Point(plot.maxX, y),
                                     stroke: Stroke(color: v == 0 ? t.axis : t.grid, width: v == 0 ? t.axisWidth : t.gridWidth), id: "grid/\(i)")))
            marks.append(.text(TextMark(fmtTick(v), font: tickFont, color: t.mutedText, at: Point(plot.minX - gap, y),
                                        anchor: .end, baseline: .middle, id: "tick/\(i)")))
        }
        // Year labels; every other one when they would crowd.
        let yearW = measurer.measure("2020", font: tickFont).width
        let every = max(1, Int((yearW + gap) / step) + 1)
        for (i, x) in xs.enumerated() where i % every == 0 || i == xs.count - 1 && every == 1 {
            let label = x == x.rounded() ? NumberFormat.plain(x) : fmt(x)
            marks.append(.text(TextMark(label, font: tickFont, color: t.mutedText, at: Point(xScale(x), plot.maxY + gap),
                                        anchor: .middle, baseline: .top, id: "x/\(label)")))
        }
        // Targets under the lines.
        for (i, tg) in targets.enumerated() {
            let c = tg.series.flatMap { id in series.firstIndex { $0.key.id == id } }.map { colors[$0] } ?? t.target
            if let h = tg.high {
                marks.append(.rect(RectMark(Rect(x: plot.minX, y: yScale(h), width: plot.width, height: yScale(tg.low) - yScale(h)),
                                            fill: c.withAlpha(0.18), id: "target/\(i)")))
            } else {
                marks.append(.path(.line(from: Point(plot.minX, yScale(tg.low)), to: Point(plot.maxX, yScale(tg.low)),
                                         stroke: Stroke(color: c, width: t.targetWidth * 0.6, dash: [10, 6]), id: "target/\(i)")))
            }
        }
        // Lines: solid between actual points, dashed into and between estimates, broken at gaps.
        var endPoints: [(index: Int, y: Double, x: Double)] = []
        for (si, s) in series.enumerated() {
            let c = colors[si]
            for (a, b) in zip(xs, xs.dropFirst()) {
                guard let va = s.points[a], let vb = s.points[b] else { continue }
                let est = s.estimates.contains(a) || s.estimates.contains(b)
                marks.append(.path(.line(from: Point(xScale(a), yScale(va)), to: Point(xScale(b), yScale(vb)),
                                         stroke: Stroke(color: c, width: t.lineWidth, dash: est ? [t.lineWidth * 2.5, t.lineWidth * 1.5] : [],
                                                        join: .round, cap: .round),
                                         id: "line/\(s.key.id)/\(NumberFormat.plain(a))")))
            }
            for x in xs {
                guard let v = s.points[x] else { continue }
                let est = s.estimates.contains(x)
                marks.append(.path(Shapes.circle(center: Point(xScale(x), yScale(v)), radius: t.markerRadius,
                                                 fill: est ? t.background : c, stroke: Stroke(color: c, width: t.lineWidth * 0.6),
                                                 id: "point/\(s.key.id)/\(NumberFormat.plain(x))")))
            }
            if let lastX = s.points.keys.max() { endPoints.append((si, yScale(s.points[lastX]!), xScale(lastX))) }
        }
        if direct {
            // Labels at the line ends, pushed apart vertically so that none overlaps.
            let h = measurer.measure("Ag", font: labelFont).height
            var placed = endPoints.sorted { $0.y < $1.y }.map { (index: $0.index, y: $0.y, x: $0.x) }
            for _ in 0..<50 {
                var moved = false
                for k in 1..<max(1, placed.count) where placed[k].y - placed[k - 1].y < h {
                    let push = (h - (placed[k].y - placed[k - 1].y)) / 2
                    placed[k - 1].y -= push; placed[k].y += push; moved = true
                }
                for k in placed.indices {
                    placed[k].y = min(max(placed[k].y, area.minY + h / 2), plot.maxY - h / 2)
                }
                if !moved { break }
            }
            for p in placed {
                let s = series[p.index]
                marks.append(.text(TextMark(endLabel(s), font: labelFont, color: colors[p.index],
                                            at: Point(plot.maxX + gap, p.y), baseline: .middle, id: "end-label/\(s.key.id)")))
            }
        }
        let alt = series.map { s in
            "\(s.key.label): " + xs.compactMap { x in s.points[x].map { "\(NumberFormat.plain(x)) \(fmt($0))" + (s.estimates.contains(x) ? (language == .vi ? " (ước)" : " (est.)") : "") } }
                .joined(separator: ", ") + "."
        }.joined(separator: " ")
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: alt, language: language.rawValue))
    }
}

/// Dumbbells (a slope form): one row per category, a dot for each of two years joined by a bar, values at
/// both ends and the change at the right: "2018 → 2019" by group at a glance.
public struct DumbbellChart: SizedChart, Hashable {
    public var categories: [ChartKey]
    public var from: ChartKey
    public var to: ChartKey
    /// Values by category id.
    public var fromValues: [String: Double]
    public var toValues: [String: Double]
    public var texts: ChartTexts
    public var language: Language
    public var valueDigits: ClosedRange<Int>
    public var sortByChange: Bool
    public var width: Double
    public var height: Double
    public var theme: Theme

    public init(categories: [ChartKey], from: ChartKey, to: ChartKey, fromValues: [String: Double], toValues: [String: Double],
                texts: ChartTexts, language: Language = .vi, valueDigits: ClosedRange<Int> = 1...2, sortByChange: Bool = false,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.categories = categories; self.from = from; self.to = to; self.fromValues = fromValues; self.toValues = toValues
        self.texts = texts; self.language = language; self.valueDigits = valueDigits; self.sortByChange = sortByChange
        self.width = width; self.height = height; self.theme = theme
    }

    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        let rows = categories.filter { fromValues[$0.id] != nil && toValues[$0.id] != nil }
        guard !rows.isEmpty else { throw .noData("a dumbbell chart needs categories with both values") }
        let vals = rows.flatMap { [fromValues[$0.id]!, toValues[$0.id]!] }
        if let bad = vals.first(where: { !$0.isFinite }) { throw .invalidValue("a value is \(bad)") }
        let ordered = sortByChange ? rows.sorted { (toValues[$0.id]! - fromValues[$0.id]!) > (toValues[$1.id]! - fromValues[$1.id]!) } : rows
        let t = theme.fitted(width: width, height: height)
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        let signed = { (x: Double) in (x > 0 ? "+" : "") + fmt(x) }
        let cFrom = t.sequential[t.sequential.count - 2], cTo = t.sequential.last!
        let legend = [LegendItem(.marker(cFrom), from.label, id: from.id), LegendItem(.marker(cTo), to.label, id: to.id)]
        let frame = ChartFrame(texts: texts, legend: legend, theme: t, width: width, height: height, language: language)
        var (marks, area, titleText) = frame.layout(measurer)
        let gap = t.tickLabelSize * 0.6
        let catFont = t.font(t.categoryLabelSize), valueFont = t.font(t.valueLabelSize), changeFont = t.font(t.valueLabelSize, .bold)
        let tickFont = t.font(t.tickLabelSize)
        let catW = min(area.width * 0.3, ordered.map { measurer.measure($0.label, font: catFont, maxWidth: area.width * 0.3, overflow: .wrap(maxLines: 2)).width }.max() ?? 0)
        let valW = ordered.flatMap { [fmt(fromValues[$0.id]!), fmt(toValues[$0.id]!)] }.map { measurer.measure($0, font: valueFont).width }.max() ?? 0
        let changeHeader = language == .vi ? "Thay đổi" : "Change"
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
            marks.append(.text(TextMark(NumberFormat(language, fractionDigits: digits...digits)(v), font: tickFont, color: t.mutedText,
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
            marks.append(.path(.line(from: Point(xa, y), to: Point(xb, y), stroke: Stroke(color: t.grid.mixed(with: t.mutedText, amount: 0.35), width: t.markerRadius * 0.9, cap: .round),
                                     id: "bar/\(c.id)")))
            marks.append(.path(Shapes.circle(center: Point(xa, y), radius: t.markerRadius * 1.3, fill: cFrom, stroke: nil, id: "from/\(c.id)")))
            marks.append(.path(Shapes.circle(center: Point(xb, y), radius: t.markerRadius * 1.3, fill: cTo, stroke: nil, id: "to/\(c.id)")))
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
