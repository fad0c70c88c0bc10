import AnnexData
import AnnexScene
import Testing
@testable import AnnexCharts

/// A time axis of periods: one slot per period, a missing one a gap (never bridged), labels in each language,
/// thinned to whole quarters, half-years or years.
@Suite struct TimeAxisTests {
    func month(_ m: Int, _ y: Int = 2020) -> Double { Double(Period.month(m, of: y).ordinal) }

    func monthly(_ lang: Language = .vi) -> LineChart {
        var pts: [Double: Double] = [:]
        for m in [1, 2, 3, 5, 6] { pts[month(m)] = Double(m * 10) }
        var c = LineChart(xValues: pts.keys.sorted(), series: [LineChart.Series(ChartKey("a", "Giải ngân"), points: pts)],
                          texts: ChartTexts(title: "T"), language: lang)
        c.periods = .month
        return c
    }

    /// April is missing from every series: it keeps its slot, and the line breaks into two segments around it.
    @Test func aMissingMonthIsAGap() throws {
        let s = try monthly().scene(measurer: FakeMeasurer())
        let segments = s.leaves.compactMap { $0.mark.id }.filter { $0.hasPrefix("line/a/") }
        #expect(segments.count == 3, "Jan–Feb, Feb–Mar, May–Jun: \(segments)")
        #expect(s.mark(id: "line/a/\(NumberFormat.plain(month(3)))") == nil && s.mark(id: "line/a/\(NumberFormat.plain(month(4)))") == nil)
        guard case .path(let p3)? = s.mark(id: "point/a/\(NumberFormat.plain(month(3)))")?.mark,
              case .path(let p5)? = s.mark(id: "point/a/\(NumberFormat.plain(month(5)))")?.mark,
              case .path(let p2)? = s.mark(id: "point/a/\(NumberFormat.plain(month(2)))")?.mark else { Issue.record("points"); return }
        let step = p3.controlBounds!.midX - p2.controlBounds!.midX
        #expect(abs((p5.controlBounds!.midX - p3.controlBounds!.midX) - 2 * step) < 1e-6, "April's slot stays empty")
    }

    /// Month labels read T6/2020 in Vietnamese and Jun 2020 in English; quarters Quý II/2020 and Q2 2020.
    @Test func labelsInBothLanguages() throws {
        let vi = try monthly().scene(measurer: FakeMeasurer()), en = try monthly(.en).scene(measurer: FakeMeasurer())
        #expect(vi.mark(id: "x/T1/2020") != nil && vi.mark(id: "x/T5/2020") != nil)
        #expect(en.mark(id: "x/Jan 2020") != nil && en.mark(id: "x/May 2020") != nil)
        var q = LineChart(xValues: [1, 2, 3].map { Double(Period.quarter($0, of: 2020).ordinal) },
                          series: [LineChart.Series(ChartKey("a", "A"), points: Dictionary(uniqueKeysWithValues: [1, 2, 3].map { (Double(Period.quarter($0, of: 2020).ordinal), Double($0)) }))],
                          texts: ChartTexts(title: "T"), language: .vi)
        q.periods = .quarter
        #expect(try q.scene(measurer: FakeMeasurer()).mark(id: "x/Quý II/2020") != nil)
        q.language = .en; q.periods = .quarter
        #expect(try q.scene(measurer: FakeMeasurer()).mark(id: "x/Q2 2020") != nil)
    }

    /// Many months thin to whole quarters (January, April, July, October), never to arbitrary months.
    @Test func crowdedMonthsThinToQuarters() throws {
        var pts: [Double: Double] = [:]
        for y in [2019, 2020] { for m in 1...12 { pts[month(m, y)] = Double(m) } }
        var c = LineChart(xValues: pts.keys.sorted(), series: [LineChart.Series(ChartKey("a", "A"), points: pts)], texts: ChartTexts(title: "T"),
                          width: 900, height: 500)
        c.periods = .month
        let labels = try c.scene(measurer: FakeMeasurer()).leaves.compactMap { $0.mark.id }.filter { $0.hasPrefix("x/") }
        #expect(!labels.isEmpty && labels.count < 24)
        let months = Set(labels.map { String($0.dropFirst(3).split(separator: "/")[0]) })
        #expect(months.isSubset(of: ["1", "4", "7", "10"]) || months.isSubset(of: ["1", "7"]) || months == ["1"], "\(labels)")
    }

    /// A year missing from every series keeps its slot too: 2017 and 2019 are not joined.
    @Test func aMissingYearIsAGap() throws {
        let c = LineChart(xValues: [2016, 2017, 2019, 2020], series: [LineChart.Series(ChartKey("a", "A"), points: [2016: 1, 2017: 2, 2019: 3, 2020: 4])],
                          texts: ChartTexts(title: "T"))
        let s = try c.scene(measurer: FakeMeasurer())
        #expect(s.mark(id: "line/a/2017") == nil && s.mark(id: "line/a/2016") != nil && s.mark(id: "line/a/2019") != nil)
    }

    /// A period that is not over (figures to a cut-off date) is drawn apart: the segment into it dotted, its point
    /// hollow, its date above it, and a legend entry that says so.
    @Test func aPartialPeriodIsDrawnApart() throws {
        var c = monthly()
        c.series[0].partial = [month(6): "đến 15/6/2020"]
        let s = try c.scene(measurer: FakeMeasurer())
        guard case .path(let into)? = s.mark(id: "line/a/\(NumberFormat.plain(month(5)))")?.mark,
              case .path(let before)? = s.mark(id: "line/a/\(NumberFormat.plain(month(2)))")?.mark,
              case .path(let point)? = s.mark(id: "point/a/\(NumberFormat.plain(month(6)))")?.mark,
              case .text(let date)? = s.mark(id: "partial/a/\(NumberFormat.plain(month(6)))")?.mark else { Issue.record("marks"); return }
        #expect(into.stroke?.dash.isEmpty == false && before.stroke?.dash.isEmpty == true)
        #expect(point.fill == Theme.report.background && date.text == "đến 15/6/2020")
        #expect(s.mark(id: "legend/partial") != nil)
    }
}
