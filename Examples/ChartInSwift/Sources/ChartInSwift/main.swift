// A bar chart built in Swift with Annex's library and written to PNG and SVG: the average number of criteria met
// per commune in three districts of Lạng Sơn, 2019 and the 2020 estimate (hatched), with Vietnamese labels and
// numbers (12,9). The figures are those of Annex's bundled dataset, whose commune-level data is illustrative.
//
//   swift run ChartInSwift [OUTPUT-FOLDER]      (default: the current folder)

import AnnexCharts
import AnnexRender
import Foundation

/// The districts and their mean criteria per commune: 2019 (actual) and 2020 (estimate).
let districts: [(code: String, name: String, mean2019: Double, mean2020: Double)] = [
    ("183", "Cao Lộc", 11.45, 12.90),
    ("186", "Hữu Lũng", 11.74, 12.35),
    ("187", "Chi Lăng", 12.17, 13.89),
]

// What to draw: categories (districts) × series (years), one value per bar. The chart lays itself out.
let chart = BarChart(
    categories: districts.map { ChartKey($0.code, $0.name) },
    series: [ChartKey("2019", "Năm 2019"), ChartKey("2020", "Năm 2020")],
    values: districts.flatMap { d in [
        BarValue(category: d.code, series: "2019", value: d.mean2019),
        BarValue(category: d.code, series: "2020", value: d.mean2020, isEstimate: true),
    ] },
    texts: ChartTexts(
        figureLabel: "Biểu đồ 1.",
        title: "Bình quân số tiêu chí đạt/xã của ba huyện, năm 2019 và ước năm 2020",
        valueAxisTitle: "Tiêu chí/xã",
        source: "Bộ dữ liệu Lạng Sơn của Annex",
        illustrative: true),
    language: .vi,
    width: 1200, height: 675)

let folder = CommandLine.arguments.dropFirst().first ?? "."
do {
    // The chart becomes a scene (marks in pixels, text measured with Pango), which the renderer draws.
    let scene = try chart.scene(measurer: PangoTextMeasurer())
    let renderer = Renderer()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["example-chart.png", "example-chart.svg"] {
        let path = (folder as NSString).appendingPathComponent(name)
        try renderer.write(scene, to: path)   // the format follows the extension; written atomically
        print("wrote \(path)")
    }
} catch {
    FileHandle.standardError.write(Data("ChartInSwift: \(error)\n".utf8))
    exit(1)
}
