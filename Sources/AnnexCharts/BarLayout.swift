import AnnexLocale
import AnnexScene

/// The automatic layout of a bar chart: fits the value axis, the category axis and the bars into the plot area
/// left by the frame, then draws axes, bars, targets and labels. Pinned charts use `BarChart.pinnedScene`.
struct BarLayout {
    let chart: BarChart
    let t: Theme
    let measurer: TextMeasurer
    let bars: [PositionedBar]
    let cats: [ChartKey]
    let fmt: NumberFormat
    var vertical: Bool { chart.orientation == .vertical }
    var sideBySide: Bool { chart.mode.position.isSideBySide }
    var gap: Double { t.tickLabelSize * 0.6 }
    var outsideLabels: Bool { chart.showValues && chart.mode != .percent }

    var plot = Rect(x: 0, y: 0, width: 0, height: 0)
    var axis = ValueAxis(scale: LinearScale(domain: (0, 1), range: (0, 1)), ticks: [], format: NumberFormat(.vi))
    var band = BandScale(domain: [], range: (0, 1))
    var catLabelExtent = 0.0
    var catFont: Font
    var catLines = 3
    var lo = 0.0

    init(chart: BarChart, theme: Theme, measurer: TextMeasurer) {
        self.chart = chart; t = theme; self.measurer = measurer
        cats = chart.orderedCategories()
        bars = chart.mode.position.place(chart.values, categories: cats, series: chart.series)
        fmt = chart.valueFormat
        catFont = theme.font(theme.categoryLabelSize)
    }

    var valueFont: Font { t.font(t.valueLabelSize, .semibold) }
    var targetFont: Font { t.font(t.valueLabelSize * 0.85, .bold) }
    func labelText(_ b: PositionedBar) -> String { chart.mode == .percent ? fmt(abs(b.to - b.from)) : fmt(b.value.value) }
    func targetText(_ tg: BarTarget) -> String {
        "\(chart.language.text(.planAbbreviation)) " + (tg.high.map { fmt(tg.low) + "–" + fmt($0) } ?? fmt(tg.low))
    }
    var axisTitle: TextMark? {
        guard let at = chart.texts.valueAxisTitle, !at.isEmpty else { return nil }
        return TextMark(at, font: t.font(t.axisTitleSize), color: t.mutedText, at: .zero, anchor: .middle,
                        baseline: vertical ? .top : .bottom, rotation: vertical ? -90 : 0, id: "axis-title/value")
    }

    /// Three passes: tick labels' width and category labels' extent decide the plot, which decides the ticks.
    mutating func fit(in area: Rect) throws(ChartError) {
        let (l, h) = chart.mode.position.extent(bars, targets: chart.targets.flatMap { [$0.low, $0.high ?? $0.low] })
        lo = l
        let titleSpace = axisTitle.map { measurer.measure($0).height + t.axisTitleSize * 0.6 } ?? 0
        let tickFont = t.font(t.tickLabelSize)
        let labelH = measurer.measure("0", font: valueFont).height
        let valueW = bars.map { measurer.measure(labelText($0), font: valueFont).width }.max() ?? 0
        let targetW = chart.targets.map { measurer.measure(targetText($0), font: targetFont).width }.max() ?? 0
        for pass in 0..<3 {
            if vertical {
                let left = area.minX + titleSpace + (pass == 0 ? measurer.measure("00", font: tickFont).width : axis.labelWidth(tickFont, measurer)) + gap
                band = BandScale(domain: cats.map(\.id), range: (left, area.maxX), paddingInner: chart.mode == .grouped ? 0.28 : 0.35, paddingOuter: 0.2)
                band = band.limitingBandwidth(to: t.categoryLabelSize * 9 * (sideBySide ? Double(chart.series.count) : 1))
                catLabelExtent = CategoryAxis(band: band, keys: cats).labelHeight(catFont, measurer)
                let headroom = outsideLabels ? labelH * (chart.targets.isEmpty ? 1 : 2) + gap : 0
                let footroom = (outsideLabels && lo < 0) ? labelH + gap : 0
                plot = Rect(x: left, y: area.minY + headroom, width: area.maxX - left,
                            height: area.height - headroom - footroom - catLabelExtent - gap * 1.5)
            } else {
                fitRows(area, pass: pass, titleSpace: titleSpace, valueW: valueW, targetW: targetW)
            }
            guard plot.width > 60, plot.height > 60 else {
                throw .doesNotFit("\(Int(chart.width))×\(Int(chart.height)) px leaves \(Int(plot.width))×\(Int(plot.height)) px for the bars")
            }
            axis = ValueAxis.fitted(domain: (l, h), range: vertical ? (plot.maxY, plot.minY) : (plot.minX, plot.maxX),
                                    spacing: t.tickLabelSize * (vertical ? 5 : 7.5), nice: chart.mode != .percent,
                                    language: chart.language, percent: chart.mode == .percent)
        }
    }

    /// Horizontal bars: the label font fits the row height; one-line labels may take up to 45 % of the width.
    mutating func fitRows(_ area: Rect, pass: Int, titleSpace: Double, valueW: Double, targetW: Double) {
        let base = t.font(t.categoryLabelSize)
        let step = pass == 0 ? area.height / Double(max(1, cats.count)) * 0.85 : band.step
        let lineH = measurer.measure("Ág", font: base).height
        catFont = lineH > step * 0.95 ? base.withSize(max(base.size * 0.6, t.minimumTextSize, base.size * step * 0.95 / lineH)) : base
        catLines = max(1, min(3, Int(step * 0.95 / measurer.measure("Ág", font: catFont).height)))
        let wrapW = catLines > 1 ? area.width * 0.3 : area.width * 0.45
        catLabelExtent = min(wrapW, cats.map { measurer.measure($0.label, font: catFont, maxWidth: wrapW, overflow: .wrap(maxLines: catLines)).width }.max() ?? 0)
        let left = area.minX + catLabelExtent + gap + ((outsideLabels && lo < 0) ? valueW + gap : 0)
        let right = area.maxX - (outsideLabels ? valueW + gap + (chart.targets.isEmpty ? 0 : targetW + gap) : 0)
        let tickH = measurer.measure("0", font: t.font(t.tickLabelSize)).height
        plot = Rect(x: left, y: area.minY, width: right - left, height: area.height - tickH - gap - titleSpace)
        band = BandScale(domain: cats.map(\.id), range: (plot.minY, plot.maxY), paddingInner: chart.mode == .grouped ? 0.18 : (sideBySide ? 0.3 : 0.2), paddingOuter: 0.1)
        band = band.limitingBandwidth(to: t.categoryLabelSize * 4 * (sideBySide ? Double(chart.series.count) : 1))
    }

    /// The length of the band axis that the widest useful bars leave empty (the outer padding grown beyond its
    /// normal share).
    var spareBandLength: Double {
        let normal = vertical ? 0.2 : 0.1
        return max(0, (band.paddingOuter - normal) * 2 * band.step)
    }

    /// The value axis (title, grid, ticks, zero line) and the category labels.
    func axisMarks(area: Rect) -> [Mark] {
        var marks: [Mark] = []
        if var m = axisTitle {
            m.position = vertical ? Point(area.minX, plot.midY) : Point(plot.midX, area.maxY)
            marks.append(.text(m))
        }
        marks += axis.marks(plot: plot, vertical: vertical, theme: t, gap: gap)
        let cat = CategoryAxis(band: band, keys: cats)
        let labelH = measurer.measure("0", font: valueFont).height
        if vertical {
            marks += cat.marks(vertical: true, at: plot.maxY + gap + ((lo < 0 && outsideLabels) ? labelH + gap : 0), font: catFont, color: t.text)
        } else {
            let valueW = bars.map { measurer.measure(labelText($0), font: valueFont).width }.max() ?? 0
            let x = (lo < 0 && outsideLabels) ? plot.minX - valueW - gap * 2 : plot.minX - gap
            marks += cat.marks(vertical: false, at: x, font: catFont, color: t.text, wrapWidth: catLabelExtent + 1, lines: catLines)
        }
        return marks
    }

    /// The rectangle of a bar from `a` to `b` on the value axis, `offset` into its category's band.
    func rect(_ catStart: Double, _ offset: Double, _ thickness: Double, _ a: Double, _ b: Double) -> Rect {
        let pa = axis.scale(a), pb = axis.scale(b)
        return vertical ? Rect(x: catStart + offset, y: min(pa, pb), width: thickness, height: abs(pa - pb))
                        : Rect(x: min(pa, pb), y: catStart + offset, width: abs(pa - pb), height: thickness)
    }

    var inner: BandScale {
        BandScale(domain: sideBySide ? chart.series.map(\.id) : ["all"], range: (0, band.bandwidth), paddingInner: 0.08, paddingOuter: 0)
    }

    /// Value labels shrink to fit the bar's thickness, to 70 % at the least (60 % on rows).
    var labelFont: Font {
        let inner = self.inner
        if !vertical, chart.showValues {
            let room = sideBySide ? inner.step : band.bandwidth
            let h = measurer.measure("0", font: valueFont).height
            if h > room { return valueFont.withSize(valueFont.size * room / h) }
        }
        if vertical, sideBySide, chart.showValues {
            let widest = bars.map { measurer.measure(labelText($0), font: valueFont).width }.max() ?? 0
            let room = inner.step * 0.98
            if widest > room { return valueFont.withSize(max(valueFont.size * 0.7, t.minimumTextSize, valueFont.size * room / widest)) }
        }
        return valueFont
    }

    /// Bars, then targets, then labels (so that labels are never covered).
    func barMarks() -> [Mark] {
        let inner = self.inner, font = labelFont
        let labelsFit = vertical
            ? (!sideBySide || (bars.map { measurer.measure(labelText($0), font: font).width }.max() ?? 0) <= inner.step * 1.02)
            : font.size >= max(valueFont.size * 0.6, t.minimumTextSize)
        var barMarks: [Mark] = [], targetMarks: [Mark] = [], labelMarks: [Mark] = []
        for b in bars {
            guard let cStart = band(b.category) else { continue }
            let r = rect(cStart, sideBySide ? (inner(b.series) ?? 0) : 0, inner.bandwidth, b.from, b.to)
            let fill = chart.color(b.seriesIndex, b.value.value, t, category: b.category)
            barMarks += Marks.bar(r, fill: fill, estimate: b.value.isEstimate, background: t.background, id: BarChart.barID(b.category, b.series))
            let target = sideBySide ? chart.targets.first { $0.category == b.category && $0.series == b.series } : nil
            var end = axis.scale(b.to)
            if let tg = target {
                let (m, targetEnd) = targetMark(tg, r, inner.bandwidth, b)
                targetMarks.append(m)
                end = vertical ? min(end, targetEnd) : max(end, targetEnd)
            }
            guard chart.showValues else { continue }
            if sideBySide {
                if labelsFit { labelMarks += outsideLabels(b, r, fill: fill, font: font, target: target, end: end) }
            } else {
                if let m = insideLabel(b, r, fill: fill, font: font) { labelMarks.append(.text(m)) }
            }
        }
        if chart.mode == .stacked, chart.showValues { labelMarks += totals() }
        return barMarks + targetMarks + labelMarks
    }

    /// A stacked segment's label inside it, in ink that reads on its fill; a size smaller down to the theme's
    /// smallest text when the segment is thin; none when it does not fit even so.
    func insideLabel(_ b: PositionedBar, _ r: Rect, fill: Color, font: Font) -> TextMark? {
        var m = TextMark(labelText(b), font: font, color: fill.readableInk, at: Point(r.midX, r.midY), anchor: .middle,
                         baseline: .middle, id: "value/\(b.category)/\(b.series)")
        var mm = measurer.measure(m)
        if mm.height + 2 > r.height {
            m.font = font.withSize(max(t.minimumTextSize, font.size * 0.7, font.size * (r.height - 2) / mm.height))
            mm = measurer.measure(m)
        }
        return mm.width + 6 <= r.width && mm.height <= r.height + 2 ? m : nil
    }

    /// A target on a bar: a tick across it at a point, a band over it for a range. Returns the pixel its far end reaches.
    func targetMark(_ tg: BarTarget, _ r: Rect, _ thick: Double, _ b: PositionedBar) -> (Mark, Double) {
        let ext = thick * 0.14, s = axis.scale
        let id = "target/\(b.category)/\(b.series)"
        if let h = tg.high, h != tg.low {
            let tr = vertical ? Rect(x: r.minX - ext, y: s(h), width: thick + 2 * ext, height: s(tg.low) - s(h))
                              : Rect(x: s(tg.low), y: r.minY - ext, width: s(h) - s(tg.low), height: thick + 2 * ext)
            return (Marks.band(tr, color: t.target, opacity: 0.22, outline: t.targetWidth * 0.5, id: id), vertical ? tr.minY : tr.maxX)
        }
        let p = s(tg.low)
        let rule = vertical ? Marks.rule(from: Point(r.minX - ext, p), to: Point(r.maxX + ext, p), color: t.target, width: t.targetWidth, id: id)
                            : Marks.rule(from: Point(p, r.minY - ext), to: Point(p, r.maxY + ext), color: t.target, width: t.targetWidth, id: id)
        return (rule, vertical ? p - t.targetWidth / 2 : p + t.targetWidth / 2)
    }

    /// The value label beyond the bar's end and the plan label at its plan line: above a tick that stands above the
    /// bar; when the plan is inside the bar, the value goes above the bar and the plan label just under its tick.
    func outsideLabels(_ b: PositionedBar, _ r: Rect, fill: Color, font: Font, target: BarTarget?, end: Double) -> [Mark] {
        let positive = b.to >= b.from, id = "\(b.category)/\(b.series)"
        let s = axis.scale
        guard vertical else { return rowLabels(b, r, font: font, target: target, end: end) }
        let valueY = positive ? s(b.to) - gap * 0.6 : s(b.to) + gap * 0.6
        var value = TextMark(labelText(b), font: font, color: t.text, at: Point(r.midX, valueY), anchor: .middle,
                             baseline: positive ? .bottom : .top, id: "value/\(id)")
        guard let tg = target, positive else { return [.text(value)] }
        let planTop = s(tg.high ?? tg.low)
        let planFont = targetFont.withSize(min(targetFont.size, font.size))
        let valueH = measurer.measure(value).height
        var plan = TextMark(targetText(tg), font: planFont, color: t.target, at: Point(r.midX, planTop - t.targetWidth / 2 - gap * 0.4),
                            anchor: .middle, baseline: .bottom, id: "target-label/\(id)")
        let planH = measurer.measure(plan).height
        if planTop <= s(b.to) {
            // The plan stands above the bar: the value sits on the bar; when the two labels would touch, the value
            // goes inside the bar's top, or (a short bar) the plan label rises above the value.
            if valueY - valueH < plan.position.y + 1, valueY > plan.position.y - planH {
                if r.height > valueH * 1.6 {
                    value = TextMark(labelText(b), font: font, color: fill.readableInk, at: Point(r.midX, s(b.to) + gap * 0.4), anchor: .middle,
                                     baseline: .top, id: "value/\(id)")
                } else {
                    plan.position.y = min(plan.position.y, valueY - valueH)
                }
            }
        } else {
            // The plan is inside the bar: its label hangs under the tick, in ink that reads on the bar.
            plan = TextMark(targetText(tg), font: planFont, color: fill.readableInk, at: Point(r.midX, planTop + t.targetWidth / 2 + gap * 0.3),
                            anchor: .middle, baseline: .top, id: "target-label/\(id)")
            if planTop + t.targetWidth + planH > r.maxY || measurer.measure(plan).width > r.width - 4 {
                // No room inside the bar (short, or narrower than the label): above the value label instead.
                plan.position.y = min(end, s(b.to)) - gap * 0.6 - valueH; plan.verticalAnchor = .bottom; plan.color = t.target
            }
        }
        return [.text(value), .text(plan)]
    }

    /// Row labels: the value beyond the bar's end, the plan label after it.
    func rowLabels(_ b: PositionedBar, _ r: Rect, font: Font, target: BarTarget?, end: Double) -> [Mark] {
        let positive = b.to >= b.from, id = "\(b.category)/\(b.series)"
        let x = positive ? end + gap * 0.6 : axis.scale(b.to) - gap * 0.6
        let m = TextMark(labelText(b), font: font, color: t.text, at: Point(x, r.midY), anchor: positive ? .start : .end,
                         baseline: .middle, id: "value/\(id)")
        guard let tg = target, positive else { return [.text(m)] }
        let w = measurer.measure(m).width
        return [.text(m), .text(TextMark(targetText(tg), font: targetFont, color: t.target, at: Point(x + w + gap * 0.6, r.midY),
                                         baseline: .middle, id: "target-label/\(id)"))]
    }

    /// Stacked bars: each category's total beyond its stack.
    func totals() -> [Mark] {
        cats.compactMap { c in
            guard let cStart = band(c.id) else { return nil }
            let total = chart.values.filter { $0.category == c.id }.reduce(0) { $0 + $1.value }
            let endPx = axis.scale(bars.filter { $0.category == c.id }.map(\.to).max() ?? 0)
            let font = valueFont.withWeight(.bold)
            return .text(vertical
                ? TextMark(fmt(total), font: font, color: t.text, at: Point(cStart + band.bandwidth / 2, endPx - gap * 0.6), anchor: .middle, baseline: .bottom, id: "total/\(c.id)")
                : TextMark(fmt(total), font: font, color: t.text, at: Point(endPx + gap * 0.6, cStart + band.bandwidth / 2), baseline: .middle, id: "total/\(c.id)"))
        }
    }
}

extension BarChart {
    /// Grouped vertical bars on pinned components (the reference design's geometry).
    func pinnedScene(_ pins: ChartPins, measurer: TextMeasurer) throws(ChartError) -> Scene {
        guard orientation == .vertical, mode == .grouped else {
            throw .doesNotFit("a fixed layout draws grouped vertical bars; this chart is \(mode.rawValue) \(orientation.rawValue)")
        }
        let t = theme, plot = pins.plot, family = pins.font ?? t.fontFamily
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        let all = values.map(\.value)
        let domain = (pins.valueScale?.low ?? min(0, all.min() ?? 0), pins.valueScale?.high ?? max(0, all.max() ?? 1))
        let axis = try ValueAxis.pinned(pins.valueScale, domain: domain, range: (plot.maxY, plot.minY), language: language)
        let band = BandScale(domain: categories.map(\.id), range: (plot.minX, plot.maxX),
                             paddingInner: pins.categoryScale?.paddingInner ?? 0.2, paddingOuter: pins.categoryScale?.paddingOuter ?? 0.1)
        let slot = band.bandwidth / Double(series.count), barW = slot * (pins.barFraction ?? 1)
        var marks = axis.pinnedGrid(plot: plot, grid: pins.grid, theme: t), labels: [Mark] = []
        for c in categories {
            guard let start = band(c.id) else { continue }
            for (si, s) in series.enumerated() {
                guard let v = value(c.id, s.id) else { continue }
                let cx = start + slot * (Double(si) + 0.5)
                // Bars start at zero, or at the domain's edge when it leaves zero out.
                let base = axis.scale(min(max(0, domain.0), domain.1))
                let top = min(axis.scale(v.value), base), bottom = max(axis.scale(v.value), base)
                marks.append(.rect(RectMark(Rect(x: cx - barW / 2, y: top, width: barW, height: bottom - top), fill: pins.color(si, t), id: BarChart.barID(c.id, s.id))))
                if let vp = pins.values, showValues {
                    let up = v.value >= 0
                    labels.append(.text(TextMark(fmt(v.value), font: pins.font(vp, t, defaultSize: 11), color: vp.color ?? t.text,
                                                 at: Point(cx, up ? top - (vp.gap ?? 4) : bottom + (vp.gap ?? 4)), anchor: .middle,
                                                 baseline: up ? .bottom : .top, id: "value/\(c.id)/\(s.id)")))
                }
            }
        }
        marks += labels + AxisLines.marks(plot: plot, pin: pins.axisLines, theme: t)
        marks += axis.pinnedTicks(plot: plot, pin: pins.valueTicks, family: family, theme: t)
        marks += CategoryAxis(band: band, keys: categories).pinnedMarks(plot: plot, pin: pins.categoryTicks, family: family, theme: t)
        let frame = ChartFrame(texts: texts, legend: series.enumerated().map { LegendItem(.swatch(pins.color($0.offset, t)), $0.element.label, id: $0.element.id) },
                               theme: t, width: width, height: height, language: language, pins: pins)
        marks += [frame.pinnedText("x_title", texts.categoryAxisTitle, pins.categoryAxisTitle, pins, color: t.text),
                  frame.pinnedText("y_title", texts.valueAxisTitle, pins.valueAxisTitle, pins, color: t.text)].compactMap { $0 }
        marks += frame.layout(measurer).marks
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: texts.fullTitle, description: altText(fmt), language: language.rawValue))
    }
}
