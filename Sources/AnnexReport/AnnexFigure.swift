import AnnexCharts
import AnnexRender
import AnnexScene

/// The annex's figures as `annex.pdf` sets them: each chart laid out anew on a canvas 1200 px wide, in the layout's
/// theme, at the height its content needs; the page scales it to the text's width.
enum AnnexFigure {
    /// The canvas width every annex figure is laid out at: one scale for all of them on the page, so that their
    /// text has one size.
    static let canvasWidth = 1200.0

    /// The figure's scene for `layout`: `classic` in `report-print` at 675 px (taller for long lists of horizontal
    /// bars); `decree30` in `report-vn` at its natural height (`decree30Height`), a map as tall as it needs to fill the
    /// width.
    static func scene(_ chart: any ChartDescription, layout: AnnexLayout, _ what: String) throws(ReportError) -> Scene {
        switch layout {
        case .classic:
            // Long lists of horizontal bars get a taller figure on the page.
            var height = 675.0
            if let bar = chart as? BarChart, bar.orientation == .horizontal, bar.categories.count > 8 {
                height = min(1350, 675 * Double(bar.categories.count) / 8)
            }
            return try ReportRunner.sceneOf(chart.sized(width: canvasWidth, height: height, theme: .reportPrint), what)
        case .decree30:
            var height = decree30Height(chart)
            var scene = try ReportRunner.sceneOf(chart.sized(width: canvasWidth, height: height, theme: .reportVN), what)
            // A chart with a value axis across its plot gets the height that gives its plot the shape it needs:
            // what is not plot (title, legend, axis labels, notes) stays as tall as it was.
            if let plot = plotSize(scene), plot.height > 0 {
                let wanted = min(maxHeight, max(400, (height - plot.height + plot.width * plotShape).rounded()))
                if abs(wanted - height) > 4 {
                    height = wanted
                    scene = try ReportRunner.sceneOf(chart.sized(width: canvasWidth, height: height, theme: .reportVN), what)
                }
            }
            // A map keeps its shape and narrows its canvas to it: made taller until it fills the width (three steps
            // bring it within 2 %), at most a page's height.
            guard chart is MapChart else { return scene }
            for _ in 0..<3 where scene.width < canvasWidth * 0.98 && height < maxHeight {
                height = min(maxHeight, (height * canvasWidth / max(scene.width, 1)).rounded())
                scene = try ReportRunner.sceneOf(chart.sized(width: canvasWidth, height: height, theme: .reportVN), what)
            }
            return scene
        }
    }

    /// The figure in the `decree30` layout on a canvas `height` px tall: a page finishing with it may ask for it a
    /// little shorter than its natural height (its text keeps its size; its plot gives up the height).
    static func decree30Scene(_ chart: any ChartDescription, height: Double) throws(ReportError) -> Scene {
        try ReportRunner.sceneOf(chart.sized(width: canvasWidth, height: height, theme: .reportVN), "a figure of the annex")
    }

    /// A plot's height to its width under a horizontal value axis: 0,45 (bars and lines neither squat nor steep).
    static let plotShape = 0.45

    /// The plot's width and height (the span of its value axis's grid lines, `grid/<i>`) when its grid lines run
    /// across it (a value axis upright); nil for other charts.
    static func plotSize(_ s: Scene) -> (width: Double, height: Double)? {
        var xs: [Double] = [], ys: [Double] = []
        for i in 0..<200 {
            guard let placed = s.mark(id: "grid/\(i)"), case .path(let p) = placed.mark else { break }
            let ends = p.elements.compactMap { e -> Point? in
                switch e {
                case .move(let q), .line(let q): placed.transform.apply(q)
                default: nil
                }
            }
            // Horizontal lines only: a line's ends share a y.
            guard let a = ends.first, let b = ends.last, abs(a.y - b.y) < 0.01 else { return nil }
            xs += [a.x, b.x]; ys.append(a.y)
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max(), y1 > y0 else { return nil }
        return (x1 - x0, y1 - y0)
    }

    /// The tallest canvas: 1700 px, 88 % of a Decree 30 page's text height once scaled to its width.
    static let maxHeight = 1700.0

    /// A figure's canvas height in the `decree30` layout: a row of 42 px for each bar of a horizontal bar chart and
    /// (46 px) each row of a heat map, with room for the title, legend, axis and footer; 600 px (1:2) for vertical
    /// bars, lines and dumbbells; 900 px to start a map from.
    static func decree30Height(_ chart: any ChartDescription) -> Double {
        let chrome = 330.0, row = 42.0
        if let bar = chart as? BarChart, bar.orientation == .horizontal {
            let bars = bar.mode == .grouped ? bar.categories.count * max(1, bar.series.count) : bar.categories.count
            return min(maxHeight, max(400, chrome + row * Double(bars)))
        }
        if let heat = chart as? HeatmapChart { return min(maxHeight, max(400, chrome + 46 * Double(heat.rows.count))) }
        if chart is MapChart { return 900 }
        return 600
    }
}
