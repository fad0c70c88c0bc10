// The `bar` kind: categories × series, values, targets (point or range) and estimates, in any position.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexSpec

package enum BarKind: ChartKind {
    package static let name = "bar"
    package static let channels = ["category", "series", "value", "estimate", "target", "target_high"]
    package static let optionKeys = ["orientation", "mode", "sort", "ordered", "digits", "values", "target_label", "estimate_label", "diverges_from"]

    package static func build(_ input: ChartInput) throws -> any ChartDescription {
        let table = input.table, valueEnc = input.value
        let cat = try input.require("category"), ser = try input.channel("series"), est = try input.channel("estimate")
        let tgt = try input.channel("target"), tgtHigh = try input.channel("target_high")
        var categories: [ChartKey] = [], series: [ChartKey] = [], values: [BarValue] = [], targets: [BarTarget] = []
        var seen: [String: Int] = [:]
        for (i, row) in table.rows.enumerated() {
            let c = cat.value(row), s = ser?.value(row) ?? "value"
            if !categories.contains(where: { $0.id == c }) { categories.append(ChartKey(c, cat.label(row, language: input.language))) }
            if !series.contains(where: { $0.id == s }) { series.append(ChartKey(s, ser?.label(row, language: input.language) ?? (valueEnc.title ?? s))) }
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
        let b = try input.options()
        let orientation = BarChart.Orientation(rawValue: try b?.child("orientation")?.oneOf(BarChart.Orientation.allCases.map(\.rawValue)) ?? "vertical")!
        let mode = BarChart.Mode(rawValue: try b?.child("mode")?.oneOf(BarChart.Mode.allCases.map(\.rawValue)) ?? "grouped")!
        let sort = BarChart.Sort(rawValue: try b?.child("sort")?.oneOf(BarChart.Sort.allCases.map(\.rawValue)) ?? "none")!
        if mode == .stacked || mode == .percent, let neg = values.firstIndex(where: { $0.value < 0 }) {
            throw SpecError(table.locations[neg], "values of 0 or more in a \(mode.rawValue) bar (bar.mode; use grouped or diverging for negative values)",
                            NumberFormat.plain(values[neg].value))
        }
        if let dn = b?.child("diverges_from"), mode != .diverging {
            throw SpecError(dn.location, "bar.mode: diverging for bar.diverges_from (it names what diverging bars diverge from)", mode.rawValue)
        }
        let lang = input.language
        return BarChart(categories: categories, series: series, values: values, targets: targets,
                        targetLegend: try b?.child("target_label")?.text() ?? (targets.isEmpty ? "" : lang.text(.plan)),
                        estimateLegend: try b?.child("estimate_label")?.text(), texts: input.texts, language: lang,
                        orientation: orientation, mode: mode, sort: sort, orderedSeries: try b?.child("ordered")?.bool() ?? false,
                        valueDigits: try b?.child("digits")?.digits() ?? valueEnc.digits, showValues: try b?.child("values")?.bool() ?? true,
                        divergesFrom: try b?.child("diverges_from")?.text(), width: input.width, height: input.height, theme: input.theme)
    }

    package static func colorKeys(of chart: any ChartDescription) -> [ChartKey] {
        (chart as? BarChart).map { $0.series + $0.categories } ?? []
    }

    package static func pinned(_ chart: any ChartDescription, _ pins: ChartPins) -> (any ChartDescription)? {
        guard var c = chart as? BarChart else { return nil }
        c.pins = pins
        return c
    }
}
