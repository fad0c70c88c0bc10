import AnnexData
import AnnexScene

/// Bars: vertical or horizontal; grouped, stacked, 100% stacked or diverging; optionally sorted; with targets
/// (a tick for a point, a band for a range) and estimated values hatched. Says what to show; `scene(measurer:)`
/// decides where.
public struct BarChart: SizedChart, Hashable {
    public enum Orientation: String, Sendable, CaseIterable { case vertical, horizontal }
    public enum Mode: String, Sendable, CaseIterable {
        /// Series side by side in each category.
        case grouped
        /// Series on top of each other; the total is labelled.
        case stacked
        /// Series as shares of each category's total (100% stacked).
        case percent
        /// Values up and down from zero, coloured by sign (for changes).
        case diverging
    }
    public enum Sort: String, Sendable, CaseIterable { case none, ascending, descending }

    public var categories: [ChartKey]
    public var series: [ChartKey]
    public var values: [BarValue]
    public var targets: [BarTarget]
    /// The legend's words for targets ("Kế hoạch 2019").
    public var targetLegend: String
    /// The legend's words for estimated values ("Ước thực hiện").
    public var estimateLegend: String?
    public var texts: ChartTexts
    public var language: Language
    public var orientation: Orientation
    public var mode: Mode
    public var sort: Sort
    /// Series are ordered (years): shades of one hue instead of distinct colours.
    public var orderedSeries: Bool
    /// Digits after the decimal comma on value labels.
    public var valueDigits: ClosedRange<Int>
    public var showValues: Bool
    public var width: Double
    public var height: Double
    public var theme: Theme
    /// Explicit geometry instead of the automatic layout.
    public var fixedLayout: FixedLayout? = nil

    public init(categories: [ChartKey], series: [ChartKey], values: [BarValue], targets: [BarTarget] = [],
                targetLegend: String = "", estimateLegend: String? = nil, texts: ChartTexts, language: Language = .vi,
                orientation: Orientation = .vertical, mode: Mode = .grouped, sort: Sort = .none,
                orderedSeries: Bool = false, valueDigits: ClosedRange<Int> = 1...2, showValues: Bool = true,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.categories = categories; self.series = series; self.values = values; self.targets = targets
        self.targetLegend = targetLegend; self.estimateLegend = estimateLegend; self.texts = texts
        self.language = language; self.orientation = orientation; self.mode = mode; self.sort = sort
        self.orderedSeries = orderedSeries; self.valueDigits = valueDigits; self.showValues = showValues
        self.width = width; self.height = height; self.theme = theme
    }

    /// Ids of the marks: `bar/<category>/<series>`, `value/<category>/<series>`, `total/<category>`,
    /// `target/<category>/<series>`, `target-label/<category>/<series>`, `category/<category>`, `tick/<i>`, `grid/<i>`.
    public static func barID(_ c: String, _ s: String) -> String { "bar/\(c)/\(s)" }

    func value(_ c: String, _ s: String) -> BarValue? { values.first { $0.category == c && $0.series == s } }

    /// Categories in drawing order (sorted when asked).
    func orderedCategories() -> [ChartKey] {
        guard sort != .none else { return categories }
        let key: (ChartKey) -> Double = { c in
            switch mode {
            case .stacked: return values.filter { $0.category == c.id }.reduce(0) { $0 + $1.value }
            case .percent:
                let total = values.filter { $0.category == c.id }.reduce(0) { $0 + $1.value }
                return total == 0 ? 0 : (value(c.id, series.last!.id)?.value ?? 0) / total
            default: return value(c.id, series.last!.id)?.value ?? -.infinity
            }
        }
        let sorted = categories.enumerated().sorted { a, b in
            let ka = key(a.element), kb = key(b.element)
            return ka == kb ? a.offset < b.offset : (sort == .ascending ? ka < kb : ka > kb)
        }.map(\.element)
        // Horizontal bars read top down: the first category is drawn at the top.
        return sorted
    }

    func check() throws(ChartError) {
        guard !categories.isEmpty, !series.isEmpty, !values.isEmpty else {
            throw .noData("a bar chart needs categories, series and values")
        }
        for v in values where !v.value.isFinite { throw .invalidValue("bar \(v.category)/\(v.series) is \(v.value)") }
        if mode == .stacked || mode == .percent, let neg = values.first(where: { $0.value < 0 }) {
            throw .invalidValue("a \(mode.rawValue) bar cannot show the negative value \(neg.value) of \(neg.category)/\(neg.series); use grouped or diverging bars")
        }
        if mode == .percent {
            for c in categories where values.filter({ $0.category == c.id }).reduce(0, { $0 + $1.value }) == 0 {
                throw .invalidValue("category \(c.id) has a total of 0: it has no shares to show")
            }
        }
    }

    func color(_ seriesIndex: Int, _ v: Double, _ t: Theme) -> Color {
        if mode == .diverging, series.count == 1 { return v < 0 ? t.negative : t.positive }
        return t.seriesColor(seriesIndex, of: series.count, ordered: orderedSeries)
    }

    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        if let fixedLayout { return try fixedScene(fixedLayout, measurer: measurer) }
        try check()
        let t = theme.fitted(width: width, height: height)
        let cats = orderedCategories()
        let vertical = orientation == .vertical
        let fmt = NumberFormat(language, fractionDigits: mode == .percent ? 0...0 : valueDigits, percent: mode == .percent)
        let strings = ChartStrings.for(language)

        // Values as drawn: segments [from, to] on the value axis.
        struct Segment { var category: String; var series: String; var seriesIndex: Int; var from: Double; var to: Double; var value: BarValue }
        var segments: [Segment] = []
        for c in cats {
            var up = 0.0, down = 0.0
            let total = values.filter { $0.category == c.id }.reduce(0) { $0 + $1.value }
            for (si, s) in series.enumerated() {
                guard let v = value(c.id, s.id) else { continue }
                switch mode {
                case .grouped, .diverging:
                    segments.append(Segment(category: c.id, series: s.id, seriesIndex: si, from: 0, to: v.value, value: v))
                case .stacked:
                    if v.value >= 0 { segments.append(Segment(category: c.id, series: s.id, seriesIndex: si, from: up, to: up + v.value, value: v)); up += v.value }
                    else { segments.append(Segment(category: c.id, series: s.id, seriesIndex: si, from: down, to: down + v.value, value: v)); down += v.value }
                case .percent:
                    let share = v.value / total * 100
                    segments.append(Segment(category: c.id, series: s.id, seriesIndex: si, from: up, to: up + share, value: v)); up += share
                }
            }
        }
        let ends = segments.flatMap { [$0.from, $0.to] } + targets.flatMap { [$0.low, $0.high ?? $0.low] }
        var lo = min(0, ends.min() ?? 0), hi = max(0, ends.max() ?? 0)
        if mode == .percent { lo = 0; hi = 100 }
        if lo == hi { hi = lo + 1 }

        // Legend.
        var legend: [LegendItem] = []
        // One series needs no legend entry: the axis title says what the bars are.
        if series.count > 1 {
            for (i, s) in series.enumerated() { legend.append(LegendItem(.swatch(color(i, 1, t)), s.label, id: s.id)) }
        }
        if mode == .diverging, series.count == 1 {
            legend = [LegendItem(.swatch(t.positive), language == .vi ? "Tăng" : "Increase", id: "increase"),
                      LegendItem(.swatch(t.negative), language == .vi ? "Giảm" : "Decrease", id: "decrease")]
        }
        if !targets.isEmpty, !targetLegend.isEmpty {
            let ranged = targets.contains { $0.high != nil && $0.high != $0.low }
            legend.append(LegendItem(ranged && targets.allSatisfy({ $0.high != nil }) ? .band(t.target) : .line(t.target, width: t.targetWidth, dash: []),
                                     targetLegend, id: "target"))
        }
        if values.contains(where: \.isEstimate) {
            legend.append(LegendItem(.hatched(t.mutedText), estimateLegend ?? (language == .vi ? "Ước thực hiện" : "Estimate"), id: "estimate"))
        }
        let frame = ChartFrame(texts: texts, legend: legend, theme: t, width: width, height: height, language: language)
        var (marks, area, titleText) = frame.layout(measurer)

        let grouped = mode == .grouped || mode == .diverging
        // Axis furniture sizes.
        let tickFont = t.font(t.tickLabelSize)
        let catFont = t.font(t.categoryLabelSize)
        let valueFont = t.font(t.valueLabelSize, .semibold)
        let targetFont = t.font(t.valueLabelSize * 0.85, .bold)
        let labelH = measurer.measure("0", font: valueFont).height
        let valueLabelText: (Segment) -> String = { mode == .percent ? fmt(abs($0.to - $0.from)) : fmt($0.value.value) }
        let targetText: (BarTarget) -> String = { tg in
            "\(strings.planAbbreviation) " + (tg.high.map { fmt(tg.low) + "–" + fmt($0) } ?? fmt(tg.low))
        }
        var axisTitle: TextMark? = nil
        if let at = texts.valueAxisTitle, !at.isEmpty {
            axisTitle = TextMark(at, font: t.font(t.axisTitleSize), color: t.mutedText, at: .zero, anchor: .middle,
                                 baseline: vertical ? .top : .bottom, rotation: vertical ? -90 : 0, id: "axis-title/value")
        }
        let axisTitleSpace = axisTitle.map { measurer.measure($0).height + t.axisTitleSize * 0.6 } ?? 0

        var plot = area
        var valueScale = LinearScale(domain: (lo, hi), range: (0, 1))
        var ticks: [Double] = []
        var digits = 0
        var band = BandScale(domain: cats.map(\.id), range: (0, 1))
        var catLabelExtent = 0.0
        var catFontUsed = catFont
        var catLines = 3
        let gap = t.tickLabelSize * 0.6

        func tickLabel(_ v: Double) -> String {
            NumberFormat(language, fractionDigits: digits...digits, percent: mode == .percent)(v)
        }
        // Outside labels need room beyond the bar ends.
        let outsideLabels = showValues && (mode == .grouped || mode == .diverging || mode == .stacked)
        let targetLabelWidth = targets.map { measurer.measure(targetText($0), font: targetFont).width }.max() ?? 0
        let valueLabelWidth = segments.map { measurer.measure(valueLabelText($0), font: valueFont).width }.max() ?? 0

        for pass in 0..<3 {
            if vertical {
                let tickW = ticks.map { measurer.measure(tickLabel($0), font: tickFont).width }.max() ?? measurer.measure("00", font: tickFont).width
                let left = area.minX + axisTitleSpace + tickW + gap
                band = BandScale(domain: cats.map(\.id), range: (left, area.maxX), paddingInner: mode == .grouped ? 0.28 : 0.35, paddingOuter: 0.2)
                band = band.limitingBandwidth(to: t.categoryLabelSize * 9 * (grouped ? Double(series.count) : 1))
                catLabelExtent = cats.map { measurer.measure($0.label, font: catFont, maxWidth: band.step * 0.94, overflow: .wrap(maxLines: 3)).height }.max() ?? 0
                let headroom = outsideLabels ? labelH * (targets.isEmpty ? 1 : 2) + gap : 0
                let footroom = (outsideLabels && lo < 0) ? labelH + gap : 0
                plot = Rect(x: left, y: area.minY + headroom, width: area.maxX - left,
                            height: area.height - headroom - footroom - catLabelExtent - gap * 1.5)
            } else {
                // Rows: the label font fits the row height; one-line rows may take up to 45% of the width.
                let step = pass == 0 ? area.height / Double(max(1, cats.count)) * 0.85 : band.step
                let lineH = measurer.measure("Ág", font: catFont).height
                catFontUsed = lineH > step * 0.95 ? catFont.withSize(max(catFont.size * 0.6, catFont.size * step * 0.95 / lineH)) : catFont
                catLines = max(1, min(3, Int(step * 0.95 / measurer.measure("Ág", font: catFontUsed).height)))
                let wrapW = catLines > 1 ? area.width * 0.3 : area.width * 0.45
                catLabelExtent = min(wrapW, cats.map { measurer.measure($0.label, font: catFontUsed, maxWidth: wrapW, overflow: .wrap(maxLines: catLines)).width }.max() ?? 0)
                let left = area.minX + catLabelExtent + gap + ((outsideLabels && lo < 0) ? valueLabelWidth + gap : 0)
                let right = area.maxX - (outsideLabels ? valueLabelWidth + gap + (targets.isEmpty ? 0 : targetLabelWidth + gap) : 0)
                let tickH = measurer.measure("0", font: tickFont).height
                plot = Rect(x: left, y: area.minY, width: right - left, height: area.height - tickH - gap - axisTitleSpace)
                band = BandScale(domain: cats.map(\.id), range: (plot.minY, plot.maxY), paddingInner: mode == .grouped ? 0.18 : 0.3, paddingOuter: 0.1)
                band = band.limitingBandwidth(to: t.categoryLabelSize * 4 * (grouped ? Double(series.count) : 1))
            }
            guard plot.width > 60, plot.height > 60 else {
                throw .doesNotFit("\(Int(width))×\(Int(height)) px leaves \(Int(plot.width))×\(Int(plot.height)) px for the bars")
            }
            let length = vertical ? plot.height : plot.width
            let count = max(3, Int(length / (t.tickLabelSize * (vertical ? 5 : 7.5))))
            let range = vertical ? (plot.maxY, plot.minY) : (plot.minX, plot.maxX)
            valueScale = LinearScale(domain: (lo, hi), range: range)
            if mode != .percent { valueScale = valueScale.nice(count: count) }
            ticks = valueScale.ticks(count: mode == .percent ? 5 : count)
            digits = LinearScale.fractionDigits(forStep: valueScale.tickStep(count: mode == .percent ? 5 : count))
            _ = pass
        }

        // Axis title and grid.
        if var m = axisTitle {
            m.position = vertical ? Point(area.minX, plot.midY) : Point(plot.midX, area.maxY)
            marks.append(.text(m))
        }
        for (i, v) in ticks.enumerated() {
            let p = valueScale(v)
            let isZero = v == 0
            let stroke = Stroke(color: isZero ? t.axis : t.grid, width: isZero ? t.axisWidth : t.gridWidth)
            if vertical {
                marks.append(.path(.line(from: Point(plot.minX, p), to: Point(plot.maxX, p), stroke: stroke, id: "grid/\(i)")))
                marks.append(.text(TextMark(tickLabel(v), font: tickFont, color: t.mutedText, at: Point(plot.minX - gap, p),
                                            anchor: .end, baseline: .middle, id: "tick/\(i)")))
            } else {
                marks.append(.path(.line(from: Point(p, plot.minY), to: Point(p, plot.maxY), stroke: stroke, id: "grid/\(i)")))
                marks.append(.text(TextMark(tickLabel(v), font: tickFont, color: t.mutedText, at: Point(p, plot.maxY + gap * 0.6),
                                            anchor: .middle, baseline: .top, id: "tick/\(i)")))
            }
        }
        if !ticks.contains(0), lo <= 0, hi >= 0 {
            let p = valueScale(0)
            marks.append(.path(vertical ? .line(from: Point(plot.minX, p), to: Point(plot.maxX, p), stroke: Stroke(color: t.axis, width: t.axisWidth), id: "zero")
                                        : .line(from: Point(p, plot.minY), to: Point(p, plot.maxY), stroke: Stroke(color: t.axis, width: t.axisWidth), id: "zero")))
        }

        // Bars.
        let inner = BandScale(domain: grouped ? series.map(\.id) : ["all"], range: (0, band.bandwidth), paddingInner: 0.08, paddingOuter: 0)
        var barMarks: [Mark] = [], labelMarks: [Mark] = [], targetMarks: [Mark] = []
        func rect(_ catStart: Double, _ offset: Double, _ thickness: Double, _ a: Double, _ b: Double) -> Rect {
            let pa = valueScale(a), pb = valueScale(b)
            return vertical
                ? Rect(x: catStart + offset, y: min(pa, pb), width: thickness, height: abs(pa - pb))
                : Rect(x: min(pa, pb), y: catStart + offset, width: abs(pa - pb), height: thickness)
        }
        // Value labels shrink to fit the bar's thickness; the smallest legible size is 70%.
        var labelFont = valueFont
        if !vertical, showValues {
            let room = (grouped ? inner.step : band.bandwidth) * 1.0
            let h = measurer.measure("0", font: valueFont).height
            if h > room { labelFont = valueFont.withSize(valueFont.size * room / h) }
        }
        if vertical, grouped, showValues {
            let widest = segments.map { measurer.measure(valueLabelText($0), font: valueFont).width }.max() ?? 0
            let room = inner.step * 0.98
            if widest > room { labelFont = valueFont.withSize(max(valueFont.size * 0.7, valueFont.size * room / widest)) }
        }
        let labelsFit = vertical
            ? (!grouped || (segments.map { measurer.measure(valueLabelText($0), font: labelFont).width }.max() ?? 0) <= inner.step * 1.02)
            : labelFont.size >= valueFont.size * 0.6

        for seg in segments {
            guard let cStart = band(seg.category) else { continue }
            let offset = grouped ? (inner(seg.series) ?? 0) : 0
            let thick = inner.bandwidth
            let r = rect(cStart, offset, thick, seg.from, seg.to)
            let fill = color(seg.seriesIndex, seg.value.value, t)
            let id = BarChart.barID(seg.category, seg.series)
            if seg.value.isEstimate {
                var hm = Hatching.marks(r, color: fill, background: t.background, id: id)
                hm[0] = .rect(RectMark(r, fill: fill.mixed(with: t.background, amount: 0.3), id: id))
                barMarks += hm
            } else {
                barMarks.append(.rect(RectMark(r, fill: fill, id: id)))
            }
            let target = grouped ? targets.first { $0.category == seg.category && $0.series == seg.series } : nil
            var labelEnd = valueScale(seg.to)      // the pixel where outside labels start
            let positive = seg.to >= seg.from
            if let tg = target {
                let ext = thick * 0.14
                if let h = tg.high, h != tg.low {
                    let tr = vertical ? Rect(x: r.minX - ext, y: valueScale(h), width: thick + 2 * ext, height: valueScale(tg.low) - valueScale(h))
                                      : Rect(x: valueScale(tg.low), y: r.minY - ext, width: valueScale(h) - valueScale(tg.low), height: thick + 2 * ext)
                    targetMarks.append(.rect(RectMark(tr, fill: t.target.withAlpha(0.22), stroke: Stroke(color: t.target, width: t.targetWidth * 0.5),
                                                      id: "target/\(seg.category)/\(seg.series)")))
                    labelEnd = vertical ? min(labelEnd, tr.minY) : max(labelEnd, tr.maxX)
                } else {
                    let p = valueScale(tg.low)
                    let line: PathMark = vertical
                        ? .line(from: Point(r.minX - ext, p), to: Point(r.maxX + ext, p), stroke: Stroke(color: t.target, width: t.targetWidth), id: "target/\(seg.category)/\(seg.series)")
                        : .line(from: Point(p, r.minY - ext), to: Point(p, r.maxY + ext), stroke: Stroke(color: t.target, width: t.targetWidth), id: "target/\(seg.category)/\(seg.series)")
                    targetMarks.append(.path(line))
                    labelEnd = vertical ? min(labelEnd, p - t.targetWidth / 2) : max(labelEnd, p + t.targetWidth / 2)
                }
            }
            guard showValues else { continue }
            let text = valueLabelText(seg)
            if grouped {
                guard labelsFit else { continue }
                var m: TextMark
                if vertical {
                    let y = positive ? labelEnd - gap * 0.6 : valueScale(seg.to) + gap * 0.6
                    m = TextMark(text, font: labelFont, color: t.text, at: Point(r.midX, y), anchor: .middle,
                                 baseline: positive ? .bottom : .top, id: "value/\(seg.category)/\(seg.series)")
                    labelMarks.append(.text(m))
                    if let tg = target {
                        let top = y - measurer.measure(m).height
                        labelMarks.append(.text(TextMark(targetText(tg), font: targetFont.withSize(min(targetFont.size, labelFont.size)),
                                                         color: t.target, at: Point(r.midX, top), anchor: .middle, baseline: .bottom,
                                                         id: "target-label/\(seg.category)/\(seg.series)")))
                    }
                } else {
                    let x = positive ? labelEnd + gap * 0.6 : valueScale(seg.to) - gap * 0.6
                    m = TextMark(text, font: labelFont, color: t.text, at: Point(x, r.midY), anchor: positive ? .start : .end,
                                 baseline: .middle, id: "value/\(seg.category)/\(seg.series)")
                    labelMarks.append(.text(m))
                    if let tg = target, positive {
                        let w = measurer.measure(m).width
                        labelMarks.append(.text(TextMark(targetText(tg), font: targetFont, color: t.target,
                                                         at: Point(x + w + gap * 0.6, r.midY), baseline: .middle,
                                                         id: "target-label/\(seg.category)/\(seg.series)")))
                    }
                }
            } else {
                // Stacked: inside the segment when it fits, in a colour that reads on the fill.
                let m0 = TextMark(text, font: labelFont, color: fill.readableInk,
                                  at: Point(r.midX, r.midY), anchor: .middle, baseline: .middle, id: "value/\(seg.category)/\(seg.series)")
                let mm = measurer.measure(m0)
                if mm.width + 6 <= r.width, mm.height + 2 <= r.height { labelMarks.append(.text(m0)) }
            }
        }
        if mode == .stacked, showValues {
            for c in cats {
                guard let cStart = band(c.id) else { continue }
                let total = values.filter { $0.category == c.id }.reduce(0) { $0 + $1.value }
                let endPx = valueScale(segments.filter { $0.category == c.id }.map(\.to).max() ?? 0)
                let m = vertical
                    ? TextMark(fmt(total), font: valueFont.withWeight(.bold), color: t.text, at: Point(cStart + band.bandwidth / 2, endPx - gap * 0.6),
                               anchor: .middle, baseline: .bottom, id: "total/\(c.id)")
                    : TextMark(fmt(total), font: valueFont.withWeight(.bold), color: t.text, at: Point(endPx + gap * 0.6, cStart + band.bandwidth / 2),
                               baseline: .middle, id: "total/\(c.id)")
                labelMarks.append(.text(m))
            }
        }

        // Category labels.
        for c in cats {
            guard let s = band(c.id) else { continue }
            if vertical {
                marks.append(.text(TextMark(c.label, font: catFont, color: t.text, at: Point(s + band.bandwidth / 2, plot.maxY + gap + ((lo < 0 && outsideLabels) ? labelH + gap : 0)),
                                            anchor: .middle, baseline: .top, maxWidth: band.step * 0.94, overflow: .wrap(maxLines: 3),
                                            id: "category/\(c.id)")))
            } else {
                let x = (lo < 0 && outsideLabels) ? plot.minX - valueLabelWidth - gap * 2 : plot.minX - gap
                marks.append(.text(TextMark(c.label, font: catFontUsed, color: t.text, at: Point(x, s + band.bandwidth / 2),
                                            anchor: .end, baseline: .middle, maxWidth: catLabelExtent + 1, overflow: .wrap(maxLines: catLines),
                                            id: "category/\(c.id)")))
            }
        }
        marks += barMarks + targetMarks + labelMarks
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: altText(fmt), language: language.rawValue))
    }

    /// A sentence per category listing its values, for alt text and document descriptions.
    public func altText(_ fmt: NumberFormat) -> String {
        let strings = ChartStrings.for(language)
        return categories.map { c in
            let parts = series.compactMap { s -> String? in
                guard let v = value(c.id, s.id) else { return nil }
                return "\(s.label): \(fmt(v.value))" + (v.isEstimate ? (language == .vi ? " (ước)" : " (est.)") : "")
            }
            var sentence = "\(c.label): " + parts.joined(separator: "; ")
            for tg in targets where tg.category == c.id {
                sentence += "; \(strings.planAbbreviation) \(fmt(tg.low))" + (tg.high.map { "–" + fmt($0) } ?? "")
            }
            return sentence + "."
        }.joined(separator: " ")
    }
}
