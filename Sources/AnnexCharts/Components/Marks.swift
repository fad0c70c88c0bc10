import AnnexLocale
import AnnexScene

/// The marks charts draw data with, as ggplot2's geoms or Vega-Lite's marks: bars, rules, bands, points, lines,
/// areas and cells. Each turns data already placed in pixels (by scales and positions) into scene marks, and
/// draws estimates the one way Annex draws them (hatched bars, dashed lines, hollow points). Chart kinds compose
/// them with the axes, legends and positions; none knows which chart it is in.
public enum Marks {
    /// A bar: solid, or (an estimate) lighter and hatched in its own colour, as the legend's estimate swatch is.
    public static func bar(_ r: Rect, fill: Color, estimate: Bool = false, background: Color, id: String) -> [Mark] {
        guard estimate else { return [.rect(RectMark(r, fill: fill, id: id))] }
        var marks = Hatching.marks(r, color: fill, background: background, id: id)
        marks[0] = .rect(RectMark(r, fill: fill.mixed(with: background, amount: 0.3), id: id))
        return marks
    }

    /// A rule: a straight line (a point target across its bar, a target line across the plot, a connector).
    public static func rule(from a: Point, to b: Point, color: Color, width: Double, dash: [Double] = [], cap: LineCap = .butt,
                            id: String? = nil) -> Mark {
        .path(.line(from: a, to: b, stroke: Stroke(color: color, width: width, dash: dash, cap: cap), id: id))
    }

    /// A band: a translucent rectangle (a target range), outlined when `outline` is given.
    public static func band(_ r: Rect, color: Color, opacity: Double, outline: Double? = nil, id: String? = nil) -> Mark {
        .rect(RectMark(r, fill: color.withAlpha(opacity), stroke: outline.map { Stroke(color: color, width: $0) }, id: id))
    }

    /// A point: a filled circle, outlined in its colour when `outline` is given, or hollow (the background
    /// inside) for an estimate.
    public static func point(_ c: Point, radius: Double, color: Color, hollow: Bool = false, background: Color, outline: Double? = nil,
                             id: String? = nil) -> Mark {
        .path(Shapes.circle(center: c, radius: radius, fill: hollow ? background : color, stroke: outline.map { Stroke(color: color, width: $0) }, id: id))
    }

    /// A line through values by x: one segment for each pair of neighbouring x that both have a value (a missing
    /// period is a gap, never bridged), dotted into a period that is not over (`partial`), dashed when either end
    /// is an estimate. Ids `<id>/<x>` for the segment starting at x.
    public static func line(xs: [Double], values: [Double: Double], estimates: Set<Double>, partial: Set<Double> = [],
                            x: (Double) -> Double, y: (Double) -> Double, color: Color, width: Double, id: String) -> [Mark] {
        zip(xs, xs.dropFirst()).compactMap { a, b -> Mark? in
            guard let va = values[a], let vb = values[b] else { return nil }
            let dash = partial.contains(b) ? [width * 0.5, width * 1.2]
                : estimates.contains(a) || estimates.contains(b) ? [width * 2.5, width * 1.5] : []
            return .path(.line(from: Point(x(a), y(va)), to: Point(x(b), y(vb)),
                               stroke: Stroke(color: color, width: width, dash: dash, join: .round, cap: .round),
                               id: "\(id)/\(NumberFormat.plain(a))"))
        }
    }

    /// An area between a line and `baseline` (a pixel), one shape per run of neighbouring x that have values:
    /// a gap breaks the area as it breaks the line.
    public static func area(xs: [Double], values: [Double: Double], x: (Double) -> Double, y: (Double) -> Double, baseline: Double,
                            fill: Color, id: String) -> [Mark] {
        var runs: [[Double]] = [], run: [Double] = []
        for v in xs {
            if values[v] != nil { run.append(v) } else if !run.isEmpty { runs.append(run); run = [] }
        }
        if !run.isEmpty { runs.append(run) }
        return runs.enumerated().compactMap { k, r in
            guard r.count > 1 else { return nil }
            let top = r.map { Point(x($0), y(values[$0]!)) }
            let elements: [PathElement] = [.move(Point(top[0].x, baseline))] + top.map { .line($0) } + [.line(Point(top.last!.x, baseline)), .close]
            return .path(PathMark(elements, fill: fill, id: "\(id)/\(k)"))
        }
    }

    /// A cell of a grid (a heat map): its class colour inset by a pixel, so that the background separates cells.
    public static func cell(_ r: Rect, fill: Color, id: String) -> Mark {
        .rect(RectMark(r.insetBy(dx: 1, dy: 1), fill: fill, id: id))
    }
}
