import Foundation

/// A continuous scale mapping a numeric domain onto a pixel range, with d3's nice ticks.
public struct LinearScale: Hashable, Sendable {
    /// The values at the two ends, in the data's unit; `lower` may exceed `upper` (a reversed scale).
    public var domain: (lower: Double, upper: Double)
    /// The positions in px that `domain.lower` and `domain.upper` map to; a value axis runs from the plot's bottom
    /// (`lower`) to its top.
    public var range: (lower: Double, upper: Double)

    /// A scale mapping `domain` linearly onto `range` (px); values outside the domain are extrapolated, not clamped.
    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = (domain.0, domain.1); self.range = (range.0, range.1)
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
    public func hash(into h: inout Hasher) {
        h.combine(domain.lower); h.combine(domain.upper); h.combine(range.lower); h.combine(range.upper)
    }

    /// The pixel position of `value`.
    public func callAsFunction(_ value: Double) -> Double {
        let d = domain.upper - domain.lower
        guard d != 0 else { return (range.lower + range.upper) / 2 }
        return range.lower + (value - domain.lower) / d * (range.upper - range.lower)
    }

    /// About `count` round values covering the domain (1, 2 or 5 × 10ⁿ apart), as d3-array's `ticks`.
    public func ticks(count: Int = 10) -> [Double] {
        LinearScale.ticks(domain.lower, domain.upper, count: count)
    }

    /// The distance between the ticks `ticks(count:)` returns.
    public func tickStep(count: Int = 10) -> Double {
        LinearScale.tickStep(domain.lower, domain.upper, count: count)
    }

    /// The domain widened to round values so that the first and last ticks are its ends, as d3's `nice`.
    public func nice(count: Int = 10) -> LinearScale {
        var start = domain.lower, stop = domain.upper
        let reversed = stop < start
        if reversed { swap(&start, &stop) }
        var previous: Double? = nil
        for _ in 0..<10 {
            let step = LinearScale.tickIncrement(start, stop, count: count)
            if step == previous || step == 0 || !step.isFinite { break }
            if step > 0 {
                start = (start / step).rounded(.down) * step
                stop = (stop / step).rounded(.up) * step
            } else {
                start = (start * step).rounded(.up) / step
                stop = (stop * step).rounded(.down) / step
            }
            previous = step
        }
        var s = self
        s.domain = reversed ? (stop, start) : (start, stop)
        return s
    }

    // MARK: d3-array tick arithmetic

    private static let e10 = 50.0.squareRoot(), e5 = 10.0.squareRoot(), e2 = 2.0.squareRoot()

    /// (i1, i2, inc): ticks are i·inc for i in i1...i2 when inc > 0, and i / −inc when inc < 0.
    static func tickSpec(_ start: Double, _ stop: Double, _ count: Double) -> (Double, Double, Double) {
        let step = (stop - start) / max(0, count)
        let power = log10(step).rounded(.down)
        let error = step / pow(10, power)
        let factor: Double = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1
        var i1: Double, i2: Double, inc: Double
        if power < 0 {
            inc = pow(10, -power) / factor
            i1 = (start * inc).rounded(.toNearestOrAwayFromZero)
            i2 = (stop * inc).rounded(.toNearestOrAwayFromZero)
            if i1 / inc < start { i1 += 1 }
            if i2 / inc > stop { i2 -= 1 }
            inc = -inc
        } else {
            inc = pow(10, power) * factor
            i1 = (start / inc).rounded(.toNearestOrAwayFromZero)
            i2 = (stop / inc).rounded(.toNearestOrAwayFromZero)
            if i1 * inc < start { i1 += 1 }
            if i2 * inc > stop { i2 -= 1 }
        }
        if i2 < i1, 0.5 <= count, count < 2 { return tickSpec(start, stop, count * 2) }
        return (i1, i2, inc)
    }

    static func tickIncrement(_ start: Double, _ stop: Double, count: Int) -> Double {
        guard stop > start, count > 0 else { return 0 }
        return tickSpec(start, stop, Double(count)).2
    }

    /// The distance between about `count` round ticks from `start` to `stop` (1, 2 or 5 × 10ⁿ), negative when
    /// `stop` is below `start`, as d3-array's `tickStep`; 0 when there is no such step.
    public static func tickStep(_ start: Double, _ stop: Double, count: Int) -> Double {
        let reverse = stop < start
        let inc = reverse ? tickIncrement(stop, start, count: count) : tickIncrement(start, stop, count: count)
        return (reverse ? -1 : 1) * (inc < 0 ? 1 / -inc : inc)
    }

    /// About `count` round values (1, 2 or 5 × 10ⁿ apart) within `start`…`stop`, ordered from `start` towards
    /// `stop`, as d3-array's `ticks`; `[start]` when the two are equal, none when either is not finite.
    public static func ticks(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 0, start.isFinite, stop.isFinite else { return [] }
        if start == stop { return [start] }
        let reverse = stop < start
        let (lo, hi) = reverse ? (stop, start) : (start, stop)
        let (i1, i2, inc) = tickSpec(lo, hi, Double(count))
        guard i2 >= i1 else { return [] }
        let n = Int(i2 - i1) + 1
        var out = (0..<n).map { i in inc < 0 ? (i1 + Double(i)) / -inc : (i1 + Double(i)) * inc }
        if reverse { out.reverse() }
        return out
    }

    /// Digits after the decimal point needed to tell ticks `step` apart (d3-format's precisionFixed).
    public static func fractionDigits(forStep step: Double) -> Int {
        guard step.isFinite, step != 0 else { return 0 }
        return max(0, -Int(log10(abs(step)).rounded(.down)))
    }
}

/// A scale for categories: each gets an equal band, with padding between and around, as d3's `scaleBand`.
public struct BandScale: Hashable, Sendable {
    /// The categories' ids, in order along the range.
    public var domain: [String]
    /// The extent in px the bands and the outer padding share.
    public var range: (lower: Double, upper: Double)
    /// The gap between neighbouring bands, as a share of a step (0…1): 0.2 leaves bands 80% of a step wide.
    public var paddingInner: Double
    /// The space before the first band and after the last, in steps.
    public var paddingOuter: Double
    /// Where the bands sit in the range when padding leaves room: 0 at its start, 0.5 centred, 1 at its end.
    public var align: Double

    /// Bands for the categories `domain` across `range` (px): by default 0.2 of a step between bands, 0.1 of a step
    /// around them, centred.
    public init(domain: [String], range: (Double, Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1,
                align: Double = 0.5) {
        self.domain = domain; self.range = (range.0, range.1)
        self.paddingInner = paddingInner; self.paddingOuter = paddingOuter; self.align = align
    }

    public static func == (a: BandScale, b: BandScale) -> Bool {
        a.domain == b.domain && a.range == b.range && a.paddingInner == b.paddingInner
            && a.paddingOuter == b.paddingOuter && a.align == b.align
    }
    public func hash(into h: inout Hasher) { h.combine(domain); h.combine(range.lower); h.combine(range.upper) }

    /// Distance between the starts of neighbouring bands.
    public var step: Double {
        let n = Double(domain.count)
        return (range.upper - range.lower) / max(1, n - paddingInner + paddingOuter * 2)
    }

    /// The width of each band in px: a step less the inner padding.
    public var bandwidth: Double { step * (1 - paddingInner) }

    /// The same scale with bands no wider than `maxBandwidth`: the outer padding grows instead, so that one or
    /// two categories do not become slabs.
    public func limitingBandwidth(to maxBandwidth: Double) -> BandScale {
        guard bandwidth > maxBandwidth, maxBandwidth > 0, !domain.isEmpty else { return self }
        var b = self
        let n = Double(domain.count)
        let span = range.upper - range.lower
        // bandwidth = span / (n - pi + 2 po) * (1 - pi)  =>  po = (span (1 - pi) / bw - n + pi) / 2
        b.paddingOuter = max(paddingOuter, (span * (1 - paddingInner) / maxBandwidth - n + paddingInner) / 2)
        return b
    }

    /// The start of `category`'s band, or nil when it is not in the domain.
    public func callAsFunction(_ category: String) -> Double? {
        guard let i = domain.firstIndex(of: category) else { return nil }
        return position(at: i)
    }

    /// The start of the band at `index` in the domain, in px (a position beyond the domain for an index outside it).
    public func position(at index: Int) -> Double {
        let n = Double(domain.count)
        let start = range.lower + (range.upper - range.lower - step * (n - paddingInner)) * align
        return start + step * Double(index)
    }
}
