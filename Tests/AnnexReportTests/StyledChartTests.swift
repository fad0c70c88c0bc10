import AnnexChartSpec
import AnnexCharts
@testable import AnnexRender
import AnnexScene
import Foundation
import Testing

/// A spec's `style:` reaches the pixels: each bar of docs/examples/styled-slide.yaml is drawn in the colour its
/// category was given, sampled inside the bar in the PNG; the slide keeps every text at 24 px or more.
@Suite struct StyledChartTests {
    @Test func styleColoursAreThePixelsColours() throws {
        let spec = try ChartSpec.load(path: repoRoot + "/docs/examples/styled-slide.yaml")
        let scene = try spec.chart.scene(measurer: PangoTextMeasurer())
        #expect(scene.width == 1920 && scene.height == 1080, "a slide keeps its frame")
        let png = pixels(try Renderer().render(scene, as: .png))
        for (category, hex) in [("Toàn tỉnh", "#1D4E89"), ("Xã biên giới", "#F28E2B"), ("Xã ĐBKK chỉ đạo điểm", "#59A14F")] {
            guard case .rect(let bar)? = scene.mark(id: BarChart.barID(category, "value"))?.mark else { Issue.record("no bar for \(category)"); continue }
            // Near the bar's foot: clear of the plan tick and its label.
            let (r, g, b) = png.rgb(Int(bar.rect.midX), Int(bar.rect.maxY - 12))
            let want = try #require(Color(hex: hex)).rgba8
            #expect(abs(Int(r) - Int(want.0)) <= 2 && abs(Int(g) - Int(want.1)) <= 2 && abs(Int(b) - Int(want.2)) <= 2,
                    "\(category): pixel (\(r), \(g), \(b)), style \(hex)")
        }
        for (mark, _) in scene.textBoxes(PangoTextMeasurer()) { #expect(mark.font.size >= 24, "\(mark.id ?? mark.text): \(mark.font.size) px") }
    }

    /// A colour for a series the chart does not have is a located error with a hint, not a colour unused.
    @Test func aMisspeltColourKeyIsAnError() throws {
        let text = try String(contentsOfFile: repoRoot + "/docs/examples/styled-slide.yaml", encoding: .utf8)
            .replacingOccurrences(of: "\"Xã biên giới\": \"#F28E2B\"", with: "\"Xã bien giới\": \"#F28E2B\"")
        #expect(throws: (any Error).self) { try ChartSpec.parse(text, file: "styled.yaml", baseFolder: repoRoot + "/docs/examples") }
        do { _ = try ChartSpec.parse(text, file: "styled.yaml", baseFolder: repoRoot + "/docs/examples") } catch {
            #expect(error.description.contains("styled.yaml:21: key 'style.colors.Xã bien giới'") && error.description.contains("did you mean 'Xã biên giới'?"), "\(error)")
        }
    }
}
