// Owns the drawing step shared by the targets: a chart spec (text or file) to a scene measured by Pango, and
// the scene to PNG (small scale), SVG and PDF bytes in memory; nothing is written to disk.

import AnnexCharts
import AnnexChartSpec
import AnnexRender
import AnnexReport
import AnnexScene
import Foundation

/// Lays out and draws charts in memory.
enum Drawing {
    /// The PNG scale of fuzz cases: small, so that drawing stays fast.
    static let pngScale = 0.25

    /// Draws `chart` to the given formats; the first error is returned as text, with the stage it came at.
    static func draw(_ chart: any ChartDescription, formats: [OutputFormat] = OutputFormat.allCases,
                     progress: (Stage) -> Void = { _ in }) -> Outcome {
        let scene: Scene
        do { scene = try chart.scene(measurer: PangoTextMeasurer()) } catch {
            return Outcome(stage: .parsed, error: "layout: \(error)")
        }
        progress(.analysed)
        let renderer = Renderer()
        for format in formats {
            do { _ = try renderer.render(scene, as: format, options: RenderOptions(scale: pngScale)) } catch {
                return Outcome(stage: .analysed, error: "\(format.rawValue): \(error.description)")
            }
        }
        progress(.drawn)
        return Outcome(stage: .drawn)
    }

    /// Parses a chart spec given as text (read from `folder`'s point of view) and draws it.
    static func draw(specText: String, name: String, folder: String, formats: [OutputFormat],
                     progress: (Stage) -> Void = { _ in }) -> Outcome {
        let spec: ChartSpec
        do { spec = try ChartSpec.parse(specText, file: (folder as NSString).appendingPathComponent(name), baseFolder: folder) } catch {
            return Outcome(stage: .parsed, error: error.description)
        }
        return draw(spec.chart, formats: formats, progress: progress)
    }

    /// The furthest of several outcomes, keeping the first error met at that stage.
    static func furthest(_ outcomes: [Outcome], atLeast floor: Stage) -> Outcome {
        let best = outcomes.map(\.stage).max() ?? floor
        let stage = max(best, floor)
        return Outcome(stage: stage, error: stage == .drawn ? nil : outcomes.first { $0.error != nil }?.error)
    }
}
