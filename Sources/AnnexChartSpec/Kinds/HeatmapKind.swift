// The `heatmap` kind: a value for each row and column (districts × criteria: the share of communes meeting each
// criterion), cells coloured by class.
import AnnexCharts
import AnnexData
import AnnexSpec

package enum HeatmapKind: ChartKind {
    package static let name = "heatmap"
    package static let channels = ["row", "column", "value"]
    package static let optionKeys = ["breaks", "percent", "values"]

    package static func build(_ input: ChartInput) throws -> any ChartDescription {
        let table = input.table
        let rowEnc = try input.require("row"), colEnc = try input.require("column")
        var rows: [ChartKey] = [], columns: [ChartKey] = [], values: [String: [String: Double]] = [:]
        for (i, row) in table.rows.enumerated() {
            let r = rowEnc.value(row), c = colEnc.value(row)
            if !rows.contains(where: { $0.id == r }) { rows.append(ChartKey(r, rowEnc.label(row))) }
            if !columns.contains(where: { $0.id == c }) { columns.append(ChartKey(c, colEnc.label(row))) }
            if values[r]?[c] != nil { throw SpecError(table.locations[i], "one value for row '\(r)' and column '\(c)'", "a second one") }
            values[r, default: [:]][c] = try input.value.number(row, table.locations[i])
        }
        let h = try input.options()
        var breaks: [Double]? = nil
        if let bn = h?.child("breaks") {
            let b = try bn.list().map { try $0.number() }
            guard b.count >= 2, zip(b, b.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw SpecError(bn.location, "at least two increasing class bounds, such as [0, 50, 80, 100]", bn.describe)
            }
            breaks = b
        }
        let percent = try h?.child("percent")?.bool() ?? (table.rows.first.map { $0["unit"] == "percent" } ?? false)
        return HeatmapChart(rows: rows, columns: columns, values: values, breaks: breaks, percent: percent, texts: input.texts,
                            language: input.language, valueDigits: input.value.digitsRange ?? 0...1,
                            showValues: try h?.child("values")?.bool() ?? true, width: input.width, height: input.height, theme: input.theme)
    }

    package static func colorKeys(of chart: any ChartDescription) -> [ChartKey] { [] }
}
