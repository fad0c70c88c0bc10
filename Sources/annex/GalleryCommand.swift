// `annex gallery`: every chart type in every theme and both languages.

import AnnexRender
import AnnexScene
import AnnexTools
import ArgumentParser
import Foundation

struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every chart type and variant, in every theme and both languages, as PNG (and SVG/PDF with --format).")

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String = "Output/gallery"

    @Option(name: .long, parsing: .upToNextOption, help: "Formats to write: png, svg, pdf.")
    var format: [OutputFormat] = [.png]

    func run() throws {
        let ds = try loadDataset(data)
        let gallery: AnnexTools.Gallery
        do { gallery = try AnnexTools.Gallery(dataset: ds) } catch {
            Stderr.print("annex: \(error)"); throw ExitCode(.dataError)
        }
        let renderer = Renderer()
        let measurer = PangoTextMeasurer()
        var count = 0
        for (path, chart) in gallery.all() {
            let scene: Scene
            do { scene = try chart.scene(measurer: measurer) } catch {
                Stderr.print("annex: \(path): \(error)"); throw ExitCode(.internalError)
            }
            let base = (output as NSString).appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(atPath: (base as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch { Stderr.print("annex: \(base): \(error.localizedDescription)"); throw ExitCode(.cannotWrite) }
            for f in format {
                // One chart after another, each PNG drawn and encoded on two threads (as `annex chart` does).
                let options = RenderOptions(threads: min(2, ProcessInfo.processInfo.activeProcessorCount))
                do { try renderer.write(scene, to: base + "." + f.fileExtension, format: f, options: options) } catch {
                    Stderr.print("annex: \(error.description)"); throw ExitCode(error.isWriteError ? .cannotWrite : .internalError)
                }
                count += 1
            }
        }
        print("wrote \(count) files under \(output)")
    }
}
