// The `map` kind: values joined to boundary features by key; choropleth, tiles or circles; one panel or small
// multiples; classes by Jenks, quantiles, equal intervals or given breaks.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexSpec
import Foundation

package enum MapKind: ChartKind {
    package static let name = "map"
    package static let channels = ["key", "panel", "value"]
    package static let optionKeys = ["boundaries", "key", "name", "attribution", "style", "classes", "palette", "projection", "labels",
                                     "legend_title", "allow_missing", "strict", "object"]

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
        return chart
    }

    package static func pinned(_ chart: any ChartDescription, _ pins: ChartPins) -> (any ChartDescription)? {
        guard var c = chart as? MapChart else { return nil }
        c.pins = pins
        return c
    }
}
