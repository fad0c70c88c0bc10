// Owns the `report` target: a report spec (report.yaml) and its dataset (dataset/) run by ReportRunner into
// a scratch output folder beside the case, which is removed afterwards.

import AnnexReport
import Foundation

/// Fuzzes `ReportSpec.load` and `ReportRunner.run`: figures, tables, slides, the annex PDF, findings.
struct ReportTarget: FuzzTarget {
    let name = "report"
    let mainFile = "report.yaml"
    let timeout = 30.0

    func seeds(root: String) throws -> [Seed] {
        var seeds: [Seed] = []
        for (folder, good) in [("Reports", true), ("Tests/Fixtures/bad-reports", false)] {
            for path in SeedFiles.list((root as NSString).appendingPathComponent(folder), suffix: ".yaml") {
                guard let files = SeedFiles.bundle(spec: path, as: mainFile) else { continue }
                seeds.append(Seed(name: folder + "/" + (path as NSString).lastPathComponent, files: files, isGood: good))
            }
        }
        guard seeds.contains(where: \.isGood) else { throw FuzzError.noSeeds("Reports/*.yaml") }
        return seeds
    }

    func execute(folder: String, progress: (Stage) -> Void) -> Outcome {
        let specPath = (folder as NSString).appendingPathComponent(mainFile)
        do { _ = try ReportSpec.load(path: specPath) } catch { return Outcome(stage: .rejected, error: error.description) }
        progress(.parsed)
        let output = folder.hasSuffix("/") ? String(folder.dropLast()) + ".out" : folder + ".out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        do {
            _ = try ReportRunner.run(specPath: specPath, options: ReportOptions(output: output, jobs: 1))
        } catch {
            switch error {
            case .spec, .data: return Outcome(stage: .parsed, error: error.description)
            case .chart, .render, .output, .units: return Outcome(stage: .analysed, error: error.description)
            }
        }
        progress(.drawn)
        return Outcome(stage: .drawn)
    }
}
