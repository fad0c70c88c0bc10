import AnnexData
import AnnexScene
import Testing
@testable import AnnexCharts

/// A measurer with fixed glyph widths, so chart layout can be tested without fonts.
struct FakeMeasurer: TextMeasurer {
    func measure(_ r: TextLayoutRequest) -> TextMetrics {
        let advance = r.font.size * 0.6
        let lineH = r.font.size * 1.2
        let full = Double(r.text.count) * advance
        guard let w = r.maxWidth, full > w else {
            return TextMetrics(width: full, height: lineH, baseline: r.font.size, lineCount: 1, isTruncated: false)
        }
        var lines = Int((full / w).rounded(.up))
        var truncated = false
        if case .wrap(let maxLines?) = r.overflow, lines > maxLines { lines = maxLines; truncated = true }
        if case .ellipsis = r.overflow { lines = 1; truncated = true }
        return TextMetrics(width: w, height: Double(lines) * lineH, baseline: r.font.size, lineCount: lines,
                           isTruncated: truncated)
    }
}

func sampleChart(width: Double = 1600, height: Double = 900, language: Language = .vi) -> BarChart {
    BarChart(
        categories: [ChartKey("all", "Toàn tỉnh"), ChartKey("border", "Xã biên giới"),
                     ChartKey("pilot", "05 xã đặc biệt khó khăn tỉnh chỉ đạo điểm")],
        series: [ChartKey("2018", "Năm 2018"), ChartKey("2019", "Năm 2019")],
        values: [BarValue(category: "all", series: "2018", value: 10.04), BarValue(category: "all", series: "2019", value: 11.54),
                 BarValue(category: "border", series: "2018", value: 9.35), BarValue(category: "border", series: "2019", value: 10.6),
                 BarValue(category: "pilot", series: "2018", value: 12), BarValue(category: "pilot", series: "2019", value: 17.2)],
        targets: [BarTarget(category: "border", series: "2019", low: 10.4),
                  BarTarget(category: "pilot", series: "2019", low: 17),
                  BarTarget(category: "all", series: "2019", low: 11.5, high: 12)],
        targetLegend: "Kế hoạch 2019",
        texts: ChartTexts(figureLabel: "Biểu đồ 1.", title: "Bình quân tiêu chí/xã theo nhóm xã",
                          subtitle: "Tỉnh Lạng Sơn", valueAxisTitle: "Tiêu chí/xã", notes: ["Ghi chú một."],
                          source: "Thông báo", illustrative: true),
        language: language, width: width, height: height)
}

/// A mark of a scene found by its id, for tests: a rectangle or a text, or an error naming the id.
protocol SceneLookup {}
extension SceneLookup {
    func rect(_ s: Scene, _ id: String) throws -> Rect {
        guard case .rect(let r)? = s.mark(id: id)?.mark else { throw MissingMark(id: id) }
        return r.rect
    }
    func text(_ s: Scene, _ id: String) throws -> TextMark {
        guard case .text(let t)? = s.mark(id: id)?.mark else { throw MissingMark(id: id) }
        return t
    }
}

/// No mark of that id in the scene.
struct MissingMark: Error { var id: String }

@Suite struct BarChartTests: SceneLookup {

    /// The zero line and the top grid line give the scale; every bar's height follows its value.
    @Test func barHeightsFollowValues() throws {
        let s = try sampleChart().scene(measurer: FakeMeasurer())
        let grid = s.leaves.compactMap { p -> (String, Double)? in
            guard case .path(let m) = p.mark, let id = m.id, id.hasPrefix("grid/"), case .move(let a) = m.elements[0] else { return nil }
            return (id, a.y)
        }
        let tickValues = try (0..<grid.count).map { try text(s, "tick/\($0)").text }
        #expect(tickValues == ["0", "5", "10", "15", "20"])
        let y0 = grid[0].1, y20 = grid[4].1
        let pxPerUnit = (y0 - y20) / 20
        for (c, sr, v) in [("all", "2018", 10.04), ("all", "2019", 11.54), ("border", "2019", 10.6), ("pilot", "2019", 17.2)] {
            let r = try rect(s, BarChart.barID(c, sr))
            #expect(abs(r.height - v * pxPerUnit) < 1e-9)
            #expect(abs(r.maxY - y0) < 1e-9)
        }
        // A point target is a line at its value; a range target is a band.
        guard case .path(let tick)? = s.mark(id: "target/border/2019")?.mark, case .move(let a) = tick.elements[0] else {
            Issue.record("no target line"); return
        }
        #expect(abs(a.y - (y0 - 10.4 * pxPerUnit)) < 1e-9)
        let band = try rect(s, "target/all/2019")
        #expect(abs(band.minY - (y0 - 12 * pxPerUnit)) < 1e-9)
        #expect(abs(band.maxY - (y0 - 11.5 * pxPerUnit)) < 1e-9)
    }

    /// One number of decimals for every value and plan label of a chart: 10,04 stands beside 12,00, never 12,0.
    @Test func labelsUseTheLanguagesNumberFormat() throws {
        let vi = try sampleChart().scene(measurer: FakeMeasurer())
        #expect(try text(vi, "value/all/2018").text == "10,04")
        #expect(try text(vi, "value/pilot/2018").text == "12,00")
        #expect(try text(vi, "target-label/border/2019").text == "KH 10,40")
        #expect(try text(vi, "target-label/all/2019").text == "KH 11,50–12,00")
        #expect(try text(vi, "illustrative").text == "Số liệu minh họa")
        let en = try sampleChart(language: .en).scene(measurer: FakeMeasurer())
        #expect(try text(en, "value/all/2018").text == "10.04")
        #expect(try text(en, "target-label/border/2019").text == "Plan 10.40")
        var whole = sampleChart()
        whole.values = whole.values.map { var v = $0; v.value = v.value.rounded(); return v }
        whole.targets = []
        let w = try whole.scene(measurer: FakeMeasurer())
        #expect(try text(w, "value/all/2018").text == "10,0" && text(w, "value/pilot/2019").text == "17,0", "the fewest decimals the range allows")
    }

    @Test func valueLabelsSitAboveTheirBarsAndTargets() throws {
        let s = try sampleChart().scene(measurer: FakeMeasurer())
        let m = FakeMeasurer()
        let bar = try rect(s, BarChart.barID("border", "2019"))
        let label = try text(s, "value/border/2019").bounds(m.measure(try text(s, "value/border/2019")))
        #expect(label.maxY <= bar.minY)
        #expect(abs(label.midX - bar.midX) < 1e-9)
    }

    /// A plan label stands at its plan line (just above a tick over the bar, just under a tick inside it), not
    /// above the bar's value label wherever the plan is.
    @Test func planLabelsSitAtTheirPlanLines() throws {
        let s = try sampleChart().scene(measurer: FakeMeasurer())
        let m = FakeMeasurer()
        let grid = s.leaves.compactMap { p -> Double? in
            guard case .path(let g) = p.mark, g.id?.hasPrefix("grid/") == true, case .move(let a) = g.elements[0] else { return nil }
            return a.y
        }
        let y0 = grid[0], pxPerUnit = (grid[0] - grid[4]) / 20
        for (c, plan) in [("border", 10.4), ("pilot", 17.0), ("all", 12.0)] {
            let label = try text(s, "target-label/\(c)/2019")
            let box = label.bounds(m.measure(label))
            let lineY = y0 - plan * pxPerUnit
            let distance = min(abs(box.maxY - lineY), abs(box.minY - lineY))
            #expect(distance < 19 * 0.6 + 6, "\(c): the plan label is \(distance) px from its line")
        }
    }

    @Test func noTextOverlapsOrLeavesTheCanvas() throws {
        for (w, h) in [(1600.0, 900.0), (1200, 800), (1920, 1080)] {
            for lang in Language.allCases {
                let s = try sampleChart(width: w, height: h, language: lang).scene(measurer: FakeMeasurer())
                let boxes = s.textBoxes(FakeMeasurer())
                for b in boxes { #expect(s.bounds.contains(b.box), "\(b.mark.id ?? b.mark.text) leaves \(w)×\(h)") }
                for i in boxes.indices { for j in boxes.indices where j > i {
                    #expect(!boxes[i].box.intersects(boxes[j].box),
                            "\(boxes[i].mark.id ?? "") overlaps \(boxes[j].mark.id ?? "") at \(w)×\(h)")
                } }
            }
        }
    }

    @Test func tooSmallACanvasIsAnError() {
        #expect(throws: ChartError.self) { try sampleChart(width: 300, height: 200).scene(measurer: FakeMeasurer()) }
    }

    @Test func nonFiniteValuesAreRejected() {
        var c = sampleChart()
        c.values[0].value = .nan
        #expect(throws: ChartError.self) { try c.scene(measurer: FakeMeasurer()) }
    }
}
