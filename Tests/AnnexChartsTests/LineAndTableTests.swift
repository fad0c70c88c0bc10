import AnnexData
import AnnexScene
import Testing
@testable import AnnexCharts

@Suite struct LineChartTests {
    func chart() -> LineChart {
        LineChart(xValues: [2016, 2017, 2018, 2019, 2020],
                  series: [LineChart.Series(ChartKey("a", "Toàn tỉnh"), points: [2016: 8, 2017: 9, 2019: 11.5, 2020: 12.7], estimates: [2020]),
                           LineChart.Series(ChartKey("b", "Xã biên giới"), points: [2016: 7, 2017: 8, 2018: 9.35, 2019: 10.6, 2020: 11.75], estimates: [2020])],
                  targets: [.init(low: 11.5, high: 12, series: "b", label: "KH")], texts: ChartTexts(title: "T"))
    }

    /// A missing value breaks the line; segments into an estimate are dashed; estimated points are hollow.
    @Test func gapsAndEstimates() throws {
        let s = try chart().scene(measurer: FakeMeasurer())
        #expect(s.mark(id: "line/a/2017") == nil)            // 2017 → 2018: 2018 is missing
        #expect(s.mark(id: "line/a/2018") == nil)            // 2018 → 2019: likewise
        guard case .path(let solid)? = s.mark(id: "line/a/2016")?.mark, case .path(let dashed)? = s.mark(id: "line/a/2019")?.mark,
              case .path(let hollow)? = s.mark(id: "point/a/2020")?.mark, case .path(let full)? = s.mark(id: "point/a/2019")?.mark else {
            Issue.record("marks missing"); return
        }
        #expect(solid.stroke?.dash.isEmpty == true)
        #expect(dashed.stroke?.dash.isEmpty == false)
        #expect(hollow.fill == Theme.report.background && full.fill != Theme.report.background)
        #expect(s.mark(id: "target/0") != nil)
    }

    @Test func endLabelsDoNotOverlap() throws {
        let m = FakeMeasurer()
        let s = try chart().scene(measurer: m)
        let labels = s.textBoxes(m).filter { $0.mark.id?.hasPrefix("end-label/") == true }
        #expect(labels.count == 2)
        #expect(!labels[0].box.intersects(labels[1].box))
        #expect(labels.allSatisfy { s.bounds.contains($0.box) })
    }
}

@Suite struct TableLayoutTests {
    /// A long table breaks across pages and repeats its header on each; numbers are right-aligned.
    @Test func longTablesRepeatTheirHeader() {
        let rows = (1...120).map { i in [TableContent.Cell("Xã \(i)"), TableContent.Cell(NumberFormat(.vi)(Double(i) * 1.5))] }
        let t = TableContent(caption: "Biểu 05. Danh sách", columns: [.init("Xã"), .init("Giá trị", align: .right)], rows: rows,
                             totals: [TableContent.Cell("Tổng"), TableContent.Cell("10.890")])
        let pages = TableLayout(t, fontSize: 11).pages(left: 64, width: 666, firstTop: 64, top: 64, bottom: 1059, measurer: FakeMeasurer())
        #expect(pages.count >= 3)
        for p in pages {
            let headers = p.compactMap { m -> TextMark? in if case .text(let x) = m, x.id?.hasPrefix("header/") == true { return x }; return nil }
            #expect(headers.map(\.text) == ["Xã", "Giá trị"])
        }
        let last = pages.last!.compactMap { m -> TextMark? in if case .text(let x) = m, x.id?.hasPrefix("totals/") == true { return x }; return nil }
        #expect(last.map(\.text) == ["Tổng", "10.890"])
        let values = pages.flatMap { $0 }.compactMap { m -> TextMark? in if case .text(let x) = m, x.id?.hasSuffix("/1") == true, x.id?.hasPrefix("row/") == true { return x }; return nil }
        #expect(values.count == 120)
        #expect(values.allSatisfy { $0.horizontalAnchor == .end })
        // Every row lies inside the page.
        for p in pages { for case .text(let x) in p { #expect(x.position.y < 1059) } }
    }
}
