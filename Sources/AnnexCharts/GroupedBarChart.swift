import AnnexData
import AnnexScene

/// A category shown along the axis, or a series shown in the legend.
public struct ChartKey: Hashable, Sendable {
    public var id: String
    public var label: String
    public init(_ id: String, _ label: String) { self.id = id; self.label = label }
}

/// One bar's value.
public struct BarValue: Hashable, Sendable {
    public var category: String
    public var series: String
    public var value: Double
    public init(category: String, series: String, value: Double) {
        self.category = category; self.series = series; self.value = value
    }
}

/// A target drawn on one bar: a tick for a point, a band for a range.
public struct BarTarget: Hashable, Sendable {
    public var category: String
    public var series: String
    public var low: Double
    public var high: Double?
    public init(category: String, series: String, low: Double, high: Double? = nil) {
        self.category = category; self.series = series; self.low = low; self.high = high
    }
}

/// The words around a chart: figure label, titles, axis title, notes, source.
public struct ChartTexts: Hashable, Sendable {
    /// "Biểu đồ 1." / "Figure 1."; drawn bold before the title.
    public var figureLabel: String?
    public var title: String
    public var subtitle: String?
    public var valueAxisTitle: String?
    public var notes: [String]
    public var source: String?
    /// True for charts drawn from synthetic data: they carry a visible "Số liệu minh họa" mark.
    public var illustrative: Bool

    public init(figureLabel: String? = nil, title: String, subtitle: String? = nil, valueAxisTitle: String? = nil,
                notes: [String] = [], source: String? = nil, illustrative: Bool = false) {
        self.figureLabel = figureLabel; self.title = title; self.subtitle = subtitle
        self.valueAxisTitle = valueAxisTitle; self.notes = notes; self.source = source; self.illustrative = illustrative
    }
}

/// Vertical grouped bars: categories along x, one bar per series in each, optional targets on bars.
/// Says what to show; `scene(measurer:)` decides where.
public struct GroupedBarChart: Hashable, Sendable {
    public var categories: [ChartKey]
    public var series: [ChartKey]
    public var values: [BarValue]
    public var targets: [BarTarget]
    /// The legend's words for targets ("Kế hoạch 2019").
    public var targetLegend: String
    public var texts: ChartTexts
    public var language: Language
    /// Digits after the decimal comma on value labels.
    public var valueDigits: ClosedRange<Int>
    public var width: Double
    public var height: Double
    public var theme: Theme

    public init(categories: [ChartKey], series: [ChartKey], values: [BarValue], targets: [BarTarget] = [],
                targetLegend: String = "", texts: ChartTexts, language: Language = .vi,
                valueDigits: ClosedRange<Int> = 1...2, width: Double = 1600, height: Double = 900,
                theme: Theme = .report) {
        self.categories = categories; self.series = series; self.values = values; self.targets = targets
        self.targetLegend = targetLegend; self.texts = texts; self.language = language
        self.valueDigits = valueDigits; self.width = width; self.height = height; self.theme = theme
    }
}

/// Why a chart cannot be laid out.
public enum ChartError: Error, Sendable, CustomStringConvertible, Equatable {
    case noData(String)
    case invalidValue(String)
    case doesNotFit(String)

    public var description: String {
        switch self {
        case .noData(let s): "nothing to draw: \(s)"
        case .invalidValue(let s): "invalid value: \(s)"
        case .doesNotFit(let s): "the chart does not fit its canvas: \(s)"
        }
    }
}

extension GroupedBarChart {
    /// Ids of the marks, so tests and tools can find them: `bar/<category>/<series>`, `value/<category>/<series>`,
    /// `target/<category>/<series>`, `target-label/<category>/<series>`, `category/<category>`, `tick/<i>`.
    public static func barID(_ c: String, _ s: String) -> String { "bar/\(c)/\(s)" }

    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        guard !categories.isEmpty, !series.isEmpty else { throw .noData("a grouped bar chart needs categories and series") }
        for v in values where !v.value.isFinite {
            throw .invalidValue("bar \(v.category)/\(v.series) is \(v.value)")
        }
        let t = theme
        let strings = ChartStrings.for(language)
        let fmtValue = NumberFormat(language, fractionDigits: valueDigits)
        var marks: [Mark] = []
        let left = t.padding, right = width - t.padding
        let contentWidth = right - left
        var top = t.padding

        // Title block.
        let titleText = [texts.figureLabel, texts.title].compactMap { $0 }.joined(separator: " ")
        let title = TextMark(titleText, font: t.font(t.titleSize, .bold), color: t.text, at: Point(left, top),
                             baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: 3), id: "title")
        top += measurer.measure(title).height
        marks.append(.text(title))
        if let sub = texts.subtitle, !sub.isEmpty {
            top += 6
            let m = TextMark(sub, font: t.font(t.subtitleSize), color: t.mutedText, at: Point(left, top),
                             baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: 2), id: "subtitle")
            top += measurer.measure(m).height
            marks.append(.text(m))
        }
        top += 18

        // Legend: series swatches, then the target marker.
        let legendFont = t.font(t.legendSize)
        let swatch = t.legendSize * 0.95
        var items: [(draw: (Double, Double) -> [Mark], width: Double)] = []
        for (i, s) in series.enumerated() {
            let label = TextMark(s.label, font: legendFont, color: t.text, at: .zero, id: "legend/\(s.id)")
            let w = measurer.measure(label).width
            let color = t.palette[i % t.palette.count]
            items.append(({ x, yMid in
                var l = label
                l.position = Point(x + swatch + 8, yMid); l.verticalAnchor = .middle
                return [.rect(RectMark(Rect(x: x, y: yMid - swatch / 2, width: swatch, height: swatch), fill: color,
                                       id: "legend-swatch/\(s.id)")), .text(l)]
            }, swatch + 8 + w))
        }
        if !targets.isEmpty, !targetLegend.isEmpty {
            let label = TextMark(targetLegend, font: legendFont, color: t.text, at: .zero, id: "legend/target")
            let w = measurer.measure(label).width
            let lineW = swatch * 1.8
            items.append(({ x, yMid in
                var l = label
                l.position = Point(x + lineW + 8, yMid); l.verticalAnchor = .middle
                return [.path(.line(from: Point(x, yMid), to: Point(x + lineW, yMid),
                                    stroke: Stroke(color: t.target, width: t.targetWidth), id: "legend-swatch/target")),
                        .text(l)]
            }, lineW + 8 + w))
        }
        let legendRowHeight = max(swatch, measurer.measure("Ag", font: legendFont).height)
        var x = left
        var rowMid = top + legendRowHeight / 2
        for item in items {
            if x > left, x + item.width > right { x = left; rowMid += legendRowHeight + 8 }
            marks += item.draw(x, rowMid)
            x += item.width + 30
        }
        top = rowMid + legendRowHeight / 2 + 14

        // Footer, bottom up: source, then notes.
        var bottom = height - t.padding
        var footer: [TextMark] = []
        let footFont = t.font(t.footerSize)
        var footLines: [(String, String)] = []
        if let src = texts.source, !src.isEmpty { footLines.append(("source", strings.sourcePrefix + " " + src)) }
        for (i, n) in texts.notes.enumerated().reversed() {
            footLines.insert(("note/\(i)", (i == 0 ? strings.notePrefix + " " : "") + n), at: 0)
        }
        if texts.illustrative { footLines.insert(("illustrative", strings.illustrativeData), at: 0) }
        for (id, line) in footLines.reversed() {
            var m = TextMark(line, font: footFont, color: t.mutedText, at: Point(left, bottom), baseline: .bottom,
                             maxWidth: contentWidth, overflow: .wrap(maxLines: 3), id: id)
            if id == "illustrative" { m.font = footFont.withWeight(.bold); m.color = t.target }
            bottom -= measurer.measure(m).height + 4
            footer.append(m)
        }
        marks += footer.reversed().map(Mark.text)
        bottom -= 14

        // Value axis: title, tick labels.
        let tickFont = t.font(t.tickLabelSize)
        let maxValue = (values.map(\.value) + targets.map { $0.high ?? $0.low }).max() ?? 0
        let minValue = min(0, values.map(\.value).min() ?? 0)
        guard maxValue > minValue || maxValue != 0 else { throw .noData("every value is zero") }
        let upper = maxValue > minValue ? maxValue : 1
        var plotLeft = left
        var axisTitleMark: TextMark? = nil
        if let at = texts.valueAxisTitle, !at.isEmpty {
            let m = TextMark(at, font: t.font(t.axisTitleSize), color: t.mutedText, at: .zero, anchor: .middle,
                             baseline: .top, rotation: -90, id: "axis-title/value")
            axisTitleMark = m
            plotLeft += measurer.measure(m).height + 12
        }

        // Category labels wrap to the band; their height sets the plot's bottom.
        let catFont = t.font(t.categoryLabelSize)
        func layoutBands(_ plotLeft: Double) -> (BandScale, Double) {
            let band = BandScale(domain: categories.map(\.id), range: (plotLeft, right), paddingInner: 0.28, paddingOuter: 0.2)
            let h = categories.map {
                measurer.measure($0.label, font: catFont, maxWidth: band.step * 0.94, overflow: .wrap(maxLines: 3)).height
            }.max() ?? 0
            return (band, h)
        }
        // Two passes: tick labels' width depends on the ticks, which depend on the plot's height.
        var ticks: [Double] = [], yScale = LinearScale(domain: (minValue, upper), range: (0, 1))
        var band = BandScale(domain: [], range: (0, 1)), catHeight = 0.0, plotTop = top, plotBottom = bottom
        var digits = 0
        for _ in 0..<2 {
            (band, catHeight) = layoutBands(plotLeft + tickLabelWidth(ticks, digits, tickFont, measurer) + 12)
            plotBottom = bottom - catHeight - 12
            // Room above the tallest bar for its value and target labels.
            plotTop = top + 2 * measurer.measure("0", font: t.font(t.valueLabelSize)).height + 8
            guard plotBottom - plotTop > 60 else {
                throw .doesNotFit("\(Int(width))×\(Int(height)) px leaves \(Int(plotBottom - plotTop)) px for the plot")
            }
            let count = max(2, Int((plotBottom - plotTop) / 90))
            yScale = LinearScale(domain: (minValue, upper), range: (plotBottom, plotTop)).nice(count: count)
            ticks = yScale.ticks(count: count)
            digits = LinearScale.fractionDigits(forStep: yScale.tickStep(count: count))
        }
        let tickW = tickLabelWidth(ticks, digits, tickFont, measurer)
        let plotX = plotLeft + tickW + 12
        (band, catHeight) = layoutBands(plotX)

        if var m = axisTitleMark {
            m.position = Point(left, (plotTop + plotBottom) / 2)
            marks.append(.text(m))
        }
        // Grid and tick labels.
        let fmtTick = NumberFormat(language, fractionDigits: digits...digits)
        for (i, v) in ticks.enumerated() {
            let y = yScale(v)
            marks.append(.path(.line(from: Point(plotX, y), to: Point(right, y),
                                     stroke: Stroke(color: v == 0 ? t.axis : t.grid, width: v == 0 ? t.axisWidth : t.gridWidth),
                                     id: "grid/\(i)")))
            marks.append(.text(TextMark(fmtTick(v), font: tickFont, color: t.mutedText, at: Point(plotX - 10, y),
                                        anchor: .end, baseline: .middle, id: "tick/\(i)")))
        }

        // Bars, value labels, targets.
        let inner = BandScale(domain: series.map(\.id), range: (0, band.bandwidth), paddingInner: 0.08, paddingOuter: 0)
        let valueFont = t.font(t.valueLabelSize, .semibold)
        let targetFont = t.font(t.valueLabelSize * 0.85, .bold)
        let baseY = yScale(max(0, yScale.domain.lower))
        var barMarks: [Mark] = [], labelMarks: [Mark] = [], targetMarks: [Mark] = []
        for c in categories {
            guard let cx = band(c.id) else { continue }
            for (si, s) in series.enumerated() {
                guard let sx = inner(s.id) else { continue }
                let bx = cx + sx, bw = inner.bandwidth
                let target = targets.first { $0.category == c.id && $0.series == s.id }
                var labelBottom = baseY - 8
                if let v = values.first(where: { $0.category == c.id && $0.series == s.id }) {
                    let vy = yScale(v.value)
                    barMarks.append(.rect(RectMark(Rect(x: bx, y: min(vy, baseY), width: bw, height: abs(baseY - vy)),
                                                   fill: t.palette[si % t.palette.count], id: GroupedBarChart.barID(c.id, s.id))))
                    labelBottom = min(vy, baseY) - 8
                }
                if let tg = target {
                    let ext = bw * 0.14
                    if let hi = tg.high, hi != tg.low {
                        let y0 = yScale(hi), y1 = yScale(tg.low)
                        targetMarks.append(.rect(RectMark(Rect(x: bx - ext, y: y0, width: bw + 2 * ext, height: y1 - y0),
                                                          fill: t.target.withAlpha(0.25),
                                                          stroke: Stroke(color: t.target, width: 2),
                                                          id: "target/\(c.id)/\(s.id)")))
                        labelBottom = min(labelBottom, y0 - 8)
                    } else {
                        let ty = yScale(tg.low)
                        targetMarks.append(.path(.line(from: Point(bx - ext, ty), to: Point(bx + bw + ext, ty),
                                                       stroke: Stroke(color: t.target, width: t.targetWidth),
                                                       id: "target/\(c.id)/\(s.id)")))
                        labelBottom = min(labelBottom, ty - t.targetWidth / 2 - 6)
                    }
                }
                if let v = values.first(where: { $0.category == c.id && $0.series == s.id }) {
                    let m = TextMark(fmtValue(v.value), font: valueFont, color: t.text, at: Point(bx + bw / 2, labelBottom),
                                     anchor: .middle, baseline: .bottom, id: "value/\(c.id)/\(s.id)")
                    labelMarks.append(.text(m))
                    labelBottom -= measurer.measure(m).height
                }
                if let tg = target {
                    let valueText = tg.high.map { fmtValue(tg.low) + "–" + fmtValue($0) } ?? fmtValue(tg.low)
                    let m = TextMark("\(strings.planAbbreviation) \(valueText)", font: targetFont, color: t.target,
                                     at: Point(bx + bw / 2, labelBottom), anchor: .middle, baseline: .bottom,
                                     id: "target-label/\(c.id)/\(s.id)")
                    labelMarks.append(.text(m))
                }
            }
            marks.append(.text(TextMark(c.label, font: catFont, color: t.text,
                                        at: Point(cx + band.bandwidth / 2, plotBottom + 12), anchor: .middle,
                                        baseline: .top, maxWidth: band.step * 0.94, overflow: .wrap(maxLines: 3),
                                        id: "category/\(c.id)")))
        }
        marks += barMarks + targetMarks + labelMarks

        let alt = altText(fmtValue)
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: alt, language: language.rawValue))
    }

    private func tickLabelWidth(_ ticks: [Double], _ digits: Int, _ font: Font, _ m: TextMeasurer) -> Double {
        let f = NumberFormat(language, fractionDigits: digits...digits)
        return ticks.map { m.measure(f($0), font: font).width }.max() ?? m.measure("00", font: font).width
    }

    /// A sentence per category listing its values, for alt text and document descriptions.
    public func altText(_ fmt: NumberFormat) -> String {
        let strings = ChartStrings.for(language)
        return categories.map { c in
            let parts = series.compactMap { s -> String? in
                guard let v = values.first(where: { $0.category == c.id && $0.series == s.id }) else { return nil }
                return "\(s.label): \(fmt(v.value))"
            }
            var sentence = "\(c.label): " + parts.joined(separator: "; ")
            for tg in targets where tg.category == c.id {
                sentence += "; \(strings.planAbbreviation) \(fmt(tg.low))" + (tg.high.map { "–" + fmt($0) } ?? "")
            }
            return sentence + "."
        }.joined(separator: " ")
    }
}
