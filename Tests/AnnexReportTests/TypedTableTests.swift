import AnnexChartSpec
import AnnexCharts
import AnnexRender
import AnnexSpec
import Foundation
import Testing

/// The data a spec loads are a typed table: each column text, number (with the decimals it was written with) or
/// date, and the table's decimal separator a property of the table, not a hidden key of every row.
@Suite struct TypedTableTests {
    func load(_ yaml: String, folder: String = NSTemporaryDirectory()) throws -> DataTable {
        let node = try SpecNode.parse(yaml, file: "t.yaml")
        return try DataTable.load(try node.require("data"), language: .vi, baseFolder: folder, context: SpecContext())
    }

    @Test func columnsHaveTypes() throws {
        let t = try load("""
            data:
              values:
                - { district: "Cao Lộc", period: "2020-06", cutoff: "2020-06-30", value: "10.60", n: 20 }
                - { district: "Hữu Lũng", period: "2020-07", cutoff: "2020-07-31", value: "9.4", n: 26 }
            """)
        #expect(t.types["district"] == .text)
        #expect(t.types["period"] == .date && t.types["cutoff"] == .date)
        #expect(t.types["value"] == .number(decimals: 2) && t.types["n"] == .number(decimals: 0))
        #expect(t.number(t.rows[1], "value") == 9.4)
    }

    /// A CSV written with decimal commas keeps its separator in the table; numbers are read in it.
    @Test func aCSVsDecimalCommaIsTheTables() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-typed-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "nguon;von\nNgân sách;985,7\nHuy động;3.125,8\n".write(toFile: dir + "/von.csv", atomically: true, encoding: .utf8)
        let t = try load("data: { csv: von.csv, decimal: \",\" }", folder: dir)
        #expect(t.decimalSeparator == "," && t.types["von"] == .number(decimals: 1))
        #expect(t.number(t.rows[1], "von") == 3125.8)
        #expect(t.rows.allSatisfy { $0.keys.sorted() == ["nguon", "von"] }, "no hidden keys in the rows")
    }

    /// Value labels keep the decimals the data were written with when the spec does not say.
    @Test func labelsKeepTheDataDecimals() throws {
        let spec = try ChartSpec.parse("""
            type: bar
            data: { values: [ { c: a, v: "10.60" }, { c: b, v: "12.00" } ] }
            encoding: { category: c, value: v }
            """, file: "t.yaml", baseFolder: NSTemporaryDirectory())
        let bar = try #require(spec.chart as? BarChart)
        #expect(bar.valueDigits == 2...2)
        // Whole numbers with plans of one decimal: the plans keep theirs (12,5), and so the values show 12,0.
        let planned = try ChartSpec.parse("""
            type: bar
            data: { values: [ { c: a, v: 12, p: 12.5 }, { c: b, v: 17, p: 16.6 } ] }
            encoding: { category: c, value: v, target: p }
            """, file: "t.yaml", baseFolder: NSTemporaryDirectory())
        let s = try (try #require(planned.chart as? BarChart)).scene(measurer: PangoTextMeasurer())
        guard case .text(let plan)? = s.mark(id: "target-label/a/value")?.mark else { Issue.record("no plan label"); return }
        #expect(plan.text == "KH 12,5")
    }
}

/// Periods along a line chart's x: parsed, of one length, placed by ordinal; a wrong one is a located error.
@Suite struct PeriodAxisSpecTests {
    @Test func monthsOfOneLength() throws {
        let spec = try ChartSpec.load(path: repoRoot + "/docs/examples/monthly-line.yaml")
        let line = try #require(spec.chart as? LineChart)
        #expect(line.periods == .month && line.xValues.count == 11)
        let mixed = """
            type: line
            data: { values: [ { m: "2020-05", v: 1 }, { m: "2020-Q3", v: 2 } ] }
            encoding: { x: m, value: v }
            """
        #expect(throws: (any Error).self) { try ChartSpec.parse(mixed, file: "mixed.yaml", baseFolder: "/tmp") }
        do { _ = try ChartSpec.parse(mixed, file: "mixed.yaml", baseFolder: "/tmp") } catch {
            #expect("\(error)".contains("mixed.yaml:2") && "\(error)".contains("periods of one length in 'm' (the first rows are months)") && "\(error)".contains("2020-Q3"), "\(error)")
        }
    }

    /// A cut-off date before its period's end makes the period partial, with the date in the chart's language; a
    /// date outside its period is a located error.
    @Test func cutOffDates() throws {
        let yaml = { (lang: String, cut: String) in """
            type: line
            lang: \(lang)
            data: { values: [ { m: "2020-05", v: 1 }, { m: "2020-06", v: 2, c: "\(cut)" } ] }
            encoding: { x: m, value: v, cutoff: c }
            """ }
        let vi = try #require(try ChartSpec.parse(yaml("vi", "2020-06-15"), file: "c.yaml", baseFolder: "/tmp").chart as? LineChart)
        #expect(vi.series[0].partial.values.first == "đến 15/6/2020")
        let en = try #require(try ChartSpec.parse(yaml("en", "2020-06-15"), file: "c.yaml", baseFolder: "/tmp").chart as? LineChart)
        #expect(en.series[0].partial.values.first == "to 15 Jun 2020")
        let whole = try #require(try ChartSpec.parse(yaml("vi", "2020-06-30"), file: "c.yaml", baseFolder: "/tmp").chart as? LineChart)
        #expect(whole.series[0].partial.isEmpty, "a cut-off on the period's last day: the period is whole")
        do { _ = try ChartSpec.parse(yaml("vi", "2020-07-02"), file: "c.yaml", baseFolder: "/tmp"); Issue.record("accepted") } catch {
            #expect("\(error)".contains("c.yaml:3") && "\(error)".contains("a cut-off date within 2020-06"), "\(error)")
        }
    }
}
