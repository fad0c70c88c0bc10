import AnnexData
import AnnexScene
import Foundation

/// How one element of a chart is placed and styled in a fixed layout. Every field is optional; each chart
/// reads the fields that make sense for the element (see docs/chart-spec.md, "Fixed layout").
public struct LayoutElement: Hashable, Sendable {
    public var x: Double?
    public var y: Double?
    public var width: Double?
    public var height: Double?
    /// `[left, top, right, bottom]` in px.
    public var box: [Double]?
    /// Font size in px.
    public var size: Double?
    public var bold: Bool?
    public var color: Color?
    public var fill: Color?
    public var opacity: Double?
    public var anchor: HorizontalAnchor?
    public var baseline: VerticalAnchor?
    public var rotation: Double?
    /// Offsets from the point an element is attached to (a bar end, a line's last point).
    public var dx: Double?
    public var dy: Double?
    /// Space between a mark and its text, or between the parts of an element.
    public var gap: Double?
    /// Tick length (outward).
    public var length: Double?
    /// Line width in px.
    public var stroke: Double?
    public var strokeColor: Color?
    public var dash: [Double]?
    public var domain: [Double]?
    public var ticks: [Double]?
    public var step: Double?
    public var paddingInner: Double?
    public var paddingOuter: Double?
    /// A bar's width as a share of its slot in the group.
    public var fraction: Double?
    public var radius: Double?
    /// `[width, height]` of a legend swatch.
    public var swatch: [Double]?
    /// Distance from one legend entry or row to the next.
    public var spacing: Double?
    /// Colours by class or series (map labels).
    public var colors: [Color]?
    /// Axis lines drawn: any of left, bottom, right, top.
    public var sides: [String]?
    /// Between the ends of a class range ("9,0 – 10,6").
    public var separator: String?
    /// Whether the footer line starts with "Nguồn:" / "Source:".
    public var prefix: Bool?

    public init() {}

    /// The keys a spec may use, as written in YAML.
    public static let keys = ["x", "y", "width", "height", "box", "size", "bold", "color", "fill", "opacity", "anchor", "baseline",
                              "rotation", "dx", "dy", "gap", "length", "stroke", "stroke_color", "dash", "domain", "ticks", "step",
                              "padding_inner", "padding_outer", "fraction", "radius", "swatch", "spacing", "colors", "sides",
                              "separator", "prefix"]
}

/// A chart laid out by explicit geometry instead of Annex's automatic layout: every element at the position,
/// size and style the spec gives, and only the elements it lists. For reproducing a given design element for
/// element (the reference charts of the benchmarks), and for house styles that fix every position.
public struct FixedLayout: Hashable, Sendable {
    public var font: String?
    /// Series colours (bars, lines) or class colours (maps), in order.
    public var palette: [Color]?
    public var elements: [String: LayoutElement]

    public init(font: String? = nil, palette: [Color]? = nil, elements: [String: LayoutElement]) {
        self.font = font; self.palette = palette; self.elements = elements
    }

    public subscript(_ name: String) -> LayoutElement? { elements[name] }

    /// The elements each chart type knows, in drawing order.
    public static let barElements = ["plot", "y", "x", "grid", "bars", "values", "axis", "y_ticks", "x_ticks", "x_title", "y_title",
                                     "legend", "title", "subtitle", "source"]
    public static let lineElements = ["plot", "y", "x", "grid", "band", "axis", "x_ticks", "y_ticks", "lines", "points", "band_label",
                                      "labels", "title", "subtitle", "source"]
    public static let mapElements = ["map", "borders", "names", "values", "legend", "legend_title", "legend_rows", "title",
                                     "subtitle", "source"]

    func plotRect(_ name: String = "plot") throws(ChartError) -> Rect {
        guard let b = elements[name]?.box, b.count == 4, b[2] > b[0], b[3] > b[1] else {
            throw .doesNotFit("a fixed layout needs \(name).box: [left, top, right, bottom]")
        }
        return Rect(x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1])
    }

    func font(_ e: LayoutElement, _ theme: Theme, defaultSize: Double = 14) -> Font {
        Font(family: font ?? theme.fontFamily, size: e.size ?? defaultSize, weight: (e.bold ?? false) ? .bold : .regular)
    }

    /// A text element at its own (x, y), or nil when the layout does not list it or the text is empty.
    func text(_ name: String, _ text: String?, _ theme: Theme, color: Color) -> Mark? {
        guard let e = elements[name], let text, !text.isEmpty else { return nil }
        return .text(TextMark(text, font: font(e, theme), color: e.color ?? color, at: Point(e.x ?? 0, e.y ?? 0),
                              anchor: e.anchor ?? .start, baseline: e.baseline ?? .baseline, rotation: e.rotation ?? 0, id: name))
    }

    /// Title, subtitle and footer line: the elements every fixed layout may list.
    func frameMarks(_ texts: ChartTexts, _ theme: Theme, _ language: Language) -> [Mark] {
        var source = texts.source
        if let s = source, !s.isEmpty, elements["source"]?.prefix ?? true { source = ChartStrings.for(language).sourcePrefix + " " + s }
        return [text("title", texts.fullTitle, theme, color: theme.text), text("subtitle", texts.subtitle, theme, color: theme.mutedText),
                text("source", source, theme, color: theme.mutedText)].compactMap { $0 }
    }

    /// Tick values: the element's list, or every `step` across the domain.
    static func ticks(_ e: LayoutElement?, domain: (Double, Double)) throws(ChartError) -> [Double] {
        if let t = e?.ticks { return t }
        guard let step = e?.step, step > 0 else { return [] }
        let first = (domain.0 / step - 1e-9).rounded(.up), last = (domain.1 / step + 1e-9).rounded(.down)
        guard last - first < 1000 else {
            throw .doesNotFit("a tick every \(step) from \(domain.0) to \(domain.1) makes \(Int(min(last - first + 1, 1e12))) ticks; at most 1000")
        }
        guard last >= first else { return [] }
        return (Int(first)...Int(last)).map { i in Double(i) * step == 0 ? 0 : Double(i) * step }
    }

    /// Tick labels in their shortest form: as many decimals as the most precise tick needs (`2,5`, `5`).
    static func tickFormat(_ ticks: [Double], _ language: Language) -> NumberFormat {
        let digits = ticks.map { v in (0...6).first { d in let p = pow(10.0, Double(d)); return abs((v * p).rounded() / p - v) < 1e-9 } ?? 6 }.max() ?? 0
        return NumberFormat(language, fractionDigits: 0...digits)
    }

    static func lineMark(_ a: Point, _ b: Point, _ e: LayoutElement?, _ color: Color, id: String) -> Mark {
        .path(.line(from: a, to: b, stroke: Stroke(color: e?.strokeColor ?? e?.color ?? color, width: e?.stroke ?? 1), id: id))
    }

    /// Horizontal grid lines at the ticks, when the layout lists `grid`.
    func grid(_ ticks: [Double], _ y: LinearScale, _ plot: Rect, _ theme: Theme) -> [Mark] {
        guard let g = elements["grid"] else { return [] }
        return ticks.enumerated().map { i, v in FixedLayout.lineMark(Point(plot.minX, y(v)), Point(plot.maxX, y(v)), g, theme.grid, id: "grid/\(i)") }
    }

    /// Value-axis ticks left of the plot (marks outward when `length` > 0) and their labels in shortest form.
    func yTicks(_ ticks: [Double], _ y: LinearScale, _ plot: Rect, _ theme: Theme, _ language: Language) -> [Mark] {
        guard let te = elements["y_ticks"] else { return [] }
        let len = te.length ?? 0
        let tickFmt = FixedLayout.tickFormat(ticks, language)
        var marks: [Mark] = []
        for (i, v) in ticks.enumerated() {
            if len > 0 { marks.append(FixedLayout.lineMark(Point(plot.minX - len, y(v)), Point(plot.minX, y(v)), te, theme.axis, id: "tick-mark/\(i)")) }
            marks.append(.text(TextMark(tickFmt(v), font: font(te, theme), color: te.color ?? theme.text,
                                        at: Point(plot.minX - len - (te.gap ?? 4), y(v)), anchor: .end, baseline: .middle, id: "tick/\(i)")))
        }
        return marks
    }

    func axisLines(_ plot: Rect, _ theme: Theme) -> [Mark] {
        guard let a = elements["axis"] else { return [] }
        var out: [Mark] = []
        for side in a.sides ?? ["left", "bottom"] {
            let (p, q): (Point, Point) = switch side {
            case "left": (Point(plot.minX, plot.minY), Point(plot.minX, plot.maxY))
            case "right": (Point(plot.maxX, plot.minY), Point(plot.maxX, plot.maxY))
            case "top": (Point(plot.minX, plot.minY), Point(plot.maxX, plot.minY))
            default: (Point(plot.minX, plot.maxY), Point(plot.maxX, plot.maxY))
            }
            out.append(FixedLayout.lineMark(p, q, a, theme.axis, id: "axis/\(side)"))
        }
        return out
    }
}

extension BarChart {
    /// Grouped vertical bars in a fixed layout (see `FixedLayout`).
    func fixedScene(_ L: FixedLayout, measurer: TextMeasurer) throws(ChartError) -> Scene {
        try check()
        guard orientation == .vertical, mode == .grouped else {
            throw .doesNotFit("a fixed layout draws grouped vertical bars; this chart is \(mode.rawValue) \(orientation.rawValue)")
        }
        let t = theme
        let plot = try L.plotRect()
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        let ye = L["y"]
        let all = values.map(\.value)
        let domain = (ye?.domain?.first ?? min(0, all.min() ?? 0), ye?.domain?.last ?? max(0, all.max() ?? 1))
        let y = LinearScale(domain: domain, range: (plot.maxY, plot.minY))
        let xe = L["x"]
        let band = BandScale(domain: categories.map(\.id), range: (plot.minX, plot.maxX),
                             paddingInner: xe?.paddingInner ?? 0.2, paddingOuter: xe?.paddingOuter ?? 0.1)
        let slot = band.bandwidth / Double(series.count)
        let barW = slot * (L["bars"]?.fraction ?? 1)
        let colors = L.palette ?? t.palette
        func color(_ i: Int) -> Color { colors[i % colors.count] }
        var marks: [Mark] = []
        let ticks = try FixedLayout.ticks(ye, domain: domain)
        marks += L.grid(ticks, y, plot, t)
        var labels: [Mark] = []
        let ve = L["values"]
        let valueFont = ve.map { L.font($0, t, defaultSize: 11) }
        for c in categories {
            guard let start = band(c.id) else { continue }
            for (si, s) in series.enumerated() {
                guard let v = value(c.id, s.id) else { continue }
                let cx = start + slot * (Double(si) + 0.5)
                // Bars start at zero, or at the domain's edge when it leaves zero out.
                let base = y(min(max(0, domain.0), domain.1))
                let top = min(y(v.value), base), bottom = max(y(v.value), base)
                marks.append(.rect(RectMark(Rect(x: cx - barW / 2, y: top, width: barW, height: bottom - top), fill: color(si),
                                            id: BarChart.barID(c.id, s.id))))
                if let ve, let valueFont, showValues {
                    let up = v.value >= 0
                    labels.append(.text(TextMark(fmt(v.value), font: valueFont, color: ve.color ?? t.text,
                                                 at: Point(cx, up ? top - (ve.gap ?? 4) : bottom + (ve.gap ?? 4)), anchor: .middle,
                                                 baseline: up ? .bottom : .top, id: "value/\(c.id)/\(s.id)")))
                }
            }
        }
        marks += labels
        marks += L.axisLines(plot, t)
        marks += L.yTicks(ticks, y, plot, t, language)
        if let te = L["x_ticks"] {
            let len = te.length ?? 0
            for c in categories {
                guard let start = band(c.id) else { continue }
                let cx = start + band.bandwidth / 2
                if len > 0 { marks.append(FixedLayout.lineMark(Point(cx, plot.maxY), Point(cx, plot.maxY + len), te, t.axis, id: "category-tick/\(c.id)")) }
                marks.append(.text(TextMark(c.label, font: L.font(te, t), color: te.color ?? t.text,
                                            at: Point(cx, plot.maxY + len + (te.gap ?? 4)), anchor: .middle, baseline: .top, id: "category/\(c.id)")))
            }
        }
        marks += [L.text("x_title", texts.categoryAxisTitle, t, color: t.text), L.text("y_title", texts.valueAxisTitle, t, color: t.text)].compactMap { $0 }
        if let le = L["legend"], series.count > 1 {
            let sw = le.swatch ?? [20, 10]
            var x = le.x ?? plot.minX
            let top = le.y ?? plot.minY
            let font = L.font(le, t)
            for (i, s) in series.enumerated() {
                marks.append(.rect(RectMark(Rect(x: x, y: top, width: sw[0], height: sw[1]), fill: color(i), id: "legend-symbol/\(s.id)")))
                let m = TextMark(s.label, font: font, color: le.color ?? t.text, at: Point(x + sw[0] + (le.gap ?? 8), top + sw[1] / 2),
                                 baseline: .middle, id: "legend/\(s.id)")
                marks.append(.text(m))
                x += sw[0] + (le.gap ?? 8) + measurer.measure(m).width + (le.spacing ?? 20)
            }
        }
        marks += L.frameMarks(texts, t, language)
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: texts.fullTitle, description: altText(fmt), language: language.rawValue))
    }
}

extension LineChart {
    /// Lines in a fixed layout (see `FixedLayout`): grid, target bands, axis, ticks, series with estimated stretches
    /// dashed and hollow points, band labels, labels at the line ends.
    func fixedScene(_ L: FixedLayout, measurer: TextMeasurer) throws(ChartError) -> Scene {
        let t = theme
        let plot = try L.plotRect()
        guard !series.isEmpty, !xValues.isEmpty else { throw .noData("a line chart needs series and x values") }
        let all = series.flatMap { $0.points.values }
        if let bad = all.first(where: { !$0.isFinite }) { throw .invalidValue("a value is \(bad)") }
        let ye = L["y"], xe = L["x"]
        let yDomain = (ye?.domain?.first ?? min(0, all.min() ?? 0), ye?.domain?.last ?? (all.max() ?? 1))
        let xDomain = (xe?.domain?.first ?? xValues.first!, xe?.domain?.last ?? xValues.last!)
        let y = LinearScale(domain: yDomain, range: (plot.maxY, plot.minY))
        let x = LinearScale(domain: xDomain, range: (plot.minX, plot.maxX))
        let colors = L.palette ?? t.palette
        func color(_ i: Int) -> Color { colors[i % colors.count] }
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        var marks: [Mark] = []
        let ticks = try FixedLayout.ticks(ye, domain: yDomain)
        marks += L.grid(ticks, y, plot, t)
        func seriesIndex(_ id: String?) -> Int? { id.flatMap { s in series.firstIndex { $0.key.id == s || $0.key.label == s } } }
        if let be = L["band"] {
            for (i, tg) in targets.enumerated() {
                let hi = tg.high ?? tg.low
                let c = be.fill ?? seriesIndex(tg.series).map(color) ?? t.target
                marks.append(.rect(RectMark(Rect(x: plot.minX, y: y(hi), width: plot.width, height: y(tg.low) - y(hi)),
                                            fill: c.withAlpha(be.opacity ?? 0.2), id: "target/\(i)")))
            }
        }
        marks += L.axisLines(plot, t)
        if let te = L["x_ticks"] {
            let len = te.length ?? 0
            let xfmt = NumberFormat(language, fractionDigits: 0...2, groupFrom: .infinity)
            for (i, v) in xValues.enumerated() {
                if len > 0 { marks.append(FixedLayout.lineMark(Point(x(v), plot.maxY), Point(x(v), plot.maxY + len), te, t.axis, id: "x-tick-mark/\(i)")) }
                marks.append(.text(TextMark(xfmt(v), font: L.font(te, t), color: te.color ?? t.text,
                                            at: Point(x(v), plot.maxY + len + (te.gap ?? 4)), anchor: .middle, baseline: .top, id: "x-tick/\(i)")))
            }
        }
        marks += L.yTicks(ticks, y, plot, t, language)
        let le = L["lines"], pe = L["points"]
        for (si, s) in series.enumerated() {
            let c = color(si)
            let xs = xValues.filter { s.points[$0] != nil }
            let pts = xs.map { Point(x($0), y(s.points[$0]!)) }
            let width = le?.stroke ?? 2
            // Solid through actual values; dashed into and between estimates.
            let firstEstimate = xs.firstIndex { s.estimates.contains($0) } ?? xs.count
            let solid = Array(pts[..<min(pts.count, firstEstimate)])
            if solid.count > 1 {
                marks.append(.path(.polyline(solid, stroke: Stroke(color: c, width: width, join: .round, cap: .butt), id: "line/\(s.key.id)")))
            }
            if firstEstimate < pts.count {
                let dashed = Array(pts[max(0, firstEstimate - 1)...])
                if dashed.count > 1 {
                    marks.append(.path(.polyline(dashed, stroke: Stroke(color: c, width: width, dash: le?.dash ?? [6, 4], join: .round, cap: .butt),
                                                 id: "line-estimate/\(s.key.id)")))
                }
            }
            if let pe {
                let r = pe.radius ?? 4
                for (i, p) in pts.enumerated() {
                    if s.estimates.contains(xs[i]) {
                        let sw = pe.stroke ?? 2
                        // The stroke lies on the circle's edge: inside the nominal radius.
                        marks.append(.path(Shapes.circle(center: p, radius: r - sw / 2, fill: pe.fill ?? t.background,
                                                         stroke: Stroke(color: c, width: sw), id: "point/\(s.key.id)/\(i)")))
                    } else {
                        marks.append(.path(Shapes.circle(center: p, radius: r, fill: c, stroke: nil, id: "point/\(s.key.id)/\(i)")))
                    }
                }
            }
        }
        if let be = L["band_label"] {
            for (i, tg) in targets.enumerated() where !tg.label.isEmpty {
                let top = y(tg.high ?? tg.low)
                marks.append(.text(TextMark(tg.label, font: L.font(be, t), color: be.color ?? t.target,
                                            at: Point(plot.minX + (be.dx ?? 8), top + (be.dy ?? -5)), id: "target-label/\(i)")))
            }
        }
        if let de = L["labels"] {
            for (si, s) in series.enumerated() {
                guard let lastX = xValues.last(where: { s.points[$0] != nil }) else { continue }
                marks.append(.text(TextMark(s.key.label, font: L.font(de, t), color: de.color ?? color(si),
                                            at: Point(x(lastX) + (de.dx ?? 10), y(s.points[lastX]!) + (de.dy ?? 5)), id: "label/\(s.key.id)")))
            }
        }
        marks += L.frameMarks(texts, t, language)
        let desc = series.map { s in s.key.label + ": " + xValues.compactMap { xv in s.points[xv].map { "\(NumberFormat.plain(xv)) \(fmt($0))" } }.joined(separator: ", ") }
            .joined(separator: ". ")
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: texts.fullTitle, description: desc, language: language.rawValue))
    }
}

extension MapChart {
    /// A one-panel choropleth in a fixed layout (see `FixedLayout`): the map fitted into `map.box`, labels at the
    /// area centroid of each feature's largest ring, a boxed legend of class ranges.
    func fixedScene(_ L: FixedLayout, measurer: TextMeasurer) throws(ChartError) -> Scene {
        guard panels.count == 1, let panel = panels.first, !panel.values.isEmpty else { throw .noData("a fixed-layout map draws one panel with values") }
        if let bad = panel.values.values.first(where: { !$0.isFinite }) { throw .invalidValue("a value is \(bad)") }
        let t = theme
        let box = try L.plotRect("map")
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        let b = breaks
        let classes = max(1, b.count - 1)
        let colors = L.palette ?? (0..<classes).map { classColor($0, classes, t) }
        func klass(_ v: Double) -> Int { min(colors.count - 1, self.classOf(v, b)) }
        let proj = FittedProjection(projection, fitting: boundaries, into: box)
        var marks: [Mark] = []
        let be = L["borders"]
        for f in boundaries.features {
            let fill = panel.values[f.key].map { colors[klass($0)] } ?? t.background
            marks.append(.path(PathMark(proj.path(f), fill: fill, fillRule: .evenOdd,
                                        stroke: be.map { Stroke(color: $0.strokeColor ?? $0.color ?? .white, width: $0.stroke ?? 1, join: .round) },
                                        id: "feature/\(f.key)")))
        }
        let ne = L["names"], ve = L["values"]
        if ne != nil || ve != nil {
            for f in boundaries.features {
                // The largest ring of any part, by projected area; its area centroid.
                var best: [Point] = [], bestArea = -1.0
                for p in f.polygons {
                    let ring = p.outer.points.map { proj(lon: $0.lon, lat: $0.lat) }
                    let a = PlaneGeometry.area(ring)
                    if a > bestArea { bestArea = a; best = ring }
                }
                guard !best.isEmpty else { continue }
                let c = PlaneGeometry.areaCentroid(best)
                let cls = panel.values[f.key].map(klass)
                func ink(_ e: LayoutElement) -> Color {
                    if let cls, let cs = e.colors, !cs.isEmpty { return cs[min(cls, cs.count - 1)] }
                    return e.color ?? cls.map { colors[$0].readableInk } ?? t.text
                }
                if let ne {
                    marks.append(.text(TextMark(f.name, font: L.font(ne, t), color: ink(ne), at: Point(c.x + (ne.dx ?? 0), c.y + (ne.dy ?? -3)),
                                                anchor: .middle, id: "label/\(f.key)")))
                }
                if let ve, let v = panel.values[f.key] {
                    marks.append(.text(TextMark(fmt(v), font: L.font(ve, t), color: ink(ve.colors == nil && ve.color == nil ? (ne ?? ve) : ve),
                                                at: Point(c.x + (ve.dx ?? 0), c.y + (ve.dy ?? 14)), anchor: .middle, id: "value/\(f.key)")))
                }
            }
        }
        if let le = L["legend"] {
            let r = try L.plotRect("legend")
            marks.append(.rect(RectMark(r, fill: le.fill ?? t.background, stroke: le.stroke.map { Stroke(color: le.strokeColor ?? t.grid, width: $0) }, id: "legend-box")))
        }
        if let m = L.text("legend_title", legendTitle, t, color: t.text) { marks.append(m) }
        if let re = L["legend_rows"] {
            let sw = re.swatch ?? [28, 20]
            let sep = re.separator ?? "–"
            for k in 0..<classes {
                let top = (re.y ?? 0) + Double(k) * (re.spacing ?? 32)
                marks.append(.rect(RectMark(Rect(x: re.x ?? 0, y: top, width: sw[0], height: sw[1]), fill: colors[min(k, colors.count - 1)],
                                            stroke: re.stroke.map { Stroke(color: re.strokeColor ?? t.grid, width: $0) }, id: "legend-symbol/\(k)")))
                marks.append(.text(TextMark(fmt(b[k]) + sep + fmt(b[k + 1]), font: L.font(re, t), color: re.color ?? t.text,
                                            at: Point((re.x ?? 0) + (re.dx ?? sw[0] + 12), top + (re.dy ?? sw[1] * 0.75)), id: "legend/\(k)")))
            }
        }
        marks += L.frameMarks(texts, t, language)
        let desc = boundaries.features.compactMap { f in panel.values[f.key].map { "\(f.name): \(fmt($0))" } }.joined(separator: "; ")
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: texts.fullTitle, description: desc, language: language.rawValue))
    }
}

