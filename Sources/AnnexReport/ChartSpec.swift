import AnnexIO
import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexSpec
import AnnexRender
import AnnexScene
import Foundation

/// A chart described in a YAML file (see docs/chart-spec.md): data, encodings, mark options, words, theme, size.
public struct ChartSpec {
    public var chart: any ChartDescription
    /// PNG pixel density implied by a print size (`dpi` / 96), else 1.
    public var pngScale: Double
    public var file: String

    /// Reads and checks a spec file; every problem names the file, the line and the key.
    public static func load(path: String) throws(SpecError) -> ChartSpec {
        do { return try loadUntyped(path: path) } catch let e as SpecError { throw e } catch {
            throw SpecError(SourceLocation(file: path), "a chart spec", "\(error)")
        }
    }

    static func loadUntyped(path: String) throws -> ChartSpec {
        let data: Data
        switch InputFile.read(path) {
        case .success(let d): data = d
        case .failure(let p): throw SpecError(SourceLocation(file: path), "a readable chart spec", p.found)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(SourceLocation(file: path), "UTF-8 text", "bytes that are not UTF-8")
        }
        return try parseUntyped(text, file: path, baseFolder: (path as NSString).deletingLastPathComponent)
    }

    static let barKeys = ["orientation", "mode", "sort", "ordered", "digits", "values", "target_label", "estimate_label", "diverges_from"]
    static let lineKeys = ["zero", "targets", "digits", "estimate_label"]
    static let dumbbellKeys = ["from", "to", "sort_by_change", "digits"]
    static let mapKeys = ["boundaries", "key", "name", "attribution", "style", "classes", "palette", "projection", "labels",
                          "legend_title", "allow_missing"]
    static let topKeys = ["type", "lang", "theme", "size", "figure", "title", "subtitle", "notes", "source", "illustrative",
                          "data", "encoding", "bar", "line", "dumbbell", "map", "layout", "style"]

    public static func parse(_ text: String, file: String, baseFolder: String) throws(SpecError) -> ChartSpec {
        do { return try parseUntyped(text, file: file, baseFolder: baseFolder) } catch let e as SpecError { throw e } catch {
            throw SpecError(SourceLocation(file: file), "a chart spec", "\(error)")
        }
    }

    static func parseUntyped(_ text: String, file: String, baseFolder: String) throws -> ChartSpec {
        try build(try SpecNode.parse(text, file: file), baseFolder: baseFolder, context: SpecContext())
    }

    /// Builds the chart of a spec mapping; a report passes its language, dataset and cache in `context`.
    static func build(_ rootIn: SpecNode, baseFolder: String, context: SpecContext) throws -> ChartSpec {
        var root = rootIn
        try root.onlyKeys(topKeys + context.extraKeys)
        // Misspelt keys anywhere in the spec's blocks, all at once, before any is read.
        let keyIssues = [("size", ["width", "height", "width_mm", "height_mm", "dpi"]), ("data", DataTable.keys), ("encoding", Encoding.channels),
                         ("bar", barKeys), ("line", lineKeys), ("dumbbell", dumbbellKeys), ("map", mapKeys)]
            .flatMap { key, known in root.child(key)?.unknownKeys(known) ?? [] }
        if !keyIssues.isEmpty { throw SpecError(keyIssues) }
        let type = try root.require("type").oneOf(["bar", "line", "dumbbell", "map"])
        let lang = try context.language ?? root.child("lang").map { Language(rawValue: try $0.oneOf(["vi", "en"]))! } ?? .vi
        root.lang = lang
        let file = root.file
        var theme = Theme.report
        if let t = root.child("theme") { theme = Theme.named(try t.oneOf(Theme.all.map(\.name)))! }
        var style: ChartStyle? = nil
        if let sn = root.child("style") {
            style = try ChartStyle.read(sn, over: theme)
            theme = style!.applied(to: theme)
        }
        var (width, height) = theme.name.hasPrefix("slide") ? (1920.0, 1080.0) : (1600.0, 900.0)
        var scale = 1.0
        if let s = root.child("size") {
            try s.onlyKeys(["width", "height", "width_mm", "height_mm", "dpi"])
            if let mm = s.child("width_mm") {
                let w = try mm.number(), h = try s.require("height_mm").number()
                let dpi = try s.child("dpi")?.number() ?? 300
                guard (20...1000).contains(w), (20...1000).contains(h) else { throw SpecError(mm.location, "a width and height from 20 to 1000 mm", "\(w)×\(h)") }
                guard (72...1200).contains(dpi) else { throw SpecError(s.child("dpi")!.location, "a dpi from 72 to 1200", String(dpi)) }
                width = (w / 25.4 * 96).rounded(); height = (h / 25.4 * 96).rounded(); scale = dpi / 96
            } else {
                width = Double(try s.require("width").int(200...8000)); height = Double(try s.require("height").int(150...8000))
            }
        }
        let table = try DataTable.load(try root.require("data"), language: lang, baseFolder: baseFolder, context: context)
        var figureLabel: String? = context.figureNumber.map { lang == .vi ? "Biểu đồ \($0)." : "Figure \($0)." }
        if context.figureNumber == nil, let f = root.child("figure") {
            if let n = Int(f.string ?? "") { figureLabel = lang == .vi ? "Biểu đồ \(n)." : "Figure \(n)." } else { figureLabel = try f.text() }
        }
        let enc = try root.require("encoding")
        try enc.onlyKeys(Encoding.channels)
        let valueEnc = try Encoding(try enc.require("value"), table)
        let texts = ChartTexts(
            figureLabel: figureLabel, title: try root.child("title")?.text() ?? "", subtitle: try root.child("subtitle")?.text(),
            valueAxisTitle: valueEnc.title, categoryAxisTitle: try enc.child("category").map { try Encoding($0, table).title } ?? nil, notes: (try root.child("notes")?.texts() ?? []) + table.notes,
            source: try root.child("source")?.text() ?? table.defaultSource,
            illustrative: try root.child("illustrative")?.bool() ?? table.synthetic)

        let chart: any ChartDescription
        switch type {
        case "bar":
            let cat = try Encoding(try enc.require("category"), table)
            let ser = try enc.child("series").map { n in try Encoding(n, table) }
            let est = try enc.child("estimate").map { n in try Encoding(n, table) }
            let tgt = try enc.child("target").map { n in try Encoding(n, table) }
            let tgtHigh = try enc.child("target_high").map { n in try Encoding(n, table) }
            var categories: [ChartKey] = [], series: [ChartKey] = [], values: [BarValue] = [], targets: [BarTarget] = []
            var seen: [String: Int] = [:]
            for (i, row) in table.rows.enumerated() {
                let c = cat.value(row), s = ser?.value(row) ?? "value"
                if !categories.contains(where: { $0.id == c }) { categories.append(ChartKey(c, cat.label(row))) }
                if !series.contains(where: { $0.id == s }) { series.append(ChartKey(s, ser?.label(row) ?? (valueEnc.title ?? s))) }
                let v = try valueEnc.number(row, table.locations[i])
                if let first = seen["\(c)\u{1F}\(s)"] {
                    throw SpecError(table.locations[i], "one value for category '\(c)' and series '\(s)' (the first is at row \(first + 1))", "a second one")
                }
                seen["\(c)\u{1F}\(s)"] = i
                values.append(BarValue(category: c, series: s, value: v, isEstimate: est?.matches(row) ?? false))
                if let tgt, let low = try tgt.optionalNumber(row, table.locations[i]) {
                    targets.append(BarTarget(category: c, series: s, low: low, high: try tgtHigh?.optionalNumber(row, table.locations[i])))
                }
            }
            let b = root.child("bar")
            try b?.onlyKeys(barKeys)
            let orientation = BarChart.Orientation(rawValue: try b?.child("orientation")?.oneOf(BarChart.Orientation.allCases.map(\.rawValue)) ?? "vertical")!
            let mode = BarChart.Mode(rawValue: try b?.child("mode")?.oneOf(BarChart.Mode.allCases.map(\.rawValue)) ?? "grouped")!
            let sort = BarChart.Sort(rawValue: try b?.child("sort")?.oneOf(BarChart.Sort.allCases.map(\.rawValue)) ?? "none")!
            if mode == .stacked || mode == .percent, let neg = values.firstIndex(where: { $0.value < 0 }) {
                throw SpecError(table.locations[neg], "values of 0 or more in a \(mode.rawValue) bar (bar.mode; use grouped or diverging for negative values)",
                                NumberFormat(.en, fractionDigits: 0...6, groupFrom: .infinity)(values[neg].value))
            }
            chart = BarChart(categories: categories, series: series, values: values, targets: targets,
                             targetLegend: try b?.child("target_label")?.text() ?? (targets.isEmpty ? "" : lang.text(.plan)),
                             estimateLegend: try b?.child("estimate_label")?.text(), texts: texts, language: lang,
                             orientation: orientation, mode: mode, sort: sort, orderedSeries: try b?.child("ordered")?.bool() ?? false,
                             valueDigits: try valueEnc.digits, showValues: try b?.child("values")?.bool() ?? true,
                             divergesFrom: try b?.child("diverges_from")?.text(), width: width, height: height, theme: theme)
        case "line":
            let xEnc = try Encoding(try enc.child("x") ?? enc.require("category"), table)
            let ser = try enc.child("series").map { n in try Encoding(n, table) }
            let est = try enc.child("estimate").map { n in try Encoding(n, table) }
            var order: [ChartKey] = [], points: [String: [Double: Double]] = [:], estimates: [String: Set<Double>] = [:], xs: Set<Double> = []
            for (i, row) in table.rows.enumerated() {
                let s = ser?.value(row) ?? "value"
                if !order.contains(where: { $0.id == s }) { order.append(ChartKey(s, ser?.label(row) ?? (valueEnc.title ?? s))) }
                let x = try xEnc.number(row, table.locations[i]), v = try valueEnc.number(row, table.locations[i])
                if points[s]?[x] != nil { throw SpecError(table.locations[i], "one value for series '\(s)' at \(xEnc.value(row))", "a second one") }
                points[s, default: [:]][x] = v
                xs.insert(x)
                if est?.matches(row) == true { estimates[s, default: []].insert(x) }
            }
            let l = root.child("line")
            try l?.onlyKeys(lineKeys)
            var targets: [LineChart.TargetLine] = []
            for tn in try l?.child("targets")?.list() ?? [] {
                try tn.onlyKeys(["value", "high", "series", "label", "from", "to"])
                let from = try tn.child("from")?.number(), to = try tn.child("to")?.number()
                if let from, let to, to < from { throw SpecError(tn.child("to")!.location, "a last period not before the first (\(NumberFormat.plain(from)))", NumberFormat.plain(to)) }
                targets.append(.init(low: try tn.require("value").number(), high: try tn.child("high")?.number(),
                                     series: try tn.child("series")?.text(), label: try tn.child("label")?.text() ?? lang.text(.plan),
                                     from: from, to: to))
            }
            chart = LineChart(xValues: xs.sorted(), series: order.map { LineChart.Series($0, points: points[$0.id] ?? [:], estimates: estimates[$0.id] ?? []) },
                              targets: targets, texts: texts, language: lang, zeroBaseline: try l?.child("zero")?.bool() ?? true,
                              valueDigits: try valueEnc.digits, estimateLegend: try l?.child("estimate_label")?.text(),
                              width: width, height: height, theme: theme)
        case "map":
            chart = try mapChart(root, enc, table, valueEnc, texts, lang, width, height, theme, baseFolder, context)
        default: // dumbbell
            let cat = try Encoding(try enc.require("category"), table)
            let ser = try Encoding(try enc.require("series"), table)
            let d = try root.require("dumbbell")
            try d.onlyKeys(dumbbellKeys)
            let fromID = try d.require("from").text(), toID = try d.require("to").text()
            var categories: [ChartKey] = [], fromV: [String: Double] = [:], toV: [String: Double] = [:]
            var fromLabel = fromID, toLabel = toID
            for (i, row) in table.rows.enumerated() {
                let c = cat.value(row), s = ser.value(row)
                guard s == fromID || s == toID else { continue }
                if !categories.contains(where: { $0.id == c }) { categories.append(ChartKey(c, cat.label(row))) }
                let v = try valueEnc.number(row, table.locations[i])
                if (s == fromID ? fromV[c] : toV[c]) != nil {
                    throw SpecError(table.locations[i], "one value for category '\(c)' and series '\(s)'", "a second one")
                }
                if s == fromID { fromV[c] = v; fromLabel = ser.label(row) } else { toV[c] = v; toLabel = ser.label(row) }
            }
            if fromV.isEmpty { throw SpecError(try d.require("from").location, "a value of the series field '\(ser.field)' in the data", fromID) }
            if toV.isEmpty { throw SpecError(try d.require("to").location, "a value of the series field '\(ser.field)' in the data", toID) }
            chart = DumbbellChart(categories: categories, from: ChartKey(fromID, fromLabel), to: ChartKey(toID, toLabel),
                                  fromValues: fromV, toValues: toV, texts: texts, language: lang, valueDigits: try valueEnc.digits,
                                  sortByChange: try d.child("sort_by_change")?.bool() ?? false, width: width, height: height, theme: theme)
        }
        if let style {
            // A colour for a series or category the chart does not have is a misspelling, not a colour unused.
            let keys: [ChartKey] = switch chart {
            case let c as BarChart: c.series + c.categories
            case let c as LineChart: c.series.map(\.key)
            case let c as DumbbellChart: [c.from, c.to] + c.categories
            default: []
            }
            let issues = style.unmatchedColors(among: keys)
            if !issues.isEmpty { throw SpecError(issues) }
        }
        if let ln = root.child("layout") {
            guard ["bar", "line", "map"].contains(type) else {
                throw SpecError(ln.location, "no layout block: a fixed layout is for bar, line and map charts", type)
            }
            let pins = try PinsReader.read(ln, type: type)
            switch chart {
            case var c as BarChart: c.pins = pins; return ChartSpec(chart: c, pngScale: scale, file: file)
            case var c as LineChart: c.pins = pins; return ChartSpec(chart: c, pngScale: scale, file: file)
            case var c as MapChart: c.pins = pins; return ChartSpec(chart: c, pngScale: scale, file: file)
            default: throw SpecError(ln.location, "no layout block: a fixed layout is for bar, line and map charts", type)
            }
        }
        return ChartSpec(chart: chart, pngScale: scale, file: file)
    }
}

/// Reads a `layout:` block (fixed geometry; docs/chart-spec.md, "Fixed layout") into the typed pins of the chart's
/// components. Each element takes only the keys that make sense for it.
enum PinsReader {
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

    static func read(_ n: SpecNode, type: String) throws -> ChartPins {
        let known = elements[type] ?? [:]
        try n.onlyKeys(["font", "palette"] + (order[type] ?? []))
        let plotKey = type == "map" ? "map" : "plot"
        guard let plotNode = n.child(plotKey), let plot = try box(plotNode) else {
            throw SpecError(n.child(plotKey)?.location ?? n.location, "layout.\(plotKey).box: [left, top, right, bottom] in px", "nothing")
        }
        var pins = ChartPins(plot: plot)
        pins.font = try n.child("font")?.text()
        pins.palette = try n.child("palette").map { try colors($0) }
        for (name, keys) in known { if let e = n.child(name) { try e.onlyKeys(keys) } }
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


extension ChartSpec {
    static func mapChart(_ root: SpecNode, _ enc: SpecNode, _ table: DataTable, _ valueEnc: Encoding, _ textsIn: ChartTexts,
                         _ lang: Language, _ width: Double, _ height: Double, _ theme: Theme, _ baseFolder: String,
                         _ context: SpecContext) throws -> MapChart {
        let m = try root.require("map")
        try m.onlyKeys(mapKeys)
        var texts = textsIn
        // Boundaries: the spec's file, or the dataset's.
        let boundaries: Boundaries
        var attribution = try m.child("attribution")?.text()
        if let bn = m.child("boundaries") {
            let rel = try bn.text()
            let path = rel.hasPrefix("/") ? rel : (baseFolder as NSString).appendingPathComponent(rel)
            let key = try m.child("key")?.text() ?? "code", name = try m.child("name")?.text() ?? "name"
            context.inputs.insert(path)
            do { boundaries = try Boundaries.load(path: path, key: key, nameProperty: name) }
            catch { throw SpecError([DataIssue(bn.location, expected: "a valid GeoJSON file", found: rel)] + error.issues) }
        } else if let ds = table.dataset, let b = try ds.loadBoundaries() {
            if let f = ds.manifest.boundaries?.file { context.inputs.insert((ds.folder as NSString).appendingPathComponent(f)) }
            boundaries = b
            attribution = attribution ?? ds.manifest.boundaries?.attribution[lang]
        } else {
            throw SpecError(m.location, "map.boundaries (a GeoJSON file), or data from a dataset whose manifest names boundaries", "neither")
        }
        if let a = attribution, !a.isEmpty { texts.source = [texts.source, a].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ") }
        let keyEnc = try Encoding(try enc.require("key"), table)
        let panelEnc = try enc.child("panel").map { n in try Encoding(n, table) }
        var panelOrder: [String] = [], values: [String: [String: Double]] = [:], labels: [String: String] = [:]
        for (i, row) in table.rows.enumerated() {
            let p = panelEnc?.value(row) ?? ""
            if !panelOrder.contains(p) { panelOrder.append(p); labels[p] = panelEnc?.label(row) }
            if row["kind"] == "estimate", let l = labels[p], !l.hasSuffix(")") { labels[p] = l + (lang == .vi ? " (ước)" : " (est.)") }
            let k = keyEnc.value(row)
            if values[p]?[k] != nil { throw SpecError(table.locations[i], "one value for '\(k)'" + (p.isEmpty ? "" : " in panel '\(p)'"), "a second one") }
            values[p, default: [:]][k] = try valueEnc.number(row, table.locations[i])
        }
        // Join: every data key must name a feature; every feature needs a value unless missing values are allowed.
        let allowMissing = try m.child("allow_missing")?.bool() ?? false
        let dataKeys = Array(Set(values.values.flatMap(\.keys))).sorted()
        var issues = boundaries.join(dataKeys, dataFile: root.file)
        if allowMissing { issues = issues.filter { !$0.expected.hasPrefix("a data row for feature") } }
        if !issues.isEmpty { throw SpecError(issues) }
        let style = MapChart.Style(rawValue: try m.child("style")?.oneOf(MapChart.Style.allCases.map(\.rawValue)) ?? "choropleth")!
        var classification = Classification.naturalBreaks(5)
        if let c = m.child("classes") {
            try c.onlyKeys(["method", "count", "breaks", "closed"])
            let method = try c.child("method")?.oneOf(["jenks", "quantiles", "equal", "manual"]) ?? (c.child("breaks") != nil ? "manual" : "jenks")
            let count = try c.child("count")?.int(2...9) ?? 5
            switch method {
            case "quantiles": classification = .quantiles(count)
            case "equal": classification = .equalIntervals(count)
            case "manual":
                let bn = try c.require("breaks")
                let breaks = try bn.list().map { try $0.number() }
                guard breaks == breaks.sorted(), Set(breaks).count == breaks.count, !breaks.isEmpty else {
                    throw SpecError(bn.location, "increasing class bounds such as [10, 12, 15]", bn.describe)
                }
                classification = .manual(breaks)
            default: classification = .naturalBreaks(count)
            }
        }
        let palette = MapChart.Palette(rawValue: try m.child("palette")?.oneOf(MapChart.Palette.allCases.map(\.rawValue)) ?? "sequential")!
        let projection: Projection = (try m.child("projection")?.oneOf(["equirectangular", "web-mercator"]) ?? "equirectangular") == "web-mercator" ? .webMercator : .equirectangular
        let closedBelow = try m.child("classes")?.child("closed")?.oneOf(["above", "below"]) == "below"
        var chart = MapChart(boundaries: boundaries, panels: panelOrder.map { .init(title: $0.isEmpty ? nil : labels[$0], values: values[$0] ?? [:]) },
                        style: style, classification: classification, palette: palette, projection: projection,
                        showLabels: try m.child("labels")?.bool() ?? (panelOrder.count == 1),
                        legendTitle: try m.child("legend_title")?.text() ?? valueEnc.title, texts: texts, language: lang,
                        valueDigits: try valueEnc.digits, width: width, height: height, theme: theme)
        chart.closedBelow = closedBelow
        return chart
    }
}

/// What a report passes to the charts and tables it builds: the run's language, its dataset and a cache so
/// that the dataset is loaded and analysed once.
final class SpecContext {
    var language: Language?
    var datasetPath: String?
    var figureNumber: Int?
    var extraKeys: [String] = []
    /// Files and folders the specs read besides the report's dataset (for `--incremental`).
    var inputs: Set<String> = []
    let cache = DatasetCache()
    init(language: Language? = nil, datasetPath: String? = nil) { self.language = language; self.datasetPath = datasetPath }
}

/// Datasets loaded and analysed, by folder.
final class DatasetCache {
    private var loaded: [String: (Dataset, Analysis)] = [:]
    func get(_ folder: String, _ at: SpecNode) throws -> (Dataset, Analysis) {
        if let x = loaded[folder] { return x }
        let ds: Dataset
        do { ds = try Dataset.load(folder: folder) } catch {
            throw SpecError([DataIssue(at.location, expected: "a valid dataset", found: folder)] + error.issues)
        }
        let analysis: Analysis
        do { analysis = try Analysis.run(ds) } catch { throw SpecError(at.location, "a dataset that can be analysed", error.description) }
        loaded[folder] = (ds, analysis)
        return (ds, analysis)
    }
}

/// Which column of the data a channel shows, with optional display labels.
struct Encoding {
    var field: String
    var labelField: String?
    var labels: [String: String]
    var title: String?
    var equals: String?
    var digitsRange: ClosedRange<Int>?
    var node: SpecNode

    /// The keys of a spec's `encoding` block.
    static let channels = ["category", "x", "series", "value", "estimate", "target", "target_high", "key", "panel"]

    init(_ n: SpecNode, _ table: DataTable) throws {
        node = n
        if n.string != nil { field = try n.text(); labelField = nil; labels = [:]; title = nil; equals = nil; digitsRange = nil }
        else {
            try n.onlyKeys(["field", "label_field", "labels", "title", "equals", "digits"])
            field = try n.require("field").text()
            labelField = try n.child("label_field")?.text()
            var l: [String: String] = [:]
            for (k, v) in try n.child("labels")?.entries() ?? [] { l[k] = try v.text() }
            labels = l
            title = try n.child("title")?.text()
            equals = try n.child("equals")?.text()
            digitsRange = try n.child("digits")?.digits()
        }
        for f in [field] + (labelField.map { [$0] } ?? []) where !table.columns.contains(f) {
            let at = n.child("field")?.location ?? n.location
            let hint = Spelling.nearest(to: f, in: table.columns).map { "; did you mean '\($0)'?" } ?? ""
            throw SpecError(at, "a column of the data (" + table.columns.joined(separator: ", ") + hint + ")", f)
        }
    }

    var digits: ClosedRange<Int> { get throws { digitsRange ?? 0...2 } }

    func value(_ row: [String: String]) -> String { row[field] ?? "" }
    func label(_ row: [String: String]) -> String {
        let v = value(row)
        return labels[v] ?? labelField.flatMap { row[$0] } ?? v
    }
    func matches(_ row: [String: String]) -> Bool { value(row) == (equals ?? "true") }

    func number(_ row: [String: String], _ loc: SourceLocation) throws -> Double {
        var l = loc; if l.column == nil { l.column = field }
        guard let v = optionalNumberValue(row) else { throw SpecError(l, "a number in '\(field)'", value(row)) }
        guard abs(v) <= NumberParser.largestMagnitude else {
            throw SpecError(l, "a number in '\(field)' of at most 15 digits before the decimal separator", value(row))
        }
        return v
    }
    func optionalNumber(_ row: [String: String], _ loc: SourceLocation) throws -> Double? {
        if value(row).isEmpty { return nil }
        return try number(row, loc)
    }
    func optionalNumberValue(_ row: [String: String]) -> Double? {
        NumberParser.parse(value(row), decimalSeparator: row["\u{1F}decimal"] == "," ? "," : ".")
    }
}

/// The rows a chart draws: from inline values, a CSV file or a dataset's analysis.
struct DataTable {
    static let keys = ["values", "csv", "decimal", "dataset", "metric", "scope", "groups", "years", "kind", "detail", "origin"]
    var columns: [String]
    var rows: [[String: String]]
    var locations: [SourceLocation]
    var synthetic = false
    var defaultSource: String? = nil
    /// The dataset the rows come from, when they come from one.
    var dataset: Dataset? = nil
    /// Notes the data bring to the chart (communes missing in some years).
    var notes: [String] = []

    /// The rows of a `data` block; no rows is an error unless `allowEmpty` (a table says so in a note).
    static func load(_ n: SpecNode, language: Language, baseFolder: String, context: SpecContext, allowEmpty: Bool = false) throws -> DataTable {
        try n.onlyKeys(keys)
        let kinds = ["values", "csv", "dataset"].filter { n.child($0) != nil }
        if kinds.isEmpty, context.datasetPath != nil {
            let t = try fromDataset(n, language: language, baseFolder: baseFolder, context: context)
            if t.rows.isEmpty, !allowEmpty { throw SpecError(n.location, "at least one row of data", "none") }
            return t
        }
        guard kinds.count == 1 else {
            throw SpecError(n.location, "exactly one of data.values, data.csv or data.dataset", kinds.isEmpty ? "none" : kinds.joined(separator: " and "))
        }
        var t: DataTable
        if let v = n.child("values") {
            var rows: [[String: String]] = [], locs: [SourceLocation] = [], cols: [String] = []
            for item in try v.list() {
                var row: [String: String] = [:]
                for (k, val) in try item.entries() {
                    row[k] = try val.text()
                    if !cols.contains(k) { cols.append(k) }
                }
                rows.append(row); locs.append(item.location)
            }
            t = DataTable(columns: cols, rows: rows, locations: locs)
        } else if let c = n.child("csv") {
            let rel = try c.text()
            let path = rel.hasPrefix("/") ? rel : (baseFolder as NSString).appendingPathComponent(rel)
            let decimal = try n.child("decimal")?.oneOf([".", ","]) ?? "."
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SpecError(c.location, "a readable CSV file (relative to the spec's folder)", rel)
            }
            context.inputs.insert(path)
            let csv: CSVTable
            do { csv = try CSVTable.read(path: path) } catch {
                throw SpecError(error.issues.first.map { [$0] } ?? [DataIssue(c.location, expected: "a readable CSV file", found: rel)])
            }
            t = DataTable(columns: csv.header, rows: csv.rows.map { r in
                var row = Dictionary(uniqueKeysWithValues: zip(csv.header, r.fields))
                row["\u{1F}decimal"] = decimal
                return row
            }, locations: csv.rows.map { SourceLocation(file: path, line: $0.line) })
        } else {
            t = try fromDataset(n, language: language, baseFolder: baseFolder, context: context)
        }
        if t.rows.isEmpty, !allowEmpty { throw SpecError(n.location, "at least one row of data", "none") }
        return t
    }

    /// Every group (or district or unit code) and year a spec asks for is one the dataset has: a misspelt group
    /// would otherwise drop its series from the chart without a word. All of them are reported at once.
    static func checkSubjects(_ n: SpecNode, groups: [String]?, years: [Int]?, scope: FactScope?, _ ds: Dataset, _ analysis: Analysis) throws {
        var issues: [DataIssue] = []
        if let groups, let gn = n.child("groups") {
            let subjects = Set(analysis.records.lazy.filter { scope == nil || $0.scope == scope }.map(\.group))
            let known = subjects.union(scope == nil || scope == .group || scope == .province ? Set(ds.groups.keys) : [])
            for (i, g) in groups.enumerated() where !known.contains(g) {
                // A group written by its name ("Xã biên giới") gets its id as the hint.
                let byName = ds.groups.values.first { info in info.name.values.contains(g) || info.shortName.values.contains(g) }?.id
                    ?? ds.districts.values.first { $0.name == g || $0.fullName == g }?.code
                let hint = (byName ?? Spelling.nearest(to: g, in: known.sorted())).map { "; did you mean '\($0)'?" }
                    ?? " (annex analyze lists the groups and codes)"
                let at = (try? gn.list()).flatMap { $0.indices.contains(i) ? $0[i].location : nil } ?? gn.location
                issues.append(DataIssue(at, expected: "a group, district or unit of the dataset" + hint, found: g))
            }
        }
        if let years, let yn = n.child("years") {
            let known = Set(ds.manifest.periods + analysis.records.map(\.year))
            for y in years where !known.contains(y) {
                issues.append(DataIssue(yn.location, expected: "a year of the dataset (" + known.sorted().map(String.init).joined(separator: ", ") + ")", found: String(y)))
            }
        }
        if !issues.isEmpty { throw SpecError(issues) }
    }

    static func fromDataset(_ n: SpecNode, language: Language, baseFolder: String, context: SpecContext) throws -> DataTable {
        let folder: String, at: SpecNode
        if let dn = n.child("dataset") {
            let rel = try dn.text()
            folder = rel.hasPrefix("/") ? rel : (baseFolder as NSString).appendingPathComponent(rel)
            at = dn
            context.inputs.insert(folder)
        } else { folder = context.datasetPath!; at = n }
        let (ds, analysis) = try context.cache.get(folder, at)
        let metrics = try n.require("metric").texts()
        guard let metric = metrics.first else { throw SpecError(n.child("metric")!.location, "a metric or a list of metrics", "an empty list") }
        let scope = try n.child("scope").map { FactScope(rawValue: try $0.oneOf(FactScope.allCases.map(\.rawValue)))! }
        let groups = try n.child("groups")?.texts()
        var years: [Int]? = nil
        if let y = n.child("years") {
            // `latest` and `first` name the dataset's last and first period: a spec for any dataset.
            let periods = ds.manifest.periods.isEmpty ? Array(Set(analysis.records.map(\.year))).sorted() : ds.manifest.periods
            years = try y.list().map { n in
                switch n.string {
                case "latest": guard let p = periods.last else { throw SpecError(n.location, "a dataset with periods", "none") }; return p
                case "first": guard let p = periods.first else { throw SpecError(n.location, "a dataset with periods", "none") }; return p
                default: return try n.int(1900...2100)
                }
            }
        }
        // Plans are targets, not values: left out unless asked for by kind.
        let kinds = try n.child("kind")?.texts() ?? ["actual", "estimate"]
        let detail = try n.child("detail")?.text()
        let origin = try n.child("origin")?.oneOf(["computed", "stated", "any"]) ?? "computed"
        var recs = analysis.records.filter {
            metrics.contains($0.metric) && (scope == nil || $0.scope == scope) && (groups == nil || groups!.contains($0.group))
                && (years == nil || years!.contains($0.year)) && kinds.contains($0.kind.rawValue)
                && (detail == nil || $0.detail == detail)
                && (origin == "any" || (origin == "computed") == ($0.source == "computed"))
        }
        for metric in metrics where !analysis.knownMetrics.contains(metric) {
            let known = analysis.knownMetrics
            let hint = Spelling.nearest(to: metric, in: known).map { " (did you mean '\($0)'?)" } ?? " (annex analyze lists them)"
            throw SpecError(n.child("metric")!.location, "a metric of the dataset" + hint, metric)
        }
        _ = metric
        try checkSubjects(n, groups: groups, years: years, scope: scope, ds, analysis)
        if let groups { recs.sort { (groups.firstIndex(of: $0.group) ?? 0, $0.year) < (groups.firstIndex(of: $1.group) ?? 0, $1.year) } }
        let num = { (x: Double?) in x.map { NumberFormat(.en, fractionDigits: 0...9, groupFrom: .infinity)($0) } ?? "" }
        let rows: [[String: String]] = recs.map { r in
            let name: String = switch r.scope {
            case .province, .group: ds.groups[r.group]?.shortName(language) ?? r.group
            case .district: ds.districts[r.group]?.name ?? r.group
            case .unit: ds.units[r.group]?.name ?? r.group
            }
            let district: String = r.scope == .unit ? (ds.units[r.group].flatMap { ds.districts[$0.districtCode]?.name } ?? "") : ""
            let detailName: String = r.detail.hasPrefix("c") && r.detail.count == 3 && Int(r.detail.dropFirst()) != nil
                ? "\(Int(r.detail.dropFirst())!). " + (NationalCriteria.names[language]?[Int(r.detail.dropFirst())! - 1] ?? r.detail)
                : r.detail.split(separator: " ").map { c -> String in
                    guard c.hasPrefix("c"), let i = Int(c.dropFirst()), (1...19).contains(i) else { return String(c) }
                    return NationalCriteria.names[language]![i - 1]
                }.joined(separator: "; ")
            return ["scope": r.scope.rawValue, "group": r.group, "name": name, "district": district, "detail_name": detailName, "metric": r.metric, "year": String(r.year),
                    "kind": r.kind.rawValue, "value": num(r.value), "value_high": num(r.valueHigh), "unit": r.unit,
                    "n": r.n.map(String.init) ?? "", "detail": r.detail, "base_year": r.baseYear.map(String.init) ?? "",
                    "target": num(r.target), "target_high": num(r.targetHigh), "status": r.status?.rawValue ?? "",
                    "gap": num(r.gap), "source": r.source]
        }
        let cols = ["scope", "group", "name", "district", "detail_name", "metric", "year", "kind", "value", "value_high", "unit", "n", "detail",
                    "base_year", "target", "target_high", "status", "gap", "source"]
        var notes: [String] = []
        if ds.manifest.allowMissingYears, !DatasetChecks.missingYears(ds, "").isEmpty {
            notes.append(language == .vi ? "Một số xã không có số liệu ở một số năm; bình quân tính trên các xã có số liệu."
                                         : "Some communes have no figures for some years; means are over the communes with figures.")
        }
        return DataTable(columns: cols, rows: rows, locations: recs.map { _ in n.location },
                         synthetic: ds.manifest.synthetic && origin != "stated",
                         defaultSource: origin == "stated"
                            ? Array(Set(recs.map(\.source))).sorted().compactMap { id in ds.facts.first { $0.id == id }.flatMap { ds.sources[$0.source]?.citation(language) } }
                                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: "; ")
                            : (language == .vi ? "Bộ dữ liệu " : "Dataset ") + (ds.manifest.title[language] ?? ds.manifest.name),
                         dataset: ds, notes: notes)
    }
}
