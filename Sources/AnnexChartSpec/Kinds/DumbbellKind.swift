// The `dumbbell` kind: two values per category (from → to) joined, the change at the right.
import AnnexCharts
import AnnexData
import AnnexSpec

package enum DumbbellKind: ChartKind {
    package static let name = "dumbbell"
    package static let channels = ["category", "series", "value"]
    package static let optionKeys = ["from", "to", "sort_by_change", "digits"]

    package static func build(_ input: ChartInput) throws -> any ChartDescription {
        let table = input.table, valueEnc = input.value
        let cat = try input.require("category"), ser = try input.require("series")
        let d = try input.model.root.require("dumbbell")
        try d.onlyKeys(optionKeys)
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
        return DumbbellChart(categories: categories, from: ChartKey(fromID, fromLabel), to: ChartKey(toID, toLabel),
                             fromValues: fromV, toValues: toV, texts: input.texts, language: input.language, valueDigits: try d.child("digits")?.digits() ?? valueEnc.digits,
                             sortByChange: try d.child("sort_by_change")?.bool() ?? false, width: input.width, height: input.height, theme: input.theme)
    }

    package static func colorKeys(of chart: any ChartDescription) -> [ChartKey] {
        (chart as? DumbbellChart).map { [$0.from, $0.to] } ?? []
    }
}
