// `annex chart`: one chart from a chart spec.

import AnnexRender
import AnnexChartSpec
import AnnexScene
import ArgumentParser
import Foundation

struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one chart from a YAML spec (see docs/chart-spec.md) to PNG, SVG or PDF.",
        discussion: "The format comes from the output's extension. Nothing is written unless the whole chart renders.")

    @Argument(help: ArgumentHelp("The chart spec (YAML).", valueName: "spec"))
    var spec: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output file: .png, .svg or .pdf.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "PNG pixel density (overrides the spec's dpi).")
    var scale: Double?

    @Option(name: .long, help: "SVG text: elements (<text>, selectable; the default) or paths (glyph outlines, the same in every viewer).")
    var svgText: SVGText = .elements

    func validate() throws {
        guard OutputFormat(path: output) != nil else {
            throw ValidationError("-o \(output): expected a file name ending in .png, .svg or .pdf")
        }
        if let s = scale, !(s.isFinite && s > 0 && s <= 8) { throw ValidationError("--scale must be a number from 0 to 8, found \(s)") }
    }

    func run() throws {
        let parsed: ChartSpec
        do { parsed = try ChartSpec.load(path: spec) } catch {
            Stderr.print(error.description); throw ExitCode(.specError)
        }
        for w in parsed.warnings { Stderr.print("warning: \(w)") }
        let scene: Scene
        do { scene = try parsed.chart.scene(measurer: PangoTextMeasurer()) } catch {
            Stderr.print("\(spec): \(error.description)"); throw ExitCode(.internalError)
        }
        do { try Renderer().write(scene, to: output, options: RenderOptions(scale: scale ?? parsed.pngScale, svgText: svgText,
                                                                     threads: min(2, ProcessInfo.processInfo.activeProcessorCount))) } catch {
            Stderr.print("annex: \(error.description)"); throw ExitCode(error.isWriteError ? .cannotWrite : .internalError)
        }
        print("wrote \(output)")
    }
}
