import AnnexCharts
import AnnexChartSpec
import AnnexRender
import AnnexScene
import Foundation
import Testing
@testable import AnnexReport

let specFixtures = repoRoot + "/Tests/Fixtures/bad-specs"
let badSpecs = ((try? FileManager.default.contentsOfDirectory(atPath: specFixtures)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
let exampleSpecs = ((try? FileManager.default.contentsOfDirectory(atPath: repoRoot + "/docs/examples")) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()

@Suite struct ChartSpecTests {
    /// Every example of docs/examples renders, and its text is clean.
    @Test(arguments: exampleSpecs)
    func exampleRenders(_ name: String) throws {
        let spec = try ChartSpec.load(path: repoRoot + "/docs/examples/" + name)
        let m = PangoTextMeasurer()
        let scene = try spec.chart.scene(measurer: m)
        let boxes = scene.textBoxes(m)
        for b in boxes { #expect(scene.bounds.contains(b.box, tolerance: 0.5), "\(name): \(b.mark.text)") }
        for i in boxes.indices { for j in boxes.indices where j > i {
            #expect(!boxes[i].box.intersects(boxes[j].box, tolerance: 0.5), "\(name): '\(boxes[i].mark.text)' overlaps '\(boxes[j].mark.text)'")
        } }
    }

    @Test func printSizesBecomePixelsAndDensity() throws {
        let spec = try ChartSpec.load(path: repoRoot + "/docs/examples/capital-from-csv.yaml")
        let bar = try #require(spec.chart as? BarChart)
        #expect(bar.width == 605 && bar.height == 265)      // 160 × 70 mm at 96 px per inch
        #expect(abs(spec.pngScale - 300.0 / 96) < 1e-12)    // 300 dpi
        // The CSV's Vietnamese numbers (3.125,8) were read with the declared decimal comma.
        #expect(bar.values.map(\.value) == [985.7, 3125.8])
    }

    @Test func datasetDataLeavesPlansOutAndCarriesEstimates() throws {
        let spec = try ChartSpec.load(path: repoRoot + "/docs/examples/districts-from-dataset.yaml")
        let bar = try #require(spec.chart as? BarChart)
        #expect(bar.categories.count == 11)
        #expect(bar.values.filter(\.isEstimate).allSatisfy { $0.series == "2020" })
        #expect(bar.values.filter { $0.series == "2020" }.allSatisfy { $0.isEstimate })
        #expect(bar.texts.illustrative)   // the dataset is synthetic
    }

    /// Each bad spec of Tests/Fixtures/bad-specs fails with the error in its `.expected` file, through the command
    /// line: exit code 66, nothing written.
    @Test(arguments: badSpecs)
    func badSpecFailsClearly(_ name: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("annex-spec-\(UUID().uuidString).png").path
        let (status, _, text) = try runAnnex(["chart", name, "-o", out], cwd: specFixtures)
        let expected = try String(contentsOfFile: specFixtures + "/" + name.replacingOccurrences(of: ".yaml", with: ".expected"), encoding: .utf8)
        #expect(status == 66, "\(name): \(text)")
        #expect(text == expected, "\(name)")
        #expect(text.hasPrefix(name) || text.hasPrefix("nowhere"), "\(name): the error names the spec file")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func thereAreBadSpecsOfEveryKind() {
        for kind in ["unknown-key", "unknown-type", "wrong-type-size", "empty-data", "negative-stacked", "missing-column"] {
            #expect(badSpecs.contains(kind + ".yaml"))
        }
    }
}
