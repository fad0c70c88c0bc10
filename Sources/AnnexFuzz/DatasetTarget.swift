// Owns the `dataset` target: a dataset folder (manifest.yaml and CSV tables) loaded, analysed, and drawn as a
// bar chart and a line chart of its groups (and a map of its districts when it names boundaries).

import AnnexAnalytics
import AnnexData
import AnnexRender
import Foundation

/// Fuzzes `Dataset.load`, `Analysis.run` and the charts drawn from a dataset.
struct DatasetTarget: FuzzTarget {
    let name = "dataset"
    let mainFile = "manifest.yaml"
    let timeout = 10.0
    /// Most mutations go to the CSV tables.
    let mainFileShare = 20

    func seeds(root: String) throws -> [Seed] {
        let langson = SeedFiles.dataset((root as NSString).appendingPathComponent("Datasets/langson"))
        let mini = SeedFiles.dataset((root as NSString).appendingPathComponent("Tests/Fixtures/mini"))
        guard !langson.isEmpty, !mini.isEmpty else { throw FuzzError.noSeeds("Datasets/langson or Tests/Fixtures/mini") }
        var seeds = [Seed(name: "Datasets/langson", files: langson, isGood: true), Seed(name: "Tests/Fixtures/mini", files: mini, isGood: true)]
        let bad = (root as NSString).appendingPathComponent("Tests/Fixtures/bad-datasets")
        for dir in SeedFiles.list(bad, suffix: "") {
            seeds.append(Seed(name: "Tests/Fixtures/bad-datasets/" + (dir as NSString).lastPathComponent, files: SeedFiles.overlay(dir, on: mini), isGood: false))
        }
        return seeds
    }

    /// Charts of any dataset: mean criteria by group and year, as bars and as lines; by district as a map.
    static let charts: [(name: String, yaml: String, needsBoundaries: Bool)] = [
        ("fuzz-bar.yaml", """
            type: bar
            data: { dataset: ., metric: mean_criteria, scope: group }
            encoding: { category: { field: group, label_field: name }, series: year, value: { field: value }, estimate: { field: kind, equals: estimate } }
            """, false),
        ("fuzz-line.yaml", """
            type: line
            lang: en
            data: { dataset: ., metric: mean_criteria }
            encoding: { x: year, series: { field: group, label_field: name }, value: { field: value }, estimate: { field: kind, equals: estimate } }
            """, false),
        ("fuzz-map.yaml", """
            type: map
            data: { dataset: ., metric: mean_criteria, scope: district }
            encoding: { key: group, panel: year, value: { field: value } }
            map: { allow_missing: true }
            """, true),
    ]

    func execute(folder: String, progress: (Stage) -> Void) -> Outcome {
        let ds: Dataset
        do { ds = try Dataset.load(folder: folder) } catch { return Outcome(stage: .rejected, error: error.description) }
        progress(.parsed)
        do { _ = try Analysis.run(ds) } catch { return Outcome(stage: .parsed, error: error.description) }
        progress(.analysed)
        var outcomes: [Outcome] = []
        for chart in Self.charts where !chart.needsBoundaries || ds.manifest.boundaries != nil {
            let formats: [OutputFormat] = chart.needsBoundaries ? [.png] : [.png, .svg]
            outcomes.append(Drawing.draw(specText: chart.yaml, name: chart.name, folder: folder, formats: formats))
            if outcomes.last?.stage == .drawn { progress(.drawn) }
        }
        return Drawing.furthest(outcomes, atLeast: .analysed)
    }
}

/// A fuzzer setup problem (not a finding).
public enum FuzzError: Error, CustomStringConvertible {
    case noSeeds(String)
    case unknownTarget(String)
    case io(String)

    public var description: String {
        switch self {
        case .noSeeds(let what): "no seed inputs found: \(what) (run from the project folder or pass --root)"
        case .unknownTarget(let t): "unknown target '\(t)': expected one of \(FuzzTargets.names.joined(separator: ", ")) or all"
        case .io(let s): s
        }
    }
}
