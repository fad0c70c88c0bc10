// Owns the `chart` target: a chart spec (chart.yaml) and the CSV, dataset or boundaries it names, parsed,
// laid out with Pango's measurements and drawn to PNG, SVG and PDF in memory.

import AnnexRender
import AnnexReport
import AnnexChartSpec
import Foundation

/// Fuzzes `ChartSpec.load`, chart layout and the three backends.
struct ChartTarget: FuzzTarget {
    let name = "chart"
    let mainFile = "chart.yaml"
    let timeout = 10.0

    func seeds(root: String) throws -> [Seed] {
        var seeds: [Seed] = []
        for (folder, good) in [("docs/examples", true), ("Benchmarks/reference", true), ("Tests/Fixtures/bad-specs", false)] {
            for path in SeedFiles.list((root as NSString).appendingPathComponent(folder), suffix: ".yaml") {
                guard let files = SeedFiles.bundle(spec: path, as: mainFile) else { continue }
                seeds.append(Seed(name: folder + "/" + (path as NSString).lastPathComponent, files: files, isGood: good))
            }
        }
        guard seeds.contains(where: \.isGood) else { throw FuzzError.noSeeds("docs/examples/*.yaml") }
        return seeds
    }

    func execute(folder: String, progress: (Stage) -> Void) -> Outcome {
        let spec: ChartSpec
        do { spec = try ChartSpec.load(path: (folder as NSString).appendingPathComponent(mainFile)) } catch {
            return Outcome(stage: .rejected, error: error.description)
        }
        progress(.parsed)
        return Drawing.draw(spec.chart, progress: progress)
    }
}
