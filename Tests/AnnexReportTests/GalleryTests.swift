import AnnexCharts
import AnnexData
@testable import AnnexRender
import AnnexScene
import Foundation
import Testing
@testable import AnnexReport
import AnnexTools

/// Every chart of the gallery (every type and variant, every theme, both languages), laid out with the real
/// fonts: no text box overlaps another, none leaves the canvas, none is cut short, every number is in the
/// chart's language.
@Suite struct GalleryTests {
    static let charts: [(path: String, chart: any ChartDescription)] = {
        guard let ds = try? Dataset.load(folder: bundledFolder), let g = try? Gallery(dataset: ds) else { return [] }
        return g.all()
    }()

    @Test func galleryHasEveryTypeThemeAndLanguage() {
        let paths = GalleryTests.charts.map(\.path)
        #expect(paths.count >= 60)
        for theme in ["report", "slide", "slide-dark"] {
            for lang in ["vi", "en"] {
                for kind in ["bar-grouped-plan", "bar-horizontal-sorted", "bar-stacked", "bar-percent", "bar-diverging",
                             "bar-criteria-share", "line-groups", "line-ntm-cumulative", "dumbbell", "bar-capital"] {
                    #expect(paths.contains { $0.hasPrefix("\(theme)/\(lang)/") && $0.hasSuffix(kind) }, "\(theme)/\(lang)/\(kind)")
                }
            }
        }
    }

    /// Every gallery chart as PNG: drawn and encoded in two bands on two threads, the bytes of one thread, and the
    /// pixels of one whole drawing through Cairo's own writer (no seam where the bands meet: curves, hairlines,
    /// translucent circles and text all cross it somewhere).
    @Test(arguments: GalleryTests.charts.map(\.path))
    func twoThreadsDrawEveryChartAsOne(_ path: String) throws {
        let chart = try #require(GalleryTests.charts.first { $0.path == path }).chart
        let scene = try chart.scene(measurer: PangoTextMeasurer())
        let one = try Renderer().render(scene, as: .png, options: RenderOptions(threads: 1))
        let two = try Renderer().render(scene, as: .png, options: RenderOptions(threads: 2))
        let sameBytes = one == two          // (not inside #expect: a failure would print megabytes)
        #expect(sameBytes, "\(path): two threads give other bytes")
        let whole = try Renderer().renderPNGWithCairosWriter(scene)
        let samePixels = decodedPixels(one) == decodedPixels(whole)
        #expect(samePixels, "\(path): the banded pixels differ from one whole drawing")
    }

    /// At print resolution (a Word figure's 300 dpi), where one thread draws eight strips each moved by its device
    /// offset: a map (many curves and hairlines), lines with translucent points, a heatmap and stacked bars still
    /// give the pixels of one whole drawing, and two threads the same bytes.
    static let printResolutionKinds = ["map-choropleth", "map-circles", "line-groups", "heatmap-criteria", "bar-stacked"]
    @Test(arguments: GalleryTests.charts.map(\.path).filter { path in
        path.hasPrefix("report/vi/") && printResolutionKinds.contains { path.hasSuffix($0) }
    })
    func stripsAtPrintResolutionDrawAsOne(_ path: String) throws {
        let chart = try #require(GalleryTests.charts.first { $0.path == path }).chart
        let scene = try chart.scene(measurer: PangoTextMeasurer())
        let scale = 300.0 / 96
        let one = try Renderer().render(scene, as: .png, options: RenderOptions(scale: scale, threads: 1))
        let two = try Renderer().render(scene, as: .png, options: RenderOptions(scale: scale, threads: 2))
        let sameBytes = one == two
        #expect(sameBytes, "\(path): two threads give other bytes")
        let samePixels = decodedPixels(one) == decodedPixels(try Renderer().renderPNGWithCairosWriter(scene, scale: scale))
        #expect(samePixels, "\(path): the pixels drawn in strips differ from one whole drawing")
    }

    @Test(arguments: GalleryTests.charts.map(\.path))
    func textIsCleanInEveryChart(_ path: String) throws {
        let chart = try #require(GalleryTests.charts.first { $0.path == path }).chart
        let m = PangoTextMeasurer()
        let s = try chart.scene(measurer: m)
        let boxes = s.textBoxes(m)
        #expect(boxes.count > 5)
        for b in boxes {
            #expect(s.bounds.contains(b.box, tolerance: 0.5), "\(path): \(b.mark.id ?? b.mark.text) leaves the canvas: \(b.box)")
            #expect(!m.measure(b.mark).isTruncated, "\(path): \(b.mark.id ?? b.mark.text) is cut short")
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i && boxes[i].box.intersects(boxes[j].box, tolerance: 0.5) {
                Issue.record("\(path): '\(boxes[i].mark.text)' (\(boxes[i].mark.id ?? "")) overlaps '\(boxes[j].mark.text)' (\(boxes[j].mark.id ?? ""))")
            }
        }
        // Numbers follow the language: no decimal point in Vietnamese labels, no decimal comma in English ones.
        let vi = path.contains("/vi/")
        for b in boxes where b.mark.id?.hasPrefix("value") == true || b.mark.id?.hasPrefix("tick") == true {
            let t = b.mark.text
            if vi { #expect(t.range(of: #"\d\.\d{1,2}$"#, options: .regularExpression) == nil, "\(path): \(t)") }
            else { #expect(t.range(of: #"\d,\d{1,2}$"#, options: .regularExpression) == nil, "\(path): \(t)") }
        }
    }

    /// Bars of every bar chart in the gallery sit on the value axis and are as long as their values say.
    @Test func barsMatchTheirAxisInEveryBarChart() throws {
        let m = PangoTextMeasurer()
        for (path, chart) in GalleryTests.charts {
            guard let bar = chart as? BarChart, bar.mode != .percent else { continue }
            let s = try bar.scene(measurer: m)
            var grid: [(Double, Double)] = []   // (value, pixel)
            for i in 0... {
                guard case .path(let p)? = s.mark(id: "grid/\(i)")?.mark, case .move(let a) = p.elements[0],
                      case .text(let label)? = s.mark(id: "tick/\(i)")?.mark,
                      let v = NumberParser.parse(label.text.replacingOccurrences(of: "%", with: ""), decimalSeparator: bar.language == .vi ? "," : ".")
                else { break }
                grid.append((v, bar.orientation == .vertical ? a.y : a.x))
            }
            #expect(grid.count >= 3, "\(path)")
            let pxPerUnit = (grid.last!.1 - grid.first!.1) / (grid.last!.0 - grid.first!.0)
            let zero = grid.first!.1 - grid.first!.0 * pxPerUnit
            for v in bar.values where bar.mode != .stacked {
                guard case .rect(let r)? = s.mark(id: BarChart.barID(v.category, v.series))?.mark else {
                    Issue.record("\(path): no bar for \(v.category)/\(v.series)"); continue
                }
                let length = bar.orientation == .vertical ? r.rect.height : r.rect.width
                #expect(abs(length - abs(v.value * pxPerUnit)) < 1e-6, "\(path): \(v.category)/\(v.series)")
                let base = bar.orientation == .vertical ? (v.value >= 0 ? r.rect.maxY : r.rect.minY) : (v.value >= 0 ? r.rect.minX : r.rect.maxX)
                #expect(abs(base - zero) < 1e-6, "\(path): \(v.category)/\(v.series) does not start at zero")
            }
        }
    }
}
