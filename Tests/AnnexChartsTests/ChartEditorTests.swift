import AnnexData
import AnnexScene
import Testing
@testable import AnnexCharts

/// The defects a chart editor found, each checked on the scene: canvases that fit their content, the same form
/// in both languages, dark slides that keep print's order, diverging bars that say what they diverge from, targets
/// over their own periods, sentences for alt text, the heat map and tables.
@Suite struct ChartEditorTests: SceneLookup {

    func bars(_ n: Int, orientation: BarChart.Orientation = .vertical, theme: Theme = .report) -> BarChart {
        let cats = (0..<n).map { ChartKey("c\($0)", "Năm \(2018 + $0)") }
        return BarChart(categories: cats, series: [ChartKey("v", "Số xã")],
                        values: cats.enumerated().map { BarValue(category: $0.element.id, series: "v", value: Double(9 + 2 * $0.offset)) },
                        texts: ChartTexts(title: "Số xã đạt chuẩn"), orientation: orientation, valueDigits: 0...0,
                        width: theme.keepsCanvas ? 1920 : 1600, height: theme.keepsCanvas ? 1080 : 900, theme: theme)
    }

    /// Three bars do not sit in a third of a 1600 px plot: the canvas narrows; one horizontal bar does not fill a
    /// 900 px canvas: it shortens. The bars then span most of the plot. A slide keeps its 16:9 frame.
    @Test func theCanvasFitsItsContent() throws {
        let three = try bars(3).scene(measurer: FakeMeasurer())
        #expect(three.width < 1200 && three.height == 900)
        let first = try rect(three, BarChart.barID("c0", "v")), last = try rect(three, BarChart.barID("c2", "v"))
        let plotWidth = three.width - 2 * Theme.report.padding
        #expect((last.maxX - first.minX) / plotWidth > 0.6, "the bars span \(last.maxX - first.minX) px of \(plotWidth)")
        let one = try bars(1, orientation: .horizontal).scene(measurer: FakeMeasurer())
        #expect(one.width == 1600 && one.height < 600)
        let slide = try bars(3, theme: .slide).scene(measurer: FakeMeasurer())
        #expect(slide.width == 1920 && slide.height == 1080)
        // Text keeps the size of the canvas asked for: a narrowed chart's title is as large as a wide one's.
        #expect(try text(three, "title").font.size == (try text(try bars(12).scene(measurer: FakeMeasurer()), "title")).font.size)
    }

    /// Vietnamese and English editions of a line chart have the same form: labels at the line ends in both,
    /// however long the English names are.
    @Test func bothLanguagesHaveTheSameForm() throws {
        for (lang, names) in [(Language.vi, ["Toàn tỉnh", "Xã biên giới", "05 xã ĐBKK chỉ đạo điểm"]),
                              (.en, ["Province", "Border communes", "5 pilot especially difficult communes"])] {
            let series = names.enumerated().map { LineChart.Series(ChartKey("s\($0.offset)", $0.element), points: [2018: 10 + Double($0.offset), 2019: 11 + Double($0.offset)]) }
            let s = try LineChart(xValues: [2018, 2019], series: series, texts: ChartTexts(title: "T"), language: lang).scene(measurer: FakeMeasurer())
            for k in series.indices {
                #expect(s.mark(id: "end-label/s\(k)") != nil, "\(lang): series \(k) has its end label")
                #expect(s.mark(id: "legend/s\(k)") == nil, "\(lang): no legend entry for series \(k)")
            }
        }
    }

    /// A target applies to the periods it names: a 2020 plan band covers the 2020 slot only.
    @Test func aTargetSpansOnlyItsPeriods() throws {
        let c = LineChart(xValues: [2018, 2019, 2020],
                          series: [LineChart.Series(ChartKey("b", "Xã biên giới"), points: [2018: 9.35, 2019: 10.6, 2020: 11.75])],
                          targets: [.init(low: 11.5, high: 12, series: "b", label: "Kế hoạch 2020", from: 2020)], texts: ChartTexts(title: "T"))
        let s = try c.scene(measurer: FakeMeasurer())
        let band = try rect(s, "target/0")
        guard case .path(let p2019)? = s.mark(id: "point/b/2019")?.mark, case .path(let p2020)? = s.mark(id: "point/b/2020")?.mark else {
            Issue.record("points missing"); return
        }
        let x2019 = p2019.controlBounds!.midX, x2020 = p2020.controlBounds!.midX
        #expect(band.minX > x2019 && band.minX < x2020 && band.maxX > x2020, "band \(band.minX)–\(band.maxX), points at \(x2019), \(x2020)")
    }

    /// Dark slides keep print's order of an ordered palette (more is darker), and the darkest class still stands
    /// out from the dark ground; the % labels of 100 % bars stay.
    @Test func darkSlidesKeepThePalettesOrder() throws {
        for theme in [Theme.report, .slideDark] {
            let colors = (0..<5).map { theme.seriesColor($0, of: 5, ordered: true) }
            #expect(zip(colors, colors.dropFirst()).allSatisfy { $0.luminance > $1.luminance }, "\(theme.name): light to dark")
        }
        let ground = Theme.slideDark.background.luminance
        let darkest = Theme.slideDark.seriesColor(4, of: 5, ordered: true).luminance
        #expect((darkest + 0.05) / (ground + 0.05) >= 3)
        let cats = (0..<11).map { ChartKey("d\($0)", "Huyện \($0)") }, series = (0..<5).map { ChartKey("b\($0)", "Nhóm \($0)") }
        let values = cats.flatMap { c in series.map { BarValue(category: c.id, series: $0.id, value: 4) } }
        let percent = BarChart(categories: cats, series: series, values: values, texts: ChartTexts(title: "Cơ cấu"), orientation: .horizontal,
                               mode: .percent, orderedSeries: true, width: 1920, height: 1080, theme: .slideDark)
        let s = try percent.scene(measurer: FakeMeasurer())
        #expect(s.mark(id: "value/d0/b0") != nil, "the 20 % segments keep their labels")
    }

    /// A diverging chart says what it diverges from, in blue and red (readable with red–green colour blindness).
    @Test func divergingBarsNameTheirReference() throws {
        let c = BarChart(categories: [ChartKey("a", "Hữu Lũng"), ChartKey("b", "Đình Lập")], series: [ChartKey("d", "Chênh lệch")],
                         values: [BarValue(category: "a", series: "d", value: 0.6), BarValue(category: "b", series: "d", value: -0.8)],
                         texts: ChartTexts(title: "T"), mode: .diverging, divergesFrom: "bình quân toàn tỉnh")
        let s = try c.scene(measurer: FakeMeasurer())
        #expect(try text(s, "legend/increase").text == "Cao hơn bình quân toàn tỉnh")
        #expect(try text(s, "legend/decrease").text == "Thấp hơn bình quân toàn tỉnh")
        guard case .rect(let up)? = s.mark(id: BarChart.barID("a", "d"))?.mark, case .rect(let down)? = s.mark(id: BarChart.barID("b", "d"))?.mark else {
            Issue.record("bars missing"); return
        }
        let (u, d) = (try #require(up.fill), try #require(down.fill))
        #expect(u.blue > u.red && u.blue > u.green, "increase is blue: \(u)")
        #expect(d.red > d.green * 2, "decrease is red: \(d)")
    }

    /// The estimate's legend swatch is drawn as the estimated bars are: hatched in their own colour.
    @Test func theEstimateSwatchMatchesTheBar() throws {
        var c = bars(3)
        c.values[2].isEstimate = true
        let s = try c.scene(measurer: FakeMeasurer())
        guard case .rect(let swatch)? = s.mark(id: "legend-symbol/estimate")?.mark, case .rect(let bar)? = s.mark(id: BarChart.barID("c2", "v"))?.mark else {
            Issue.record("swatch or bar missing"); return
        }
        let t = Theme.report
        #expect(swatch.fill == t.seriesColor(0, of: 1, ordered: false).mixed(with: t.background, amount: 0.55))
        #expect(bar.fill != nil)
    }

    /// Alt texts read as sentences: one per category or series, each ending with a full stop, estimates marked.
    @Test func altTextsAreSentences() throws {
        var c = bars(2)
        c.values[1].isEstimate = true
        let alt = c.altText(c.valueFormat)
        #expect(alt == "Năm 2018: Số xã: 9. Năm 2019: Số xã: 11 (ước).")
        let line = LineChart(xValues: [2019, 2020], series: [LineChart.Series(ChartKey("a", "Toàn tỉnh"), points: [2019: 11.54, 2020: 12.71], estimates: [2020])],
                             texts: ChartTexts(title: "T"))
        #expect(line.altText() == "Toàn tỉnh: 2019 11,54, 2020 12,71 (ước).")
    }
}

@Suite struct HeatmapTests {
    func chart(language: Language = .vi) -> HeatmapChart {
        HeatmapChart(rows: [ChartKey("178", "Tràng Định"), ChartKey("180", "Bình Gia")],
                     columns: [ChartKey("c01", "1. Quy hoạch"), ChartKey("c02", "2. Giao thông"), ChartKey("c03", "3. Thủy lợi")],
                     values: ["178": ["c01": 90, "c02": 33.3, "c03": 19.5], "180": ["c01": 100, "c02": 60]],
                     texts: ChartTexts(title: "Tỷ lệ xã đạt từng tiêu chí"), language: language)
    }

    /// Cells take their class's colour (classes closed below: 60 is in 60–80, 100 in the top class), a missing
    /// cell is hatched, values are labelled in the chart's one format, class labels do not share bounds.
    @Test func cellsLegendAndLabels() throws {
        let c = chart()
        #expect(c.classOf(19.5) == 0 && c.classOf(20) == 1 && c.classOf(60) == 3 && c.classOf(100) == 4)
        let s = try c.scene(measurer: FakeMeasurer())
        let t = Theme.report
        guard case .rect(let a)? = s.mark(id: "cell/178/c01")?.mark, case .rect(let b)? = s.mark(id: "cell/180/c02")?.mark else {
            Issue.record("cells missing"); return
        }
        #expect(a.fill == c.classColor(4, t) && b.fill == c.classColor(3, t))
        #expect(s.leaves.contains { $0.mark.id == "cell/180/c03" }, "the missing cell is drawn (hatched)")
        guard case .text(let v)? = s.mark(id: "value/178/c02")?.mark else { Issue.record("value missing"); return }
        #expect(v.text == "33", "cells carry the number; the legend says %")
        let labels = try (0..<5).map { i -> String in
            guard case .text(let l)? = s.mark(id: "legend/class/\(i)")?.mark else { throw MissingMark(id: "legend/class/\(i)") }
            return l.text
        }
        #expect(labels == ["Dưới 20%", "20% – dưới 40%", "40% – dưới 60%", "60% – dưới 80%", "Từ 80% trở lên"])
        #expect(s.mark(id: "legend/no-data") != nil)
        let en = try chart(language: .en).scene(measurer: FakeMeasurer())
        guard case .text(let e)? = en.mark(id: "legend/class/4")?.mark else { Issue.record("en legend"); return }
        #expect(e.text == "80% and over")
    }

    /// No text overlaps another or leaves the canvas.
    @Test func noTextOverlaps() throws {
        let s = try chart().scene(measurer: FakeMeasurer())
        let boxes = s.textBoxes(FakeMeasurer())
        for b in boxes { #expect(s.bounds.contains(b.box, tolerance: 0.5), "\(b.mark.id ?? b.mark.text) leaves the canvas") }
        for i in boxes.indices { for j in boxes.indices where j > i {
            #expect(!boxes[i].box.intersects(boxes[j].box, tolerance: 0.5), "\(boxes[i].mark.id ?? "") overlaps \(boxes[j].mark.id ?? "")")
        } }
    }
}

@Suite struct TableLayoutAlignmentTests {
    func layout() -> TableLayout {
        TableLayout(TableContent(caption: "Biểu 01. Bình quân tiêu chí/xã", columns: [.init("Nhóm xã"), .init("Năm 2019", align: .right), .init("Đánh giá", align: .center)],
                                 rows: [[.init("Toàn tỉnh"), .init("11,54"), .init("")], [.init("Xã biên giới"), .init("10,60"), .init("vượt kế hoạch", status: "exceeded")]],
                                 unit: "tiêu chí/xã"))
    }

    /// Headers stand as their columns do; the unit line sits under the caption at the table's right edge;
    /// columns are sized to their content, not stretched across the page.
    @Test func headersUnitAndWidths() throws {
        let marks = layout().pages(left: 50, width: 1000, firstTop: 50, top: 50, bottom: 1400, measurer: FakeMeasurer())[0]
        func text(_ id: String) -> TextMark? { marks.compactMap { if case .text(let t) = $0, t.id == id { return t } else { return nil } }.first }
        let header = try #require(text("header/1")), cell = try #require(text("row/0/1"))
        #expect(header.horizontalAnchor == .end && cell.horizontalAnchor == .end && header.position.x == cell.position.x)
        #expect(try #require(text("header/0")).horizontalAnchor == .start)
        let unit = try #require(text("table-unit"))
        #expect(unit.text == "Đơn vị tính: tiêu chí/xã" && unit.horizontalAnchor == .end)
        let widths = layout().columnWidths(1000, FakeMeasurer())
        #expect(widths.reduce(0, +) < 1000, "a table of three short columns is narrower than the page")
        #expect(abs(unit.position.x - (50 + widths.reduce(0, +))) < 1e-9)
    }
}

/// A map legend's classes never share a bound at the precision the map shows.
@Suite struct MapClassLabelTests {
    @Test func boundsAreNotShared() {
        let b = Boundaries(features: [BoundaryFeature(key: "a", name: "A", properties: [:], polygons: [Polygon(outer: square(106, 21, 1))])], file: "t")
        var map = MapChart(boundaries: b, panels: [.init(values: ["a": 11])], texts: ChartTexts(title: "T"), valueDigits: 1...1)
        let breaks = [10.6, 10.9, 11.7, 12.6, 19.0]
        #expect((0..<4).map { map.classRange($0, breaks) } == ["10,6–10,9", "11,0–11,7", "11,8–12,6", "12,7–19,0"])
        map.closedBelow = true
        #expect((0..<4).map { map.classRange($0, breaks) } == ["10,6–10,8", "10,9–11,6", "11,7–12,5", "12,6–19,0"])
        #expect(map.classRange(0, [15.2, 15.23, 16]) == "15,2", "a class narrower than the precision shows one value")
    }
}

/// Change maps: no change is a class of its own; negative numbers carry the true minus sign; classes never empty.
@Suite struct ChangeMapTests {
    func map() -> MapChart {
        let feats = ["a", "b", "c", "d"].enumerated().map { i, k in
            BoundaryFeature(key: k, name: k.uppercased(), properties: [:], polygons: [Polygon(outer: square(106 + Double(i), 21, 1))])
        }
        return MapChart(boundaries: Boundaries(features: feats, file: "t"), panels: [.init(values: ["a": -1.5, "b": 0, "c": 0.8, "d": 2.4])],
                        palette: .diverging, texts: ChartTexts(title: "Thay đổi"), valueDigits: 1...1)
    }

    @Test func zeroIsItsOwnClassAndMinusIsTrue() throws {
        let m = map()
        let s = try m.scene(measurer: FakeMeasurer())
        let legend = s.leaves.compactMap { p -> String? in if case .text(let t) = p.mark, t.id?.hasPrefix("legend/class/") == true { return t.text }; return nil }
        #expect(legend.contains("0,0 (1)"), "\(legend)")
        #expect(legend.first?.hasPrefix("\u{2212}") == true, "\(legend)")
        guard case .path(let zero)? = s.mark(id: "area/0/b")?.mark, case .path(let up)? = s.mark(id: "area/0/c")?.mark else { Issue.record("areas"); return }
        #expect(zero.fill == m.zeroColor(Theme.report) && zero.fill != up.fill)
        let values = s.leaves.compactMap { p -> String? in if case .text(let t) = p.mark, t.id == "label-value/0/a" { return t.text }; return nil }
        #expect(values == ["\u{2212}1,5"])
    }

    @Test func naturalBreaksHaveNoEmptyClass() {
        let b = Classification.naturalBreaks(5).breaks([10, 10, 10, 12, 12, 15])
        #expect(b == [10, 12, 15] || zip(b, b.dropFirst()).allSatisfy { $0 < $1 }, "\(b)")
        #expect(Classification.naturalBreaks(5).breaks([7, 7, 7]) == [7, 7], "one value: one class")
    }
}

/// Maps fit their canvas and never spill labels.
@Suite struct MapFitTests {
    @Test func smallMultiplesLoseTheEmptyHeight() throws {
        let b = Boundaries(features: [BoundaryFeature(key: "a", name: "A", properties: [:], polygons: [Polygon(outer: square(106, 21, 1))]),
                                      BoundaryFeature(key: "b", name: "B", properties: [:], polygons: [Polygon(outer: square(107, 21, 1))])], file: "t")
        let map = MapChart(boundaries: b, panels: [.init(title: "2018", values: ["a": 1, "b": 2]), .init(title: "2019", values: ["a": 2, "b": 3]),
                                                   .init(title: "2020", values: ["a": 3, "b": 4])],
                           showLabels: false, texts: ChartTexts(title: "T"))
        let s = try map.scene(measurer: FakeMeasurer())
        #expect(s.width == 1600 && s.height < 700, "\(s.width)×\(s.height)")
    }

    /// On a map of many areas (no callouts), an area too small for its label is not labelled over its neighbours:
    /// it is named in a note.
    @Test func aLabelWithNoRoomIsNamedInANote() throws {
        var feats = (0..<41).map { i in
            BoundaryFeature(key: "k\(i)", name: "Huyện \(i)", properties: [:], polygons: [Polygon(outer: square(100 + Double(i % 7) * 2, 10 + Double(i / 7) * 2, 1.9))])
        }
        feats.append(BoundaryFeature(key: "tiny", name: "Thành phố nhỏ", properties: [:], polygons: [Polygon(outer: square(101.95, 11.95, 0.05))]))
        let values = Dictionary(uniqueKeysWithValues: feats.map { ($0.key, 10.0) })
        let map = MapChart(boundaries: Boundaries(features: feats, file: "t"), panels: [.init(values: values)], texts: ChartTexts(title: "T"))
        let s = try map.scene(measurer: FakeMeasurer())
        let notes = s.leaves.compactMap { p -> String? in if case .text(let t) = p.mark, t.id?.hasPrefix("note/") == true { return t.text }; return nil }
        #expect(notes.contains { $0.contains("Thành phố nhỏ 10,0") && $0.contains("Không đủ chỗ ghi nhãn") }, "\(notes)")
        #expect(s.mark(id: "label-name/0/tiny") == nil && s.mark(id: "label-value/0/tiny") == nil)
    }
}
