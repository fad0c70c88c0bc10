import AnnexLocale
import AnnexScene
import Foundation

// Axes: a linear value axis (grid, tick labels, zero line), a band axis (category labels), a time axis (labels at
// periods, thinned when they crowd) and axis lines. Automatic or pinned; each draws into the plot it is given.

/// A linear value axis: a nice domain, ticks spaced for the length, tick labels with one number of decimals.
public struct ValueAxis: Sendable {
    /// Values to px along the axis: the (nice) domain onto the plot's extent.
    public var scale: LinearScale
    /// The values that get a grid line and a label, in order.
    public var ticks: [Double]
    /// Tick labels: the decimals of the tick step, the same for every tick.
    public var format: NumberFormat

    /// An axis over `domain` mapped to `range`, with about one tick per `spacing` px; `nice` rounds the domain
    /// outwards to ticks (off for 0–100 % axes and pinned domains).
    public static func fitted(domain: (Double, Double), range: (Double, Double), spacing: Double, minimumTicks: Int = 3,
                              nice: Bool = true, language: Language, percent: Bool = false) -> ValueAxis {
        let length = abs(range.1 - range.0)
        let count = percent ? 5 : max(minimumTicks, Int(length / spacing))
        var scale = LinearScale(domain: domain, range: range)
        if nice { scale = scale.nice(count: count) }
        let digits = LinearScale.fractionDigits(forStep: scale.tickStep(count: count))
        return ValueAxis(scale: scale, ticks: scale.ticks(count: count),
                         format: NumberFormat(language, fractionDigits: digits...digits, percent: percent).typographic)
    }

    /// An axis with pinned ticks: the pin's list, or every `step` across the domain, labelled in their shortest form.
    public static func pinned(_ pin: ScalePin?, domain: (Double, Double), range: (Double, Double), language: Language) throws(ChartError) -> ValueAxis {
        let scale = LinearScale(domain: domain, range: range)
        var ticks: [Double] = pin?.ticks ?? []
        if pin?.ticks == nil, let step = pin?.step, step > 0 {
            let first = (domain.0 / step - 1e-9).rounded(.up), last = (domain.1 / step + 1e-9).rounded(.down)
            guard last - first < 1000 else {
                throw .doesNotFit("a tick every \(step) from \(domain.0) to \(domain.1) makes \(Int(min(last - first + 1, 1e12))) ticks; at most 1000")
            }
            if last >= first { ticks = (Int(first)...Int(last)).map { i in Double(i) * step == 0 ? 0 : Double(i) * step } }
        }
        let digits = ticks.map { v in (0...6).first { d in let p = pow(10.0, Double(d)); return abs((v * p).rounded() / p - v) < 1e-9 } ?? 6 }.max() ?? 0
        return ValueAxis(scale: scale, ticks: ticks, format: NumberFormat(language, fractionDigits: 0...digits))
    }

    /// The widest tick label.
    public func labelWidth(_ font: Font, _ measurer: TextMeasurer) -> Double {
        ticks.map { measurer.measure(format($0), font: font).width }.max() ?? measurer.measure("00", font: font).width
    }

    /// Grid lines across `plot` at the ticks (the zero line in the axis colour) and tick labels outside it:
    /// left of a vertical axis, under a horizontal one.
    public func marks(plot: Rect, vertical: Bool, theme t: Theme, gap: Double) -> [Mark] {
        var marks: [Mark] = []
        let font = t.font(t.tickLabelSize)
        for (i, v) in ticks.enumerated() {
            let p = scale(v)
            let stroke = Stroke(color: v == 0 ? t.axis : t.grid, width: v == 0 ? t.axisWidth : t.gridWidth)
            if vertical {
                marks.append(.path(.line(from: Point(plot.minX, p), to: Point(plot.maxX, p), stroke: stroke, id: "grid/\(i)")))
                marks.append(.text(TextMark(format(v), font: font, color: t.mutedText, at: Point(plot.minX - gap, p),
                                            anchor: .end, baseline: .middle, id: "tick/\(i)")))
            } else {
                marks.append(.path(.line(from: Point(p, plot.minY), to: Point(p, plot.maxY), stroke: stroke, id: "grid/\(i)")))
                marks.append(.text(TextMark(format(v), font: font, color: t.mutedText, at: Point(p, plot.maxY + gap * 0.6),
                                            anchor: .middle, baseline: .top, id: "tick/\(i)")))
            }
        }
        let (lo, hi) = (min(scale.domain.0, scale.domain.1), max(scale.domain.0, scale.domain.1))
        if !ticks.contains(0), lo <= 0, hi >= 0 {
            let p = scale(0), stroke = Stroke(color: t.axis, width: t.axisWidth)
            marks.append(.path(vertical ? .line(from: Point(plot.minX, p), to: Point(plot.maxX, p), stroke: stroke, id: "zero")
                                        : .line(from: Point(p, plot.minY), to: Point(p, plot.maxY), stroke: stroke, id: "zero")))
        }
        return marks
    }

    /// Pinned grid lines (when `grid` is pinned) across a vertical axis.
    public func pinnedGrid(plot: Rect, grid: LinePin?, theme: Theme) -> [Mark] {
        guard let grid else { return [] }
        return ticks.enumerated().map { i, v in
            .path(.line(from: Point(plot.minX, scale(v)), to: Point(plot.maxX, scale(v)), stroke: grid.stroke(theme.grid, 1), id: "grid/\(i)"))
        }
    }

    /// Pinned ticks left of the plot: outward marks of the pin's length and labels beyond them.
    public func pinnedTicks(plot: Rect, pin: TickPin?, family: String, theme: Theme) -> [Mark] {
        guard let pin else { return [] }
        return pin.marks(ticks.enumerated().map { ($0.offset, scale($0.element), format($0.element)) }, edge: plot.minX, vertical: true,
                         family: family, theme: theme, markID: { "tick-mark/\($0)" }, labelID: { "tick/\($0)" })
    }
}

/// Category labels at the bands of a band scale: under vertical bars (wrapped to the band), left of horizontal ones.
public struct CategoryAxis: Sendable {
    /// The bands of the categories, by id, in px along the axis.
    public var band: BandScale
    /// The categories to label; a key whose id is not in `band`'s domain is skipped.
    public var keys: [ChartKey]

    /// The tallest label under bands of this scale, wrapped to the step.
    public func labelHeight(_ font: Font, _ measurer: TextMeasurer) -> Double {
        keys.map { measurer.measure($0.label, font: font, maxWidth: band.step * 0.94, overflow: .wrap(maxLines: 3)).height }.max() ?? 0
    }

    /// Labels under the plot (vertical bars), their tops at `edge` and wrapped to the step, or left of it (horizontal
    /// bars), ending at `edge` and wrapped to `wrapWidth`; at most `lines` lines each. Marks `category/<id>`.
    public func marks(vertical: Bool, at edge: Double, font: Font, color: Color, wrapWidth: Double? = nil, lines: Int = 3) -> [Mark] {
        keys.compactMap { c in
            guard let s = band(c.id) else { return nil }
            if vertical {
                return .text(TextMark(c.label, font: font, color: color, at: Point(s + band.bandwidth / 2, edge), anchor: .middle,
                                      baseline: .top, maxWidth: band.step * 0.94, overflow: .wrap(maxLines: lines), id: "category/\(c.id)"))
            }
            return .text(TextMark(c.label, font: font, color: color, at: Point(edge, s + band.bandwidth / 2), anchor: .end,
                                  baseline: .middle, maxWidth: wrapWidth, overflow: .wrap(maxLines: lines), id: "category/\(c.id)"))
        }
    }

    /// Pinned ticks under the plot: outward marks and labels at the band centres.
    public func pinnedMarks(plot: Rect, pin: TickPin?, family: String, theme: Theme) -> [Mark] {
        guard let pin else { return [] }
        let placed = keys.enumerated().compactMap { i, c in band(c.id).map { (i, $0 + band.bandwidth / 2, c.label) } }
        return pin.marks(placed, edge: plot.maxY, vertical: false, family: family, theme: theme,
                         markID: { "category-tick/\(keys[$0].id)" }, labelID: { "category/\(keys[$0].id)" })
    }
}

/// A time axis: one slot per period from the first to the last (a period missing from every series keeps its
/// slot, so a gap shows), labels under the slots, thinned when they crowd: for periods, to whole quarters,
/// half-years or years (labels at January, April…), else every n-th.
public struct TimeAxis: Sendable {
    /// The periods in order, as numbers (years; months and quarters as their `Period.ordinal`).
    public var values: [Double]
    /// Maps a period (its number in `values`) to the x of its slot's centre, in px.
    public var scale: LinearScale
    /// The label of a period.
    public var label: @Sendable (Double) -> String
    /// The length of the periods when `values` are period ordinals; nil for plain numbers (years).
    public var granularity: Period.Granularity? = nil

    /// Slots of equal width across `left`…`right`, the first and last half a slot in from the ends. Periods (and
    /// whole-number x with a few missing) fill the span, so that a missing one leaves its slot empty.
    public init(values: [Double], left: Double, right: Double, granularity: Period.Granularity? = nil,
                label: @escaping @Sendable (Double) -> String) {
        var xs = Array(Set(values)).sorted()
        if let f = xs.first, let l = xs.last, xs.allSatisfy({ $0 == $0.rounded() }), l - f < 1200,
           granularity != nil || l - f + 1 <= Double(2 * xs.count) {
            xs = stride(from: f, through: l, by: 1).map { $0 }
        }
        self.values = xs
        self.granularity = granularity
        let step = xs.count > 1 ? (right - left) / Double(xs.count) : right - left
        scale = LinearScale(domain: ((xs.first ?? 0) - 0.5, (xs.last ?? 0) + 0.5), range: (left, left + step * Double(max(1, xs.count))))
        self.label = label
    }

    /// A pinned axis over the pin's domain (or the values' range) across `left`…`right`.
    public init(values: [Double], pinned pin: ScalePin?, left: Double, right: Double, label: @escaping @Sendable (Double) -> String) {
        self.values = values
        scale = LinearScale(domain: (pin?.low ?? values.first ?? 0, pin?.high ?? values.last ?? 1), range: (left, right))
        self.label = label
    }

    /// The label steps an axis of periods may thin to, in periods: whole quarters, half-years, years and more.
    static func calendarSteps(_ g: Period.Granularity) -> [Int] {
        switch g {
        case .month: [1, 3, 6, 12, 24, 60]
        case .quarter: [1, 2, 4, 8, 20]
        case .year: [1, 2, 5, 10, 20, 50]
        }
    }

    /// Labels under `plotBottom`; thinned when the widest would crowd its slot.
    public func marks(plotBottom: Double, font: Font, color: Color, gap: Double, _ measurer: TextMeasurer) -> [Mark] {
        guard let first = values.first else { return [] }
        let step = values.count > 1 ? abs(scale(values[1]) - scale(first)) : .infinity
        let widest = values.map { measurer.measure(label($0), font: font).width }.max() ?? 0
        let every = max(1, Int((widest + gap) / step) + 1)
        let keep: (Int, Double) -> Bool
        if let g = granularity {
            let n = TimeAxis.calendarSteps(g).first { Double($0) * step >= widest + gap } ?? TimeAxis.calendarSteps(g).last!
            keep = { _, x in Int(x.rounded()) % n == 0 || n == 1 }
        } else {
            keep = { i, _ in i % every == 0 || (i == values.count - 1 && every == 1) }
        }
        return values.enumerated().compactMap { i, x in
            guard keep(i, x) else { return nil }
            let text = label(x)
            return .text(TextMark(text, font: font, color: color, at: Point(scale(x), plotBottom + gap), anchor: .middle,
                                  baseline: .top, id: "x/\(text)"))
        }
    }

    /// Pinned ticks under the plot at every value.
    public func pinnedMarks(plotBottom: Double, pin: TickPin?, family: String, theme: Theme) -> [Mark] {
        guard let pin else { return [] }
        return pin.marks(values.enumerated().map { ($0.offset, scale($0.element), label($0.element)) }, edge: plotBottom, vertical: false,
                         family: family, theme: theme, markID: { "x-tick-mark/\($0)" }, labelID: { "x-tick/\($0)" })
    }
}

/// The plot's frame lines on the sides a pin names (left and bottom unless it says).
public enum AxisLines {
    /// One line per side.
    public static func marks(plot: Rect, pin: LinePin?, theme: Theme) -> [Mark] {
        guard let pin else { return [] }
        return (pin.sides ?? [.left, .bottom]).map { side in
            let (p, q): (Point, Point) = switch side {
            case .left: (Point(plot.minX, plot.minY), Point(plot.minX, plot.maxY))
            case .right: (Point(plot.maxX, plot.minY), Point(plot.maxX, plot.maxY))
            case .top: (Point(plot.minX, plot.minY), Point(plot.maxX, plot.minY))
            case .bottom: (Point(plot.minX, plot.maxY), Point(plot.maxX, plot.maxY))
            }
            return .path(.line(from: p, to: q, stroke: pin.stroke(theme.axis, 1), id: "axis/\(side.rawValue)"))
        }
    }
}

extension TickPin {
    /// Pinned ticks along one edge of the plot: for each tick (its index, its place along the axis, its label) an
    /// outward mark of `length` when the pin has one, and the label `gap` beyond it. `vertical` axes stand at the
    /// left edge (`edge` is its x), horizontal ones at the bottom (`edge` is its y).
    func marks(_ ticks: [(index: Int, at: Double, label: String)], edge: Double, vertical: Bool, family: String, theme: Theme,
               markID: (Int) -> String, labelID: (Int) -> String) -> [Mark] {
        let len = length ?? 0, font = Font(family: family, size: size ?? 14)
        var marks: [Mark] = []
        for t in ticks {
            if len > 0 {
                let (a, b) = vertical ? (Point(edge - len, t.at), Point(edge, t.at)) : (Point(t.at, edge), Point(t.at, edge + len))
                marks.append(.path(.line(from: a, to: b, stroke: Stroke(color: color ?? theme.axis, width: lineWidth ?? 1), id: markID(t.index))))
            }
            let text = vertical
                ? TextMark(t.label, font: font, color: color ?? theme.text, at: Point(edge - len - (gap ?? 4), t.at), anchor: .end, baseline: .middle, id: labelID(t.index))
                : TextMark(t.label, font: font, color: color ?? theme.text, at: Point(t.at, edge + len + (gap ?? 4)), anchor: .middle, baseline: .top, id: labelID(t.index))
            marks.append(.text(text))
        }
        return marks
    }
}
