// Position adjustments for bar-like marks, as ggplot2's positions: where each value's bar starts and ends on the
// value axis, and whether bars of one category stand side by side. Any bar-like mark (bars, lollipops, ranges)
// reuses them.

/// How the values of one category are placed.
public enum BarPosition: String, Sendable, CaseIterable, Hashable {
    /// Side by side from zero.
    case dodge
    /// On top of each other: positive values up from zero, negative ones down.
    case stack
    /// Stacked as shares of the category's total, 0–100 %.
    case fill
    /// Side by side from zero, coloured by sign: increases and decreases.
    case diverge

    /// Whether the series of a category stand side by side.
    public var isSideBySide: Bool { self == .dodge || self == .diverge }
}

/// One value's bar on the value axis: from `from` to `to`.
public struct PositionedBar: Hashable, Sendable {
    /// The id of the bar's category.
    public var category: String
    /// The id of the bar's series.
    public var series: String
    /// The place of the series in the chart's series (0 first): its slot in a group and its colour.
    public var seriesIndex: Int
    /// Where the bar starts on the value axis, in the data's unit (a percentage for `fill`): 0, or the end of the
    /// bar stacked under it.
    public var from: Double
    /// Where the bar ends on the value axis; below `from` for a negative value.
    public var to: Double
    /// The value the bar shows, as given.
    public var value: BarValue
}

extension BarPosition {
    /// The bars of `values`, category by category in the order given, series in their order.
    public func place(_ values: [BarValue], categories: [ChartKey], series: [ChartKey]) -> [PositionedBar] {
        var byKey: [String: [String: BarValue]] = [:]
        for v in values where byKey[v.category]?[v.series] == nil { byKey[v.category, default: [:]][v.series] = v }
        var out: [PositionedBar] = []
        for c in categories {
            let row = byKey[c.id] ?? [:]
            var up = 0.0, down = 0.0
            let total = series.reduce(0) { $0 + (row[$1.id]?.value ?? 0) }
            for (si, s) in series.enumerated() {
                guard let v = row[s.id] else { continue }
                let (from, to): (Double, Double)
                switch self {
                case .dodge, .diverge: (from, to) = (0, v.value)
                case .stack:
                    if v.value >= 0 { (from, to) = (up, up + v.value); up += v.value } else { (from, to) = (down, down + v.value); down += v.value }
                case .fill:
                    let share = total == 0 ? 0 : v.value / total * 100
                    (from, to) = (up, up + share); up += share
                }
                out.append(PositionedBar(category: c.id, series: s.id, seriesIndex: si, from: from, to: to, value: v))
            }
        }
        return out
    }

    /// The value axis's extent for `bars` and target ends: always including zero; 0–100 for shares.
    public func extent(_ bars: [PositionedBar], targets: [Double] = []) -> (Double, Double) {
        if self == .fill { return (0, 100) }
        let ends = bars.flatMap { [$0.from, $0.to] } + targets
        let lo = min(0, ends.min() ?? 0), hi = max(0, ends.max() ?? 0)
        return lo == hi ? (lo, lo + 1) : (lo, hi)
    }
}
