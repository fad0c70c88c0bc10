import AnnexLocale
import AnnexScene

/// Bars: vertical or horizontal; grouped, stacked, 100% stacked or diverging; optionally sorted; with targets
/// (a tick for a point, a band for a range) and estimated values hatched. Says what to show; `scene(measurer:)`
/// composes the frame, axes, legend and bar marks and decides where.
public struct BarChart: SizedChart, Hashable {
    /// Which way bars grow.
    public enum Orientation: String, Sendable, CaseIterable {
        /// Columns: categories along the bottom, values up the left axis.
        case vertical
        /// Bars: categories down the left, values along the bottom; the first category at the top.
        case horizontal
    }
    /// How the series of a category are placed (a position adjustment, `BarPosition`).
    public enum Mode: String, Sendable, CaseIterable {
        /// Series side by side in each category.
        case grouped
        /// Series on top of each other; the total is labelled.
        case stacked
        /// Series as shares of each category's total (100% stacked).
        case percent
        /// Values up and down from zero, coloured by sign (for changes).
        case diverging

        /// The position adjustment of this mode.
        public var position: BarPosition {
            switch self { case .grouped: .dodge; case .stacked: .stack; case .percent: .fill; case .diverging: .diverge }
        }
    }
    /// The order of the categories.
    /// The order of the categories. Sorting is by the value of the last series (the latest year), by the total on
    /// stacked bars and by the last series' share on 100% bars; ties keep the given order.
    public enum Sort: String, Sendable, CaseIterable {
        /// The order `categories` gives.
        case none
        /// Smallest first.
        case ascending
        /// Largest first.
        case descending
    }

    /// The categories along the band axis, in the order given (see `sort`); ids as ``BarValue/category``.
    public var categories: [ChartKey]
    /// The series, in legend and drawing order; a legend is drawn only for more than one series.
    public var series: [ChartKey]
    /// The bars' values; a category without a value for a series leaves that slot empty.
    public var values: [BarValue]
    /// Targets drawn on bars, a tick for a value and a band for a range, labelled "KH …" when values are shown;
    /// grouped and diverging bars only (stacked bars do not draw them). Empty for none.
    public var targets: [BarTarget]
    /// The legend's words for targets ("Kế hoạch 2019").
    public var targetLegend: String
    /// The legend's words for estimated values ("Ước thực hiện").
    public var estimateLegend: String?
    /// The chart's words: figure label, titles, axis titles, notes, source.
    public var texts: ChartTexts
    /// The language of the numbers and of the words the chart adds (legend entries, "KH").
    public var language: Language
    /// Which way the bars grow.
    public var orientation: Orientation
    /// How the series of a category are placed: grouped, stacked, 100% stacked or diverging.
    public var mode: Mode
    /// The order of the categories.
    public var sort: Sort
    /// Series are ordered (years): shades of one hue instead of distinct colours.
    public var orderedSeries: Bool
    /// Digits after the decimal comma on value labels: the fewest and most; one number is chosen for the chart.
    public var valueDigits: ClosedRange<Int>
    /// Whether each bar carries its value (and stacked bars their total); false leaves the axis to tell them.
    public var showValues: Bool
    /// What a diverging chart's single series diverges from ("bình quân toàn tỉnh"); its legend says
    /// "Cao hơn …" / "Thấp hơn …" instead of "Tăng" / "Giảm".
    public var divergesFrom: String? = nil
    /// The canvas width in px asked for (narrowed to the content when `fitsContent`).
    public var width: Double
    /// The canvas height in px asked for (shortened to the content when `fitsContent`, horizontal bars).
    public var height: Double
    /// The look of the chart; its sizes are scaled to the canvas.
    public var theme: Theme
    /// Explicit geometry for the components instead of the automatic layout.
    public var pins: ChartPins? = nil
    /// The canvas narrows (vertical bars) or shortens (horizontal bars) to its content when a few bars would
    /// leave most of the axis empty; false keeps the size asked for.
    public var fitsContent = true

    /// A bar chart; sizes in px.
    public init(categories: [ChartKey], series: [ChartKey], values: [BarValue], targets: [BarTarget] = [],
                targetLegend: String = "", estimateLegend: String? = nil, texts: ChartTexts, language: Language = .vi,
                orientation: Orientation = .vertical, mode: Mode = .grouped, sort: Sort = .none,
                orderedSeries: Bool = false, valueDigits: ClosedRange<Int> = 1...2, showValues: Bool = true,
                divergesFrom: String? = nil, width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.categories = categories; self.series = series; self.values = values; self.targets = targets
        self.targetLegend = targetLegend; self.estimateLegend = estimateLegend; self.texts = texts
        self.language = language; self.orientation = orientation; self.mode = mode; self.sort = sort
        self.orderedSeries = orderedSeries; self.valueDigits = valueDigits; self.showValues = showValues
        self.divergesFrom = divergesFrom; self.width = width; self.height = height; self.theme = theme
    }

    /// Ids of the marks: `bar/<category>/<series>`, `value/<category>/<series>`, `total/<category>`,
    /// `target/<category>/<series>`, `target-label/<category>/<series>`, `category/<category>`, `tick/<i>`, `grid/<i>`.
    public static func barID(_ c: String, _ s: String) -> String { "bar/\(c)/\(s)" }

    func value(_ c: String, _ s: String) -> BarValue? { values.first { $0.category == c && $0.series == s } }

    /// Categories in drawing order (sorted when asked; horizontal bars read top down).
    func orderedCategories() -> [ChartKey] {
        guard sort != .none else { return categories }
        let key: (ChartKey) -> Double = { c in
            let total = values.filter { $0.category == c.id }.reduce(0) { $0 + $1.value }
            switch mode {
            case .stacked: return total
            case .percent: return total == 0 ? 0 : (value(c.id, series.last!.id)?.value ?? 0) / total
            default: return value(c.id, series.last!.id)?.value ?? -.infinity
            }
        }
        return categories.enumerated().sorted { a, b in
            let ka = key(a.element), kb = key(b.element)
            return ka == kb ? a.offset < b.offset : (sort == .ascending ? ka < kb : ka > kb)
        }.map(\.element)
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

    /// The colour of a bar: the style's colour for its category (one series) or its series, else by sign (one
    /// diverging series), else the series' place in the palette.
    func color(_ seriesIndex: Int, _ v: Double, _ t: Theme, category: String? = nil) -> Color {
        if series.count == 1, let category, let c = categories.first(where: { $0.id == category }),
           let named = t.namedColors[c.id] ?? t.namedColors[c.label] { return named }
        if mode == .diverging, series.count == 1 { return v < 0 ? t.negative : t.positive }
        return t.color(for: series[seriesIndex], index: seriesIndex, of: series.count, ordered: orderedSeries)
    }

    /// The value labels' format: one number of decimals for the whole chart, the fewest that show every value
    /// within `valueDigits` (10,04 and 12,00; never 10,04 beside 12,0).
    var valueFormat: NumberFormat {
        if mode == .percent { return NumberFormat(language, fractionDigits: 0...0, percent: true).typographic }
        let shown = values.map(\.value) + targets.flatMap { [$0.low] + ($0.high.map { [$0] } ?? []) }
        let d = NumberFormat.commonDigits(shown, within: valueDigits)
        return NumberFormat(language, fractionDigits: d...d).typographic
    }

    /// The legend: series (when more than one), the sign of a diverging series, the target, estimates.
    func legendItems(_ t: Theme) -> [LegendItem] {
        var legend: [LegendItem] = []
        if series.count > 1 {
            for (i, s) in series.enumerated() { legend.append(LegendItem(.swatch(color(i, 1, t)), s.label, id: s.id)) }
        }
        if mode == .diverging, series.count == 1 {
            let up = divergesFrom.map { language.text(.higherThanAverage, $0) } ?? language.text(.increase)
            let down = divergesFrom.map { language.text(.lowerThanAverage, $0) } ?? language.text(.decrease)
            legend = [LegendItem(.swatch(t.positive), up, id: "increase"), LegendItem(.swatch(t.negative), down, id: "decrease")]
        }
        if !targets.isEmpty, !targetLegend.isEmpty {
            let ranged = targets.allSatisfy { $0.high != nil && $0.high != $0.low }
            legend.append(LegendItem(ranged ? .band(t.target) : .line(t.target, width: t.targetWidth, dash: []), targetLegend, id: "target"))
        }
        if values.contains(where: \.isEstimate), let first = values.first(where: \.isEstimate) {
            // The swatch is drawn as the estimated bars are: hatched in their own series' colour.
            let si = series.firstIndex { $0.id == first.series } ?? 0
            legend.append(LegendItem(.hatched(color(si, first.value, t)), estimateLegend ?? language.text(.estimate), id: "estimate"))
        }
        return legend
    }

    /// The chart's scene: the frame (titles, legend, footer), the axes, then the bars with their value labels and
    /// targets, marks named as ``barID(_:_:)`` lists; on pinned components when `pins` is set. Throws when there is
    /// nothing to draw, a value is not finite, stacked bars have a negative value, a 100% bar's category totals 0,
    /// or the canvas is too small.
    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        try check()
        if let pins { return try pinnedScene(pins, measurer: measurer) }
        let t = theme.fitted(width: width, height: height)
        var (w, h) = (width, height)
        var layout = BarLayout(chart: self, theme: t, measurer: measurer)
        // The canvas fits its content: when a few bars leave the band axis empty beyond their widest useful size,
        // the canvas loses that length (text keeps the size of the canvas asked for).
        if fitsContent, !theme.keepsCanvas {
            let (_, area, _) = ChartFrame(texts: texts, legend: legendItems(t), theme: t, width: w, height: h, language: language).layout(measurer)
            try layout.fit(in: area)
            let spare = layout.spareBandLength
            if orientation == .vertical { w = max(width * 0.5, (w - spare).rounded()) } else { h = max(height * 0.4, (h - spare).rounded()) }
        }
        var frame = ChartFrame(texts: texts, legend: legendItems(t), theme: t, width: w, height: h, language: language)
        var (marks, area, titleText) = frame.layout(measurer)
        do { try layout.fit(in: area) } catch {
            // The narrowed canvas leaves too little room (a small canvas to begin with): keep the size asked for.
            (w, h) = (width, height)
            frame = ChartFrame(texts: texts, legend: legendItems(t), theme: t, width: w, height: h, language: language)
            (marks, area, titleText) = frame.layout(measurer)
            try layout.fit(in: area)
        }
        marks += layout.axisMarks(area: area)
        marks += layout.barMarks()
        return Scene(width: w, height: h, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: titleText, description: altText(valueFormat), language: language.rawValue))
    }

    /// A sentence per category listing its values, for alt text and document descriptions.
    public func altText(_ fmt: NumberFormat) -> String {
        categories.map { c in
            let parts = series.compactMap { s -> String? in
                guard let v = value(c.id, s.id) else { return nil }
                return "\(s.label): \(fmt(v.value))" + (v.isEstimate ? " " + language.text(.estimateShort) : "")
            }
            var sentence = "\(c.label): " + parts.joined(separator: "; ")
            for tg in targets where tg.category == c.id {
                sentence += "; \(language.text(.planAbbreviation)) \(fmt(tg.low))" + (tg.high.map { "–" + fmt($0) } ?? "")
            }
            return sentence + "."
        }.joined(separator: " ")
    }
}
