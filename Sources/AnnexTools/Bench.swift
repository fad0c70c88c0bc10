import AnnexAnalytics
import AnnexCharts
import AnnexChartSpec
import AnnexData
import AnnexRender
import AnnexIO
import AnnexReport
import AnnexScene
import Foundation

/// Repeated timings of one piece of work, summarised.
package struct Timing: Sendable {
    package var name: String
    package var samples: [Double]   // milliseconds
    package var bytes: Int

    package init(name: String, samples: [Double] = [], bytes: Int = 0) { self.name = name; self.samples = samples; self.bytes = bytes }

    package var median: Double { percentile(0.5) }
    package var p10: Double { percentile(0.1) }
    package var p90: Double { percentile(0.9) }

    func percentile(_ q: Double) -> Double {
        let s = samples.sorted()
        guard !s.isEmpty else { return .nan }
        let pos = q * Double(s.count - 1)
        let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
        return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
    }
}

/// Times each chart type of the gallery (report theme, Vietnamese, 1600×900): building the scene from its
/// description (layout with Pango measurement), then drawing and encoding it to PNG, SVG and PDF, in memory.
/// Each timed chart starts from its description with a fresh measurer, as a report run does.
package enum AnnexBench {
    package static func run(dataset: Dataset, iterations: Int, only: String? = nil) throws -> [Timing] {
        let gallery = try Gallery(dataset: dataset)
        let renderer = Renderer()
        func time(_ body: () throws -> Int) rethrows -> (Double, Int) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let n = try body()
            return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, n)
        }
        var results: [Timing] = []
        for e in gallery.entries(language: .vi, theme: .report) where only == nil || e.name.contains(only!) {
            // Warm-up: font map and glyph caches.
            for f in OutputFormat.allCases { _ = try renderer.render(try e.chart.scene(measurer: PangoTextMeasurer()), as: f) }
            var layout = Timing(name: "\(e.name) scene", samples: [], bytes: 0)
            var formats = OutputFormat.allCases.map { Timing(name: "\(e.name) → \($0.rawValue.uppercased())", samples: [], bytes: 0) }
            for _ in 0..<iterations {
                layout.samples.append(try time { _ = try e.chart.scene(measurer: PangoTextMeasurer()); return 0 }.0)
                for (i, f) in OutputFormat.allCases.enumerated() {
                    let (ms, n) = try time { try renderer.render(try e.chart.scene(measurer: PangoTextMeasurer()), as: f).count }
                    formats[i].samples.append(ms)
                    formats[i].bytes = n
                }
            }
            results.append(layout)
            results += formats
        }
        return results
    }
}

extension AnnexBench {
    package static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }

    /// The default annex in this process, after a first run has warmed fonts and caches.
    package static func warmAnnex(spec: String, jobs: Int, iterations: Int) throws -> Timing {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportRunner.run(specPath: spec, options: ReportOptions(output: dir, jobs: jobs))
        var t = Timing(name: "annex, warm, --jobs \(jobs)", samples: [], bytes: 0)
        for _ in 0..<iterations {
            t.samples.append(try milliseconds { _ = try ReportRunner.run(specPath: spec, options: ReportOptions(output: dir, jobs: jobs)) })
        }
        return t
    }

    /// Loading and analysing a dataset; and the analysis alone.
    package static func analytics(folder: String, label: String, iterations: Int) throws -> [Timing] {
        var load = Timing(name: "\(label): load + check", samples: [], bytes: 0)
        var analyse = Timing(name: "\(label): analysis", samples: [], bytes: 0)
        for _ in 0..<iterations {
            var ds: Dataset? = nil
            load.samples.append(try milliseconds { ds = try Dataset.load(folder: folder) })
            analyse.samples.append(try milliseconds { _ = try Analysis.run(ds!) })
        }
        return [load, analyse]
    }
}

extension AnnexBench {
    /// The reference charts of `Benchmarks/reference/` timed as the peer scripts time theirs: each chart built
    /// afresh from its description (layout with a fresh measurer), drawn, encoded and written to a file, `count`
    /// times per format after one warm-up per format. The spec and its data (and the GeoJSON) are read once,
    /// outside the timing, as the peers read theirs.
    package static func reference(specs: [String], count: Int, rounds: Int, outDir: String,
                                 formats: [OutputFormat] = OutputFormat.allCases) throws -> [Timing] {
        let renderer = Renderer()
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        var results: [Timing] = []
        for path in specs {
            let spec = try ChartSpec.load(path: path)
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            // The parts: layout alone (fresh measurer), and layout plus drawing into pixels (no encoding).
            _ = try renderer.rasterizeOnly(try spec.chart.scene(measurer: PangoTextMeasurer()))
            var layout = Timing(name: "\(name): layout"), pixels = Timing(name: "\(name): layout + drawing")
            for _ in 0..<rounds {
                layout.samples.append(try milliseconds { for _ in 0..<count { _ = try spec.chart.scene(measurer: PangoTextMeasurer()) } } / Double(count))
                pixels.samples.append(try milliseconds { for _ in 0..<count { try renderer.rasterizeOnly(try spec.chart.scene(measurer: PangoTextMeasurer())) } } / Double(count))
            }
            results += [layout, pixels]
            // PNG twice: on one thread, and on two as `annex chart` encodes a single chart (same bytes).
            for (format, threads) in formats.flatMap({ $0 == .png ? [($0, 1), ($0, 2)] : [($0, 1)] }) {
                let file = (outDir as NSString).appendingPathComponent("annex_\(name).\(format.rawValue)")
                func once() throws -> Int {
                    let bytes = try renderer.render(try spec.chart.scene(measurer: PangoTextMeasurer()), as: format,
                                                    options: RenderOptions(threads: threads))
                    guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else { throw BenchError("cannot write \(file)") }
                    return bytes.count
                }
                _ = try once()
                var t = Timing(name: "\(name) → \(format.rawValue.uppercased())" + (threads > 1 ? " on \(threads) threads" : ""))
                for _ in 0..<rounds {
                    var n = 0
                    let ms = try milliseconds { for _ in 0..<count { n = try once() } }
                    t.samples.append(ms / Double(count))
                    t.bytes = n
                }
                results.append(t)
            }
        }
        return results
    }
}

package struct BenchError: Error, CustomStringConvertible {
    package var description: String
    package init(_ d: String) { description = d }
}

extension AnnexBench {
    /// `count` charts (the gallery's, in the report and slide themes, both languages, in that order), each laid
    /// out and drawn to PNG, SVG and PDF, on `jobs` workers, the way a report run renders its figures. Returns
    /// the wall time and a digest of every output byte in order (equal digests: byte-identical outputs).
    package static func parallelRun(dataset: Dataset, count: Int, jobs: Int) throws -> (ms: Double, digest: String) {
        let gallery = try Gallery(dataset: dataset)
        var charts: [any ChartDescription] = []
        outer: for theme in [Theme.report, .slide, .reportSerif, .slideDark] {
            for lang in [Language.vi, .en] {
                for e in gallery.entries(language: lang, theme: theme) {
                    charts.append(e.chart)
                    if charts.count == count { break outer }
                }
            }
        }
        let tasks = charts.enumerated().map { i, chart in
            RenderTask(name: "chart \(i)", cost: RenderTask.cost(of: chart)) {
                let scene = try chart.scene(measurer: PangoTextMeasurer())
                return try OutputFormat.allCases.map { f in ("\(i).\(f.rawValue)", try Renderer().render(scene, as: f), FileMeta(kind: "figure", number: i, title: "", alt: "")) }
            }
        }
        var files: [(path: String, bytes: [UInt8], meta: FileMeta)] = []
        let ms = try milliseconds { files = try RenderTask.run(tasks, jobs: jobs) }
        return (ms, SHA256.hex(files.flatMap { Array($0.path.utf8) + $0.bytes }))
    }
}
