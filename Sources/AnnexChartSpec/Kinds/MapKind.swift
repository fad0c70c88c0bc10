// The `map` kind: values joined to boundary features by key; choropleth, tiles or circles; one panel or small
// multiples; classes by Jenks, quantiles, equal intervals or given breaks.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexScene
import AnnexSpec
import Foundation

package enum MapKind: ChartKind {
    package static let name = "map"
    package static let channels = ["key", "panel", "value"]
    package static let optionKeys = ["boundaries", "key", "name", "attribution", "style", "classes", "palette", "projection", "labels",
                                     "legend_title", "allow_missing", "strict", "object", "insets", "callouts"]

    package static func build(_ input: ChartInput) throws -> any ChartDescription {
        let root = input.model.root, enc = input.model.encoding, table = input.table, valueEnc = input.value
        let lang = input.language, width = input.width, height = input.height, theme = input.theme
        let baseFolder = input.baseFolder, context = input.context, textsIn = input.texts
        let m = try root.require("map")
        try m.onlyKeys(optionKeys)
        var texts = textsIn
        // Boundaries: the spec's file, or the dataset's; rings let pass (slivers dropped, rings that cross themselves)
        // are warnings of the run, refused under `strict: true`.
        let boundaries: Boundaries
        var attribution = try m.child("attribution")?.text()
        let strict = try m.child("strict")?.bool() ?? false
        if let bn = m.child("boundaries") {
            let rel = try bn.text()
            let path = rel.hasPrefix("/") ? rel : (baseFolder as NSString).appendingPathComponent(rel)
            let key = try m.child("key")?.text() ?? "code", name = try m.child("name")?.text() ?? "name"
            let object = try m.child("object")?.text()
            context.inputs.insert(path)
            do { boundaries = try Boundaries.load(path: path, key: key, nameProperty: name, strict: strict, object: object) }
            catch { throw SpecError([DataIssue(bn.location, expected: "a valid GeoJSON or TopoJSON file", found: rel)] + error.issues) }
        } else if let ds = table.dataset, let b = try ds.loadBoundaries(strict: strict) {
            if let f = ds.manifest.boundaries?.file { context.inputs.insert((ds.folder as NSString).appendingPathComponent(f)) }
            boundaries = b
            attribution = attribution ?? ds.manifest.boundaries?.attribution[lang]
        } else {
            throw SpecError(m.location, "map.boundaries (a GeoJSON or TopoJSON file), or data from a dataset whose manifest names boundaries", "neither")
        }
        context.warnings += boundaries.warnings
        if let a = attribution, !a.isEmpty { texts.source = [texts.source, a].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ") }
        let keyEnc = try Encoding(try enc.require("key"), table)
        let panelEnc = try enc.child("panel").map { n in try Encoding(n, table) }
        var panelOrder: [String] = [], values: [String: [String: Double]] = [:], labels: [String: String] = [:]
        var keyRows: [(key: String, location: SourceLocation)] = []
        for (i, row) in table.rows.enumerated() {
            let p = panelEnc?.value(row) ?? ""
            if !panelOrder.contains(p) { panelOrder.append(p); labels[p] = panelEnc?.label(row) }
            if row["kind"] == "estimate", let l = labels[p], !l.hasSuffix(")") { labels[p] = l + " " + lang.text(.estimateShort) }
            let k = keyEnc.value(row)
            keyRows.append((k, table.locations[i]))
            if values[p]?[k] != nil { throw SpecError(table.locations[i], "one value for '\(k)'" + (p.isEmpty ? "" : " in panel '\(p)'"), "a second one") }
            values[p, default: [:]][k] = try valueEnc.number(row, table.locations[i])
        }
        // Join: every data key must name a feature; every feature needs a value unless missing values are allowed.
        let allowMissing = try m.child("allow_missing")?.bool() ?? false
        // A key that matches no feature is blamed on its data row (the data file's line), not on the spec.
        var issues = boundaries.join(keyRows)
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
        chart.callouts = try m.child("callouts")?.bool() ?? true
        chart.insets = try m.child("insets").map { try insets($0, boundaries) } ?? []
        return chart
    }

    /// `insets:` a list of `{title, box: [west, south, east, north], features: [keys], at: beside | [x, y, width,
    /// height], scale}`; each box must take at least one part of the named features.
    static func insets(_ node: SpecNode, _ boundaries: Boundaries) throws -> [MapChart.Inset] {
        try node.list().map { n in
            try n.onlyKeys(["title", "box", "features", "at", "scale"])
            let bn = try n.require("box")
            let box = try bn.list().map { try $0.number() }
            guard box.count == 4, box[0] < box[2], box[1] < box[3], (-180...180).contains(box[0]), (-180...180).contains(box[2]),
                  (-90...90).contains(box[1]), (-90...90).contains(box[3]) else {
                throw SpecError(bn.location, "[west, south, east, north] in degrees, west < east and south < north, such as [111, 15.6, 113, 17.2]", bn.describe)
            }
            var features: [String]? = nil
            if let fn = n.child("features") {
                features = try fn.list().map { try $0.text() }
                for (i, k) in features!.enumerated() where boundaries.feature(k) == nil {
                    let hint = Spelling.nearest(to: k, in: boundaries.features.map(\.key)).map { " (did you mean '\($0)'?)" } ?? ""
                    throw SpecError(try fn.list()[i].location, "the key of a feature of \(boundaries.file)\(hint)", k)
                }
            }
            var frame: Rect? = nil
            if let at = n.child("at"), at.string != "beside" {
                let f = try at.list().map { try $0.number() }
                guard f.count == 4, f.allSatisfy({ (0...1).contains($0) }), f[2] > 0, f[3] > 0, f[0] + f[2] <= 1, f[1] + f[3] <= 1 else {
                    throw SpecError(at.location, "beside, or [x, y, width, height] as fractions (0 to 1) of the map's panel", at.describe)
                }
                frame = Rect(x: f[0], y: f[1], width: f[2], height: f[3])
            }
            var scale: Double? = nil
            if let sn = n.child("scale") {
                scale = try sn.number()
                guard scale! > 0, scale! <= 100 else { throw SpecError(sn.location, "a scale above 0 and at most 100 (times the main map's)", sn.describe) }
            }
            let inset = MapChart.Inset(title: try n.child("title")?.text(), west: box[0], south: box[1], east: box[2], north: box[3],
                                       features: features, frame: frame, scale: scale)
            guard boundaries.features.contains(where: { f in f.polygons.contains { inset.takes($0, of: f.key) } }) else {
                throw SpecError(bn.location, "a box that holds at least one whole part (island) of " + (features.map { "the features " + $0.joined(separator: ", ") } ?? "the boundaries"),
                                "none inside [" + box.map { String($0) }.joined(separator: ", ") + "]")
            }
            return inset
        }
    }

    package static func pinned(_ chart: any ChartDescription, _ pins: ChartPins) -> (any ChartDescription)? {
        guard var c = chart as? MapChart else { return nil }
        c.pins = pins
        return c
    }
}
