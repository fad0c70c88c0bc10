import AnnexChartSpec
import AnnexCharts
import AnnexScene
import Foundation
import Testing

/// Spec rules a review asked for: every misspelt layout key at once and in a stable order, a channel or option of
/// another kind refused, targets over periods the chart does not show refused, style colours of dumbbells used.
@Suite struct SpecRuleTests {
    func error(_ yaml: String) -> String? {
        do { _ = try ChartSpec.parse(yaml, file: "t.yaml", baseFolder: NSTemporaryDirectory()); return nil } catch { return "\(error)" }
    }
    let bars = "type: bar\ndata: { values: [ { c: a, v: 12 }, { c: b, v: 30 } ] }\nencoding: { category: c, value: v }\n"

    @Test func everyMisspeltLayoutKeyAtOnceInOrder() throws {
        let spec = bars + "layout:\n  plot: { box: [100, 100, 500, 400] }\n  grid: { colour: \"#DDDDDD\" }\n  values: { siz: 11 }\n  y_ticks: { lenght: 4 }\n  title: { sise: 20 }\n"
        let first = try #require(error(spec))
        for _ in 0..<5 { #expect(error(spec) == first) }
        let keys = ["layout.grid.colour", "layout.values.siz", "layout.y_ticks.lenght", "layout.title.sise"]
        let at = keys.map { first.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil }, "\(first)")
        #expect(zip(at, at.dropFirst()).allSatisfy { $0! < $1! }, "in the order of the block")
    }

    @Test func channelsAndOptionsOfAnotherKindAreRefused() throws {
        let row = try #require(error("type: bar\ndata: { values: [ { c: a, v: 1 } ] }\nencoding: { category: c, value: v, row: c }\n"))
        #expect(row.contains("t.yaml:3") && row.contains("a channel of a bar chart") && row.contains("found 'row'"), "\(row)")
        let diverges = try #require(error(bars + "bar: { diverges_from: \"bình quân toàn tỉnh\" }\n"))
        #expect(diverges.contains("bar.diverges_from") && diverges.contains("diverging"), "\(diverges)")
        // The kind's own digits are read, not ignored.
        let spec = try ChartSpec.parse(bars + "bar: { digits: [2, 2] }\n", file: "t.yaml", baseFolder: NSTemporaryDirectory())
        #expect((spec.chart as? BarChart)?.valueDigits == 2...2)
    }

    @Test func aTargetOutsideTheChartsPeriodsIsRefused() throws {
        let line = "type: line\ndata: { values: [ { x: 2018, v: 9 }, { x: 2019, v: 10 }, { x: 2020, v: 11 } ] }\nencoding: { x: x, value: v }\n"
        let late = try #require(error(line + "line: { targets: [ { value: 11, from: 2025 } ] }\n"))
        #expect(late.contains("a first period within the chart's x (2018–2020)") && late.contains("2025"), "\(late)")
        let early = try #require(error(line + "line: { targets: [ { value: 11, to: 2010 } ] }\n"))
        #expect(early.contains("a last period within the chart's x (2018–2020)"), "\(early)")
    }

    @Test func dumbbellColoursFollowTheStyle() throws {
        let spec = try ChartSpec.parse("""
            type: dumbbell
            data: { values: [ { g: a, y: "2018", v: 9 }, { g: a, y: "2019", v: 10 } ] }
            encoding: { category: g, series: y, value: v }
            dumbbell: { from: "2018", to: "2019" }
            style: { colors: { "2018": "#FF0000" } }
            """, file: "t.yaml", baseFolder: NSTemporaryDirectory())
        let s = try spec.chart.scene(measurer: WidthMeasurer())
        guard case .path(let dot)? = s.mark(id: "from/a")?.mark else { Issue.record("no dot"); return }
        #expect(dot.fill == Color(hex: "#FF0000"))
    }

    /// A short slide keeps every text at 24 px or more.
    @Test func shortSlidesKeepTheirSmallestText() {
        let t = Theme.slide.fitted(width: 1920, height: 600)
        #expect([t.titleSize, t.subtitleSize, t.axisTitleSize, t.tickLabelSize, t.categoryLabelSize, t.valueLabelSize, t.legendSize, t.footerSize].allSatisfy { $0 >= 24 })
    }
}

/// Text measured as 0,6 em per character: enough to lay a chart out without fonts.
struct WidthMeasurer: TextMeasurer {
    func measure(_ r: TextLayoutRequest) -> TextMetrics {
        TextMetrics(width: Double(r.text.count) * r.font.size * 0.6, height: r.font.size * 1.2, baseline: r.font.size, lineCount: 1, isTruncated: false)
    }
}
