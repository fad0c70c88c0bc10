// Reads a chart spec's `layout:` block into the typed pins of the chart's components.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexScene
import AnnexSpec
import Foundation

/// Reads a `layout:` block (fixed geometry; docs/chart-spec.md, "Fixed layout") into the typed pins of the chart's
/// components. Each element takes only the keys that make sense for it.
package enum PinsReader {
    static let textKeys = ["x", "y", "size", "bold", "color", "anchor", "baseline", "rotation"]
    static let lineKeys = ["color", "stroke", "stroke_color", "dash"]
    static let tickKeys = ["length", "stroke", "size", "gap", "color"]
    static let boxKeys = ["box", "x", "y", "width", "height"]
    /// The elements each chart type knows, with their keys.
    static let elements: [String: [String: [String]]] = [
        "bar": ["plot": boxKeys, "y": ["domain", "ticks", "step"], "x": ["padding_inner", "padding_outer"], "grid": lineKeys,
                "bars": ["fraction"], "values": ["size", "gap", "color", "bold"], "axis": lineKeys + ["sides"], "y_ticks": tickKeys,
                "x_ticks": tickKeys, "x_title": textKeys, "y_title": textKeys,
                "legend": ["x", "y", "swatch", "gap", "spacing", "size", "color"], "title": textKeys, "subtitle": textKeys, "source": textKeys + ["prefix"]],
        "line": ["plot": boxKeys, "y": ["domain", "ticks", "step"], "x": ["domain"], "grid": lineKeys, "band": ["fill", "opacity"],
                 "axis": lineKeys + ["sides"], "x_ticks": tickKeys, "y_ticks": tickKeys, "lines": ["stroke", "dash"],
                 "points": ["radius", "stroke", "fill"], "band_label": ["dx", "dy", "size", "bold", "color"], "labels": ["dx", "dy", "size", "bold", "color"],
                 "title": textKeys, "subtitle": textKeys, "source": textKeys + ["prefix"]],
        "map": ["map": boxKeys, "borders": ["stroke", "stroke_color", "color"], "names": ["size", "bold", "dx", "dy", "color", "colors"],
                "values": ["size", "bold", "dx", "dy", "color", "colors"], "legend": boxKeys + ["fill", "stroke", "stroke_color"],
                "legend_title": textKeys, "legend_rows": ["x", "y", "spacing", "swatch", "stroke", "stroke_color", "size", "color", "dx", "dy", "separator"],
                "title": textKeys, "subtitle": textKeys, "source": textKeys + ["prefix"]],
    ]

    /// The elements in the order the docs list them (and errors name them).
    static let order = [
        "bar": ["plot", "y", "x", "grid", "bars", "values", "axis", "y_ticks", "x_ticks", "x_title", "y_title", "legend", "title", "subtitle", "source"],
        "line": ["plot", "y", "x", "grid", "band", "axis", "x_ticks", "y_ticks", "lines", "points", "band_label", "labels", "title", "subtitle", "source"],
        "map": ["map", "borders", "names", "values", "legend", "legend_title", "legend_rows", "title", "subtitle", "source"],
    ]

    package static func read(_ n: SpecNode, type: String) throws -> ChartPins {
        let known = elements[type] ?? [:]
        try n.onlyKeys(["font", "palette"] + (order[type] ?? []))
        let plotKey = type == "map" ? "map" : "plot"
        guard let plotNode = n.child(plotKey), let plot = try box(plotNode) else {
            throw SpecError(n.child(plotKey)?.location ?? n.location, "layout.\(plotKey).box: [left, top, right, bottom] in px", "nothing")
        }
        var pins = ChartPins(plot: plot)
        pins.font = try n.child("font")?.text()
        pins.palette = try n.child("palette").map { try colors($0) }
        let keyIssues = (order[type] ?? []).flatMap { name in n.child(name)?.unknownKeys(known[name] ?? []) ?? [] }
        if !keyIssues.isEmpty { throw SpecError(keyIssues) }
        try readScales(n, &pins)
        pins.grid = try n.child("grid").map(line)
        pins.axisLines = try n.child("axis").map(line)
        pins.valueTicks = try n.child("y_ticks").map(tick)
        pins.categoryTicks = try n.child("x_ticks").map(tick)
        pins.barFraction = try n.child("bars").flatMap { try num($0, "fraction", 0.01...1) }
        pins.values = try n.child("values").map(text)
        for (key, path) in [("title", \ChartPins.title), ("subtitle", \.subtitle), ("source", \.source), ("x_title", \.categoryAxisTitle),
                            ("y_title", \.valueAxisTitle), ("legend_title", \.legendTitle), ("band_label", \.bandLabel)] as [(String, WritableKeyPath<ChartPins, TextPin?>)] {
            pins[keyPath: path] = try n.child(key).map(text)
        }
        pins.labels = try (n.child("labels") ?? n.child("names")).map(text)
        pins.lines = try n.child("lines").map(line)
        pins.borders = try n.child("borders").map(line)
        if let b = n.child("band") { pins.bandFill = try b.child("fill").map(color); pins.bandOpacity = try num(b, "opacity", 0...1) ?? 0.2 }
        if let p = n.child("points") {
            pins.pointRadius = try num(p, "radius", 0...1000) ?? 4; pins.pointOutline = try num(p, "stroke", 0...100)
            pins.pointFill = try p.child("fill").map(color)
        }
        pins.legend = try legend(n)
        return pins
    }

    static func readScales(_ n: SpecNode, _ pins: inout ChartPins) throws {
        if let y = n.child("y") {
            var s = ScalePin()
            if let d = y.child("domain") { let v = try domain(d); s.low = v.0; s.high = v.1 }
            s.ticks = try y.child("ticks").map { try numbers($0) }
            s.step = try num(y, "step", 1e-9...1e9)
            pins.valueScale = s
        }
        if let x = n.child("x") {
            var s = ScalePin()
            if let d = x.child("domain") { let v = try domain(d); s.low = v.0; s.high = v.1 }
            s.paddingInner = try num(x, "padding_inner", 0...0.99); s.paddingOuter = try num(x, "padding_outer", 0...10)
            pins.categoryScale = s
        }
    }

    /// The legend pin: a row legend (bars), or a map's box (`legend`) with its class rows (`legend_rows`).
    static func legend(_ n: SpecNode) throws -> LegendPin? {
        let l = n.child("legend"), r = n.child("legend_rows")
        guard l != nil || r != nil || n.child("legend_title") != nil else { return nil }
        var p = LegendPin()
        if let l {
            p.box = try box(l); p.fill = try l.child("fill").map(color)
            if l.child("stroke") != nil || l.child("stroke_color") != nil { p.border = try line(l) }
            p.x = try num(l, "x"); p.y = try num(l, "y"); p.gap = try num(l, "gap"); p.spacing = try num(l, "spacing")
            p.size = try num(l, "size", 1...1000); p.color = try l.child("color").map(color)
            if let s = l.child("swatch") { let v = try numbers(s, count: 2); p.swatch = (v[0], v[1]) }
            if p.box != nil { p.x = nil; p.y = nil }
        }
        if let r {
            p.x = try num(r, "x"); p.y = try num(r, "y"); p.spacing = try num(r, "spacing"); p.size = try num(r, "size", 1...1000)
            p.color = try r.child("color").map(color); p.dx = try num(r, "dx"); p.dy = try num(r, "dy")
            p.separator = try r.child("separator")?.text()
            if let s = r.child("swatch") { let v = try numbers(s, count: 2); p.swatch = (v[0], v[1]) }
            if r.child("stroke") != nil || r.child("stroke_color") != nil { p.swatchBorder = try line(r) }
        }
        return p
    }

    static func num(_ n: SpecNode, _ k: String, _ range: ClosedRange<Double> = -100_000...100_000) throws -> Double? {
        guard let c = n.child(k) else { return nil }
        let v = try c.number()
        guard range.contains(v) else { throw SpecError(c.location, "a number from \(range.lowerBound) to \(range.upperBound)", c.describe) }
        return v
    }

    static func box(_ n: SpecNode) throws -> Rect? {
        if let b = n.child("box") {
            let v = try numbers(b, count: 4)
            guard v[2] > v[0], v[3] > v[1] else { throw SpecError(b.location, "[left, top, right, bottom] with right > left and bottom > top", listText(v)) }
            return Rect(x: v[0], y: v[1], width: v[2] - v[0], height: v[3] - v[1])
        }
        guard let x = try num(n, "x"), let y = try num(n, "y"), let w = try num(n, "width", 0...100_000), let h = try num(n, "height", 0...100_000) else { return nil }
        return Rect(x: x, y: y, width: w, height: h)
    }

    static func domain(_ d: SpecNode) throws -> (Double, Double) {
        let v = try numbers(d, count: 2)
        guard v[1] > v[0] else { throw SpecError(d.location, "[low, high] with high > low", listText(v)) }
        return (v[0], v[1])
    }

    static func text(_ n: SpecNode) throws -> TextPin {
        var p = TextPin()
        p.x = try num(n, "x"); p.y = try num(n, "y"); p.size = try num(n, "size", 1...1000); p.bold = try n.child("bold")?.bool()
        p.color = try n.child("color").map(color); p.colors = try n.child("colors").map(colors)
        p.anchor = try n.child("anchor").map { HorizontalAnchor(rawValue: try $0.oneOf(["start", "middle", "end"]))! }
        p.baseline = try n.child("baseline").map { VerticalAnchor(rawValue: try $0.oneOf(["baseline", "top", "middle", "bottom"]))! }
        p.rotation = try num(n, "rotation", -360...360)
        p.dx = try num(n, "dx"); p.dy = try num(n, "dy"); p.gap = try num(n, "gap")
        p.prefix = try n.child("prefix")?.bool()
        return p
    }

    static func line(_ n: SpecNode) throws -> LinePin {
        var p = LinePin()
        p.color = try (n.child("stroke_color") ?? n.child("color")).map(color)
        p.width = try num(n, "stroke", 0...100)
        if let d = n.child("dash") {
            let v = try numbers(d)
            guard !v.isEmpty, v.allSatisfy({ $0 > 0 }) else { throw SpecError(d.location, "dash lengths greater than 0, such as [6, 4]", listText(v)) }
            p.dash = v
        }
        if let s = n.child("sides") { p.sides = try s.list().map { PlotSide(rawValue: try $0.oneOf(PlotSide.allCases.map(\.rawValue)))! } }
        return p
    }

    static func tick(_ n: SpecNode) throws -> TickPin {
        var p = TickPin()
        p.length = try num(n, "length", 0...1000); p.lineWidth = try num(n, "stroke", 0...100); p.size = try num(n, "size", 1...1000)
        p.gap = try num(n, "gap"); p.color = try n.child("color").map(color)
        return p
    }

    static func color(_ n: SpecNode) throws -> Color {
        let s = try n.text()
        guard let c = Color(hex: s) else { throw SpecError(n.location, "a colour written #RRGGBB", s) }
        return c
    }

    static func colors(_ n: SpecNode) throws -> [Color] {
        let l = try n.list()
        guard !l.isEmpty else { throw SpecError(n.location, "a list of colours written #RRGGBB", "an empty list") }
        return try l.map { try color($0) }
    }

    static func numbers(_ n: SpecNode, count: Int? = nil) throws -> [Double] {
        let l = try n.list().map { try $0.number() }
        if let count, l.count != count { throw SpecError(n.location, "a list of \(count) numbers", "\(l.count)") }
        return l
    }

    static func listText(_ v: [Double]) -> String {
        "[" + v.map { NumberFormat(.en, fractionDigits: 0...6, groupFrom: .infinity)($0) }.joined(separator: ", ") + "]"
    }
}
